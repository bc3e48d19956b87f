package dev.chainrule.processor.behaviour;

import static dev.chainrule.processor.behaviour.FunctionCase.at;
import static dev.chainrule.processor.behaviour.FunctionCase.smooth;

import dev.chainrule.numeric.FiniteDifferences.Scheme;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Derivative rules as robust as the primal (issue 13, items 2 and 5), against finite differences
 * of the original method: a polynomial {@code Σ c[k]·pow(x, k)} at x = 0 (it was NaN), the
 * sigmoid written out at x < −709.8 where {@code exp(-x)} overflows (it was NaN), other overflows a
 * later operation maps back to a finite value, and atan2 and hypot on arguments scaled so far down
 * or up that {@code x² + y²} underflows or overflows (it was ±∞). The inputs the finite
 * differences vary are of order one; only the intermediates are extreme.
 */
class RobustRulesTest {
  private static final String SOURCE = """
      package p;

      import dev.chainrule.Differentiable;

      public final class Robust {
        private Robust() {}

        @Differentiable
        static double polynomial(double x, double[] c) {
          double s = 0;
          for (int k = 0; k < c.length; k++) {
            s += c[k] * Math.pow(x, k);
          }
          return s;
        }

        @Differentiable
        static double powerSeries(double x, double y) {
          return Math.pow(x, 0) * y + Math.pow(x, y - y) + Math.pow(x, 1) * Math.pow(x, 2);
        }

        @Differentiable(order = 2)
        static double sigmoid(double x) {
          return 1 / (1 + Math.exp(-x));
        }

        @Differentiable(order = 2)
        static double logistic(double w, double z) {
          double s = 1.0 / (1.0 + Math.exp(-w * z));
          return s * s + w;
        }

        @Differentiable(order = 2)
        static double saturations(double x) {
          return Math.exp(-Math.exp(x)) + Math.atan(Math.exp(x)) + Math.tanh(Math.sinh(x))
              + 1 / (1 + Math.pow(x, 150)) + 1 / Math.cosh(x) + x;
        }

        @Differentiable(order = 2)
        static double steepSigmoid(double x) {
          return 3 / (1 + Math.exp(3 * x));
        }

        @Differentiable(order = 2)
        static double tinyAtan2(double y, double x) {
          return Math.atan2(1e-200 * y, 1e-200 * x);
        }

        @Differentiable(order = 2)
        static double hugeAtan2(double y, double x) {
          return Math.atan2(1e200 * y, 1e200 * x);
        }

        @Differentiable(order = 2)
        static double tinyHypot(double y, double x) {
          return 1e200 * Math.hypot(1e-200 * y, 1e-200 * x);
        }

        @Differentiable(order = 2)
        static double hugeHypot(double y, double x) {
          return 1e-200 * Math.hypot(1e200 * y, 1e200 * x);
        }
      }
      """;

  private static CompiledSources compiled;

  @BeforeAll
  static void compile() {
    compiled = CompiledSources.compile("p.Robust", SOURCE);
  }

  static Stream<Arguments> points() {
    List<String> x = List.of("x");
    List<String> xy = List.of("y", "x");
    return FunctionCase.arguments(List.of(
        smooth("polynomial", List.of("x", "c"), at(0.0, new double[] {1, 2, 3}), at(0.0, new double[] {4, -1}),
            at(0.5, new double[] {1, 2, 3, 4})),
        smooth("powerSeries", List.of("x", "y"), at(0.0, 0.0), at(0.0, 1.5), at(2.0, 0.0)),
        smooth("sigmoid", x, at(-800.0), at(-720.0), at(-709.8), at(800.0), at(-30.0), at(0.3)),
        smooth("logistic", List.of("w", "z"), at(0.5, 3.0), at(-0.5, 1.2)),
        smooth("steepSigmoid", x, at(800.0), at(240.0), at(-800.0), at(0.2)),
        smooth("saturations", x, at(800.0), at(720.0), at(-800.0), at(1.2)),
        smooth("tinyAtan2", xy, at(1.0, 2.0), at(-0.5, 0.25), at(3.0, -1.0)),
        smooth("hugeAtan2", xy, at(1.0, 2.0), at(-0.5, 0.25), at(3.0, -1.0)),
        smooth("tinyHypot", xy, at(1.0, 2.0), at(-0.5, 0.25), at(3.0, -1.0)),
        smooth("hugeHypot", xy, at(1.0, 2.0), at(-0.5, 0.25), at(3.0, -1.0))));
  }

  @ParameterizedTest(name = "{0} at {3}")
  @MethodSource("points")
  void gradientMatchesFiniteDifferencesAndValueIsExact(
      String method, List<String> wrt, Scheme scheme, Object[] point) {
    GradientOracle.check(Differentiated.of(compiled, "p.Robust", method, wrt.toArray(new String[0])), scheme, point);
  }

  /**
   * Second order where the intermediates overflow or underflow and the inputs are of order one:
   * the Hessian against differences of the gradient, H·v against H and against differences, and
   * the gradient (through {@link GradientOracle}, which checks the pushforward as well). Forward
   * mode caps the tangent of an overflowed exp, pow, sinh or cosh as reverse mode caps its
   * partial, and atan2's second derivatives divide by r twice where r⁴ leaves the range (these
   * were NaN). Left out: a tangent that overflows in a product of finite values ({@code atan(exp(x))}
   * at x > 355, where the tangent of 1 + exp(x)² overflows and meets its zero reciprocal) is
   * still NaN in the Hessian (README, "Limitations").
   */
  static Stream<Arguments> secondOrderPoints() {
    List<String> x = List.of("x");
    List<String> xy = List.of("y", "x");
    return FunctionCase.arguments(List.of(
        smooth("sigmoid", x, at(-800.0), at(-720.0), at(800.0), at(-30.0), at(0.3)),
        smooth("steepSigmoid", x, at(800.0), at(240.0), at(-800.0), at(0.2)),
        smooth("logistic", List.of("w", "z"), at(0.5, 3.0), at(-1.0, 800.0), at(2.0, -400.0), at(-1.0, 200.0)),
        smooth("saturations", x, at(-800.0), at(-200.0), at(1.2)),
        smooth("tinyAtan2", xy, at(1.0, 2.0), at(-0.5, 0.25), at(3.0, -1.0)),
        smooth("hugeAtan2", xy, at(1.0, 2.0), at(-0.5, 0.25), at(3.0, -1.0)),
        smooth("tinyHypot", xy, at(1.0, 2.0), at(-0.5, 0.25)),
        smooth("hugeHypot", xy, at(1.0, 2.0), at(-0.5, 0.25))));
  }

  @ParameterizedTest(name = "{0} at {3}")
  @MethodSource("secondOrderPoints")
  void hessianAndHvpMatchDifferencesOfTheGradient(String method, List<String> wrt, Scheme scheme, Object[] point) {
    SecondOrderOracle.check(compiled, Differentiated.of(compiled, "p.Robust", method, wrt.toArray(new String[0])),
        scheme, point);
  }

  /**
   * The logistic loss where w·z is far beyond exp's range and its tangent far beyond 1: the
   * gradient is 0 (it was NaN), the pushforward's tangent is ⟨gradient, v⟩ (it was NaN: exp's
   * capped partial times a tangent of order z overflowed and met the reciprocal's zero partial as
   * 0 · ∞; the tangent is now capped where exp overflowed), and both match finite differences.
   */
  @Test
  void logisticLossWithAnOverflowingExponentHasTheDerivativesOfItsValue() {
    Differentiated m = Differentiated.of(compiled, "p.Robust", "logistic", "w", "z");
    for (Object[] point : List.of(at(-1.0, 800.0), at(2.0, -400.0))) {
      Record gradient = m.gradient(point);
      org.junit.jupiter.api.Assertions.assertEquals(m.value(point), Differentiated.recordValue(gradient), 0.0);
      dev.chainrule.numeric.Packing packing = m.pack(point);
      dev.chainrule.numeric.GradientCheck.compareRecord(gradient, v -> m.value(m.substitute(point, packing, v)), packing)
          .assertWithin(GradientOracle.TOLERANCE);
      TangentOracle.check(m, Scheme.CENTRAL, point, gradient, "logistic at " + GradientOracle.describe(point));
    }
  }
}
