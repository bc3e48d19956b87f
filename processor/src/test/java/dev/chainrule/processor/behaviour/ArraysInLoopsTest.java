package dev.chainrule.processor.behaviour;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.numeric.FiniteDifferences.Scheme;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Arrays allocated inside loops (each iteration's its own; the pullback keeps them in a pool for the
 * reverse sweep): scratch arrays overwritten and read nonlinearly, array initializers, calls of
 * vector-valued methods in loops, and the determinant by expansion along minors (recursive, a new
 * minor per column), whose gradient is the cofactor matrix — in both modes and, for the determinant,
 * to second order.
 */
class ArraysInLoopsTest {

  static final String SOURCE = """
      package p;

      import dev.chainrule.Differentiable;

      public final class Scratch {
        private Scratch() {}

        @Differentiable
        public static double scratch(double[] x, int n) {
          double s = 0;
          for (int k = 0; k < n; k++) {
            double[] t = new double[x.length];
            for (int i = 0; i < x.length; i++) {
              t[i] = Math.sin(x[i] * (k + 1));
              t[i] = t[i] * t[i] + x[i];
            }
            for (int i = 0; i < x.length; i++) {
              s += t[i] * t[(i + 1) % x.length];
            }
          }
          return s;
        }

        @Differentiable
        public static double pairs(double x, double y) {
          double s = 0;
          for (int k = 1; k <= 3; k++) {
            double[] p = {x * k, y / k};
            if (p[0] > p[1]) {
              double[][] q = new double[2][2];
              q[0][1] = p[0] * p[1];
              q[1][0] = Math.exp(-p[0]);
              s += q[0][1] + q[1][0];
            }
          }
          return s;
        }

        @Differentiable
        public static double[] twice(double[] x) {
          double[] y = new double[x.length];
          for (int i = 0; i < x.length; i++) {
            y[i] = 2 * x[i] * x[i];
          }
          return y;
        }

        @Differentiable
        public static double iterate(double[] x, int n) {
          double[] z = new double[x.length];
          for (int i = 0; i < x.length; i++) {
            z[i] = x[i];
          }
          double s = 0;
          for (int k = 0; k < n; k++) {
            double[] y = twice(z);
            for (int i = 0; i < z.length; i++) {
              z[i] = Math.tanh(y[i] - z[i]);
              s += z[i] * y[i];
            }
          }
          return s;
        }

        /** GradBench's det: expansion along the first row, recursively on the minors. */
        @Differentiable(order = 2)
        public static double det(double[][] a) {
          int n = a.length;
          if (n == 1) {
            return a[0][0];
          }
          double s = 0;
          double sign = 1;
          for (int c = 0; c < n; c++) {
            double[][] m = new double[n - 1][n - 1];
            for (int i = 1; i < n; i++) {
              int k = 0;
              for (int j = 0; j < n; j++) {
                if (j != c) {
                  m[i - 1][k] = a[i][j];
                  k++;
                }
              }
            }
            s += sign * a[0][c] * det(m);
            sign = -sign;
          }
          return s;
        }
      }
      """;

  private static CompiledSources compiled;

  @BeforeAll
  static void compile() {
    compiled = CompiledSources.compile(Map.of("p.Scratch", SOURCE));
  }

  private static Differentiated scratch(String method, String... wrt) {
    return Differentiated.of(compiled, "p.Scratch", method, wrt);
  }

  @Test
  void scratchArrayPerIteration() {
    GradientOracle.check(scratch("scratch", "x"), new double[] {0.3, -0.7, 1.2}, 3);
    GradientOracle.check(scratch("scratch", "x"), new double[] {0.3, -0.7}, 0);
  }

  @Test
  void initializersAndMatricesInLoopsAndBranches() {
    GradientOracle.check(scratch("pairs", "x", "y"), Scheme.CENTRAL, 0.8, 1.5);
    GradientOracle.check(scratch("pairs", "x", "y"), Scheme.CENTRAL, -0.4, 2.5);
  }

  @Test
  void vectorCallInALoop() {
    GradientOracle.check(scratch("iterate", "x"), new double[] {0.2, -0.4, 0.6}, 4);
  }

  /** ∂det/∂a = det(a) · a^{-T}: the cofactors. */
  @Test
  void determinantGradientIsTheCofactorMatrix() {
    double[][] a = {{2, -1, 0.5, 1}, {0.3, 1, 4, -2}, {1, 2, -3, 0.25}, {0.5, 0, 1, 1.5}};
    Record g = GradientOracle.check(scratch("det", "a"), (Object) a);
    double[][] grad = (double[][]) Differentiated.component(g, "a");
    for (int i = 0; i < 4; i++) {
      for (int j = 0; j < 4; j++) {
        assertEquals(cofactor(a, i, j), grad[i][j], 1e-12, "∂det/∂a[" + i + "][" + j + "]");
      }
    }
    SecondOrderOracle.check(compiled, scratch("det", "a"), Scheme.RICHARDSON,
        (Object) new double[][] {{2, -1, 0.5}, {0.3, 1, 4}, {1, 2, -3}});
  }

  private static double cofactor(double[][] a, int row, int col) {
    int n = a.length;
    double[][] m = new double[n - 1][n - 1];
    for (int i = 0, r = 0; i < n; i++) {
      if (i == row) {
        continue;
      }
      for (int j = 0, c = 0; j < n; j++) {
        if (j != col) {
          m[r][c++] = a[i][j];
        }
      }
      r++;
    }
    return ((row + col) % 2 == 0 ? 1 : -1) * det(m);
  }

  private static double det(double[][] m) {
    if (m.length == 1) {
      return m[0][0];
    }
    if (m.length == 2) {
      return m[0][0] * m[1][1] - m[0][1] * m[1][0];
    }
    double s = 0;
    for (int c = 0; c < m.length; c++) {
      s += ((c % 2 == 0) ? 1 : -1) * m[0][c] * cofactorMinorDet(m, c);
    }
    return s;
  }

  private static double cofactorMinorDet(double[][] m, int col) {
    return ((col % 2 == 0) ? 1 : -1) * cofactor(m, 0, col);
  }
}
