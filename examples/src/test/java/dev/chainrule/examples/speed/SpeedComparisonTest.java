package dev.chainrule.examples.speed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.examples.digits.Digits;
import dev.chainrule.examples.digits.DigitsLoader;
import dev.chainrule.examples.network.Network;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The speed comparison's functions and what it reports (not how fast: timings vary). */
class SpeedComparisonTest {
  @Test
  void rosenbrockGradientMatchesItsClosedForm() {
    double[] v = {0.3, -1.2, 0.8, 2.0, -0.5};
    RosenbrockDerivatives.RosenbrockGradient g = RosenbrockDerivatives.rosenbrockGradient(v);
    double value = 0;
    double[] expected = new double[v.length];
    for (int i = 0; i + 1 < v.length; i++) {
      double valley = v[i + 1] - v[i] * v[i];
      value += 100 * valley * valley + (1 - v[i]) * (1 - v[i]);
      expected[i] += -400 * v[i] * valley - 2 * (1 - v[i]);
      expected[i + 1] += 200 * valley;
    }
    assertEquals(value, g.value(), 1e-12 * value);
    for (int i = 0; i < v.length; i++) {
      assertEquals(expected[i], g.v()[i], 1e-12 * Math.max(1, Math.abs(expected[i])), "v" + i);
    }
  }

  @Test
  void rosenbrockRowComparesBothGradients() {
    SpeedComparison.Row row = SpeedComparison.rosenbrock(50, 1);
    assertEquals(50, row.n());
    assertTrue(row.finiteDifferenceSeconds() > 0 && row.generatedSeconds() > 0, row.toString());
    assertTrue(row.maxRelativeDifference() < 1e-5, row.toString());
  }

  @Test
  void networkRowCountsEveryParameter() throws Exception {
    Network net = Network.initialised(Digits.PIXELS, 3, Digits.CLASSES, new Random(2));
    Digits batch = DigitsLoader.loadBundled().range(0, 4);
    SpeedComparison.Row row = SpeedComparison.network(net, batch, 1e-3);
    assertEquals(64 * 3 + 3 + 3 * 10 + 10, row.n());
    assertTrue(row.maxRelativeDifference() < 1e-6, row.toString());
  }
}
