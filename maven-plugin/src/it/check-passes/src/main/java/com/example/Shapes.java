package com.example;

import dev.chainrule.CheckPoints;
import dev.chainrule.CustomDerivative;
import dev.chainrule.Differentiable;
import dev.chainrule.Out;

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

  /** A vector result: its Jacobian, pullback, tangent and pushforwards are checked. */
  @Differentiable
  public static double[] polar(double r, double theta) {
    double[] xy = new double[2];
    xy[0] = r * Math.cos(theta);
    xy[1] = r * Math.sin(theta);
    return xy;
  }

  /** An @Out parameter without @CheckPoints: its size (3) is found by running the method. */
  @Differentiable
  public static void spherical(double r, double theta, double phi, @Out double[] y) {
    y[0] = r * Math.sin(theta) * Math.cos(phi);
    y[1] = r * Math.sin(theta) * Math.sin(phi);
    y[2] = r * Math.cos(theta);
  }

  /** Second order: the Hessian, the Hessian-vector product and the pullback tangents are checked too. */
  @Differentiable(order = 2)
  @CheckPoints(lengths = {3})
  public static double rosenbrock(double[] x) {
    double s = 0;
    for (int i = 0; i < x.length - 1; i++) {
      double t = x[i + 1] - x[i] * x[i];
      s += 100 * t * t + (1 - x[i]) * (1 - x[i]);
    }
    return s;
  }

  @CustomDerivative(of = Ext.class, method = "cube")
  static double cubeDerivative(double x) {
    return 3 * x * x;
  }
}
