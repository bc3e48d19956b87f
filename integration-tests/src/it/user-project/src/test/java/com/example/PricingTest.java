package com.example;

import dev.chainrule.numeric.GradientCheck;
import org.junit.jupiter.api.Test;

class PricingTest {
  @Test
  void generatedGradientMatchesFiniteDifferences() {
    double[] x = {200, 5, 1.1};
    PricingDerivatives.PriceGradient g = PricingDerivatives.priceGradient(x[0], x[1], x[2]);
    System.out.println("GRADIENT " + g);
    GradientCheck.compareRecord(g, v -> Pricing.price(v[0], v[1], v[2]), x).assertWithin(1e-8);
  }
}
