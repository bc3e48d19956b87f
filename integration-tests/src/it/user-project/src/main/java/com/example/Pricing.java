package com.example;

import dev.chainrule.Differentiable;

public final class Pricing {
  private Pricing() {}

  @Differentiable
  public static double price(double apple, double count, double tax) {
    return apple * count * tax;
  }
}
