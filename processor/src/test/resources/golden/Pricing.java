package golden;

import dev.chainrule.Differentiable;

/** The chapter's first graph and its sigmoid layer. */
public final class Pricing {
  private Pricing() {}

  @Differentiable
  public static double price(double apple, double count, double tax) {
    return apple * count * tax;
  }

  @Differentiable
  public static double sigmoid(double x) {
    return 1 / (1 + Math.exp(-x));
  }
}
