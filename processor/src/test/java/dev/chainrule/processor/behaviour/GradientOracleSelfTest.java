package dev.chainrule.processor.behaviour;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The checks of {@link GradientOracle} (and of {@link TangentOracle} through it) fail when they should: against a hand-written companion
 * (no processor involved) whose methods are each wrong in one way, and pass for a correct one.
 */
class GradientOracleSelfTest {

  static final String ORIGINAL =
      """
      package p;

      public final class Fake {
        private Fake() {}

        public static double right(double x, double y) { return x * y; }

        public static double wrongPartial(double x, double y) { return x * y; }

        public static double wrongValue(double x, double y) { return x * y; }

        public static double wrongShape(double[] w) { return w[0] * w[1]; }

        public static double mutatesInput(double[] w) { return w[0] * w[1]; }

        public static double extraComponent(double x, double y) { return x * y; }

        public static double wrongTangent(double x, double y) { return x * y; }

        public static double wrongTangentValue(double x, double y) { return x * y; }

        public static double tangentMutatesInput(double[] w) { return w[0] * w[1]; }
      }
      """;

  /** Companions written by hand the way the processor writes them, each method wrong one way. */
  static final String COMPANION =
      """
      package p;

      public final class FakeDerivatives {
        private FakeDerivatives() {}

        public record RightGradient(double value, double x, double y) {}
        public static final class RightAdjoint { public double x; public double y; }
        public static RightGradient rightGradient(double x, double y) {
          return new RightGradient(x * y, y, x);
        }
        public static double rightPullback(double x, double y, double seed, RightAdjoint a) {
          a.x += seed * y;
          a.y += seed * x;
          return x * y;
        }

        public record WrongPartialGradient(double value, double x, double y) {}
        public static final class WrongPartialAdjoint { public double x; public double y; }
        public static WrongPartialGradient wrongPartialGradient(double x, double y) {
          return new WrongPartialGradient(x * y, y, x + 1e-5);
        }
        public static double wrongPartialPullback(double x, double y, double seed, WrongPartialAdjoint a) {
          return x * y;
        }

        public record WrongValueGradient(double value, double x, double y) {}
        public static final class WrongValueAdjoint { public double x; public double y; }
        public static WrongValueGradient wrongValueGradient(double x, double y) {
          return new WrongValueGradient(Math.nextUp(x * y), y, x);
        }
        public static double wrongValuePullback(double x, double y, double seed, WrongValueAdjoint a) {
          return x * y;
        }

        public record WrongShapeGradient(double value, double[] w) {}
        public static final class WrongShapeAdjoint { public double[] w; }
        public static WrongShapeGradient wrongShapeGradient(double[] w) {
          return new WrongShapeGradient(w[0] * w[1], new double[] {w[1], w[0], 0});
        }
        public static double wrongShapePullback(double[] w, double seed, WrongShapeAdjoint a) {
          return w[0] * w[1];
        }

        public record MutatesInputGradient(double value, double[] w) {}
        public static final class MutatesInputAdjoint { public double[] w; }
        public static MutatesInputGradient mutatesInputGradient(double[] w) {
          double value = w[0] * w[1];
          double[] g = {w[1], w[0]};
          w[0] = 0;
          return new MutatesInputGradient(value, g);
        }
        public static double mutatesInputPullback(double[] w, double seed, MutatesInputAdjoint a) {
          return w[0] * w[1];
        }

        public record ExtraComponentGradient(double value, double x, double y, double z) {}
        public static final class ExtraComponentAdjoint { public double x; public double y; }
        public static ExtraComponentGradient extraComponentGradient(double x, double y) {
          return new ExtraComponentGradient(x * y, y, x, 0);
        }
        public static double extraComponentPullback(double x, double y, double seed, ExtraComponentAdjoint a) {
          return x * y;
        }

        public record RightTangent(double value, double tangent) {}
        public static RightTangent rightTangent(double x, double y, double xTangent, double yTangent) {
          return new RightTangent(x * y, xTangent * y + x * yTangent);
        }

        public record WrongPartialTangent(double value, double tangent) {}
        public static WrongPartialTangent wrongPartialTangent(double x, double y, double xTangent, double yTangent) {
          return new WrongPartialTangent(x * y, xTangent * y + x * yTangent);
        }

        public record WrongValueTangent(double value, double tangent) {}
        public static WrongValueTangent wrongValueTangent(double x, double y, double xTangent, double yTangent) {
          return new WrongValueTangent(x * y, xTangent * y + x * yTangent);
        }

        public record WrongShapeTangent(double value, double tangent) {}
        public static WrongShapeTangent wrongShapeTangent(double[] w, double[] wTangent) {
          double value = w[0] * w[1];
          double tangent = wTangent[0] * w[1] + w[0] * wTangent[1];
          
          return new WrongShapeTangent(value, tangent);
        }

        public record MutatesInputTangent(double value, double tangent) {}
        public static MutatesInputTangent mutatesInputTangent(double[] w, double[] wTangent) {
          double value = w[0] * w[1];
          double tangent = wTangent[0] * w[1] + w[0] * wTangent[1];
          
          return new MutatesInputTangent(value, tangent);
        }

        public record ExtraComponentTangent(double value, double tangent) {}
        public static ExtraComponentTangent extraComponentTangent(double x, double y, double xTangent, double yTangent) {
          return new ExtraComponentTangent(x * y, xTangent * y + x * yTangent);
        }

        public record WrongTangentGradient(double value, double x, double y) {}
        public static final class WrongTangentAdjoint { public double x; public double y; }
        public static WrongTangentGradient wrongTangentGradient(double x, double y) {
          return new WrongTangentGradient(x * y, y, x);
        }
        public static double wrongTangentPullback(double x, double y, double seed, WrongTangentAdjoint a) {
          return x * y;
        }

        public record WrongTangentTangent(double value, double tangent) {}
        public static WrongTangentTangent wrongTangentTangent(double x, double y, double xTangent, double yTangent) {
          return new WrongTangentTangent(x * y, xTangent * y + x * yTangent * (1 + 1e-5));
        }

        public record WrongTangentValueGradient(double value, double x, double y) {}
        public static final class WrongTangentValueAdjoint { public double x; public double y; }
        public static WrongTangentValueGradient wrongTangentValueGradient(double x, double y) {
          return new WrongTangentValueGradient(x * y, y, x);
        }
        public static double wrongTangentValuePullback(double x, double y, double seed, WrongTangentValueAdjoint a) {
          return x * y;
        }

        public record WrongTangentValueTangent(double value, double tangent) {}
        public static WrongTangentValueTangent wrongTangentValueTangent(double x, double y, double xTangent, double yTangent) {
          return new WrongTangentValueTangent(Math.nextUp(x * y), xTangent * y + x * yTangent);
        }

        public record TangentMutatesInputGradient(double value, double[] w) {}
        public static final class TangentMutatesInputAdjoint { public double[] w; }
        public static TangentMutatesInputGradient tangentMutatesInputGradient(double[] w) {
          return new TangentMutatesInputGradient(w[0] * w[1], new double[] {w[1], w[0]});
        }
        public static double tangentMutatesInputPullback(double[] w, double seed, TangentMutatesInputAdjoint a) {
          return w[0] * w[1];
        }

        public record TangentMutatesInputTangent(double value, double tangent) {}
        public static TangentMutatesInputTangent tangentMutatesInputTangent(double[] w, double[] wTangent) {
          double value = w[0] * w[1];
          double tangent = wTangent[0] * w[1] + w[0] * wTangent[1];
          w[1] = 0;
          return new TangentMutatesInputTangent(value, tangent);
        }
      }
      """;

  private static CompiledSources compiled;

  @BeforeAll
  static void compile() {
    compiled = CompiledSources.compile(Map.of("p.Fake", ORIGINAL, "p.FakeDerivatives", COMPANION));
  }

  private static Differentiated fake(String name, String... wrt) {
    return Differentiated.of(compiled, "p.Fake", name, wrt);
  }

  @Test
  void correctGradientPasses() {
    GradientOracle.check(fake("right", "x", "y"), 1.5, -2.0);
  }

  @Test
  void partialOffByOneInTenThousandFails() {
    assertFails("disagrees with finite differences", () -> GradientOracle.check(fake("wrongPartial", "x", "y"), 1.5, -2.0));
  }

  @Test
  void valueOffByOneUlpFails() {
    assertFails("value()", () -> GradientOracle.check(fake("wrongValue", "x", "y"), 1.5, -2.0));
  }

  @Test
  void partialOfAnotherShapeFails() {
    assertFails("shape", () -> GradientOracle.check(fake("wrongShape", "w"), (Object) new double[] {1.5, -2.0}));
  }

  @Test
  void gradientThatChangesItsArgumentsFails() {
    assertFails("changed its arguments", () -> GradientOracle.check(fake("mutatesInput", "w"), (Object) new double[] {1.5, -2.0}));
  }

  @Test
  void recordWithOtherComponentsFails() {
    assertFails("record components", () -> GradientOracle.check(fake("extraComponent", "x", "y"), 1.5, -2.0));
  }

  @Test
  void tangentOffByOneInTenThousandFails() {
    assertFails("not ⟨gradient, v⟩", () -> GradientOracle.check(fake("wrongTangent", "x", "y"), 1.5, -2.0));
  }

  @Test
  void tangentValueOffByOneUlpFails() {
    assertFails("pushforward's value", () -> GradientOracle.check(fake("wrongTangentValue", "x", "y"), 1.5, -2.0));
  }

  @Test
  void tangentThatChangesItsArgumentsFails() {
    assertFails("pushforward changed its arguments",
        () -> GradientOracle.check(fake("tangentMutatesInput", "w"), (Object) new double[] {1.5, -2.0}));
  }

  private static void assertFails(String messagePart, Runnable check) {
    AssertionError e = assertThrows(AssertionError.class, check::run);
    assertTrue(e.getMessage().contains(messagePart), "unexpected message: " + e.getMessage());
  }
}
