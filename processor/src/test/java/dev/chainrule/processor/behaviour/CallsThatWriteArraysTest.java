package dev.chainrule.processor.behaviour;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.numeric.FiniteDifferences.Scheme;
import java.util.Map;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.LUDecomposition;
import org.hipparchus.linear.RealMatrix;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Calls that write into arrays they are given (issue "Differentiate Java as people write it", item
 * 8): {@code @Differentiable} callees and other code that advance an index, fill a work array or
 * permute rows, in straight-line code, loops, branches, an if's condition and recursion. The
 * reverse sweep saves such arrays before the call and puts them back when it passes it, so every
 * pullback runs on the arrays its call saw; gradients, tangents and Hessians against finite
 * differences and closed forms, and the arrays the pullback leaves against those the method leaves.
 */
class CallsThatWriteArraysTest {

  static final String SOURCE = """
      package p;

      import dev.chainrule.Differentiable;
      import dev.chainrule.NoDerivative;

      public final class W {
        private W() {}

        /** Reads x at the index, then advances it. */
        @Differentiable
        public static double next(double[] x, int[] idx) {
          double v = x[idx[0]] * x[idx[0]];
          idx[0] = (idx[0] + 1) % x.length;
          return v;
        }

        /** Other code (not differentiated) that advances the index. */
        static int shift(int[] r, int n) {
          r[0] = (r[0] + 1) % n;
          return r[0];
        }

        /** Three reads by the callee, each at the index the previous one left. */
        @Differentiable
        public static double walk(double[] x, int start) {
          int[] idx = new int[1];
          idx[0] = start;
          double a = next(x, idx);
          double b = next(x, idx);
          double c = next(x, idx);
          return a * x[idx[0]] + b * c;
        }

        /** An index read before other code changes it, and read again by the reverse sweep. */
        @Differentiable
        public static double before(double[] a, int start) {
          int[] r = {start};
          double t = a[r[0]] * a[1];
          int k = shift(r, a.length);
          double u = a[k] * t;
          return u + a[r[0]];
        }

        /** In a loop, through a row of a work matrix the callee fills. */
        @Differentiable
        public static double fill(double x, int k, @NoDerivative double[][] work) {
          double[] row = work[k];
          for (int j = 0; j < row.length; j++) {
            row[j] = j + 1;
          }
          return x * row[row.length - 1];
        }

        @Differentiable
        public static double loop(double[] x, int n) {
          double[][] work = new double[2][3];
          int[] idx = new int[1];
          double s = 0;
          for (int i = 0; i < n; i++) {
            double f = fill(x[i % x.length], i % 2, work);
            double v = next(x, idx);
            s += f * v + work[i % 2][1] * x[idx[0]];
          }
          return s;
        }

        /** The callee passes the array on to a callee that writes it. */
        @Differentiable
        public static double twice(double[] x, int[] idx) {
          double v = next(x, idx);
          double w = next(x, idx);
          return v + w;
        }

        /** A call in an if's condition that advances the index the branches and the rest read. */
        @Differentiable
        public static double branch(double[] x, int start) {
          int[] r = {start};
          double s = x[r[0]];
          if (shift(r, x.length) > 1) {
            s = s * x[r[0]];
          } else {
            s = s + Math.sin(x[r[0]]);
          }
          return s * x[r[0]];
        }

        /** The determinant by expansion by minors, as GradBench writes it: rows and columns removed in place. */
        @Differentiable(order = 2)
        public static double det(double[] a, int ell) {
          int[] r = new int[ell + 1];
          int[] c = new int[ell + 1];
          for (int i = 0; i < ell; i++) {
            r[i] = i + 1;
            c[i] = i + 1;
          }
          return minor(a, ell, ell, r, c);
        }

        @Differentiable
        public static double minor(double[] a, int n, int m, int[] r, int[] c) {
          int r0 = r[n];
          int cj = c[n];
          if (m == 1) {
            return a[r0 * n + cj];
          }
          double detM = 0;
          int sign = 1;
          r[n] = r[r0];
          int previous = n;
          for (int j = 0; j < m; j++) {
            double m0j = a[r0 * n + cj];
            c[previous] = c[cj];
            double detS = minor(a, n, m - 1, r, c);
            c[previous] = cj;
            if (sign > 0) {
              detM = detM + m0j * detS;
            } else {
              detM = detM - m0j * detS;
            }
            previous = cj;
            cj = c[cj];
            sign = -sign;
          }
          r[n] = r0;
          return detM;
        }
      }
      """;

  private static CompiledSources compiled;

  @BeforeAll
  static void compile() {
    compiled = CompiledSources.compile(Map.of("p.W", SOURCE));
  }

  private static Differentiated w(String method, String... wrt) {
    return Differentiated.of(compiled, "p.W", method, wrt);
  }

  private static final double[] X = {0.7, -1.3, 2.1, 0.4};

  @Test
  void aCalleeAdvancesAnIndexBetweenCalls() {
    for (int start = 0; start < X.length; start++) {
      Record g = GradientOracle.check(w("walk", "x"), X.clone(), start);
      // closed form at start 0: a = x0², b = x1², c = x2², result a·x3 + b·c
      if (start == 0) {
        double[] d = (double[]) Differentiated.component(g, "x");
        assertArrayEquals(new double[] {2 * X[0] * X[3], 2 * X[1] * X[2] * X[2], 2 * X[2] * X[1] * X[1], X[0] * X[0]},
            d, 1e-14);
      }
    }
  }

  /** Was a wrong gradient (0 and 10 for 4 and 4): the reverse sweep read the index as the call left it. */
  @Test
  void otherCodeChangesAnIndexTheReverseSweepReadsBefore() {
    double[] a = {1, 2, 3};
    Record g = GradientOracle.check(w("before", "a"), a, 0);
    // u + a[1] with u = a[1]·a[0]·a[1]: ∂/∂a = (a1², 2·a0·a1 + 1, 0)
    assertArrayEquals(new double[] {4, 5, 0}, (double[]) Differentiated.component(g, "a"), 1e-14);
    for (int start = 0; start < a.length; start++) {
      GradientOracle.check(w("before", "a"), X.clone(), start);
    }
  }

  @Test
  void callsThatWriteInALoop() {
    for (int n : new int[] {0, 1, 2, 5, 9}) {
      GradientOracle.check(w("loop", "x"), X.clone(), n);
    }
  }

  @Test
  void anIfConditionThatWrites() {
    for (int start = 0; start < X.length; start++) {
      GradientOracle.check(w("branch", "x"), X.clone(), start);
    }
  }

  /** The method writes into its caller's array: its pullback leaves it as the method does. */
  @Test
  void theCallersArrayEndsAsTheMethodLeavesIt() {
    int[] byMethod = {1};
    double value = (double) CompiledSources.invoke(compiled.method("p.W", "twice"), X.clone(), byMethod);
    int[] byGradient = {1};
    Record g = w("twice", "x").gradient(X.clone(), byGradient);
    assertArrayEquals(byMethod, byGradient);
    assertEquals(value, Differentiated.recordValue(g));
    // x1² + x2²
    assertArrayEquals(new double[] {0, 2 * X[1], 2 * X[2], 0}, (double[]) Differentiated.component(g, "x"), 1e-14);
  }

  @Test
  void determinantByMinorsInPlace() {
    Random random = new Random(7);
    for (int ell = 1; ell <= 5; ell++) {
      double[] a = new double[ell * ell];
      for (int i = 0; i < a.length; i++) {
        a[i] = random.nextGaussian();
      }
      Record g = GradientOracle.check(w("det", "a"), a, ell);
      // Hipparchus's LU decomposition: the determinant, and its gradient det(A)·A⁻ᵀ (the cofactors).
      LUDecomposition lu = new LUDecomposition(new Array2DRowRealMatrix(square(a, ell)));
      assertEquals(lu.getDeterminant(), Differentiated.recordValue(g), 1e-12);
      RealMatrix cofactors = lu.getSolver().getInverse().transpose().scalarMultiply(lu.getDeterminant());
      double[] grad = (double[]) Differentiated.component(g, "a");
      for (int i = 0; i < ell; i++) {
        for (int j = 0; j < ell; j++) {
          assertEquals(cofactors.getEntry(i, j), grad[i * ell + j], 1e-10, "∂det/∂a[" + i + "][" + j + "]");
        }
      }
    }
    double[] a = {2, -1, 0.5, 1, 3, -2, 0.25, 1.5, 1};
    SecondOrderOracle.check(compiled, w("det", "a"), Scheme.RICHARDSON, a, 3);
  }

  private static double[][] square(double[] a, int ell) {
    double[][] m = new double[ell][ell];
    for (int i = 0; i < ell; i++) {
      System.arraycopy(a, i * ell, m[i], 0, ell);
    }
    return m;
  }
}
