package dev.chainrule.examples.speed;

import dev.chainrule.CheckPoints;
import dev.chainrule.Differentiable;

/** A function of any number of variables, for comparing the cost of gradients as n grows. */
public final class Rosenbrock {
  private Rosenbrock() {}

  /**
   * The extended Rosenbrock function {@code Σ_{i<n−1} 100 (v[i+1] − v[i]²)² + (1 − v[i])²}. One
   * evaluation costs O(n), so finite differences (2n evaluations) cost O(n²) per gradient, the
   * generated pullback O(n).
   *
   * @param v the point, of any length
   * @return the function's value
   */
  @Differentiable
  @CheckPoints(lengths = {4})
  public static double rosenbrock(double[] v) {
    double sum = 0;
    for (int i = 0; i + 1 < v.length; i++) {
      double valley = v[i + 1] - v[i] * v[i];
      double offset = 1 - v[i];
      sum += 100 * valley * valley + offset * offset;
    }
    return sum;
  }
}
