package dev.chainrule.examples;

import dev.chainrule.Differentiable;

/** The chapter's first computational graph: apples bought, with tax. */
public final class Pricing {
  private Pricing() {}

  /** price = apple × count × tax: two multiply nodes. */
  @Differentiable
  public static double price(double apple, double count, double tax) {
    return apple * count * tax;
  }
}
