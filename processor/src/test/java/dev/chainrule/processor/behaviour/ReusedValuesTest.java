package dev.chainrule.processor.behaviour;

import static dev.chainrule.processor.behaviour.FunctionCase.at;
import static dev.chainrule.processor.behaviour.FunctionCase.piecewise;
import static dev.chainrule.processor.behaviour.FunctionCase.smooth;
import static dev.chainrule.processor.behaviour.LoopsAndArraysTest.vector;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.numeric.FiniteDifferences.Scheme;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * In loops and branches the reverse sweep recomputes a declaration at the start of its block
 * ({@code e = Math.exp(z)}) when a later statement's reverse reads it; a rule that reads its own
 * result (exp, sqrt, tan, tanh, pow, …) then reads that variable instead of calling the function a
 * second time. Checked against finite differences, and by counting the calls in the pullback.
 */
class ReusedValuesTest {

  static final String SOURCE =
      """
      package p;

      import dev.chainrule.Differentiable;

      public final class Reused {
        private Reused() {}

        @Differentiable
        static double sigmoidsSquared(double[] w, double[] x) {
          double s = 0;
          for (int i = 0; i < w.length; i++) {
            double e = Math.exp(w[i] * x[i]);
            double p = e / (1 + e);
            s += p * p;
          }
          return s * s; // reads s: the loop keeps two sweeps
        }

        @Differentiable
        static double rotationInABranch(double[] r, double c) {
          double s = 0;
          for (int i = 0; i + 1 < r.length; i++) {
            double sq = r[i] * r[i] + r[i + 1] * r[i + 1];
            if (sq > 0.05) {
              double theta = Math.sqrt(sq);
              double k = Math.sin(theta) / theta;
              s += k * c + Math.cos(theta);
            } else {
              s += c * sq;
            }
          }
          return s * c;
        }

        @Differentiable
        static double reassignedKeepsItsOwnRecomputation(double[] x) {
          double s = 0;
          for (int i = 0; i < x.length; i++) {
            double e = Math.exp(x[i]);
            s += e * x[i];
            e = Math.tanh(e); // written twice: exp's rule computes its result again rather than read e
            s += e;
          }
          return s * s;
        }
      }
      """;

  private static CompiledSources compiled;

  @BeforeAll
  static void compile() {
    compiled = CompiledSources.compile("p.Reused", SOURCE);
  }

  static Stream<Arguments> points() {
    return FunctionCase.arguments(List.of(
        smooth("sigmoidsSquared", List.of("w", "x"), at(vector(1, 5, 0.1, 1, true), vector(2, 5, 0.1, 1, true)),
            at(vector(3, 2, 0.1, 1, true), vector(4, 2, 0.1, 1, true))),
        piecewise("rotationInABranch", List.of("r", "c"), at(vector(5, 6, 0.1, 1, true), 0.7),
            at(new double[] {0.1, 0.1, 0.4, -0.3}, -1.2)),
        smooth("reassignedKeepsItsOwnRecomputation", List.of("x"), at(vector(6, 4, 0.1, 1, true)))));
  }

  @ParameterizedTest(name = "{0} #{index}")
  @MethodSource("points")
  void gradientMatchesFiniteDifferencesAndValueIsExact(
      String method, List<String> wrt, Scheme scheme, Object[] point) {
    GradientOracle.check(
        Differentiated.of(compiled, "p.Reused", method, wrt.toArray(new String[0])), scheme, point);
  }

  /** Calls in the whole pullback (the source-line comments aside): the forward sweep's, the block's recomputation, and no more. */
  @ParameterizedTest(name = "{0}: {1} × {2}")
  @CsvSource({
    "sigmoidsSquared, Math.exp(, 2",
    "rotationInABranch, Math.sqrt(, 2",
    "reassignedKeepsItsOwnRecomputation, Math.exp(, 2"
  })
  void callsInThePullback(String method, String call, int expected) {
    String pullback = compiled.pullbackSource("p.ReusedDerivatives", method);
    long calls = pullback.lines().filter(line -> !line.strip().startsWith("//"))
        .mapToLong(line -> line.split(Pattern.quote(call), -1).length - 1).sum();
    assertEquals(expected, calls, pullback);
  }
}
