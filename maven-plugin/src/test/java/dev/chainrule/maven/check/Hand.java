package dev.chainrule.maven.check;

/** A class with a "differentiable" method whose companion is written by hand (below), per the naming contract. */
public final class Hand {
  private Hand() {}

  public static double f(double x, double y) {
    return x * y + Math.sin(x);
  }

  public static double g(double[] v) {
    return v[0] * v[0] + 3 * v[1];
  }
}
