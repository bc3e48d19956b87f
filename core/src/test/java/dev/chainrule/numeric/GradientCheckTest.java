package dev.chainrule.numeric;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.numeric.FiniteDifferences.Scheme;
import dev.chainrule.numeric.GradientCheck.Report;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** {@link GradientCheck#compare} and the {@link Report}: errors, summaries, table, assertions. */
class GradientCheckTest {

  /** f(x, y) = x^2 y + exp(y), gradient (2xy, x^2 + exp(y)). */
  private static final ToDoubleFunction<double[]> F = v -> v[0] * v[0] * v[1] + Math.exp(v[1]);

  private static double[] trueGradient(double x, double y) {
    return new double[] {2 * x * y, x * x + Math.exp(y)};
  }

  private static List<String> lines(String text) {
    return Arrays.asList(text.split("\n"));
  }

  @Test
  void correctGradientPassesTightTolerance() {
    double[] x = {1.3, -0.4};
    Report report = GradientCheck.compare(F, trueGradient(1.3, -0.4), x);
    assertEquals(2, report.size());
    assertTrue(report.within(1e-10), report::toString);
    assertSame(report, report.assertWithin(1e-10));
    assertEquals(0, report.nanComponents().length);
    assertArrayEquals(new double[] {1.3, -0.4}, x, 0.0);
  }

  @Test
  void centralSchemeIsAvailableWithLooserAccuracy() {
    Report report =
        GradientCheck.compare(F, trueGradient(0.5, 2), new double[] {0.5, 2}, Scheme.CENTRAL);
    assertTrue(report.within(1e-7), report::toString);
    assertTrue(report.toString().contains("central differences"));
    assertTrue(
        GradientCheck.compare(F, trueGradient(0.5, 2), new double[] {0.5, 2})
            .toString()
            .contains("Richardson extrapolation"));
  }

  @Test
  void wrongComponentFails() {
    double[] analytic = trueGradient(1.3, -0.4);
    analytic[1] += 1e-6;
    Report report = GradientCheck.compare(F, analytic, new double[] {1.3, -0.4});
    assertFalse(report.within(1e-8));
    assertTrue(report.within(1e-5));
    assertEquals(1, report.worstIndex());
    assertEquals(1e-6 / analytic[1], report.relativeError(1), 1e-9 / analytic[1]);
  }

  @Test
  void lengthMismatchNamesBothLengths() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> GradientCheck.compare(F, new double[3], new double[] {1, 2}));
    assertTrue(e.getMessage().contains("3") && e.getMessage().contains("2"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Report.of(new double[2], new double[1]));
    assertThrows(
        IllegalArgumentException.class, () -> Report.of(new double[2], new double[2], "a"));
  }

  @Test
  void nullArgumentsNameTheParameter() {
    double[] two = new double[2];
    assertEquals(
        "f",
        assertThrows(NullPointerException.class, () -> GradientCheck.compare(null, two, two))
            .getMessage());
    assertEquals(
        "analytic",
        assertThrows(NullPointerException.class, () -> GradientCheck.compare(F, null, two))
            .getMessage());
    assertEquals(
        "x",
        assertThrows(NullPointerException.class, () -> GradientCheck.compare(F, two, null))
            .getMessage());
    assertEquals(
        "scheme",
        assertThrows(NullPointerException.class, () -> GradientCheck.compare(F, two, two, null))
            .getMessage());
  }

  @Test
  void relativeErrorIsAbsoluteBelowOneAndRelativeAboveOne() {
    Report report =
        Report.of(
            new double[] {2.0, 0.5, 1000, -1e-9, 0},
            new double[] {2.1, 0.6, 1001, 1e-9, 0},
            "a",
            "b",
            "c",
            "d",
            "e");
    // |a - n| / max(1, |a|, |n|)
    assertEquals(0.1 / 2.1, report.relativeError(0), 1e-15);
    assertEquals(0.1, report.relativeError(1), 1e-15);
    assertEquals(1.0 / 1001, report.relativeError(2), 1e-15);
    assertEquals(2e-9, report.relativeError(3), 1e-22);
    assertEquals(0.0, report.relativeError(4));
    assertEquals(0.1, report.absoluteError(0), 1e-15);
    assertEquals(1.0, report.absoluteError(2), 1e-12);
    assertEquals(2.0, report.analytic(0));
    assertEquals(1001, report.numeric(2));
    assertEquals("d", report.name(3));

    assertEquals(1, report.worstIndex());
    assertEquals(0.1, report.maxRelativeError(), 1e-15);
    double mean = (0.1 / 2.1 + 0.1 + 1.0 / 1001 + 2e-9) / 5;
    assertEquals(mean, report.meanRelativeError(), 1e-15);
    assertThrows(IndexOutOfBoundsException.class, () -> report.relativeError(5));
  }

  @Test
  void unnamedComponentsAreNamedByIndex() {
    Report report = Report.of(new double[] {1, 2}, new double[] {1, 2});
    assertEquals("[0]", report.name(0));
    assertEquals("[1]", report.name(1));
    assertEquals("x", Report.of(new double[] {1, 2}, new double[] {1, 2}, null, "x").name(1));
    assertEquals("[0]", Report.of(new double[] {1, 2}, new double[] {1, 2}, null, "x").name(0));
  }

  @Test
  void nonFiniteComponentsAreFailuresAndNamed() {
    Report report =
        Report.of(
            new double[] {1, Double.NaN, 3, Double.POSITIVE_INFINITY, 5},
            new double[] {1, 2, Double.NaN, 4, 5},
            "ok",
            "analyticNaN",
            "numericNaN",
            "analyticInf",
            "fine");
    assertArrayEquals(new int[] {1, 2, 3}, report.nanComponents());
    assertEquals(1, report.worstIndex());
    assertTrue(Double.isNaN(report.maxRelativeError()));
    assertTrue(Double.isNaN(report.meanRelativeError()));
    assertTrue(Double.isNaN(report.relativeError(3)));
    assertTrue(Double.isNaN(report.absoluteError(2)));
    assertFalse(report.within(1e300));
    assertThrows(AssertionError.class, () -> report.assertWithin(1));

    String table = report.toString();
    assertTrue(table.contains("NaN/infinite: analyticNaN, numericNaN, analyticInf"), table);
    assertTrue(lineOf(table, "analyticInf").endsWith("<-- infinite"), table);
    assertTrue(lineOf(table, "numericNaN").endsWith("<-- NaN"), table);
    assertTrue(lineOf(table, "analyticNaN").endsWith("<-- worst, NaN"), table);
  }

  @Test
  void functionNaNAtPerturbedPointShowsInReport() {
    // f is NaN for y > 2, so there is no numerical derivative with respect to y at y = 2.
    ToDoubleFunction<double[]> f = v -> v[1] > 2 ? Double.NaN : v[0] * v[1];
    Report report = GradientCheck.compare(f, new double[] {2, 1}, new double[] {1, 2});
    assertArrayEquals(new int[] {1}, report.nanComponents());
    assertTrue(Double.isNaN(report.numeric(1)));
    assertFalse(report.within(1));
    assertTrue(report.toString().contains("NaN/infinite: [1]"), report.toString());
  }

  private static String lineOf(String table, String name) {
    return lines(table).stream()
        .filter(line -> line.startsWith(name + " "))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no row for " + name + " in\n" + table));
  }

  @Test
  void tableHasHeaderRowsMarkerAndSummary() {
    Report report =
        Report.of(
            new double[] {5.5, 220, 1000},
            new double[] {5.5, 220.00000001, 1000.5},
            "apple",
            "count",
            "tax");
    String table = report.toString();
    List<String> lines = lines(table);
    assertEquals(7, lines.size(), table); // title, definition, header, 3 rows, summary
    assertTrue(lines.get(0).contains("3 components"), table);
    assertTrue(lines.get(1).contains("max(1, |analytic|, |numeric|)"), table);
    assertTrue(lines.get(2).startsWith("component"), table);
    assertTrue(lines.get(2).contains("analytic") && lines.get(2).contains("rel error"), table);
    assertTrue(lines.get(3).startsWith("apple "), table);
    assertTrue(lines.get(4).startsWith("count "), table);
    assertTrue(lines.get(5).startsWith("tax ") && lines.get(5).endsWith("  <-- worst"), table);
    assertFalse(lines.get(3).contains("<--"), table);
    assertTrue(lines.get(6).startsWith("worst: tax"), table);
    assertTrue(lines.get(6).contains("max rel error 5.00e-04"), table);
    assertTrue(lines.get(6).contains("mean rel error"), table);

    // Columns are aligned: every row and the header end their last column at the same place.
    int headerEnd = lines.get(2).length();
    for (int row = 3; row <= 5; row++) {
      String line = lines.get(row).replaceFirst(" {2}<--.*$", "");
      assertEquals(headerEnd, line.length(), "row " + row + " in\n" + table);
    }
    assertTrue(lines.get(3).contains("5.500000000000000e+00"), table);
  }

  @Test
  void assertWithinThrowsWithTheTableAndMarksFailures() {
    Report report =
        Report.of(
            new double[] {1, 2, 3, 4}, new double[] {1, 2.5, 3, 4 + 1e-12}, "a", "b", "c", "d");
    AssertionError error = assertThrows(AssertionError.class, () -> report.assertWithin(1e-8));
    String message = error.getMessage();
    assertTrue(message.startsWith("gradient check failed: 1 of 4 components above"), message);
    assertTrue(message.contains(report.toString().lines().skip(2).findFirst().orElseThrow()));
    assertTrue(lineOf(message, "b").endsWith("<-- worst, FAIL"), message);
    assertFalse(lineOf(message, "d").contains("FAIL"), message);
    assertSame(report, report.assertWithin(0.2));
    assertThrows(IllegalArgumentException.class, () -> report.within(-1));
    assertThrows(IllegalArgumentException.class, () -> report.assertWithin(Double.NaN));
  }

  @Test
  void largeReportShowsWorstRowsAndEveryNaN() {
    int n = 100;
    double[] analytic = new double[n];
    double[] numeric = new double[n];
    String[] names = new String[n];
    for (int i = 0; i < n; i++) {
      analytic[i] = 1;
      numeric[i] = 1 + i * 1e-12; // rel error grows with the index
      names[i] = "p" + i;
    }
    numeric[3] = Double.NaN;
    Report report = Report.of(analytic, numeric, names);
    String table = report.toString();
    List<String> rows =
        lines(table).stream()
            .filter(line -> line.startsWith("p"))
            .map(line -> line.substring(0, line.indexOf(' ')))
            .collect(Collectors.toList());
    List<String> expected = new java.util.ArrayList<>(List.of("p3"));
    for (int i = 80; i < 100; i++) {
      expected.add("p" + i);
    }
    assertEquals(expected, rows, table);
    assertTrue(table.contains("79 of 100 components not shown"), table);
    assertTrue(table.contains("rel error <= 7.90e-11"), table);
    assertTrue(table.contains("NaN/infinite: p3"), table);
    assertEquals(3, lines(report.toTable(2)).stream().filter(l -> l.startsWith("p")).count());
    assertEquals(100, lines(report.toTable(1000)).stream().filter(l -> l.startsWith("p")).count());
  }

  @Test
  void emptyReport() {
    Report report = GradientCheck.compare(v -> 42, new double[0], new double[0]);
    assertEquals(0, report.size());
    assertEquals(-1, report.worstIndex());
    assertEquals(0.0, report.maxRelativeError());
    assertEquals(0.0, report.meanRelativeError());
    assertTrue(report.within(0));
    assertTrue(report.toString().endsWith("no components"), report.toString());
  }

  @Test
  void reportCopiesItsInputs() {
    double[] analytic = {1, 2};
    double[] numeric = {1, 2};
    Report report = Report.of(analytic, numeric);
    analytic[0] = 100;
    numeric[1] = -100;
    assertEquals(1, report.analytic(0));
    assertEquals(2, report.numeric(1));
    int[] nan = report.nanComponents();
    assertEquals(0, nan.length);
  }
}
