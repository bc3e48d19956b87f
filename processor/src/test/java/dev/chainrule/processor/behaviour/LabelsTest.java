package dev.chainrule.processor.behaviour;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.numeric.FiniteDifferences.Scheme;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Labelled {@code break} and {@code continue} (issue 16, item 4), lowered by the frontend to flags
 * and unlabelled jumps: out of two and three loops, through a {@code switch} and a {@code while},
 * in the labelled loop's own body; gradients (and through {@link GradientOracle} the pushforward)
 * against differences and closed forms, and a Hessian of an {@code order = 2} method.
 */
class LabelsTest {

  static final String SOURCE = """
      package p;

      import dev.chainrule.Differentiable;

      public final class Labelled {
        private Labelled() {}

        /** Σ over pairs up to the first w_i w_j above t, then x once per finished row. */
        @Differentiable
        public static double search(double[] w, double x, double t) {
          double s = 0;
          outer:
          for (int i = 0; i < w.length; i++) {
            for (int j = 0; j < w.length; j++) {
              if (w[i] * w[j] > t) {
                break outer;
              }
              s += w[i] * w[j] * x;
            }
            s += x;
          }
          return s;
        }

        /** Rows summed up to their first negative entry; a finished row is scaled. */
        @Differentiable
        public static double rows(double[][] m, double x) {
          double s = 0;
          rows:
          for (int i = 0; i < m.length; i++) {
            for (double v : m[i]) {
              if (v < 0) {
                continue rows;
              }
              s += v * x;
            }
            s *= 1.5;
          }
          return s;
        }

        /** Three loops deep, through a while and a switch; break and continue of the label in its own body. */
        @Differentiable
        public static double deep(double[] w, double x) {
          double s = x;
          scan:
          for (int k = 0; k < 4; k++) {
            if (k == 3) {
              continue scan;
            }
            int j = 0;
            while (j < w.length) {
              for (int r = 0; r < 2; r++) {
                switch (j + r) {
                  case 1:
                    if (s > 6) {
                      break scan;
                    }
                    break;
                  case 2:
                    if (w[j] < 0) {
                      continue scan;
                    }
                    s += w[j] * s;
                    break;
                  default:
                    s += Math.sin(w[j] * x);
                }
              }
              j++;
            }
            if (s < -10) {
              break scan;
            }
            s = s * 0.5 + x;
          }
          return s;
        }

        @Differentiable(order = 2)
        public static double second(double x, double y) {
          double s = 0;
          outer:
          for (int i = 0; i < 4; i++) {
            int j = 0;
            do {
              s += x * y * (i + j);
              if (j == i) {
                continue outer;
              }
              if (s > 20) {
                break outer;
              }
              j++;
            } while (j < 5);
            s -= y;
          }
          return s * x;
        }
      }
      """;

  private static CompiledSources compiled;

  @BeforeAll
  static void compile() {
    compiled = CompiledSources.compile(Map.of("p.Labelled", SOURCE));
  }

  private static Differentiated m(String method, String... wrt) {
    return Differentiated.of(compiled, "p.Labelled", method, wrt);
  }

  @Test
  void breakOutOfTwoLoops() {
    double[] w = {0.5, 1.2, 0.8, 2.0};
    double x = 0.7;
    Record g = GradientOracle.check(m("search", "w", "x", "t"), Scheme.CENTRAL, w, x, 1.7);
    // Row 1's products are 0.6, 1.44, 0.96, 2.4: the first above 1.7 is (1, 3).
    // Row 0 complete (Σ_j w0 w_j + 1), row 1 up to j = 2.
    double expected = 0;
    for (int j = 0; j < 4; j++) {
      expected += w[0] * w[j];
    }
    expected += 1 + w[1] * (w[0] + w[1] + w[2]);
    assertEquals(expected, (double) Differentiated.component(g, "x"), 1e-13);
    assertEquals(0, (double) Differentiated.component(g, "t"), 0);
    GradientOracle.check(m("search", "w", "x", "t"), w, x, 10.0); // no break at all
  }

  @Test
  void continueTheOuterLoop() {
    double[][] m = {{0.5, 1.0, -1.0, 3.0}, {2.0, 0.25}, {-0.5, 4.0}};
    double x = 1.2;
    Record g = GradientOracle.check(m("rows", "m", "x"), m, x);
    // Row 0 stops at -1 (no scaling): 1.5 x; row 1 completes: (1.5 x + 2.25 x) · 1.5; row 2 stops at once.
    assertEquals((1.5 + 2.25) * 1.5, (double) Differentiated.component(g, "x"), 1e-13);
  }

  @Test
  void throughAWhileAndASwitch() {
    for (double[] w : new double[][] {{0.3, 0.9, 0.4}, {0.3, -0.9, 0.4}, {1.4, 1.9, 1.7}, {-0.2, 0.5}}) {
      for (double x : new double[] {0.6, 1.7}) {
        GradientOracle.check(m("deep", "w", "x"), Scheme.CENTRAL, w, x);
      }
    }
  }

  @Test
  void secondOrder() {
    SecondOrderOracle.check(compiled, m("second", "x", "y"), Scheme.RICHARDSON, 0.6, 1.3);
    SecondOrderOracle.check(compiled, m("second", "x", "y"), Scheme.RICHARDSON, 2.0, 1.9);
  }
}
