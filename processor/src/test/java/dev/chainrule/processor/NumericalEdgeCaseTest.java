package dev.chainrule.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.RecordComponent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Gradients where the primal is at a singular point, NaN or infinite. The rule: the gradient is
 * what the chain rule gives in IEEE arithmetic, and where a convention is needed it is the
 * documented one. Each expected value is derived by hand from the derivative formula.
 */
class NumericalEdgeCaseTest {
  private static Compiled compiled;

  @BeforeAll
  static void compile() {
    compiled = Compiled.of("p.Edge", """
        package p;
        import dev.chainrule.Differentiable;
        public final class Edge {
          @Differentiable static double sqrt(double x) { return Math.sqrt(x); }
          @Differentiable static double log(double x) { return Math.log(x); }
          @Differentiable static double square(double x) { return Math.pow(x, 2); }
          @Differentiable static double pow(double x, double y) { return Math.pow(x, y); }
          @Differentiable static double abs(double x) { return Math.abs(x); }
          @Differentiable static double relu(double x) { return x > 0 ? x : 0; }
          @Differentiable static double max(double x, double y) { return Math.max(x, y); }
          @Differentiable static double min(double x, double y) { return Math.min(x, y); }
          @Differentiable static double hypot(double x, double y) { return Math.hypot(x, y); }
          @Differentiable static double reciprocal(double x) { return 1 / x; }
          @Differentiable static double exp(double x) { return Math.exp(x); }
          @Differentiable static double product(double x, double y) { return x * y; }
          @Differentiable static double cbrt(double x) { return Math.cbrt(x); }
          @Differentiable static double sigmoid(double x) { return 1 / (1 + Math.exp(-x)); }
          @Differentiable static double expOfExp(double x) { return Math.exp(-Math.exp(x)); }
          @Differentiable static double atanOfExp(double x) { return Math.atan(Math.exp(x)); }
          @Differentiable static double saturatedPower(double x) { return 1 / (1 + Math.pow(x, 8)); }
          @Differentiable static double tanhOfSinh(double x) { return Math.tanh(Math.sinh(x)); }
          @Differentiable static double reciprocalCosh(double x) { return 1 / Math.cosh(x); }
          @Differentiable static double atan2(double y, double x) { return Math.atan2(y, x); }
          @Differentiable static double log10(double x) { return Math.log10(x); }
          @Differentiable static double atanOfReciprocalPower(double x) { return Math.atan(Math.pow(x, -1)); }
        }
        """);
  }

  private static double[] gradient(String method, double... args) {
    Object[] boxed = new Object[args.length];
    for (int i = 0; i < args.length; i++) {
      boxed[i] = args[i];
    }
    Record r = (Record) compiled.call("p.EdgeDerivatives", method + "Gradient", boxed);
    RecordComponent[] components = r.getClass().getRecordComponents();
    double[] out = new double[components.length];
    try {
      for (int i = 0; i < components.length; i++) {
        out[i] = (double) components[i].getAccessor().invoke(r);
      }
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
    return out;
  }

  /** Compares value-then-partials, NaN and signed infinities included. */
  private static void assertGradient(String method, double[] args, double... expected) {
    double[] actual = gradient(method, args);
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], actual[i], 0.0, method + " component " + i);
    }
  }

  @Test
  void sqrtAtZeroHasAnInfiniteDerivative() {
    assertGradient("sqrt", new double[] {0}, 0, Double.POSITIVE_INFINITY); // 0.5 / sqrt(0)
  }

  @Test
  void sqrtOfANegativeNumberIsNaNThroughout() {
    assertGradient("sqrt", new double[] {-1}, Double.NaN, Double.NaN);
  }

  @Test
  void logAtZero() {
    assertGradient("log", new double[] {0}, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY); // 1 / 0
  }

  @Test
  void powWithAZeroBase() {
    assertGradient("square", new double[] {0}, 0, 0); // 2·0
    // ∂/∂x = y·0^(y−1) = 0; ∂/∂y is 0 by convention where the result is 0 (0·log 0 would be NaN).
    assertGradient("pow", new double[] {0, 2}, 0, 0, 0);
    // y = 0.5: ∂/∂x = 0.5·0^(−0.5) = +∞.
    assertGradient("pow", new double[] {0, 0.5}, 0, Double.POSITIVE_INFINITY, 0);
  }

  /** Issue 13, item 2: pow(x, 0) ≡ 1, so ∂x is 0 also at 0⁰ (the formula's 0·0^(−1) is NaN). */
  @Test
  void powAtZeroToTheZero() {
    // ∂/∂x = 0 (b = 0); ∂/∂y = 0 by convention where the base is 0 (1·log 0 would be −∞).
    assertGradient("pow", new double[] {0, 0}, 1, 0, 0);
    assertGradient("pow", new double[] {-0.0, 0}, 1, 0, 0);
    // Away from a zero base, b = 0 still gives ∂/∂x = 0, and ∂/∂y = 1·log 5.
    assertGradient("pow", new double[] {5, 0}, 1, 0, Math.log(5));
    // 0^y for y < 0 is +∞ for every such y: ∂/∂y is 0 by the same convention; ∂/∂x = y·0^(y−1) = −∞,
    // capped at −MAX_VALUE because the result itself overflowed (see expOverflow).
    assertGradient("pow", new double[] {0, -1}, Double.POSITIVE_INFINITY, -Double.MAX_VALUE, 0);
  }

  @Test
  void powWithANegativeBase() {
    // (−2)³ = −8; ∂/∂x = 3·(−2)² = 12; ∂/∂y = −8·log(−2) = NaN (IEEE: no real logarithm).
    assertGradient("pow", new double[] {-2, 3}, -8, 12, Double.NaN);
  }

  @Test
  void kinksFollowTheDocumentedConventions() {
    assertGradient("abs", new double[] {0}, 0, 0);
    assertGradient("abs", new double[] {-0.0}, 0, 0);
    assertGradient("relu", new double[] {0}, 0, 0);
    assertGradient("max", new double[] {1.5, 1.5}, 1.5, 1, 0); // a tie goes to the first argument
    assertGradient("min", new double[] {1.5, 1.5}, 1.5, 1, 0);
    assertGradient("hypot", new double[] {0, 0}, 0, 0, 0); // 0 at the origin (x/0 would be NaN)
    // Away from the kinks, the ordinary derivatives.
    assertGradient("abs", new double[] {-2}, 2, -1);
    assertGradient("max", new double[] {1, 2}, 2, 0, 1);
    assertGradient("hypot", new double[] {3, 4}, 5, 0.6, 0.8);
  }

  @Test
  void divisionByZero() {
    // 1/0 = +∞; ∂/∂x = −(1/x)/x = −∞/0 = −∞.
    assertGradient("reciprocal", new double[] {0}, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY);
    assertGradient("reciprocal", new double[] {-0.0}, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY);
  }

  /**
   * Where exp overflows its partial is capped at Double.MAX_VALUE (issue 13, item 5): still
   * "too large to represent", but 0 × MAX is 0 where a later operation maps the overflow back.
   */
  @Test
  void expOverflow() {
    assertGradient("exp", new double[] {1000}, Double.POSITIVE_INFINITY, Double.MAX_VALUE);
    assertGradient("exp", new double[] {-1000}, 0, 0);
  }

  /**
   * Issue 13, item 5: an overflow the primal survives does not make the gradient NaN. Each of
   * these has a finite value at the point, and its true derivative is far below the smallest
   * double (e^−800 and the like), so 0.
   */
  @Test
  void overflowThePrimalSurvivesGivesAZeroDerivative() {
    // 1 / (1 + e^800) = 0; derivative e^−800 / (1 + e^−800)² ≈ 0 (it was 0·∞ = NaN).
    assertGradient("sigmoid", new double[] {-800}, 0, 0);
    assertGradient("sigmoid", new double[] {-709.8}, 1 / (1 + Math.exp(709.8)), 0);
    assertGradient("sigmoid", new double[] {800}, 1, 0);
    // exp(−e^800) = 0, derivative −e^800·exp(−e^800) = 0.
    assertGradient("expOfExp", new double[] {800}, 0, 0);
    // atan(e^800) = π/2, derivative e^800 / (1 + e^1600) ≈ e^−800.
    assertGradient("atanOfExp", new double[] {800}, Math.PI / 2, 0);
    // 1 / (1 + (1e40)^8) = 0, derivative −8x⁷/(1 + x⁸)² ≈ −8e−360.
    assertGradient("saturatedPower", new double[] {1e40}, 0, -0.0);
    // tanh(sinh(800)) = 1, derivative cosh(800)·(1 − tanh²) ≈ 0; 1/cosh(800) = 0, derivative −tanh/cosh ≈ 0.
    assertGradient("tanhOfSinh", new double[] {800}, 1, 0);
    assertGradient("reciprocalCosh", new double[] {800}, 0, -0.0);
    assertGradient("reciprocalCosh", new double[] {-800}, 0, 0);
  }

  /**
   * The cap applies only where the partial is infinite because its own result overflowed: here
   * x^−1 = 1e200 is finite and its partial −x^−2 = −∞ is not capped, because the zero adjoint atan
   * sends hides a product of order one (the true derivative is −1 / (1 + x²) ≈ −1). NaN says so;
   * a capped partial would have given 0, silently wrong.
   */
  @Test
  void aPartialThatOverflowsUnderAFiniteResultIsNotCapped() {
    double[] g = gradient("atanOfReciprocalPower", 1e-200);
    assertEquals(Math.PI / 2, g[0], 0.0);
    assertTrue(Double.isNaN(g[1]), "expected NaN, got " + g[1]);
  }

  /**
   * Issue 13, item 5: atan2's partials x / (x² + y²) and −y / (x² + y²) where x² + y² underflows
   * (1e−200) or overflows (1e200); atan2 itself is fine there.
   */
  @Test
  void atan2AtTinyAndHugeMagnitudes() {
    for (double scale : new double[] {1e-200, 1e200, 1e-160, 1e160}) {
      double y = 1 * scale;
      double x = 2 * scale;
      double[] g = gradient("atan2", y, x);
      assertEquals(Math.atan2(1, 2), g[0], 0.0);
      // x / (x² + y²) = 2s / 5s² = 0.4 / s; −y / (x² + y²) = −0.2 / s.
      assertEquals(0.4 / scale, g[1], 1e-15 * Math.abs(0.4 / scale), "∂y at scale " + scale);
      assertEquals(-0.2 / scale, g[2], 1e-15 * Math.abs(0.2 / scale), "∂x at scale " + scale);
    }
  }

  /** atan2 has no derivative at the origin: 0 by convention, as hypot (x / (x² + y²) would be 0/0 = NaN). */
  @Test
  void atan2AtTheOrigin() {
    assertGradient("atan2", new double[] {0, 0}, 0, 0, 0);
    assertGradient("atan2", new double[] {0, -0.0}, Math.PI, 0, 0);
  }

  /** log10'(x) = 1 / (x ln 10): finite down to the smallest subnormal, 0 at the largest doubles. */
  @Test
  void log10AtExtremeMagnitudes() {
    double tiny = 3e-309;
    assertEquals(1 / Math.log(10) / tiny, gradient("log10", tiny)[1], 1e-15 / tiny);
    double huge = 1e308;
    double expected = 1 / Math.log(10) / huge; // subnormal: compare to within two of its ulps
    assertEquals(expected, gradient("log10", huge)[1], 2 * Math.ulp(expected));
  }

  @Test
  void nanAndInfiniteInputs() {
    assertGradient("product", new double[] {Double.NaN, 2}, Double.NaN, 2, Double.NaN);
    // ∞·0: the value is NaN; ∂/∂x = y = 0, ∂/∂y = x = ∞.
    assertGradient("product", new double[] {Double.POSITIVE_INFINITY, 0}, Double.NaN, 0, Double.POSITIVE_INFINITY);
    double[] g = gradient("exp", Double.NaN);
    assertTrue(Double.isNaN(g[0]) && Double.isNaN(g[1]));
  }

  @Test
  void cbrtAtZeroHasAnInfiniteDerivative() {
    assertGradient("cbrt", new double[] {0}, 0, Double.POSITIVE_INFINITY); // 1 / (3·0²)
    assertGradient("cbrt", new double[] {-8}, -2, 1.0 / 12);
  }
}
