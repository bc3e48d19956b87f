package com.example;

import dev.chainrule.CheckPoints;
import dev.chainrule.CustomDerivative;
import dev.chainrule.Differentiable;

public final class Shapes {
  private Shapes() {}

  @Differentiable
  @CheckPoints(provider = "sides")
  public static double volume(double side) {
    return 2 * Ext.cube(side);
  }

  static Object[][] sides() {
    return new Object[][] {{1.5}, {-0.5}};
  }

  /** Deliberately wrong: the derivative of x³ is 3x², not 2x². */
  @CustomDerivative(of = Ext.class, method = "cube")
  static double cubeDerivative(double x) {
    return 2 * x * x;
  }
}
