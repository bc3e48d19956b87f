package com.example;

import dev.chainrule.CheckPoints;
import dev.chainrule.CustomDerivative;
import dev.chainrule.Differentiable;

public final class Shapes {
  private Shapes() {}

  @Differentiable
  public static double price(double apple, double count, double tax) {
    return apple * count * tax;
  }

  @Differentiable
  @CheckPoints(min = 0.5, max = 3)
  public static double entropy(double p, double q) {
    return -p * Math.log(p) - q * Math.log(q);
  }

  @Differentiable
  @CheckPoints(lengths = {4})
  public static double norm(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x * x;
    }
    return Math.sqrt(s);
  }

  @Differentiable
  @CheckPoints(provider = "volumePoints")
  public static double volume(double side) {
    return 2 * Ext.cube(side);
  }

  static Object[][] volumePoints() {
    return new Object[][] {{1.5}, {-0.5}};
  }

  @CustomDerivative(of = Ext.class, method = "cube")
  static double cubeDerivative(double x) {
    return 3 * x * x;
  }
}
