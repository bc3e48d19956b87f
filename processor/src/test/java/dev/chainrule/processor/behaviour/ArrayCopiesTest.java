package dev.chainrule.processor.behaviour;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.numeric.FiniteDifferences.Scheme;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Copies of arrays (issue 16, item 5): {@code clone()}, {@code Arrays.copyOf},
 * {@code Arrays.copyOfRange}, {@code System.arraycopy} (also within one array, both ways) and
 * {@code Arrays.fill}, lowered by the frontend to a new array and a loop; the derivatives flow
 * through the copies into the originals. Gradients and pushforwards against differences and closed
 * forms, in loops, branches and calls; a Hessian of an {@code order = 2} method; a copy returned by a
 * vector-valued method against its Jacobian.
 */
class ArrayCopiesTest {

  static final String SOURCE = """
      package p;

      import dev.chainrule.Differentiable;
      import java.util.Arrays;

      public final class Copies {
        private Copies() {}

        /** The copy is changed, the original read again: Σ (w_i x + i) w_i. */
        @Differentiable
        public static double cloned(double[] w, double x) {
          double[] c = w.clone();
          double s = 0;
          for (int i = 0; i < c.length; i++) {
            c[i] = c[i] * x + i;
            s += c[i] * w[i];
          }
          return s;
        }

        /** Longer and shorter copies: the padding is zero. */
        @Differentiable
        public static double grownAndShrunk(double[] w) {
          double[] a = Arrays.copyOf(w, w.length + 2);
          double[] b = java.util.Arrays.copyOf(w, 2);
          double s = 0;
          for (int i = 0; i < a.length; i++) {
            s += a[i] * a[i] + (a[i] == 0 ? 1 : 0);
          }
          return s * b[1] + b[0];
        }

        /** A range of the middle, in a branch, passed to a helper. */
        @Differentiable
        public static double middle(double[] w, double x) {
          double r;
          if (x > 0) {
            double[] m = Arrays.copyOfRange(w, 1, w.length - 1);
            r = norm2(m) * x;
          } else {
            double[] m = Arrays.copyOfRange(w, w.length - 2, w.length + 1);
            r = m[0] * m[1] + m[2] - x;
          }
          return r;
        }

        /** A shifted copy, then copies within one array in both directions. */
        @Differentiable
        public static double shifted(double[] w, double x) {
          double[] t = new double[w.length + 1];
          System.arraycopy(w, 0, t, 1, w.length);
          t[0] = x;
          System.arraycopy(t, 0, t, 1, 2);
          System.arraycopy(t, 2, t, 0, t.length - 2);
          double s = 0;
          for (int i = 0; i < t.length; i++) {
            s += (i + 1) * t[i] * t[i];
          }
          return s;
        }

        @Differentiable
        public static double filled(double[] w, double x) {
          double[] f = new double[w.length];
          Arrays.fill(f, x * x);
          Arrays.fill(f, 1, 3, w[0]);
          double s = 0;
          for (int i = 0; i < f.length; i++) {
            s += f[i] * w[i];
          }
          return s;
        }

        /** A fresh copy per iteration, one element of it changed. */
        @Differentiable
        public static double perIteration(double[] w) {
          double s = 0;
          for (int k = 0; k < w.length; k++) {
            double[] c = Arrays.copyOf(w, w.length);
            c[k] = c[k] * c[k];
            s += Math.sin(norm2(c)) * w[k];
          }
          return s;
        }

        /** A row's copy. */
        @Differentiable
        public static double row(double[][] m, double x) {
          double[] r = m[1].clone();
          r[0] += x;
          return r[0] * r[1] + m[1][0];
        }

        @Differentiable
        public static double[] firstTwo(double[] w, double x) {
          double[] t = w.clone();
          t[0] = t[0] * x;
          return Arrays.copyOfRange(t, 0, 2);
        }

        @Differentiable(order = 2)
        public static double second(double[] w) {
          double[] c = Arrays.copyOf(w, w.length);
          double[] d = new double[w.length];
          System.arraycopy(c, 1, d, 0, c.length - 1);
          Arrays.fill(c, 0, 1, w[1] * w[2]);
          double s = 0;
          for (int i = 0; i < c.length; i++) {
            s += c[i] * d[i] * w[i];
          }
          return s;
        }

        @Differentiable
        public static double norm2(double[] v) {
          double s = 0;
          for (int i = 0; i < v.length; i++) {
            s += v[i] * v[i];
          }
          return s;
        }
      }
      """;

  private static CompiledSources compiled;

  @BeforeAll
  static void compile() {
    compiled = CompiledSources.compile(Map.of("p.Copies", SOURCE));
  }

  private static Differentiated m(String method, String... wrt) {
    return Differentiated.of(compiled, "p.Copies", method, wrt);
  }

  private static final double[] W = {0.7, -1.2, 0.4, 1.9};

  @Test
  void cloneThenChangeTheCopy() {
    double x = 1.3;
    Record g = GradientOracle.check(m("cloned", "w", "x"), W.clone(), x);
    double[] dw = new double[W.length];
    double dx = 0;
    for (int i = 0; i < W.length; i++) {
      dw[i] = 2 * W[i] * x + i; // d/dw_i of (w_i x + i) w_i
      dx += W[i] * W[i];
    }
    assertArrayEquals(dw, (double[]) Differentiated.component(g, "w"), 1e-13);
    assertEquals(dx, (double) Differentiated.component(g, "x"), 1e-13);
  }

  @Test
  void copyOfLongerAndShorter() {
    GradientOracle.check(m("grownAndShrunk", "w"), (Object) W.clone());
  }

  @Test
  void copyOfRangeInBranchesAndCalls() {
    GradientOracle.check(m("middle", "w", "x"), W.clone(), 0.8);
    Record g = GradientOracle.check(m("middle", "w", "x"), W.clone(), -0.8);
    // m = (w2, w3, 0): r = w2 w3 - x
    assertArrayEquals(new double[] {0, 0, W[3], W[2]}, (double[]) Differentiated.component(g, "w"), 0);
  }

  @Test
  void arraycopyShiftedAndWithinOneArray() {
    double x = 0.5;
    Record g = GradientOracle.check(m("shifted", "w", "x"), W.clone(), x);
    // t = (x, w0, w1, w2, w3) -> (x, x, w0, w2, w3) -> (w0, w2, w3, w2, w3)
    double[] dw = {2 * 1 * W[0], 0, 2 * 2 * W[2] + 2 * 4 * W[2], 2 * 3 * W[3] + 2 * 5 * W[3]};
    assertArrayEquals(dw, (double[]) Differentiated.component(g, "w"), 1e-13);
    assertEquals(0, (double) Differentiated.component(g, "x"), 0);
  }

  @Test
  void fillAllAndARange() {
    double x = 1.1;
    Record g = GradientOracle.check(m("filled", "w", "x"), W.clone(), x);
    // f = (x², w0, w0, x²): s = x² w0 + w0 w1 + w0 w2 + x² w3
    double[] dw = {x * x + W[1] + W[2], W[0], W[0], x * x};
    assertArrayEquals(dw, (double[]) Differentiated.component(g, "w"), 1e-13);
    assertEquals(2 * x * (W[0] + W[3]), (double) Differentiated.component(g, "x"), 1e-13);
  }

  @Test
  void aCopyPerIteration() {
    GradientOracle.check(m("perIteration", "w"), (Object) W.clone());
  }

  @Test
  void cloneOfARow() {
    double[][] m = {{0.3, 0.6}, {1.5, -0.4}};
    double x = 0.9;
    Record g = GradientOracle.check(m("row", "m", "x"), m, x);
    // (m10 + x) m11 + m10
    assertArrayEquals(new double[][] {{0, 0}, {m[1][1] + 1, m[1][0] + x}},
        (double[][]) Differentiated.component(g, "m"));
    assertEquals(m[1][1], (double) Differentiated.component(g, "x"), 0);
  }

  @Test
  void returnedCopy() {
    VectorOracle.of(compiled, "p.Copies", "firstTwo", "w", "x").check(W.clone(), 1.7);
  }

  @Test
  void secondOrderThroughCopies() {
    SecondOrderOracle.check(compiled, m("second", "w"), Scheme.RICHARDSON, (Object) W.clone());
  }
}
