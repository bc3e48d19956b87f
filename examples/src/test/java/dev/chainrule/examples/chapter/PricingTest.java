package dev.chainrule.examples.chapter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The fruit graphs' generated gradients against the chapter's numbers and the closed forms. */
class PricingTest {
  private static final double TOLERANCE = 1e-12;

  @Test
  void applesMatchTheChapter() {
    PricingDerivatives.PriceGradient g = PricingDerivatives.priceGradient(100, 2, 1.1);
    // The chapter's numbers: price 220, dApple 2.2, dAppleNum 110, dTax 200.
    assertEquals(220, g.value(), 220 * TOLERANCE);
    assertEquals(2.2, g.apple(), TOLERANCE);
    assertEquals(110, g.count(), 110 * TOLERANCE);
    assertEquals(200, g.tax(), 200 * TOLERANCE);
  }

  @Test
  void theChaptersGradientCheckPoint() {
    PricingDerivatives.PriceGradient g = PricingDerivatives.priceGradient(200, 5, 1.1);
    // price = 200 x 5 x 1.1 = 1100 with gradient (count x tax, apple x tax, apple x count).
    assertEquals(1100, g.value(), 1100 * TOLERANCE);
    assertEquals(5.5, g.apple(), TOLERANCE);
    assertEquals(220, g.count(), 220 * TOLERANCE);
    assertEquals(1000, g.tax(), 1000 * TOLERANCE);
  }

  @Test
  void applesAndOrangesMatchTheChapter() {
    PricingDerivatives.FruitPriceGradient g =
        PricingDerivatives.fruitPriceGradient(100, 2, 150, 3, 1.1);
    // The chapter's numbers: price 715, dApple 2.2, dAppleNum 110, dOrange 3.3, dOrangeNum 165,
    // dTax 650.
    assertEquals(715, g.value(), 715 * TOLERANCE);
    assertEquals(2.2, g.apple(), TOLERANCE);
    assertEquals(110, g.appleCount(), 110 * TOLERANCE);
    assertEquals(3.3, g.orange(), TOLERANCE);
    assertEquals(165, g.orangeCount(), 165 * TOLERANCE);
    assertEquals(650, g.tax(), 650 * TOLERANCE);
  }

  @Test
  void bothGraphsMatchTheirClosedFormsAtRandomPoints() {
    Random random = new Random(7);
    for (int trial = 0; trial < 20; trial++) {
      double apple = 200 * random.nextDouble();
      double appleCount = random.nextInt(10);
      double orange = 200 * random.nextDouble();
      double orangeCount = random.nextInt(10);
      double tax = 1 + random.nextDouble() / 4;

      PricingDerivatives.PriceGradient single =
          PricingDerivatives.priceGradient(apple, appleCount, tax);
      assertClose(apple * appleCount * tax, single.value());
      assertClose(appleCount * tax, single.apple());
      assertClose(apple * tax, single.count());
      assertClose(apple * appleCount, single.tax());

      PricingDerivatives.FruitPriceGradient both =
          PricingDerivatives.fruitPriceGradient(apple, appleCount, orange, orangeCount, tax);
      assertClose((apple * appleCount + orange * orangeCount) * tax, both.value());
      assertClose(appleCount * tax, both.apple());
      assertClose(apple * tax, both.appleCount());
      assertClose(orangeCount * tax, both.orange());
      assertClose(orange * tax, both.orangeCount());
      assertClose(apple * appleCount + orange * orangeCount, both.tax());
    }
  }

  private static void assertClose(double expected, double actual) {
    assertEquals(expected, actual, TOLERANCE * Math.max(1, Math.abs(expected)));
  }
}
