package dev.chainrule.numeric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.numeric.FiniteDifferences.Scheme;
import dev.chainrule.numeric.GradientCheck.Report;
import dev.chainrule.numeric.fixture.HiddenGradients;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/** {@link GradientCheck#compareRecord} on hand-made records shaped like generated ones. */
class GradientCheckRecordTest {

  // --- A method with scalar parameters, as in the README -------------------------------------

  static double price(double apple, double count, double tax) {
    return apple * count * tax;
  }

  record PriceGradient(double value, double apple, double count, double tax) {}

  static PriceGradient priceGradient(double apple, double count, double tax) {
    return new PriceGradient(price(apple, count, tax), count * tax, apple * tax, apple * count);
  }

  // --- A method with scalar, vector and matrix parameters ------------------------------------

  /** model(b, w, W) = b Σ w_c + Σ_rc W_rc² w_c + exp(b). */
  static double model(double b, double[] w, double[][] W) {
    double value = Math.exp(b);
    for (int c = 0; c < w.length; c++) {
      value += b * w[c];
      for (double[] row : W) {
        value += row[c] * row[c] * w[c];
      }
    }
    return value;
  }

  record ModelGradient(double value, double b, double[] w, double[][] W) {}

  /**
   * The closed-form gradient: ∂/∂b = Σ w + exp(b), ∂/∂w_c = b + Σ_r W_rc², ∂/∂W_rc = 2 W_rc w_c.
   */
  static ModelGradient modelGradient(double b, double[] w, double[][] W) {
    double db = Math.exp(b);
    double[] dw = new double[w.length];
    double[][] dW = new double[W.length][w.length];
    for (int c = 0; c < w.length; c++) {
      db += w[c];
      dw[c] = b;
      for (int r = 0; r < W.length; r++) {
        dw[c] += W[r][c] * W[r][c];
        dW[r][c] = 2 * W[r][c] * w[c];
      }
    }
    return new ModelGradient(model(b, w, W), db, dw, dW);
  }

  private static final double B = 0.4;
  private static final double[] W_VECTOR = {1.5, -0.5, 2.0};
  private static final double[][] W_MATRIX = {{0.3, -1.2, 0.8}, {2.0, 0.1, -0.7}};

  @Test
  void scalarRecordInOneLine() {
    GradientCheck.compareRecord(
            priceGradient(200, 5, 1.1), v -> price(v[0], v[1], v[2]), new double[] {200, 5, 1.1})
        .assertWithin(1e-9);
  }

  @Test
  void trueGradientPassesAndEntriesAreNamedAfterComponents() {
    Packing p = Packing.of(B, W_VECTOR, W_MATRIX);
    Report report =
        GradientCheck.compareRecord(
            modelGradient(B, W_VECTOR, W_MATRIX),
            v -> model(p.scalar(v, 0), p.vector(v, 1), p.matrix(v, 2)),
            p);
    report.assertWithin(1e-9);
    List<String> names = new ArrayList<>();
    for (int i = 0; i < report.size(); i++) {
      names.add(report.name(i));
    }
    assertEquals(
        List.of(
            "b", "w[0]", "w[1]", "w[2]", "W[0][0]", "W[0][1]", "W[0][2]", "W[1][0]", "W[1][1]",
            "W[1][2]"),
        names);
    assertEquals(2 * W_MATRIX[1][0] * W_VECTOR[0], report.analytic(7));
    assertTrue(report.toString().contains("Gradient check of ModelGradient"), report::toString);
  }

  @Test
  void flatPointOverloadReadsTheSameOrder() {
    double[] x = Packing.flatten(B, W_VECTOR, W_MATRIX);
    ToDoubleFunction<double[]> f =
        v ->
            model(
                v[0],
                new double[] {v[1], v[2], v[3]},
                new double[][] {{v[4], v[5], v[6]}, {v[7], v[8], v[9]}});
    GradientCheck.compareRecord(modelGradient(B, W_VECTOR, W_MATRIX), f, x).assertWithin(1e-9);
    GradientCheck.compareRecord(modelGradient(B, W_VECTOR, W_MATRIX), f, x, Scheme.CENTRAL)
        .assertWithin(1e-6);
  }

  @Test
  void oneWrongEntryFailsAndIsNamed() {
    ModelGradient good = modelGradient(B, W_VECTOR, W_MATRIX);
    double[][] dW = {good.W()[0].clone(), good.W()[1].clone()};
    dW[1][2] += 1e-4;
    ModelGradient bad = new ModelGradient(good.value(), good.b(), good.w(), dW);
    Packing p = Packing.of(B, W_VECTOR, W_MATRIX);
    Report report =
        GradientCheck.compareRecord(
            bad, v -> model(p.scalar(v, 0), p.vector(v, 1), p.matrix(v, 2)), p);

    assertFalse(report.within(1e-8));
    assertEquals("W[1][2]", report.name(report.worstIndex()));
    AssertionError error = assertThrows(AssertionError.class, () -> report.assertWithin(1e-8));
    String message = error.getMessage();
    assertTrue(message.contains("1 of 10 components above"), message);
    String row =
        message.lines().filter(line -> line.startsWith("W[1][2] ")).findFirst().orElseThrow();
    assertTrue(row.endsWith("<-- worst, FAIL"), message);
    assertTrue(message.contains("worst: W[1][2]"), message);
  }

  @Test
  void valueComponentIsSkippedWhereverItIsAndMayBeAbsent() {
    record ValueLast(double x, double y, double value) {}
    record NoValue(double x, double y) {}
    ToDoubleFunction<double[]> f = v -> v[0] * v[0] * v[1];
    double[] at = {3, 2};
    GradientCheck.compareRecord(new ValueLast(12, 9, 18), f, at).assertWithin(1e-9);
    GradientCheck.compareRecord(new NoValue(12, 9), f, at).assertWithin(1e-9);
  }

  @Test
  void raggedMatrixComponent() {
    record RaggedGradient(double value, double[][] m) {}
    double[][] m = {{1, 2, 3}, {4}};
    // f = Σ m_rc² (r + 1), ∂f/∂m_rc = 2 m_rc (r + 1)
    Packing p = Packing.of((Object) m);
    ToDoubleFunction<double[]> f =
        v -> {
          double[][] mm = p.matrix(v, 0);
          double s = 0;
          for (int r = 0; r < mm.length; r++) {
            for (double e : mm[r]) {
              s += e * e * (r + 1);
            }
          }
          return s;
        };
    Report report =
        GradientCheck.compareRecord(new RaggedGradient(0, new double[][] {{2, 4, 6}, {16}}), f, p);
    report.assertWithin(1e-9);
    assertEquals("m[1][0]", report.name(3));
  }

  @Test
  void packagePrivateRecordOfAnotherPackageIsReadable() {
    GradientCheck.compareRecord(
            HiddenGradients.squareGradient(3), v -> v[0] * v[0], new double[] {3})
        .assertWithin(1e-10);
  }

  @Test
  void unsupportedComponentTypeIsNamed() {
    record WithCount(double value, double x, int n) {}
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> GradientCheck.compareRecord(new WithCount(0, 1, 2), v -> 0, new double[2]));
    assertTrue(
        e.getMessage().contains("component n ") && e.getMessage().contains("int"), e::getMessage);

    record WithFloats(double value, float[] x) {}
    IllegalArgumentException floats =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                GradientCheck.compareRecord(
                    new WithFloats(0, new float[1]), v -> 0, new double[1]));
    assertTrue(floats.getMessage().contains("float[]"), floats::getMessage);
  }

  @Test
  void lengthMismatchWithPointGivesBothSizes() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                GradientCheck.compareRecord(
                    priceGradient(1, 2, 3), v -> 0, new double[] {1, 2, 3, 4}));
    String message = e.getMessage();
    assertTrue(message.contains("PriceGradient"), message);
    assertTrue(message.contains("hold 3 values") && message.contains("length 4"), message);
  }

  @Test
  void shapeMismatchWithPackingIsDescribed() {
    ModelGradient gradient = modelGradient(B, W_VECTOR, W_MATRIX);
    Packing transposed = Packing.of(B, W_VECTOR, new double[3][2]);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> GradientCheck.compareRecord(gradient, v -> 0, transposed));
    String message = e.getMessage();
    assertTrue(message.contains("W: double[2][3]"), message);
    assertTrue(message.contains("double[3][2]"), message);
    Packing reordered = Packing.of(W_VECTOR, B, W_MATRIX);
    assertThrows(
        IllegalArgumentException.class,
        () -> GradientCheck.compareRecord(gradient, v -> 0, reordered));
  }

  @Test
  void nullsAreReportedByName() {
    assertEquals(
        "gradient",
        assertThrows(
                NullPointerException.class,
                () -> GradientCheck.compareRecord(null, v -> 0, new double[0]))
            .getMessage());
    assertEquals(
        "f",
        assertThrows(
                NullPointerException.class,
                () -> GradientCheck.compareRecord(priceGradient(1, 2, 3), null, new double[3]))
            .getMessage());
    assertEquals(
        "at",
        assertThrows(
                NullPointerException.class,
                () -> GradientCheck.compareRecord(priceGradient(1, 2, 3), v -> 0, (Packing) null))
            .getMessage());
    ModelGradient nullArray = new ModelGradient(0, 1, null, new double[0][]);
    NullPointerException e =
        assertThrows(
            NullPointerException.class,
            () -> GradientCheck.compareRecord(nullArray, v -> 0, new double[1]));
    assertTrue(e.getMessage().contains("component w "), e::getMessage);
    ModelGradient nullRow = new ModelGradient(0, 1, new double[0], new double[][] {null});
    NullPointerException row =
        assertThrows(
            NullPointerException.class,
            () -> GradientCheck.compareRecord(nullRow, v -> 0, new double[1]));
    assertTrue(row.getMessage().contains("row 0 of component W"), row::getMessage);
  }
}
