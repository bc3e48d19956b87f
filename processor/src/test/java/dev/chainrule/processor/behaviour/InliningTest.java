package dev.chainrule.processor.behaviour;

import static dev.chainrule.processor.behaviour.FunctionCase.at;
import static dev.chainrule.processor.behaviour.FunctionCase.piecewise;
import static dev.chainrule.processor.behaviour.FunctionCase.smooth;
import static dev.chainrule.processor.behaviour.LoopsAndArraysTest.vector;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.numeric.FiniteDifferences.Scheme;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Calls to small straight-line differentiable methods of {@code double} parameters are replaced
 * by the callee's body (a single {@code return} in place, longer bodies as locals declared before
 * the calling statement); calls that run only sometimes (in a ternary's branch, right of {@code &&})
 * are called through their pullback unless the callee is a single {@code return}. Either way the
 * value must equal the original exactly and the gradient must match finite differences; the
 * generated source tells which way each call went.
 */
class InliningTest {

  static final String INLINING =
      """
      package p;

      import dev.chainrule.Differentiable;

      public final class Inlining {
        private Inlining() {}

        private static final double SLOPE = 0.01;

        @Differentiable
        static double sigmoid(double x) {
          return 1 / (1 + Math.exp(-x));
        }

        @Differentiable
        static double leakyRelu(double x) {
          return x > 0 ? x : SLOPE * x;
        }

        @Differentiable
        static double half(double v) {
          return v / 2;
        }

        @Differentiable
        static double square(double v) {
          return v * v;
        }

        @Differentiable
        static double circle(double r) {
          return Math.PI * r * r;
        }

        @Differentiable
        static double twoStatements(double v) {
          double w = v * 3;
          return w * v;
        }

        @Differentiable
        static double sigmoidLayer(double[] w, double y) {
          double s = 0;
          for (int i = 0; i < w.length; i++) {
            double a = w[i] * y;
            s += sigmoid(a) * w[i] + leakyRelu(a);
          }
          return s;
        }

        @Differentiable
        static double integerArgument(double x, int n) {
          return x * half(n) + half(x) + half(n + 1) * x; // half(n) is n / 2.0, not n / 2
        }

        @Differentiable
        static double cheapAndExpensiveArguments(double[] x, double y) {
          double s = 0;
          for (int i = 0; i < x.length; i++) {
            s += square(x[i]) + square(x[i] - y) + circle(y);
          }
          return s;
        }

        @Differentiable
        static double nested(double x) {
          return sigmoid(sigmoid(x) * 2) + twoStatements(sigmoid(x));
        }

        static final double P = 0.2316419;

        @Differentiable
        static double normalCdf(double x) {
          double z = Math.abs(x);
          double t = 1 / (1 + P * z);
          double poly = t * (0.319381530 + t * (-0.356563782 + t * (1.781477937
              + t * (-1.821255978 + t * 1.330274429))));
          double tail = 0.3989422804014327 * Math.exp(-0.5 * z * z) * poly;
          return x >= 0 ? 1 - tail : tail;
        }

        @Differentiable
        static double option(double s, double k, double v, double t) {
          double d1 = (Math.log(s / k) + 0.5 * v * v * t) / (v * Math.sqrt(t));
          double d2 = d1 - v * Math.sqrt(t);
          return s * normalCdf(d1) - k * normalCdf(d2) + normalCdf(-d1) * normalCdf(d2 * 0.5);
        }

        @Differentiable
        static double statementsInALoop(double[] x, double y, int n) {
          double s = 0;
          for (int i = 0; i < x.length; i++) {
            double u = x[i] * y;
            s += normalCdf(u) * twoStatements(u - y) + twoStatements(n);
          }
          return s;
        }

        @Differentiable
        static double onlyWhereTheCallRuns(double x) {
          // Calls in a ternary's branch or right of && run only sometimes: they stay calls
          // (the one right of && has no derivative, so its pullback is not called either).
          double r = x != 0 ? normalCdf(1 / x) : 0.5;
          boolean positive = x > 0 && normalCdf(x) > 0.6;
          return positive ? r * x : r + twoStatements(twoStatements(x));
        }

        @Differentiable
        static double otherClass(double x) {
          return Helper.cube(x) + sigmoid(Helper.cube(x));
        }
      }
      """;

  private static CompiledSources compiled;

  @BeforeAll
  static void compile() {
    compiled = SharedCompilation.get();
  }

  static List<FunctionCase> cases() {
    return List.of(
        smooth("sigmoidLayer", List.of("w", "y"), at(vector(80, 5, 0.1, 1, true), 0.9),
            at(vector(81, 3, 0.1, 1, true), -1.7)),
        smooth("integerArgument", List.of("x"), at(0.7, 3), at(-1.3, 4)),
        smooth("cheapAndExpensiveArguments", List.of("x", "y"), at(vector(82, 4, 0.1, 1, true), 0.3)),
        smooth("nested", List.of("x"), at(0.4), at(-2.2)),
        smooth("otherClass", List.of("x"), at(0.4), at(-1.1)),
        piecewise("leakyRelu", List.of("x"), at(0.4), at(-1.1)),
        smooth("option", List.of("s", "k", "v", "t"), at(100.0, 105.0, 0.2, 0.5), at(90.0, 80.0, 0.35, 2.0)),
        smooth("statementsInALoop", List.of("x", "y"), at(vector(83, 4, 0.1, 1, true), 0.6, 3),
            at(vector(84, 2, 0.1, 1, true), -0.8, -2)),
        piecewise("onlyWhereTheCallRuns", List.of("x"), at(0.5), at(2.0), at(-0.7)));
  }

  static Stream<Arguments> points() {
    return FunctionCase.arguments(cases());
  }

  @ParameterizedTest(name = "{0} #{index}")
  @MethodSource("points")
  void gradientMatchesFiniteDifferencesAndValueIsExact(
      String method, List<String> wrt, Scheme scheme, Object[] point) {
    GradientOracle.check(
        Differentiated.of(compiled, "p.Inlining", method, wrt.toArray(new String[0])), scheme, point);
  }

  @ParameterizedTest(name = "{0} calls {1}Pullback {2} times")
  @CsvSource({
    "sigmoidLayer, sigmoid, 0", "sigmoidLayer, leakyRelu, 0", "integerArgument, half, 0",
    "cheapAndExpensiveArguments, square, 0", "cheapAndExpensiveArguments, circle, 0",
    "nested, sigmoid, 0", "nested, twoStatements, 0", "otherClass, sigmoid, 0",
    "otherClass, cube, 0", "option, normalCdf, 0", "statementsInALoop, normalCdf, 0",
    "statementsInALoop, twoStatements, 0", "onlyWhereTheCallRuns, normalCdf, 1",
    "onlyWhereTheCallRuns, twoStatements, 2"
  })
  void whichCallsAreInlined(String method, String callee, int pullbackCalls) {
    String pullback = compiled.pullbackSource("p.InliningDerivatives", method);
    int calls = pullback.split(callee + "Pullback\\(", -1).length - 1;
    assertEquals(pullbackCalls, calls, pullback);
  }
}
