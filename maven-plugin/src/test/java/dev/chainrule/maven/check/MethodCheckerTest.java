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
    assertEquals(3 * (2 + 2 + 1 + 1 + 1), r.components(), "gradient, pullback, tangent, pushforward, dot product");
    assertTrue(r.maxRelativeError() < 1e-8, "central differences are this good here: " + r.maxRelativeError());
  }

  @Test
  void kindsWithoutACheckAreListedAsUnchecked() throws CheckException {
    MethodResult r = CHECKER.check(index(), f(List.of(new Derivative("gradient", "fGradient", "FGradient", 1, ""),
        new Derivative("thirdOrder", "fThird", "FThird", 1, ""))), LOADER);
    assertEquals(Status.PASSED, r.status());
    assertEquals(List.of("fThird: this plugin version has no check for thirdOrder derivatives"), r.unchecked());
    assertEquals(List.of("fGradient"), r.checked());
  }

  @Test
  void aFormTheCompanionLacksIsListedAsUnchecked() throws CheckException {
    MethodResult r = CHECKER.check(index(), f(List.of(new Derivative("gradient", "fGradient", "FGradient", 1, ""),
        new Derivative("hessian", "fHessian", "FHessian", 1, ""))), LOADER);
    assertEquals(Status.PASSED, r.status());
    assertEquals(List.of("fHessian: the companion has no fHessian(double, double) to check"), r.unchecked());
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

  private static MethodIndex p(Derivative... derivatives) {
    return new MethodIndex("p", 20, null, List.of(new Parameter("x", "double", true), new Parameter("y", "double", true)),
        "double[]", null, null, List.of(derivatives), null, null);
  }

  @Test
  void aTangentOffByOnePartInOneHundredMillionPassesFiniteDifferencesButNotTheDotProductTest() throws CheckException {
    MethodResult r = CHECKER.check(index(), p(new Derivative("tangent", "pTangent", "PTangent", 1, ""),
        new Derivative("pullback", "pPullback", "PAdjoint", 1, ""), new Derivative("jacobian", "pJacobian", "PJacobian", 1, "")),
        LOADER);
    assertEquals(Status.FAILED, r.status());
    assertEquals(3, r.failures().size(), "the dot-product test at each point, nothing else: " + r.failures());
    MethodResult.Failure f = r.failures().get(0);
    assertEquals("pTangent", f.derivative());
    assertTrue(f.partial().startsWith("⟨w, J·v⟩ (v = ["), f.partial());
    assertTrue(f.message().contains(" from pTangent is "), f.message());
    assertTrue(f.message().contains(", but ⟨wᵀJ, v⟩ from pPullback is "), f.message());
    assertTrue(f.message().endsWith(" > 1.0E-10, the tolerance between generated derivatives)"), f.message());
    assertEquals(List.of("pTangent", "pPullback", "pJacobian"), r.checked());
  }

  @Test
  void aJacobianBlockOfTheWrongShapeFailsSayingWhichAndWhy() throws CheckException {
    MethodResult r = CHECKER.check(index(), p(new Derivative("jacobian", "pJacobian", "PJacobian", 2, "", "PJacobianWork",
        null, null)), LOADER);
    assertEquals(Status.FAILED, r.status());
    assertEquals(3, r.failures().size(), "the work form's block x at each point: " + r.failures());
    assertTrue(r.failures().get(0).message().endsWith("): the block x from pJacobian(…, PJacobianWork) is double[3], but p has 2 outputs "
        + "and x 1 value (the block must be double[2])"), r.failures().get(0).message());
  }

  @Test
  void aDerivativeThatChangesItsArgumentFails() throws CheckException {
    MethodIndex r = new MethodIndex("r", 24, null, List.of(new Parameter("v", "double[]", true)), "double", null,
        new CheckPoints(-2, 2, List.of(2), 1, ""), List.of(new Derivative("gradient", "rGradient", "RGradient", 1, "")), null,
        null);
    MethodResult result = CHECKER.check(index(r), r, LOADER);
    assertEquals(Status.FAILED, result.status());
    assertEquals(1, result.failures().size(), result.failures().toString());
    assertTrue(result.failures().get(0).message().endsWith("): rGradient changed its argument v"),
        result.failures().get(0).message());
  }

  @Test
  void aWrongHessianEntryFailsAgainstDifferencesOfTheGradientAndTheSymmetryTest() throws CheckException {
    MethodIndex h = new MethodIndex("h", 30, null, List.of(new Parameter("x", "double", true), new Parameter("y", "double", true)),
        "double", null, new CheckPoints(0.5, 2, List.of(), 1, ""),
        List.of(new Derivative("gradient", "hGradient", "HGradient", 1, ""), new Derivative("hessian", "hHessian", "HHessian", 1, ""),
            new Derivative("hvp", "hHvp", "HHvp", 1, "", null, null, java.util.Map.of("x", "xHvp", "y", "yHvp"))),
        null, null);
    MethodResult r = CHECKER.check(index(h), h, LOADER);
    assertEquals(Status.FAILED, r.status());
    // The entry against the reference, then the entry against its mirror: H[1][0] is right.
    assertEquals(List.of("∂²h/∂x∂y", "∂²h/∂x∂y"), r.failures().stream().map(MethodResult.Failure::partial).toList(),
        r.failures().toString());
    MethodResult.Failure entry = r.failures().get(0);
    assertEquals("hHessian", entry.derivative());
    assertEquals(entry.numeric() + 0.1, entry.generated(), 1e-9, "the reference is 2x");
    assertTrue(entry.message().contains("from hHessian is " + entry.generated() + ", but differences of hGradient give "),
        entry.message());
    MethodResult.Failure symmetry = r.failures().get(1);
    assertTrue(symmetry.message().contains("∂²h/∂x∂y from hHessian is " + entry.generated() + ", but ∂²h/∂y∂x is "),
        symmetry.message());
    assertEquals(List.of("hGradient", "hHessian", "hHvp"), r.checked(), "the HVP is right");
  }

  @Test
  void aVectorResultWithoutPointsIsUncheckedWithTheReason() throws CheckException {
    MethodIndex g = new MethodIndex("g", 10, null, List.of(new Parameter("v", "double[]", true)), "double[]", null, null,
        List.of(new Derivative("jacobian", "gJacobian", "GJacobian", 1, "")), null, null);
    MethodResult r = CHECKER.check(index(g), g, LOADER);
    assertEquals(Status.UNCHECKED, r.status());
    assertTrue(r.reason().startsWith("parameter v is double[]: give its size"), r.reason());
  }
}
