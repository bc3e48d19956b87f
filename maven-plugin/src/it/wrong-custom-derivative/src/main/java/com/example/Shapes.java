package com.example;

import dev.chainrule.ChainRule;
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

  /** A vector result calling the same wrong derivative: every form of the Jacobian fails, and more. */
  @Differentiable
  @CheckPoints(provider = "sidesAndHeights")
  public static double[] corners(double side, double h) {
    double[] c = new double[2];
    c[0] = Ext.cube(side) * h;
    c[1] = side + h;
    return c;
  }

  /**
   * Second order: the processor refuses @CustomDerivative here (it would need the custom derivative's
   * own derivative), so the deliberate mistake is a stopped gradient: ∂/∂x misses y².
   */
  @Differentiable(order = 2)
  @CheckPoints(provider = "sidesAndHeights")
  public static double damped(double x, double y) {
    return x * x * y + ChainRule.stopGradient(x) * y * y;
  }

  static Object[][] sidesAndHeights() {
    return new Object[][] {{1.5, 2.0}};
  }

  /** Deliberately wrong: the derivative of x³ is 3x², not 2x². */
  @CustomDerivative(of = Ext.class, method = "cube")
  static double cubeDerivative(double x) {
    return 2 * x * x;
  }
}
