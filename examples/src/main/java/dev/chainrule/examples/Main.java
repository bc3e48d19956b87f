package dev.chainrule.examples;

/** Runs the examples. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.out.println(PricingDerivatives.priceGradient(200, 5, 1.1));
  }
}
