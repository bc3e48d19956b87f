package dev.chainrule.numeric;

import static dev.chainrule.numeric.JacobiansTest.times;
import static dev.chainrule.numeric.JacobiansTest.transposeTimes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
 * {@link JacobianCheck}: dense Jacobians, Jacobian records shaped like generated ones, JVP and VJP
 * checks, the dot-product test, and their reports.
 */
class JacobianCheckTest {

  private static final VectorFunction SPHERICAL = JacobiansTest::spherical;
  private static final double[] X = {1.3, 0.4, 2.2};

  private static List<String> names(Report report) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < report.size(); i++) {
      names.add(report.name(i));
    }
    return names;
  }

  private static String lineOf(String table, String name) {
    return table
        .lines()
        .filter(line -> line.startsWith(name + " "))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no row for " + name + " in\n" + table));
  }

  // --- Dense Jacobians ----------------------------------------------------------------------

  @Test
  void correctJacobianPassesAndEntriesAreNamed() {
    double[][] exact = JacobiansTest.sphericalJacobian(1.3, 0.4, 2.2);
    Report report = JacobianCheck.compare(SPHERICAL, exact, X.clone());
    report.assertWithin(1e-10);
    assertEquals(9, report.size());
    assertEquals(
        List.of(
            "J[0][0]", "J[0][1]", "J[0][2]", "J[1][0]", "J[1][1]", "J[1][2]", "J[2][0]", "J[2][1]",
            "J[2][2]"),
        names(report));
    assertEquals(exact[1][2], report.analytic(5));
    assertTrue(report.toString().startsWith("Jacobian check, numeric by Richardson"), report::toString);
    JacobianCheck.compare(SPHERICAL, exact, X.clone(), Scheme.CENTRAL).assertWithin(1e-7);
  }

  @Test
  void wrongEntryFailsWithAJacobianHeadline() {
    double[][] wrong = JacobiansTest.sphericalJacobian(1.3, 0.4, 2.2);
    wrong[2][1] += 1e-5; // ∂z/∂θ is 0; claim otherwise
    Report report = JacobianCheck.compare(SPHERICAL, wrong, X.clone());
    assertFalse(report.within(1e-8));
    assertEquals("J[2][1]", report.name(report.worstIndex()));
    String message = assertThrows(AssertionError.class, () -> report.assertWithin(1e-8)).getMessage();
    assertTrue(message.startsWith("Jacobian check failed: 1 of 9 components above"), message);
    assertTrue(lineOf(message, "J[2][1]").endsWith("<-- worst, FAIL"), message);
  }

  @Test
  void shapesAreChecked() {
    IllegalArgumentException row =
        assertThrows(
            IllegalArgumentException.class,
            () -> JacobianCheck.compare(SPHERICAL, new double[][] {new double[3], new double[2]}, X));
    assertEquals("row 1 of analytic has length 2 but x has length 3", row.getMessage());
    IllegalArgumentException outputs =
        assertThrows(
            IllegalArgumentException.class,
            () -> JacobianCheck.compare(SPHERICAL, new double[2][3], X));
    assertEquals(
        "f returns 3 values at x but analytic has 2 rows (one per output)", outputs.getMessage());
    assertArrayEquals(new double[] {1.3, 0.4, 2.2}, X, 0.0, "restored after the failure");
  }

  // --- Records shaped like generated ones ---------------------------------------------------

  /** polar(r, θ) = (r cos θ, r sin θ): two double parameters. */
  record PolarJacobian(double[] value, double[] r, double[] theta) {}

  static PolarJacobian polarJacobian(double r, double theta) {
    return new PolarJacobian(
        JacobiansTest.polar(new double[] {r, theta}),
        new double[] {Math.cos(theta), Math.sin(theta)},
        new double[] {-r * Math.sin(theta), r * Math.cos(theta)});
  }

  /**
   * scale(s, w, M) = s · (w + M·1): a double, a vector and a matrix parameter, 2 outputs; the
   * matrix block is flattened row-major.
   */
  static double[] scale(double s, double[] w, double[][] m) {
    return new double[] {s * (w[0] + m[0][0] + m[0][1]), s * (w[1] + m[1][0] + m[1][1])};
  }

  record ScaleJacobian(double[] value, double[] s, double[][] w, double[][] m) {}

  static ScaleJacobian scaleJacobian(double s, double[] w, double[][] m) {
    double[] value = scale(s, w, m);
    return new ScaleJacobian(
        value,
        new double[] {value[0] / s, value[1] / s},
        new double[][] {{s, 0}, {0, s}},
        new double[][] {{s, s, 0, 0}, {0, 0, s, s}});
  }

  @Test
  void recordWithScalarBlocks() {
    Report report =
        JacobianCheck.compareRecord(
            polarJacobian(2, 0.5), JacobiansTest::polar, new double[] {2, 0.5});
    report.assertWithin(1e-10);
    assertEquals(List.of("r[0]", "r[1]", "theta[0]", "theta[1]"), names(report));
    assertTrue(report.toString().startsWith("Jacobian check of PolarJacobian"), report::toString);
  }

  @Test
  void recordWithArrayBlocksThroughAPacking() {
    double s = 1.5;
    double[] w = {0.5, -2};
    double[][] m = {{1, 2}, {3, 4}};
    Packing p = Packing.of(s, w, m);
    VectorFunction f = v -> scale(p.scalar(v, 0), p.vector(v, 1), p.matrix(v, 2));
    Report report = JacobianCheck.compareRecord(scaleJacobian(s, w, m), f, p);
    report.assertWithin(1e-10);
    assertEquals(2 + 2 * 2 + 2 * 4, report.size());
    assertEquals(
        List.of(
            "s[0]", "s[1]", "w[0][0]", "w[0][1]", "w[1][0]", "w[1][1]", "m[0][0]", "m[0][1]",
            "m[0][2]", "m[0][3]", "m[1][0]", "m[1][1]", "m[1][2]", "m[1][3]"),
        names(report));
    // The same through the flat point: blocks say their widths.
    JacobianCheck.compareRecord(scaleJacobian(s, w, m), f, p.flatten(), Scheme.CENTRAL)
        .assertWithin(1e-7);
  }

  @Test
  void recordWithAWrongEntryNamesIt() {
    ScaleJacobian good = scaleJacobian(1.5, new double[] {0.5, -2}, new double[][] {{1, 2}, {3, 4}});
    double[][] m = {good.m()[0].clone(), good.m()[1].clone()};
    m[1][3] = 0; // ∂f_1/∂M[1][1] (flattened: column 3) is s, not 0
    ScaleJacobian bad = new ScaleJacobian(good.value(), good.s(), good.w(), m);
    Packing p = Packing.of(1.5, new double[] {0.5, -2}, new double[][] {{1, 2}, {3, 4}});
    Report report =
        JacobianCheck.compareRecord(
            bad, v -> scale(p.scalar(v, 0), p.vector(v, 1), p.matrix(v, 2)), p);
    assertFalse(report.within(1e-8));
    assertEquals("m[1][3]", report.name(report.worstIndex()));
  }

  @Test
  void recordShapesAreChecked() {
    Packing p = Packing.of(1.5, new double[] {0.5, -2}, new double[][] {{1, 2}, {3, 4}});
    ScaleJacobian good = scaleJacobian(1.5, new double[] {0.5, -2}, new double[][] {{1, 2}, {3, 4}});
    VectorFunction f = v -> new double[2];
    Packing transposed = Packing.of(1.5, new double[2], new double[4][1]);
    assertTrue(
        assertThrows(
                IllegalArgumentException.class,
                () -> JacobianCheck.compareRecord(good, f, Packing.of(new double[2], 1.5, 1.0)))
            .getMessage()
            .contains("do not have the shapes"));
    JacobianCheck.compareRecord(good, v -> new double[2], transposed); // same sizes: accepted
    IllegalArgumentException columns =
        assertThrows(
            IllegalArgumentException.class,
            () -> JacobianCheck.compareRecord(good, f, new double[6]));
    assertTrue(columns.getMessage().contains("hold 7 columns"), columns::getMessage);
    assertTrue(columns.getMessage().contains("m: double[2][4]"), columns::getMessage);
    record Ragged(double[] value, double[] a, double[] b) {}
    IllegalArgumentException rows =
        assertThrows(
            IllegalArgumentException.class,
            () -> JacobianCheck.compareRecord(new Ragged(null, new double[2], new double[3]), f, new double[2]));
    assertTrue(rows.getMessage().contains("same number of rows"), rows::getMessage);
    record Scalar(double[] value, double a) {}
    assertThrows(
        IllegalArgumentException.class,
        () -> JacobianCheck.compareRecord(new Scalar(null, 1), f, new double[1]));
    assertTrue(p.toString().contains("double[2][2]"));
  }

  // --- JVP and VJP --------------------------------------------------------------------------

  @Test
  void jvpAndVjpChecks() {
    double[][] exact = JacobiansTest.sphericalJacobian(1.3, 0.4, 2.2);
    double[] v = {0.3, -1, 0.8};
    double[] w = {1, 0.5, -2};
    Report jvp = JacobianCheck.compareJvp(SPHERICAL, times(exact, v), X.clone(), v);
    jvp.assertWithin(1e-10);
    assertEquals(List.of("Jv[0]", "Jv[1]", "Jv[2]"), names(jvp));
    Report vjp = JacobianCheck.compareVjp(SPHERICAL, transposeTimes(exact, w), X.clone(), w);
    vjp.assertWithin(1e-10);
    assertEquals(List.of("wJ[0]", "wJ[1]", "wJ[2]"), names(vjp));
    JacobianCheck.compareJvp(SPHERICAL, times(exact, v), X.clone(), v, Scheme.CENTRAL)
        .assertWithin(1e-7);
    JacobianCheck.compareVjp(SPHERICAL, transposeTimes(exact, w), X.clone(), w, Scheme.CENTRAL)
        .assertWithin(1e-7);

    double[] wrongVjp = transposeTimes(exact, w);
    wrongVjp[0] = -wrongVjp[0];
    Report failing = JacobianCheck.compareVjp(SPHERICAL, wrongVjp, X.clone(), w);
    String message = assertThrows(AssertionError.class, () -> failing.assertWithin(1e-8)).getMessage();
    assertTrue(message.startsWith("VJP check failed"), message);
    assertTrue(failing.toString().contains("VJP check (w^T J)"), failing::toString);
  }

  @Test
  void jvpAndVjpLengthsAreChecked() {
    IllegalArgumentException outputs =
        assertThrows(
            IllegalArgumentException.class,
            () -> JacobianCheck.compareJvp(SPHERICAL, new double[2], X, new double[3]));
    assertEquals(
        "f returns 3 values at x but analytic has length 2 (one per output)",
        outputs.getMessage(),
        "even for v = 0, which needs no evaluation");
    assertThrows(
        IllegalArgumentException.class,
        () -> JacobianCheck.compareJvp(SPHERICAL, new double[3], X, new double[2]));
    assertThrows(
        IllegalArgumentException.class,
        () -> JacobianCheck.compareVjp(SPHERICAL, new double[2], X, new double[3]));
    assertThrows(
        IllegalArgumentException.class,
        () -> JacobianCheck.compareVjp(SPHERICAL, new double[3], X, new double[2]));
  }

  // --- Dot-product test ---------------------------------------------------------------------

  @Test
  void dotProductTestOfConsistentModesPasses() {
    double[][] j = JacobiansTest.sphericalJacobian(1.3, 0.4, 2.2);
    double[] v = {0.3, -1, 0.8};
    double[] w = {1, 0.5, -2};
    Report report = JacobianCheck.dotProductTest(v, times(j, v), w, transposeTimes(j, w));
    report.assertWithin(1e-14);
    assertEquals(1, report.size());
    assertEquals("<w, J v> vs <J^T w, v>", report.name(0));
    assertTrue(report.toString().contains("<J^T w, v>"), report::toString);
  }

  @Test
  void dotProductTestCatchesAPullbackOfTheWrongMatrix() {
    double[][] j = {{1, 2, 0}, {0, -1, 3}};
    double[][] almostJ = {{1, 2, 0}, {0, -1, 3.000001}};
    double[] v = {0.7, -0.2, 1.1};
    double[] w = {-0.4, 0.9};
    Report report = JacobianCheck.dotProductTest(v, times(j, v), w, transposeTimes(almostJ, w));
    assertFalse(report.within(1e-8), report::toString);
    String message = assertThrows(AssertionError.class, () -> report.assertWithin(1e-12)).getMessage();
    assertTrue(message.startsWith("dot-product test failed: 1 of 1 components above"), message);
  }

  @Test
  void dotProductErrorIsRelativeToTheTermsEvenWhenTheyCancel() {
    // <w, Jv> = 1e8 - 1e8 + 1 = 1; both modes rounded at 1e-16 of 1e8: an error of 1e-8 absolute
    // is rounding, 1e-16 relative to the terms, not a mismatch.
    double[] v = {1};
    double[] jv = {1e8, 1e8, 1};
    double[] w = {1, -1, 1};
    double[] wj = {1 + 1e-8};
    Report report = JacobianCheck.dotProductTest(v, jv, w, wj);
    assertEquals(1e-8 / 2e8, report.relativeError(0), 1e-20);
    report.assertWithin(1e-15);
    assertTrue(report.toString().contains("sum of |terms|"), report::toString);
    Report nan = JacobianCheck.dotProductTest(v, new double[] {Double.NaN}, new double[] {1}, v);
    assertFalse(nan.within(1));
  }

  @Test
  void dotProductLengthsAreChecked() {
    assertThrows(
        IllegalArgumentException.class,
        () -> JacobianCheck.dotProductTest(new double[2], new double[3], new double[2], new double[2]));
    assertThrows(
        IllegalArgumentException.class,
        () -> JacobianCheck.dotProductTest(new double[2], new double[3], new double[3], new double[1]));
  }

  @Test
  void nullArgumentsAreNamed() {
    double[] three = new double[3];
    double[][] j = new double[3][3];
    assertMessage("f", () -> JacobianCheck.compare(null, j, three));
    assertMessage("analytic", () -> JacobianCheck.compare(SPHERICAL, null, three));
    assertMessage("x", () -> JacobianCheck.compare(SPHERICAL, j, null));
    assertMessage("scheme", () -> JacobianCheck.compare(SPHERICAL, j, three, null));
    assertMessage("row 1 of analytic is null", () -> JacobianCheck.compare(SPHERICAL, new double[][] {three, null}, three));
    assertMessage("jacobian", () -> JacobianCheck.compareRecord(null, SPHERICAL, three));
    assertMessage("at", () -> JacobianCheck.compareRecord(polarJacobian(1, 1), SPHERICAL, (Packing) null));
    assertMessage("v", () -> JacobianCheck.compareJvp(SPHERICAL, three, three, null));
    assertMessage("w", () -> JacobianCheck.compareVjp(SPHERICAL, three, three, null));
    assertMessage("wJ", () -> JacobianCheck.dotProductTest(three, three, three, null));
  }

  private static void assertMessage(String expected, Executable call) {
    assertEquals(expected, assertThrows(NullPointerException.class, call).getMessage());
  }
}
