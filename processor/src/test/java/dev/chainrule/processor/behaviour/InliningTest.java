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
 * Calls to small differentiable methods (one {@code return} of arithmetic on {@code double}
 * parameters) are replaced by the callee's expression; larger callees, and callees whose
 * repeated parameter gets an expensive argument, are called through their pullback. Either way the
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
        piecewise("leakyRelu", List.of("x"), at(0.4), at(-1.1)));
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
    "cheapAndExpensiveArguments, square, 1", "cheapAndExpensiveArguments, circle, 0",
    "nested, sigmoid, 0", "nested, twoStatements, 1", "otherClass, sigmoid, 0",
    "otherClass, cube, 0"
  })
  void whichCallsAreInlined(String method, String callee, int pullbackCalls) {
    String source = compiled.generatedSource("p.InliningDerivatives");
    int start = source.indexOf("public static double " + method + "Pullback(");
    int end = source.indexOf("\n  }\n", start);
    String pullback = source.substring(start, end);
    int calls = pullback.split(callee + "Pullback\\(", -1).length - 1;
    assertEquals(pullbackCalls, calls, pullback);
  }
}
