package dev.chainrule.processor;

import org.junit.jupiter.api.Test;

class SmokeTest {
  @Test
  void prints() {
    Compiled c = Compiled.of("p.Pricing", """
        package p;
        import dev.chainrule.Differentiable;
        public final class Pricing {
          @Differentiable
          public static double price(double apple, double count, double tax) {
            return apple * count * tax;
          }
          @Differentiable
          static double sigmoid(double x) {
            double y = 1 / (1 + Math.exp(-x));
            return y;
          }
          @Differentiable
          static double rosen(double[] x) {
            double s = 0;
            for (int i = 0; i < x.length - 1; i++) {
              double t = x[i + 1] - x[i] * x[i];
              s += 100 * t * t + (1 - x[i]) * (1 - x[i]);
            }
            return s;
          }
        }
        """);
    System.out.println(c.generated("p.PricingDerivatives"));
    System.out.println(c.call("p.PricingDerivatives", "priceGradient", 200.0, 5.0, 1.1));
    System.out.println(c.call("p.PricingDerivatives", "rosenGradient", new double[] {1, 2, 3}));
  }
}
