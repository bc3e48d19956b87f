package dev.chainrule.numeric;

import static dev.chainrule.numeric.JacobiansTest.times;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.numeric.FiniteDifferences.Scheme;
import dev.chainrule.numeric.GradientCheck.Report;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * {@link HessianCheck}: dense Hessians against {@code f} and against a gradient, Hessian records
 * shaped like generated ones, HVP checks, the symmetry test, and their reports.
 */
class HessianCheckTest {

  private static final double[] X = {0.9, 0.82, 0.7, 0.45};

  private static List<String> names(Report report) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < report.size(); i++) {
      names.add(report.name(i));
    }
    return names;
  }

  @Test
  void correctHessianPassesAgainstTheFunctionAndTheGradient() {
    double[][] exact = HessiansTest.rosenbrockHessian(X);
    Report report = HessianCheck.compare(HessiansTest::rosenbrock, exact, X.clone());
    report.assertWithin(1e-9);
    assertEquals(16, report.size());
    assertEquals("H[0][0]", report.name(0));
    assertEquals("H[2][1]", report.name(9));
    assertTrue(report.toString().contains("analytic asymmetry"), report::toString);
    HessianCheck.compare(HessiansTest::rosenbrock, exact, X.clone(), Scheme.CENTRAL)
        .assertWithin(1e-5);
    Report fromGradient =
        HessianCheck.compareWithGradient(HessiansTest::rosenbrockGradient, exact, X.clone());
    fromGradient.assertWithin(1e-11);
    assertTrue(fromGradient.toString().contains("numeric asymmetry before symmetrizing"));
    HessianCheck.compareWithGradient(
            HessiansTest::rosenbrockGradient, exact, X.clone(), Scheme.CENTRAL)
        .assertWithin(1e-7);
  }

  @Test
  void oneWrongMixedPartialFailsInBothTrianglesOrAsAsymmetry() {
    double[][] wrong = HessiansTest.rosenbrockHessian(X);
    wrong[1][2] += 1e-4; // only one triangle: the analytic side is asymmetric
    Report report = HessianCheck.compare(HessiansTest::rosenbrock, wrong, X.clone());
    assertFalse(report.within(1e-8));
    assertEquals("H[1][2]", report.name(report.worstIndex()));
    String message = assertThrows(AssertionError.class, () -> report.assertWithin(1e-8)).getMessage();
    assertTrue(message.startsWith("Hessian check failed: 1 of 16 components above"), message);
    assertTrue(message.contains("at H[1][2]"), "the asymmetry note names the pair: " + message);
  }

  @Test
  void namedPackingNamesTheEntries() {
    double[] w = {X[0], X[1], X[2]};
    Packing p = Packing.of(w, X[3]).named("w", "b");
    Report report = HessianCheck.compare(HessiansTest::rosenbrock, HessiansTest.rosenbrockHessian(X), p);
    report.assertWithin(1e-9);
    assertEquals("H[w[0]][w[0]]", report.name(0));
    assertEquals("H[w[2]][b]", report.name(11));
    assertEquals("H[b][b]", report.name(15));
  }

  @Test
  void aGradientThatIsNotAGradientShowsAsNumericAsymmetry() {
    // (y, 2x) is the gradient of nothing: its Jacobian [[0, 1], [2, 0]] is not symmetric.
    VectorFunction notAGradient = v -> new double[] {v[1], 2 * v[0]};
    Report report =
        HessianCheck.compareWithGradient(
            notAGradient, new double[][] {{0, 1.5}, {1.5, 0}}, new double[] {1, 1});
    assertTrue(report.within(1e-9), "its symmetric part is what it is compared with");
    assertTrue(
        report.toString().contains("numeric asymmetry before symmetrizing: max |H[i][j] - H[j][i]|"
            + " / max(1, |H[i][j]|, |H[j][i]|) = 5.00e-01, at H[0][1]"),
        report::toString);
  }

  // --- HVP ----------------------------------------------------------------------------------

  @Test
  void hvpCheck() {
    double[][] h = HessiansTest.rosenbrockHessian(X);
    double[] v = {1, -0.5, 0.3, 2};
    Report report =
        HessianCheck.compareHvp(HessiansTest::rosenbrockGradient, times(h, v), X.clone(), v);
    report.assertWithin(1e-11);
    assertEquals(List.of("Hv[0]", "Hv[1]", "Hv[2]", "Hv[3]"), names(report));
    HessianCheck.compareHvp(HessiansTest::rosenbrockGradient, times(h, v), X.clone(), v, Scheme.CENTRAL)
        .assertWithin(1e-7);
    double[] wrong = times(h, v);
    wrong[3] *= 1.001;
    Report failing = HessianCheck.compareHvp(HessiansTest::rosenbrockGradient, wrong, X.clone(), v);
    String message = assertThrows(AssertionError.class, () -> failing.assertWithin(1e-8)).getMessage();
    assertTrue(message.startsWith("HVP check failed: 1 of 4"), message);
    assertThrows(
        IllegalArgumentException.class,
        () -> HessianCheck.compareHvp(HessiansTest::rosenbrockGradient, new double[3], X, v));
  }

  @Test
  void symmetryTest() {
    double[][] h = HessiansTest.rosenbrockHessian(X);
    double[] v = {1, -0.5, 0.3, 2};
    double[] w = {0.2, 0.7, -1, 0.4};
    Report report = HessianCheck.symmetryTest(v, times(h, v), w, times(h, w));
    report.assertWithin(1e-14);
    assertEquals("<w, H v> vs <H w, v>", report.name(0));
    double[][] asymmetric = {{1, 2}, {0, 1}};
    Report failing =
        HessianCheck.symmetryTest(
            new double[] {1, 0}, times(asymmetric, new double[] {1, 0}),
            new double[] {0, 1}, times(asymmetric, new double[] {0, 1}));
    String message = assertThrows(AssertionError.class, () -> failing.assertWithin(1e-12)).getMessage();
    assertTrue(message.startsWith("symmetry test failed"), message);
  }

  // --- Records shaped like generated ones ---------------------------------------------------

  record RosenbrockHessian(double value, double[] gradient, double[][] hessian) {}

  static RosenbrockHessian rosenbrockHessian(double[] x) {
    return new RosenbrockHessian(
        HessiansTest.rosenbrock(x),
        HessiansTest.rosenbrockGradient(x),
        HessiansTest.rosenbrockHessian(x));
  }

  @Test
  void hessianRecordChecksTheGradientAndTheHessian() {
    Report report = HessianCheck.compareRecord(rosenbrockHessian(X), HessiansTest::rosenbrock, X.clone());
    report.assertWithin(1e-9);
    assertEquals(4 + 16, report.size());
    assertEquals("gradient[0]", report.name(0));
    assertEquals("hessian[0][0]", report.name(4));
    assertTrue(report.toString().startsWith("Hessian check of RosenbrockHessian"), report::toString);

    double[] w = {X[0], X[1]};
    double[] u = {X[2], X[3]};
    Packing p = Packing.of(w, u).named("w", "u");
    Report named = HessianCheck.compareRecord(rosenbrockHessian(X), HessiansTest::rosenbrock, p);
    assertEquals("gradient[u[1]]", named.name(3));
    assertEquals("hessian[w[1]][u[0]]", named.name(4 + 6));
    HessianCheck.compareRecord(rosenbrockHessian(X), HessiansTest::rosenbrock, p, Scheme.CENTRAL)
        .assertWithin(1e-5);
  }

  @Test
  void hessianRecordWithAWrongGradientFails() {
    RosenbrockHessian good = rosenbrockHessian(X);
    double[] gradient = good.gradient().clone();
    gradient[2] += 1e-3;
    Report report =
        HessianCheck.compareRecord(
            new RosenbrockHessian(good.value(), gradient, good.hessian()),
            HessiansTest::rosenbrock,
            X.clone());
    assertEquals("gradient[2]", report.name(report.worstIndex()));
  }

  @Test
  void hessianRecordShapesAreChecked() {
    IllegalArgumentException shape =
        assertThrows(
            IllegalArgumentException.class,
            () -> HessianCheck.compareRecord(rosenbrockHessian(X), v -> 0, new double[3]));
    assertTrue(shape.getMessage().contains("gradient: double[4], hessian: double[4][4]"), shape::getMessage);
    assertTrue(shape.getMessage().contains("are not (gradient: double[3], hessian: double[3][3])"), shape::getMessage);
    record Swapped(double value, double[][] hessian, double[] gradient) {}
    assertThrows(
        IllegalArgumentException.class,
        () -> HessianCheck.compareRecord(new Swapped(0, new double[1][1], new double[1]), v -> 0, new double[1]));
    record Partial(double value, double[] gradient) {}
    assertThrows(
        IllegalArgumentException.class,
        () -> HessianCheck.compareRecord(new Partial(0, new double[1]), v -> 0, new double[1]));
  }

  @Test
  void analyticShapesAreChecked() {
    assertThrows(
        IllegalArgumentException.class,
        () -> HessianCheck.compare(HessiansTest::rosenbrock, new double[3][4], X));
    IllegalArgumentException ragged =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                HessianCheck.compare(
                    HessiansTest::rosenbrock,
                    new double[][] {new double[4], new double[4], new double[3], new double[4]},
                    X));
    assertEquals("row 2 of analytic has length 3 but the point has 4 values", ragged.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> HessianCheck.compareWithGradient(v -> new double[3], new double[4][4], X));
  }

  @Test
  void nullArgumentsAreNamed() {
    double[][] h = new double[4][4];
    assertMessage("f", () -> HessianCheck.compare(null, h, X));
    assertMessage("analytic", () -> HessianCheck.compare(HessiansTest::rosenbrock, null, X));
    assertMessage("x", () -> HessianCheck.compare(HessiansTest::rosenbrock, h, (double[]) null));
    assertMessage("at", () -> HessianCheck.compare(HessiansTest::rosenbrock, h, (Packing) null));
    assertMessage("gradient", () -> HessianCheck.compareWithGradient(null, h, X));
    assertMessage("v", () -> HessianCheck.compareHvp(HessiansTest::rosenbrockGradient, X, X, null));
    assertMessage("hessian", () -> HessianCheck.compareRecord(null, HessiansTest::rosenbrock, X));
    assertMessage("hw", () -> HessianCheck.symmetryTest(X, X, X, null));
    assertMessage(
        "scheme", () -> HessianCheck.compareWithGradient(HessiansTest::rosenbrockGradient, h, X, null));
  }

  private static void assertMessage(String expected, Executable call) {
    assertEquals(expected, assertThrows(NullPointerException.class, call).getMessage());
  }
}
