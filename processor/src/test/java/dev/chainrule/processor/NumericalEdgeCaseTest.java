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

  @Test
  void expOverflow() {
    assertGradient("exp", new double[] {1000}, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY);
    assertGradient("exp", new double[] {-1000}, 0, 0);
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
