package dev.chainrule.examples.chapter;

import dev.chainrule.CheckPoints;
import dev.chainrule.Differentiable;

/** The chapter's first computational graphs: buying fruit, with tax. */
public final class Pricing {
  private Pricing() {}

  /**
   * Apples bought, with tax: {@code price = apple × count × tax}, two multiply nodes.
   *
   * @param apple the price of one apple
   * @param count how many apples
   * @param tax the tax factor (1.1 for 10%)
   * @return the price paid
   */
  @Differentiable
  @CheckPoints(provider = "pricePoints")
  public static double price(double apple, double count, double tax) {
    return apple * count * tax;
  }

  /**
   * Apples and oranges bought, with tax: two multiply nodes feed an add node, whose sum is
   * multiplied by the tax.
   *
   * @param apple the price of one apple
   * @param appleCount how many apples
   * @param orange the price of one orange
   * @param orangeCount how many oranges
   * @param tax the tax factor (1.1 for 10%)
   * @return the price paid
   */
  @Differentiable
  @CheckPoints(provider = "fruitPricePoints")
  public static double fruitPrice(
      double apple, double appleCount, double orange, double orangeCount, double tax) {
    double apples = apple * appleCount;
    double oranges = orange * orangeCount;
    double subtotal = apples + oranges;
    return subtotal * tax;
  }

  /** The chapter's points, checked by the build (chainrule-maven-plugin) and drawn in its report. */
  static Object[][] pricePoints() {
    return new Object[][] {{200.0, 5.0, 1.1}, {100.0, 2.0, 1.1}};
  }

  /** The chapter's purchase: 2 apples at 100 and 3 oranges at 150, with 10% tax. */
  static Object[][] fruitPricePoints() {
    return new Object[][] {{100.0, 2.0, 150.0, 3.0, 1.1}};
  }
}
