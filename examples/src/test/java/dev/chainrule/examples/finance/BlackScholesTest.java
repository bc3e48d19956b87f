package dev.chainrule.examples.finance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.numeric.GradientCheck;
import org.apache.commons.math3.special.Erf;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BlackScholesTest {
  @ParameterizedTest
  @ValueSource(doubles = {-2.5, -0.4, 0.0, 0.7, 1.9})
  void theCustomDerivativeOfErfMatchesFiniteDifferences(double x) {
    GradientCheck.compare(v -> Erf.erf(v[0]), new double[] {BlackScholes.erfDerivative(x)}, new double[] {x})
        .assertWithin(1e-9);
  }

  @ParameterizedTest
  @ValueSource(doubles = {80, 100, 125})
  void greeksMatchTheClosedForms(double spot) {
    double strike = 100;
    double rate = 0.03;
    double volatility = 0.25;
    double maturity = 0.75;
    BlackScholesDerivatives.CallGradient g =
        BlackScholesDerivatives.callGradient(spot, strike, rate, volatility, maturity);
    assertEquals(BlackScholes.call(spot, strike, rate, volatility, maturity), g.value());
    double[] expected = BlackScholes.closedFormGreeks(spot, strike, rate, volatility, maturity);
    double[] actual = {g.spot(), g.rate(), g.volatility(), g.maturity()};
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], actual[i], 1e-12 * Math.max(1, Math.abs(expected[i])), "greek " + i);
    }
    GradientCheck.compareRecord(g, v -> BlackScholes.call(v[0], strike, v[1], v[2], v[3]),
        new double[] {spot, rate, volatility, maturity}).assertWithin(1e-8);
  }
}
