package dev.chainrule.processor.behaviour;

import static dev.chainrule.processor.behaviour.FunctionCase.at;
import static dev.chainrule.processor.behaviour.FunctionCase.piecewise;
import static dev.chainrule.processor.behaviour.FunctionCase.smooth;
import static dev.chainrule.processor.behaviour.LoopsAndArraysTest.matrix;
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
 * The final loop of a method that only adds into its result runs its reverse sweep inside its
 * forward sweep (one pass over the data). Each method here is either such a loop or one of the
 * near misses that must keep two sweeps; all are checked against finite differences, and the
 * generated source tells which layout each got.
 */
class LoopFusionTest {

  static final String FUSION =
      """
      package p;

      import dev.chainrule.Differentiable;
      import dev.chainrule.NoDerivative;

      public final class Fusion {
        private Fusion() {}

        @Differentiable
        static double sumOfSquares(double[] x) {
          double s = 0;
          for (int i = 0; i < x.length; i++) {
            s += x[i] * x[i];
          }
          return s;
        }

        @Differentiable
        static double meanWithScale(double[] x, double c, int n) {
          double s = 0;
          for (int i = 0; i < n; i++) {
            s -= Math.sin(x[i] * c);
          }
          return s / n;
        }

        @Differentiable
        static double twoAccumulatorsAndBranches(double[] x, double y) {
          double a = y;
          double b = 0;
          for (int i = 0; i < x.length; i++) {
            double t = x[i] * y;
            if (t > 0) { // t is recomputed in the reverse sweep, and so is this condition
              a += t * t;
            } else {
              b -= Math.exp(t);
            }
            b += 0.5 * t;
          }
          return a + 3 * b;
        }

        @Differentiable
        static double squared(double v) {
          return v * v;
        }

        @Differentiable
        static double callsInsideTheLoop(double[] x, double y) {
          double s = 0;
          for (int i = 0; i < x.length; i++) {
            s += squared(x[i] - y) + Math.log1p(squared(x[i]));
          }
          return s;
        }

        @Differentiable
        static double afterALocalArray(double[] x, double y) {
          double[] z = new double[x.length];
          for (int i = 0; i < x.length; i++) {
            z[i] = Math.tanh(x[i] * y);
          }
          double s = 0;
          for (int i = 0; i < z.length; i++) {
            s += z[i] * z[i] * x[i];
          }
          return s;
        }

        @Differentiable
        static double nestedInnerLoop(double[][] X, double[] w, @NoDerivative double[] t) {
          double loss = 0;
          for (int i = 0; i < X.length; i++) {
            double[] row = X[i];
            for (int j = 0; j < w.length; j++) {
              loss += (row[j] * w[j] - t[i]) * (row[j] * w[j] - t[i]);
            }
          }
          return loss / X.length;
        }

        @Differentiable
        static double perExampleValue(double[] w, double b, @NoDerivative double[][] X,
            @NoDerivative double[] y) {
          double total = 0;
          for (int i = 0; i < X.length; i++) {
            double z = b; // overwritten by the next example: two sweeps would keep it on the tape
            for (int j = 0; j < w.length; j++) {
              z += w[j] * X[i][j];
            }
            double softplus = z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
            total += softplus - y[i] * z;
          }
          return total / X.length;
        }

        // Near misses: these keep the two sweeps.

        @Differentiable
        static double overwrittenWithinTheIteration(double[] x) {
          double s = 0;
          for (int i = 0; i < x.length; i++) {
            double z = x[i] * 0.5;
            double p = Math.exp(z);
            z = z * z; // exp's reverse sweep needs the z before this line: a save within one iteration
            s += p + z;
          }
          return s;
        }

        @Differentiable
        static double scaledByAnInput(double[] x, double c) {
          double s = 0;
          for (int i = 0; i < x.length; i++) {
            s += x[i] * x[i] * c;
          }
          return s * c; // the partial for c reads s, known only after the loop
        }

        @Differentiable
        static double productOfAccumulators(double[] x) {
          double a = 0;
          double b = 1;
          for (int i = 0; i < x.length; i++) {
            a += x[i];
            b += x[i] * x[i];
          }
          return a * b;
        }

        @Differentiable
        static double logOfSum(double[] x) {
          double s = 1;
          for (int i = 0; i < x.length; i++) {
            s += Math.exp(x[i]);
          }
          return Math.log(s);
        }

        @Differentiable
        static double accumulatorReadInLoop(double[] x) {
          double s = 0;
          for (int i = 0; i < x.length; i++) {
            s += x[i] * (1 + 0.1 * s);
          }
          return s;
        }

        @Differentiable
        static double multipliedAccumulator(double[] x) {
          double s = 1;
          for (int i = 0; i < x.length; i++) {
            s *= 1 + x[i] * x[i];
          }
          return s;
        }

        @Differentiable
        static double writesAnArray(double[] x) {
          double[] c = new double[x.length];
          double s = 0;
          for (int i = 0; i < x.length; i++) {
            c[i] = x[i] * x[i];
            s += c[i] * x[i];
          }
          return s;
        }

        @Differentiable
        static double breaksOut(double[] x) {
          double s = 0;
          for (int i = 0; i < x.length; i++) {
            if (x[i] > 0.9) {
              break;
            }
            s += x[i] * x[i];
          }
          return s;
        }

        @Differentiable
        static double carriedScalar(double[] x) {
          double s = 0;
          double prev = 1;
          for (int i = 0; i < x.length; i++) {
            s += 2 * prev + x[i] * x[i]; // linear in prev: nothing saved, but its adjoint is carried
            prev = x[i];
          }
          return s;
        }
      }
      """;

  private static CompiledSources compiled;

  @BeforeAll
  static void compile() {
    compiled = SharedCompilation.get();
  }

  static List<FunctionCase> cases() {
    List<String> x = List.of("x");
    return List.of(
        smooth("sumOfSquares", x, at(vector(50, 5, 0.1, 1, true)), at(new double[0]), at(vector(51, 1, 0.1, 1, true))),
        smooth("meanWithScale", List.of("x", "c"), at(vector(52, 6, 0.1, 1, true), 0.7, 6),
            at(vector(53, 4, 0.1, 1, true), -1.3, 3)),
        piecewise("twoAccumulatorsAndBranches", List.of("x", "y"), at(vector(54, 6, 0.1, 1, true), 0.8),
            at(vector(55, 5, 0.1, 1, true), -1.1)),
        smooth("callsInsideTheLoop", List.of("x", "y"), at(vector(56, 5, 0.1, 1, true), 0.4),
            at(vector(57, 2, 0.1, 1, true), -0.9)),
        smooth("afterALocalArray", List.of("x", "y"), at(vector(58, 5, 0.1, 1, true), 0.6),
            at(vector(59, 3, 0.1, 1, true), -1.4)),
        smooth("nestedInnerLoop", List.of("X", "w"),
            at(matrix(60, 4, 3, 0.1, 1, true), vector(61, 3, 0.1, 1, true), vector(62, 4, 0.1, 1, true)),
            at(matrix(63, 2, 5, 0.1, 1, true), vector(64, 5, 0.1, 1, true), vector(65, 2, 0.1, 1, true))),
        smooth("perExampleValue", List.of("w", "b"),
            at(vector(85, 3, 0.1, 1, true), 0.2, matrix(86, 4, 3, 0.1, 1, true), new double[] {0, 1, 1, 0}),
            at(vector(87, 2, 0.1, 1, true), -0.4, matrix(88, 3, 2, 0.1, 1, true), new double[] {1, 0, 1})),
        smooth("overwrittenWithinTheIteration", x, at(vector(89, 4, 0.1, 1, true)), at(vector(90, 2, 0.1, 1, true))),
        smooth("scaledByAnInput", List.of("x", "c"), at(vector(79, 4, 0.1, 1, true), 0.7)),
        smooth("productOfAccumulators", x, at(vector(66, 5, 0.1, 1, true)), at(vector(67, 2, 0.1, 1, true))),
        smooth("logOfSum", x, at(vector(68, 5, 0.1, 1, true)), at(vector(69, 1, 0.1, 1, true))),
        smooth("accumulatorReadInLoop", x, at(vector(70, 5, 0.1, 1, true)), at(vector(71, 2, 0.1, 1, true))),
        smooth("multipliedAccumulator", x, at(vector(72, 5, 0.1, 1, true)), at(vector(73, 3, 0.1, 1, true))),
        smooth("writesAnArray", x, at(vector(74, 5, 0.1, 1, true)), at(vector(75, 2, 0.1, 1, true))),
        piecewise("breaksOut", x, at(new double[] {0.5, -0.3, 0.95, 0.2}), at(vector(76, 4, 0.1, 0.8, true))),
        smooth("carriedScalar", x, at(vector(77, 5, 0.1, 1, true)), at(vector(78, 1, 0.1, 1, true))));
  }

  static Stream<Arguments> points() {
    return FunctionCase.arguments(cases());
  }

  @ParameterizedTest(name = "{0} #{index}")
  @MethodSource("points")
  void gradientMatchesFiniteDifferencesAndValueIsExact(
      String method, List<String> wrt, Scheme scheme, Object[] point) {
    GradientOracle.check(
        Differentiated.of(compiled, "p.Fusion", method, wrt.toArray(new String[0])), scheme, point);
  }

  @ParameterizedTest(name = "{0} fused: {1}")
  @CsvSource({
    "sumOfSquares, true", "meanWithScale, true", "twoAccumulatorsAndBranches, true",
    "callsInsideTheLoop, true", "afterALocalArray, true", "nestedInnerLoop, true",
    "perExampleValue, true", "overwrittenWithinTheIteration, false",
    "scaledByAnInput, false", "productOfAccumulators, false", "logOfSum, false", "accumulatorReadInLoop, false",
    "multipliedAccumulator, false", "writesAnArray, false", "breaksOut, false", "carriedScalar, false"
  })
  void layoutOfThePullback(String method, boolean fused) {
    String pullback = compiled.pullbackSource("p.FusionDerivatives", method);
    assertEquals(fused, pullback.contains("The loop below only adds into"), pullback);
  }
}
