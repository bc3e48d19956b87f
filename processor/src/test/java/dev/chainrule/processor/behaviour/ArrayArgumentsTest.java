package dev.chainrule.processor.behaviour;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.numeric.GradientCheck;
import dev.chainrule.numeric.Packing;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Array arguments the method writes into (issue 13, items 4 and 6). After the gradient and after
 * the pullback, every array argument holds exactly what it holds after the method itself — the
 * reverse sweep restores the values it overwrote, and the pullback gives the arrays back their
 * state after the forward sweep — and the gradient matches Richardson finite differences of the
 * original method (each evaluation on fresh copies of the arrays). A written {@code @NoDerivative}
 * array that shares storage with a differentiated one makes the pullback throw instead of
 * returning a gradient that treats the write as a change of the input.
 */
class ArrayArgumentsTest {
  private static final String SOURCE = """
      package p;

      import dev.chainrule.Differentiable;
      import dev.chainrule.NoDerivative;

      public final class Arrays2 {
        private Arrays2() {}

        /** Swaps an index array and swaps it back: it was left swapped by the pullback. */
        @Differentiable
        static double swapAndRestore(double[] x, int[] idx) {
          int t = idx[0];
          idx[0] = idx[1];
          idx[1] = t;
          double s = x[idx[0]] * x[idx[0]] + x[idx[1]];
          t = idx[0];
          idx[0] = idx[1];
          idx[1] = t;
          return s;
        }

        /** Fills a workspace, uses it, clears it: it was left half cleared. */
        @Differentiable
        static double workspace(double[] x, @NoDerivative double[] w) {
          for (int i = 0; i < x.length; i++) {
            w[i] = 2 * i + 1;
          }
          double s = 0;
          for (int i = 0; i < x.length; i++) {
            s += w[i] * x[i] * x[i];
            w[i] = 0;
          }
          return s;
        }

        /** Leaves its mark: a counter the method increments must be incremented once, as by the method. */
        @Differentiable
        static double counter(double x, int[] calls) {
          calls[0] = calls[0] + 1;
          double y = x * calls[0];
          calls[0] = calls[0] + 1;
          return y * x;
        }

        /** A matrix workspace, rows written and overwritten. */
        @Differentiable
        static double matrixWorkspace(double[] x, @NoDerivative double[][] m) {
          for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < m[i].length; j++) {
              m[i][j] = (i + 1) * (j + 2);
            }
          }
          double s = 0;
          for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < m[i].length; j++) {
              s += m[i][j] * x[j] * x[j];
              m[i][j] = -1;
            }
          }
          return s;
        }

        /**
         * Determinant by cofactor expansion along the first row, for 3 x 3, with a permutation of
         * column indices it reorders and restores within each term, as minors do; a caller reuses
         * the index array (issue 13 found one failing out of bounds once a pullback had left such
         * an array changed; swapAndRestore above is the shape that did).
         */
        @Differentiable
        static double determinant(double[][] a, int[] cols) {
          double det = 0;
          double sign = 1;
          for (int k = 0; k < 3; k++) {
            int first = cols[0];
            cols[0] = cols[k];
            cols[k] = first;
            double minor = a[1][cols[1]] * a[2][cols[2]] - a[1][cols[2]] * a[2][cols[1]];
            det += sign * a[0][cols[0]] * minor;
            sign = -sign;
            cols[k] = cols[0];
            cols[0] = first;
          }
          return det;
        }

        /** Writes into a @NoDerivative array while reading a differentiated one. */
        @Differentiable
        static double alias(double[] a, @NoDerivative double[] b) {
          b[0] = 5 * b[0];
          return a[0] * 3 + b[0] + a[1];
        }

        @Differentiable
        static double rowAlias(double[][] a, @NoDerivative double[] b) {
          b[0] = 2 * b[0];
          return a[0][0] * b[0] + a[1][1];
        }

        static double bump(int[] c) {
          c[0] = c[0] + 1;
          return c[0] * 0.5;
        }

        /**
         * Calls with a side effect in a condition inside a loop, and as a statement's whole value:
         * each must run once per execution, as in the method (found by the random programs: the
         * reverse sweep evaluated the condition again).
         */
        @Differentiable
        static double sideEffectsInLoops(double[] x, int[] c) {
          double s = 0;
          for (int i = 0; i < x.length; i++) {
            double b = bump(c);
            if (bump(c) > 2) {
              s += x[i] * x[i] * b;
            } else {
              s -= x[i];
            }
          }
          return s;
        }

        static int argmax(double[] v) {
          int k = 0;
          for (int i = 1; i < v.length; i++) {
            if (v[i] > v[k]) {
              k = i;
            }
          }
          return k;
        }

        /** Other code that only reads a differentiated array, for an index: accepted. */
        @Differentiable
        static double readOnlyHelper(double[] w) {
          int k = argmax(w);
          return w[k] * w[k] + w[0];
        }
      }
      """;

  private static CompiledSources compiled;

  @BeforeAll
  static void compile() {
    compiled = CompiledSources.compile("p.Arrays2", SOURCE);
  }

  /**
   * Checks {@code method} at {@code args}: the gradient's value is the method's; after the gradient
   * and after the pullback (seed 1.5, fresh adjoint) each argument equals what the method left in
   * it; the gradient matches finite differences; the pullback adds 1.5 times it.
   */
  private static void check(String method, String[] wrt, Object... args) {
    Differentiated m = Differentiated.of(compiled, "p.Arrays2", method, wrt);
    Object[] afterPrimal = Differentiated.deepCopy(args);
    double value = m.value(afterPrimal);
    Object[] afterGradient = Differentiated.deepCopy(args);
    Record gradient = m.gradient(afterGradient);
    assertTrue(Arrays.deepEquals(afterPrimal, afterGradient), method + ": after the gradient the arguments are "
        + Arrays.deepToString(afterGradient) + ", after the method " + Arrays.deepToString(afterPrimal));
    assertEquals(value, Differentiated.recordValue(gradient), 0.0);
    Packing packing = m.pack(args);
    GradientCheck.compareRecord(gradient,
        v -> m.value(Differentiated.deepCopy(m.substitute(args, packing, v))), packing).assertWithin(GradientOracle.TOLERANCE);

    Object[] afterPullback = Differentiated.deepCopy(args);
    Object adjoint = m.newAdjoint(afterPullback);
    assertEquals(value, m.pullback(afterPullback, 1.5, adjoint), 0.0);
    assertTrue(Arrays.deepEquals(afterPrimal, afterPullback), method + ": after the pullback the arguments are "
        + Arrays.deepToString(afterPullback) + ", after the method " + Arrays.deepToString(afterPrimal));
    Object[] parts = m.adjointParts(adjoint);
    Object[] expected = m.recordParts(gradient);
    for (int k = 0; k < parts.length; k++) {
      double[] got = Packing.flatten(parts[k]);
      double[] want = Packing.flatten(expected[k]);
      for (int i = 0; i < got.length; i++) {
        assertEquals(1.5 * want[i], got[i], 1e-12 * Math.max(1, Math.abs(want[i])), method + " pullback " + wrt[k]);
      }
    }
  }

  @Test
  void indexArraySwappedAndRestored() {
    check("swapAndRestore", new String[] {"x"}, new double[] {1, 2, 3}, new int[] {0, 2});
    check("swapAndRestore", new String[] {"x"}, new double[] {-0.5, 4}, new int[] {1, 0});
  }

  @Test
  void noDerivativeWorkspaceFilledAndCleared() {
    check("workspace", new String[] {"x"}, new double[] {1, -2, 0.5}, new double[] {7, 7, 7});
  }

  @Test
  void counterTheMethodAdvances() {
    check("counter", new String[] {"x"}, 0.7, new int[] {3});
  }

  @Test
  void matrixWorkspace() {
    check("matrixWorkspace", new String[] {"x"}, new double[] {0.5, -1, 2}, new double[][] {{9, 9, 9}, {9, 9, 9}});
  }

  @Test
  void determinantWithAPermutationArrayReusedAcrossCalls() {
    int[] cols = {0, 1, 2};
    double[][] a = {{2, -1, 0.5}, {1, 3, -2}, {0.25, 1, 4}};
    Differentiated m = Differentiated.of(compiled, "p.Arrays2", "determinant", "a");
    for (int call = 0; call < 3; call++) {
      // The same index array, as a caller computing minors passes it again and again.
      Record g = m.gradient(a, cols);
      assertTrue(Arrays.equals(new int[] {0, 1, 2}, cols), "the pullback left cols " + Arrays.toString(cols));
      Packing packing = m.pack(new Object[] {a, cols});
      GradientCheck.compareRecord(g, v -> m.value(packing.matrix(v, 0), new int[] {0, 1, 2}), packing)
          .assertWithin(GradientOracle.TOLERANCE);
    }
    check("determinant", new String[] {"a"}, (Object) a, new int[] {0, 1, 2});
  }

  /** Issue 13, item 4: f(a, a) with the written parameter @NoDerivative. */
  @Test
  void writtenNoDerivativeArraySharingStorageWithADifferentiatedOneIsRefusedAtRunTime() {
    Differentiated m = Differentiated.of(compiled, "p.Arrays2", "alias", "a");
    double[] same = {1, 1};
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.gradient(same, same));
    assertTrue(e.getMessage().contains("parameter b, which alias writes into, shares storage with differentiated parameter a"),
        e.getMessage());
    // Distinct arrays: the right gradient, b untouched by the derivative.
    check("alias", new String[] {"a"}, new double[] {1, 1}, new double[] {1, 1});
  }

  @Test
  void writtenNoDerivativeArrayThatIsARowOfADifferentiatedMatrixIsRefusedAtRunTime() {
    Differentiated m = Differentiated.of(compiled, "p.Arrays2", "rowAlias", "a");
    double[][] a = {{1, 2}, {3, 4}};
    assertThrows(IllegalArgumentException.class, () -> m.gradient(a, a[1]));
    check("rowAlias", new String[] {"a"}, new double[][] {{1, 2}, {3, 4}}, new double[] {0.5, 0});
  }

  @Test
  void otherCodeThatOnlyReadsADifferentiatedArrayIsAccepted() {
    check("readOnlyHelper", new String[] {"w"}, new double[] {0.5, 2, -1});
    check("readOnlyHelper", new String[] {"w"}, new double[] {3, 2, -1});
  }

  @Test
  void callsWithSideEffectsRunOnceAsInTheMethod() {
    check("sideEffectsInLoops", new String[] {"x"}, new double[] {0.5, -1, 2}, new int[] {0});
    check("sideEffectsInLoops", new String[] {"x"}, new double[] {0.5, -1, 2, 0.25}, new int[] {3});
  }
}
