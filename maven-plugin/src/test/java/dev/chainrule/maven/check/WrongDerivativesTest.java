package dev.chainrule.maven.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.maven.check.MethodResult.Failure;
import dev.chainrule.maven.check.MethodResult.Status;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generated code made wrong on purpose — a wrong {@code @CustomDerivative} inside vector-valued
 * methods, a {@code stopGradient} inside a second-order method (the processor refuses custom
 * derivatives there) — fails every derivative it reaches, with messages naming the method, the
 * point, the entry, the derivative, both values and the relative error.
 */
class WrongDerivativesTest {
  private static final MethodChecker CHECKER = new MethodChecker(1e-6, 17, 3);

  static final String EXT = """
      package wrong;

      /** Code ChainRule does not read. */
      final class Ext {
        private Ext() {}

        static double cube(double x) {
          return x * x * x;
        }
      }
      """;

  static final String SOURCE = """
      package wrong;

      import dev.chainrule.ChainRule;
      import dev.chainrule.CheckPoints;
      import dev.chainrule.CustomDerivative;
      import dev.chainrule.Differentiable;
      import dev.chainrule.Out;

      public final class Bad {
        private Bad() {}

        @Differentiable
        @CheckPoints(provider = "sides")
        public static double[] corners(double side, double h) {
          double[] c = new double[2];
          c[0] = Ext.cube(side) * h;
          c[1] = side + h;
          return c;
        }

        @Differentiable
        @CheckPoints(provider = "sidesInto")
        public static void cornersInto(double side, double h, @Out double[] c) {
          c[0] = Ext.cube(side) * h;
          c[1] = side + h;
        }

        @Differentiable(order = 2)
        @CheckPoints(provider = "sides")
        public static double damped(double x, double y) {
          return x * x * y + ChainRule.stopGradient(x) * y * y;
        }

        static Object[][] sides() {
          return new Object[][] {{1.5, 2.0}};
        }

        static Object[][] sidesInto() {
          return new Object[][] {{1.5, 2.0, null}};
        }

        /** Deliberately wrong: the derivative of x³ is 3x², not 2x². */
        @CustomDerivative(of = Ext.class, method = "cube")
        static double cubeDerivative(double x) {
          return 2 * x * x;
        }
      }
      """;

  private static Generated generated;

  @BeforeAll
  static void compile(@TempDir Path dir) {
    generated = Generated.compile(dir, Map.of("wrong.Ext", EXT, "wrong.Bad", SOURCE));
  }

  private static Set<String> failing(MethodResult r) {
    Set<String> out = new TreeSet<>();
    r.failures().forEach(f -> out.add(f.derivative()));
    return out;
  }

  private static Failure failure(MethodResult r, String derivative, String entry) {
    return r.failures().stream().filter(f -> f.derivative().equals(derivative) && f.partial().startsWith(entry)).findFirst()
        .orElseThrow(() -> new AssertionError("no failure of " + entry + " from " + derivative + " in " + r.failures()));
  }

  @Test
  void aWrongCustomDerivativeInAVectorMethodFailsEveryFirstDerivative() throws CheckException {
    MethodResult r = generated.check(CHECKER, "wrong.Bad", "corners");
    assertEquals(Status.FAILED, r.status());
    assertEquals(Set.of("cornersJacobian", "cornersJacobian(…, CornersJacobianWork)", "cornersJacobianForward",
        "cornersJacobianReverse", "cornersPullback", "cornersTangent", "cornersPushforward", "cornersMultiPushforward"), failing(r));
    Failure f = failure(r, "cornersJacobian", "∂corners[0]/∂side");
    // (2 · 1.5²) · 2 against (3 · 1.5²) · 2.
    assertEquals(9.0, f.generated());
    assertEquals(13.5, f.numeric(), 1e-8);
    assertEquals("Bad.corners at (side=1.5, h=2.0): ∂corners[0]/∂side from cornersJacobian is 9.0, but finite differences "
        + "give " + f.numeric() + " (relative error 0.333 > tolerance 1.0E-6)", f.message());
    // The other entries are right: only ∂corners[0]/∂side fails in each Jacobian form.
    assertEquals(List.of("∂corners[0]/∂side"), r.failures().stream().filter(x -> x.derivative().startsWith("cornersJacobian"))
        .map(Failure::partial).distinct().toList());
    assertTrue(failure(r, "cornersPullback", "wᵀ∂corners/∂side (w = [").message().contains(", but finite differences give "));
    assertTrue(failure(r, "cornersTangent", "the derivative of corners[0] along v = [").message()
        .startsWith("Bad.corners at (side=1.5, h=2.0): the derivative of corners[0] along v = ["));
    failure(r, "cornersMultiPushforward", "the derivative of corners[0] along direction 2 of 2");
  }

  @Test
  void theSameInAnOutMethodNamesTheOutParameter() throws CheckException {
    MethodResult r = generated.check(CHECKER, "wrong.Bad", "cornersInto");
    assertEquals(Status.FAILED, r.status());
    Failure f = failure(r, "cornersIntoJacobian", "∂c[0]/∂side");
    assertEquals(13.5, f.numeric(), 1e-8);
    assertTrue(f.message().startsWith("Bad.cornersInto at (side=1.5, h=2.0, c=@Out double[2]): ∂c[0]/∂side from "
        + "cornersIntoJacobian is 9.0, but finite differences give " + f.numeric()), f.message());
    failure(r, "cornersIntoPushforward", "the derivative of c[0] along v");
  }

  @Test
  void aStoppedGradientInASecondOrderMethodFailsEveryDerivative() throws CheckException {
    MethodResult r = generated.check(CHECKER, "wrong.Bad", "damped");
    assertEquals(Status.FAILED, r.status());
    // ∂/∂x of x²y + x·y² is 2xy + y² = 10 at (1.5, 2); the stopped x leaves 2xy = 6.
    for (String d : List.of("dampedGradient", "dampedPullback", "dampedHessian", "dampedHessian(…, DampedHessianWork)",
        "dampedHvp", "dampedHvp(…, DampedAdjoint)", "dampedPullbackTangent", "dampedMultiPullbackTangent")) {
      Failure f = failure(r, d, "∂damped/∂x");
      assertEquals(6.0, f.generated(), 1e-12, f.message());
      assertEquals(10.0, f.numeric(), 1e-8, f.message());
    }
    assertTrue(failing(r).containsAll(Set.of("dampedTangent", "dampedPushforward", "dampedMultiPushforward")), failing(r).toString());
    // The reference of the Hessian is the symmetric part of the Jacobian of the generated gradient, which
    // here is no gradient: ∂g_x/∂y = 2x = 3 but ∂g_y/∂x = 2x + 2y = 7, as x moves the stopped x too.
    // The generated Hessian differentiates with x stopped (3 and 3): its mixed entries fail against 5.
    Failure mixed = failure(r, "dampedHessian", "∂²damped/∂x∂y");
    assertEquals(3.0, mixed.generated(), 1e-12);
    assertEquals(5.0, mixed.numeric(), 1e-8);
    assertTrue(mixed.message().contains("from dampedHessian is 3.0, but differences of dampedGradient give "), mixed.message());
    assertTrue(failure(r, "dampedHvp", "(∇²damped·v)[y] for v = [").message().contains("differences of dampedGradient"));
  }
}
