package dev.chainrule.examples.chapter;

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
  public static double fruitPrice(
      double apple, double appleCount, double orange, double orangeCount, double tax) {
    double apples = apple * appleCount;
    double oranges = orange * orangeCount;
    double subtotal = apples + oranges;
    return subtotal * tax;
  }
}
