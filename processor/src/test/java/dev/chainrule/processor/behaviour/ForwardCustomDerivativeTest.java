package dev.chainrule.processor.behaviour;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import dev.chainrule.processor.Compiled;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Custom derivatives in forward mode: a {@code double} parameter's partial serves both modes; a
 * {@code double[]} parameter's derivative given as a tangent (directional derivative) serves the
 * forward mode; one given only as a pullback leaves the method (and its callers) without forward
 * mode, with a warning that says what to add, while its reverse mode is generated as before.
 */
class ForwardCustomDerivativeTest {

  static final String SPECIAL = """
      package p;

      public final class Special {
        private Special() {}

        public static double logSumExp(double[] v) {
          double m = v[0];
          for (double x : v) {
            m = Math.max(m, x);
          }
          double s = 0;
          for (double x : v) {
            s += Math.exp(x - m);
          }
          return m + Math.log(s);
        }

        public static double cube(double x) {
          return x * x * x;
        }
      }
      """;

  static final String MODEL = """
      package p;

      import dev.chainrule.CustomDerivative;
      import dev.chainrule.Differentiable;

      public final class Model {
        private Model() {}

        @CustomDerivative(of = Special.class, method = "logSumExp")
        static void logSumExpPullback(double[] v, double result, double seed, double[] adjoint) {
          for (int i = 0; i < v.length; i++) {
            adjoint[i] += seed * Math.exp(v[i] - result);
          }
        }

        @CustomDerivative(of = Special.class, method = "logSumExp")
        static double logSumExpTangent(double[] v, double result, double[] tangent) {
          double t = 0;
          for (int i = 0; i < v.length; i++) {
            t += Math.exp(v[i] - result) * tangent[i];
          }
          return t;
        }

        @CustomDerivative(of = Special.class, method = "cube")
        static double cubeDerivative(double x) {
          return 3 * x * x;
        }

        @Differentiable
        public static double softLoss(double[] z, double w) {
          double[] s = new double[z.length];
          for (int i = 0; i < z.length; i++) {
            s[i] = w * z[i];
          }
          return Special.logSumExp(s) + Special.cube(w);
        }

        @Differentiable
        public static double[] features(double[] z, double w) {
          double[] f = new double[2];
          f[0] = softLoss(z, w);
          f[1] = Special.cube(z[0]) * w;
          return f;
        }
      }
      """;

  static final String REVERSE_ONLY = """
      package p;

      import dev.chainrule.CustomDerivative;
      import dev.chainrule.Differentiable;

      public final class ReverseOnly {
        private ReverseOnly() {}

        @CustomDerivative(of = Special.class, method = "logSumExp")
        static void logSumExpPullback(double[] v, double result, double seed, double[] adjoint) {
          for (int i = 0; i < v.length; i++) {
            adjoint[i] += seed * Math.exp(v[i] - result);
          }
        }

        @Differentiable
        public static double loss(double[] z) {
          return Special.logSumExp(z);
        }

        @Differentiable
        public static double caller(double[] z) {
          double s = 0;
          for (int i = 0; i < 2; i++) {
            s += loss(z) * z[i];
          }
          return s;
        }
      }
      """;

  @Test
  void tangentFormServesForwardModeAndPartialsServeBoth() {
    CompiledSources sources = CompiledSources.compile(Map.of("p.Special", SPECIAL, "p.Model", MODEL));
    Differentiated softLoss = Differentiated.of(sources, "p.Model", "softLoss", "z", "w");
    GradientOracle.check(softLoss, new double[] {0.5, -1, 2}, 0.7);
    GradientOracle.check(softLoss, new double[] {3, 3, -2}, -1.2);
    VectorOracle.of(sources, "p.Model", "features", "z", "w").check(new double[] {0.5, -1, 2}, 0.7);
  }

  @Test
  void pullbackOnlyLeavesNoForwardModeWithAWarning() {
    Compilation c = Compiled.compile(Map.of("p.Special", SPECIAL, "p.ReverseOnly", REVERSE_ONLY));
    assertThat(c.status()).isEqualTo(Compilation.Status.SUCCESS);
    String warnings = String.join("\n", c.warnings().stream().map(d -> d.getMessage(Locale.ROOT)).toList());
    assertTrue(warnings.contains("no forward mode (Tangent, Pushforward) is generated for 'loss'"), warnings);
    assertTrue(warnings.contains("double[] tangent and returns the directional derivative"), warnings);
    assertTrue(warnings.contains("no forward mode (Tangent, Pushforward) is generated for 'caller'"), warnings);
    assertTrue(warnings.contains("calls ReverseOnly.loss, which has no forward mode"), warnings);
    CompiledSources sources = CompiledSources.compile(Map.of("p.Special", SPECIAL, "p.ReverseOnly", REVERSE_ONLY));
    String companion = sources.generatedSource("p.ReverseOnlyDerivatives");
    assertTrue(companion.contains("lossPullback(") && companion.contains("callerGradient("), companion);
    assertTrue(!companion.contains("lossTangent(") && !companion.contains("callerPushforward("), companion);
  }
}
