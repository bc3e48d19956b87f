package dev.chainrule.processor.behaviour;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.numeric.FiniteDifferences.Scheme;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code switch} statements and expressions (issue 16, item 4), lowered by the frontend to
 * if/else and conditionals: arrow and colon forms, fall-through, {@code break} nested in a branch,
 * {@code default} anywhere, {@code yield} after statements, inside loops and with calls; gradients
 * (and through {@link GradientOracle} the pushforward) against differences and closed forms, and
 * the Hessian of an {@code order = 2} method.
 */
class SwitchTest {

  static final String SOURCE = """
      package p;

      import dev.chainrule.Differentiable;

      public final class Switching {
        private Switching() {}

        static final int CUBE = 3;

        @Differentiable
        public static double arrow(double x, int k) {
          double y = x;
          switch (k) {
            case 0 -> y = x * x;
            case 1, 2 -> {
              double t = Math.sin(x);
              y = t * k;
            }
            case CUBE -> y = helper(x) * x;
            default -> y += 1;
          }
          return y * x;
        }

        /** Colon form: 0 falls into 1, 1 into 2 (stopped by a break), default first, 4 falls off the end. */
        @Differentiable
        public static double colon(double x, int k) {
          double y = 1;
          switch (k) {
            default:
              y = y * 5;
              break;
            case 0:
              y = y * x;
            case 1:
              y = y * x + 1;
              if (x > 2) {
                y = -y;
                break;
              }
            case 2:
              y = y * Math.exp(x);
              break;
            case 'A':
              return x * 65;
            case 4:
              y = y - x;
          }
          return y;
        }

        /** A switch in a loop, on the loop index; its break leaves the switch, not the loop; continue goes on. */
        @Differentiable
        public static double inLoop(double[] v) {
          double s = 0;
          for (int i = 0; i < v.length; i++) {
            switch (i % 3) {
              case 0:
                s += v[i] * v[i];
                break;
              case 1:
                if (v[i] < 0) {
                  continue;
                }
                s += Math.sqrt(v[i]);
                break;
              default:
                s *= v[i];
            }
            s += 0.5 * v[i];
          }
          return s;
        }

        @Differentiable
        public static double expressions(double x, double z, int k) {
          double a = switch (k) {
            case 0 -> x;
            case 1, 2 -> x * z;
            default -> Math.cos(x) * k;
          };
          double b = switch (k % 2) {
            case 0: yield z;
            default: yield z * z;
          };
          return a * b + (switch (k) { case 3 -> 1.0; default -> x; });
        }

        @Differentiable
        public static double yields(double x, double[] w, int k) {
          double r = switch (k) {
            case 0 -> {
              double s = 0;
              for (int i = 0; i < w.length; i++) {
                s += w[i] * x;
              }
              yield s;
            }
            case 1 -> {
              if (x > 0) {
                yield x * w[0];
              }
              double t = -x;
              yield t * t * w[1];
            }
            default -> {
              switch (k) {
                case 5:
                  yield w[0] + x;
                default:
                  break;
              }
              yield helper(x);
            }
          };
          r = switch (k) {
            case 0: {
              double q = r * r;
              yield q;
            }
            default:
              yield r + x;
          };
          return r;
        }

        @Differentiable
        public static double returned(double x, int k) {
          return switch (k) {
            case 0:
              double u = x * x;
              yield u + 1;
            case 1:
            case 2:
              yield Math.log(x) * k;
            default:
              yield x;
          };
        }

        @Differentiable(order = 2)
        public static double second(double x, double y, int k) {
          double s = 0;
          for (int i = 0; i < 3; i++) {
            switch (i + k) {
              case 0, 2 -> s += x * y * y;
              case 1 -> s += switch (k) { case 0 -> Math.sin(x * y); default -> x * x * x; };
              default -> {
                if (s > 1) {
                  break;
                }
                s = s * y + x;
              }
            }
          }
          return s;
        }

        @Differentiable
        public static double helper(double x) {
          return x * x * x;
        }
      }
      """;

  private static CompiledSources compiled;

  @BeforeAll
  static void compile() {
    compiled = CompiledSources.compile(Map.of("p.Switching", SOURCE));
  }

  private static Differentiated m(String method, String... wrt) {
    return Differentiated.of(compiled, "p.Switching", method, wrt);
  }

  private static double dx(Record g) {
    return (double) Differentiated.component(g, "x");
  }

  @Test
  void arrowForm() {
    double x = 0.7;
    double[] expected = {3 * x * x, Math.sin(x) + x * Math.cos(x), 2 * (Math.sin(x) + x * Math.cos(x)),
        5 * x * x * x * x, 2 * x + 1, 2 * x + 1};
    for (int k = 0; k <= 5; k++) {
      assertEquals(expected[k], dx(GradientOracle.check(m("arrow", "x"), x, k)), 1e-13, "k = " + k);
    }
  }

  @Test
  void colonFormWithFallThrough() {
    for (double x : new double[] {0.6, 2.5}) {
      double e = Math.exp(x);
      double y1 = x * x + 1; // entered at 0: y = x, then y = y x + 1
      double[] expected = {
          x > 2 ? -2 * x : (2 * x) * e + y1 * e,       // 0 -> 1 -> (2 unless x > 2)
          x > 2 ? -1 : e + (x + 1) * e,                // 1 -> (2 unless x > 2)
          e,                                           // 2
          0,                                           // default (y = 5)
          -1,                                          // 4: y = 1 - x
      };
      for (int k = 0; k <= 4; k++) {
        assertEquals(expected[k], dx(GradientOracle.check(m("colon", "x"), x, k)), 1e-12, "k = " + k + ", x = " + x);
      }
      assertEquals(65, dx(GradientOracle.check(m("colon", "x"), x, (int) 'A')), 0);
    }
  }

  @Test
  void switchInALoopWithBreakAndContinue() {
    GradientOracle.check(m("inLoop", "v"), (Object) new double[] {0.3, 1.2, -0.7, 0.9, -0.4, 1.5, 2.0});
    GradientOracle.check(m("inLoop", "v"), (Object) new double[] {1.1, 0.4});
  }

  @Test
  void switchExpressionsAsConditionals() {
    for (int k = 0; k <= 4; k++) {
      Record g = GradientOracle.check(m("expressions", "x", "z"), 0.8, -1.3, k);
      double x = 0.8;
      double z = -1.3;
      double b = k % 2 == 0 ? z : z * z;
      double da = k == 0 ? 1 : k <= 2 ? z : -Math.sin(x) * k;
      assertEquals(da * b + (k == 3 ? 0 : 1), dx(g), 1e-13, "k = " + k);
    }
  }

  @Test
  void yieldAfterStatements() {
    for (int k = 0; k <= 5; k++) {
      for (double x : new double[] {0.9, -0.6}) {
        GradientOracle.check(m("yields", "x", "w"), x, new double[] {1.5, -0.5, 2.0}, k);
      }
    }
  }

  @Test
  void returnedSwitchExpression() {
    double x = 1.3;
    double[] expected = {2 * x, 1 / x, 2 / x, 1};
    for (int k = 0; k <= 3; k++) {
      assertEquals(expected[k], dx(GradientOracle.check(m("returned", "x"), x, k)), 1e-13, "k = " + k);
    }
  }

  @Test
  void secondOrder() {
    for (int k = -1; k <= 2; k++) {
      SecondOrderOracle.check(compiled, m("second", "x", "y"), Scheme.RICHARDSON, 0.6, 1.4, k);
      SecondOrderOracle.check(compiled, m("second", "x", "y"), Scheme.RICHARDSON, 0.2, 0.3, k);
    }
  }
}
