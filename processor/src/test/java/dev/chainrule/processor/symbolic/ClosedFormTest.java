package dev.chainrule.processor.symbolic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.numeric.FiniteDifferences;
import dev.chainrule.processor.index.ExprEvaluator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The closed-form partials of straight-line methods: a few golden formulas as text, and every
 * formula evaluated at random points against the generated gradient and against Richardson finite
 * differences of the original method (the independent oracle).
 */
class ClosedFormTest {
  private static final String SOURCE = """
      package sym;

      import dev.chainrule.CustomDerivative;
      import dev.chainrule.Differentiable;

      public final class F {
        static final double RATE = 0.25;

        @Differentiable
        public static double price(double apple, double count, double tax) {
          return apple * count * tax;
        }

        @Differentiable
        public static double fruitPrice(double apple, double appleCount, double orange, double orangeCount, double tax) {
          double apples = apple * appleCount;
          double oranges = orange * orangeCount;
          double subtotal = apples + oranges;
          return subtotal * tax;
        }

        @Differentiable
        public static double sigmoid(double x) {
          return 1 / (1 + Math.exp(-x));
        }

        @Differentiable
        public static double d1(double spot, double strike, double rate, double volatility, double maturity) {
          return (Math.log(spot / strike) + (rate + 0.5 * volatility * volatility) * maturity) / (volatility * Math.sqrt(maturity));
        }

        @Differentiable
        public static double trig(double x, double y) {
          double s = Math.sin(x) * Math.cos(y) + Math.tan(x / 3);
          s += Math.asin(x) - Math.acos(y) + Math.atan(x * y) + Math.atan2(y, x);
          return s * Math.sinh(y) + Math.cosh(x) - Math.tanh(x - y);
        }

        @Differentiable
        public static double powers(double x, double y) {
          double a = Math.pow(x, 3) + Math.pow(x, y) + Math.pow(2, y) + x * x * x / y;
          return a + Math.sqrt(x * x + y * y) + Math.cbrt(x) + Math.hypot(x, y) + Math.abs(x - y) * y;
        }

        @Differentiable
        public static double logs(double x, double y) {
          double z = Math.log(x) + Math.log10(y) + Math.log1p(x * y) + Math.expm1(y) - Math.exp(x / y);
          z = z * z - RATE * Math.PI / x;
          return -z / (x - y - 2) + (int) 3 * y;
        }

        @Differentiable
        public static double custom(double x) {
          return 3 * Ext.bump(x * x);
        }

        @CustomDerivative(of = Ext.class, method = "bump")
        static double bumpDerivative(double t, double result) {
          return -2 * t * result;
        }
      }

      final class Ext {
        static double bump(double t) {
          return Math.exp(-t * t);
        }
      }
      """;

  private static final IndexFixture FIXTURE = new IndexFixture("sym.F", SOURCE);

  @Test
  void goldenFormulas() {
    assertEquals(List.of("count · tax", "apple · tax", "apple · count"), texts("price"));
    assertEquals(List.of("appleCount · tax", "apple · tax", "orangeCount · tax", "orange · tax",
        "apple · appleCount + orange · orangeCount"), texts("fruitPrice"));
    assertEquals(List.of("exp(−x) / (1 + exp(−x))²"), texts("sigmoid"));
    assertEquals("1 / (spot · volatility · √maturity)", texts("d1").get(0));
    assertEquals("−1 / (strike · volatility · √maturity)", texts("d1").get(1));
    assertEquals("maturity / (volatility · √maturity)", texts("d1").get(2));
  }

  @Test
  void javadocShowsTheFormulas() {
    String companion = FIXTURE.compiled.generated("sym.FDerivatives");
    assertTrue(companion.contains("{@code ∂price/∂apple = count · tax}"), companion);
    assertTrue(companion.contains("{@code ∂sigmoid/∂x = exp(−x) / (1 + exp(−x))²}"), companion);
  }

  @Test
  void mathMlIsThere() {
    Map<?, ?> partial = partials("price").get(0);
    assertEquals("<math display=\"block\"><mfrac><mrow><mo>∂</mo><mi>price</mi></mrow><mrow><mo>∂</mo><mi>apple</mi>"
        + "</mrow></mfrac><mo>=</mo><mrow><mi>count</mi><mo>·</mo><mi>tax</mi></mrow></math>", partial.get("mathml"));
  }

  @Test
  void everyFormulaAgreesWithTheGeneratedGradientAndFiniteDifferences() {
    Random random = new Random(17);
    int compared = 0;
    for (String method : List.of("price", "fruitPrice", "sigmoid", "d1", "trig", "powers", "logs", "custom")) {
      Map<?, ?> m = FIXTURE.method(method);
      assertEquals(Boolean.TRUE, ((Map<?, ?>) m.get("symbolic")).get("closedForm"), method + ": " + m.get("symbolic"));
      List<String> names = new ArrayList<>();
      for (Object p : (List<?>) m.get("parameters")) {
        names.add((String) ((Map<?, ?>) p).get("name"));
      }
      for (int point = 0; point < 20; point++) {
        double[] x = new double[names.size()];
        Map<String, Double> values = new LinkedHashMap<>();
        for (int i = 0; i < x.length; i++) {
          x[i] = 0.3 + 0.6 * random.nextDouble();
          values.put(names.get(i), x[i]);
        }
        ExprEvaluator at = new ExprEvaluator(values::get, id -> { throw new AssertionError(); }, FIXTURE.loader);
        double[] numeric = FiniteDifferences.gradientRichardson(v -> FIXTURE.value(method, v), x);
        for (Map<?, ?> partial : partials(method)) {
          String wrt = (String) partial.get("wrt");
          double formula = at.evaluate(partial.get("expr"));
          double generated = FIXTURE.gradient(method, wrt, x);
          String where = method + " ∂/∂" + wrt + " = " + partial.get("text") + " at " + values;
          assertEquals(generated, formula, 1e-11 * Math.max(1, Math.abs(generated)), where + " (generated gradient)");
          assertEquals(numeric[names.indexOf(wrt)], formula, 1e-8 * Math.max(1, Math.abs(formula)), where + " (finite differences)");
          compared++;
        }
      }
    }
    assertEquals(20 * (3 + 5 + 1 + 5 + 2 + 2 + 2 + 1), compared);
  }

  @Test
  void methodsThatAreNotStraightLineSayWhy() {
    IndexFixture f = new IndexFixture("sym.G", """
        package sym;
        import dev.chainrule.Differentiable;
        public final class G {
          @Differentiable
          public static double relu(double x) {
            return x > 0 ? x : 0;
          }
          @Differentiable
          public static double sum(double[] v) {
            double s = 0;
            for (int i = 0; i < v.length; i++) {
              s += v[i];
            }
            return s;
          }
        }
        """);
    Map<?, ?> relu = (Map<?, ?>) f.method("relu").get("symbolic");
    assertFalse((Boolean) relu.get("closedForm"));
    assertEquals("it has a conditional expression (piecewise)", relu.get("reason"));
    assertEquals("it has the array parameter v", ((Map<?, ?>) f.method("sum").get("symbolic")).get("reason"));
    assertFalse(f.compiled.generated("sym.GDerivatives").contains("In closed form"));
  }

  private static List<Map<?, ?>> partials(String method) {
    List<Map<?, ?>> out = new ArrayList<>();
    for (Object p : (List<?>) ((Map<?, ?>) FIXTURE.method(method).get("symbolic")).get("partials")) {
      out.add((Map<?, ?>) p);
    }
    return out;
  }

  private static List<String> texts(String method) {
    return partials(method).stream().map(p -> (String) p.get("text")).toList();
  }
}
