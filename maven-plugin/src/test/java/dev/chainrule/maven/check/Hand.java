package dev.chainrule.maven.check;

/** A class with "differentiable" methods whose companion is written by hand (below), per the naming contract. */
public final class Hand {
  private Hand() {}

  public static double f(double x, double y) {
    return x * y + Math.sin(x);
  }

  public static double g(double[] v) {
    return v[0] * v[0] + 3 * v[1];
  }

  /** A vector result. */
  public static double[] p(double x, double y) {
    return new double[] {x * y, Math.sin(x)};
  }

  /** For a gradient that changes its argument. */
  public static double r(double[] v) {
    return v[0] * v[1];
  }

  /** Second order. */
  public static double h(double x, double y) {
    return x * x * y;
  }
}
