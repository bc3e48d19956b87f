package dev.chainrule.maven.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.maven.check.MethodResult.Status;
import dev.chainrule.maven.index.ClassIndex;
import dev.chainrule.maven.index.MethodIndex;
import dev.chainrule.maven.index.MethodIndex.CheckPoints;
import dev.chainrule.maven.index.MethodIndex.Derivative;
import dev.chainrule.maven.index.MethodIndex.Parameter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The checker against a hand-written companion: right derivatives pass, a wrong one fails by name. */
class MethodCheckerTest {
  private static final ClassLoader LOADER = MethodCheckerTest.class.getClassLoader();
  private static final MethodChecker CHECKER = new MethodChecker(1e-6, 17, 3);

  private static ClassIndex index(MethodIndex... methods) {
    return new ClassIndex(1, Hand.class.getName(), HandDerivatives.class.getName(), "Hand.java", List.of(methods));
  }

  private static MethodIndex f(List<Derivative> derivatives) {
    return new MethodIndex("f", 6, null, List.of(new Parameter("x", "double", true), new Parameter("y", "double", true)),
        "double", null, null, derivatives, null, null);
  }

  @Test
  void rightGradientPullbackAndTangentPass() throws CheckException {
    List<Derivative> kinds = List.of(new Derivative("gradient", "fGradient", "FGradient", 1, ""),
        new Derivative("pullback", "fPullback", "FAdjoint", 1, ""), new Derivative("tangent", "fTangent", "FTangent", 1, ""),
        new Derivative("pushforward", "fPushforward", "FTangentWork", 1, ""));
    MethodResult r = CHECKER.check(index(), f(kinds), LOADER);
    assertEquals(Status.PASSED, r.status(), String.valueOf(r.failures()));
    assertEquals(List.of("fGradient", "fPullback", "fTangent", "fPushforward"), r.checked());
    assertEquals(List.of(), r.unchecked());
    assertEquals(3, r.points());
    assertEquals(3 * (2 + 2 + 1 + 1), r.components());
    assertTrue(r.maxRelativeError() < 1e-8, "central differences are this good here: " + r.maxRelativeError());
  }

  @Test
  void kindsWithoutACheckAreListedAsUnchecked() throws CheckException {
    MethodResult r = CHECKER.check(index(), f(List.of(new Derivative("gradient", "fGradient", "FGradient", 1, ""),
        new Derivative("hessian", "fHessian", "FHessian", 1, ""))), LOADER);
    assertEquals(Status.PASSED, r.status());
    assertEquals(List.of("fHessian: this plugin version has no check for hessian derivatives"), r.unchecked());
  }

  @Test
  void aWrongPartialFailsNamingMethodPointPartialAndValues() throws CheckException {
    MethodIndex g = new MethodIndex("g", 10, null, List.of(new Parameter("v", "double[]", true)), "double", null,
        new CheckPoints(-2, 2, List.of(2), 2, ""),
        List.of(new Derivative("gradient", "gGradient", "GGradient", 1, ""), new Derivative("pullback", "gPullback", "GAdjoint", 1, "")),
        null, null);
    MethodResult r = CHECKER.check(index(g), g, LOADER);
    assertEquals(Status.FAILED, r.status());
    assertEquals(2, r.failures().size(), "one per point, the gradient only: " + r.failures());
    MethodResult.Failure first = r.failures().get(0);
    assertEquals("gGradient", first.derivative());
    assertEquals("∂g/∂v[1]", first.partial());
    assertEquals(2.0, first.generated());
    assertEquals(3.0, first.numeric(), 1e-9);
    assertEquals(1.0 / 3.0, first.relativeError(), 1e-9);
    assertTrue(first.message().startsWith("Hand.g at (v=["), first.message());
    assertTrue(first.message().contains("): ∂g/∂v[1] from gGradient is 2.0, but finite differences give 3.0"), first.message());
    assertTrue(first.message().endsWith("(relative error 0.333 > tolerance 1.0E-6)"), first.message());
  }

  @Test
  void anArrayWithoutSizesIsUncheckedWithTheReason() throws CheckException {
    MethodIndex g = new MethodIndex("g", 10, null, List.of(new Parameter("v", "double[]", true)), "double", null, null,
        List.of(new Derivative("gradient", "gGradient", "GGradient", 1, "")), null, null);
    MethodResult r = CHECKER.check(index(g), g, LOADER);
    assertEquals(Status.UNCHECKED, r.status());
    assertEquals("parameter v is double[]: give its size with @CheckPoints(lengths = {...}) or points with "
        + "@CheckPoints(provider = \"...\")", r.reason());
  }

  @Test
  void aVectorResultIsUncheckedWithTheReason() throws CheckException {
    MethodIndex g = new MethodIndex("g", 10, null, List.of(new Parameter("v", "double[]", true)), "double[]", null,
        new CheckPoints(-2, 2, List.of(2), 2, ""), List.of(new Derivative("jacobian", "gJacobian", "GJacobian", 1, "")),
        null, null);
    MethodResult r = CHECKER.check(index(g), g, LOADER);
    assertEquals(Status.UNCHECKED, r.status());
    assertEquals("its result is double[]: this plugin version checks methods with a double result only", r.reason());
    assertEquals(List.of("gJacobian: this plugin version has no check for jacobian derivatives"), r.unchecked());
  }
}
