package dev.chainrule.benchmarks;

import dev.chainrule.Differentiable;

/** Workload 2: the n-dimensional Rosenbrock function. */
public final class Rosenbrock {
  private Rosenbrock() {}

  /**
   * {@code Σ_{i<n-1} 100 (x[i+1] − x[i]²)² + (1 − x[i])²}.
   *
   * @param x the point
   * @return the value
   */
  @Differentiable(order = 2)
  public static double value(double[] x) {
    double sum = 0;
    for (int i = 0; i < x.length - 1; i++) {
      double a = x[i + 1] - x[i] * x[i];
      double b = 1 - x[i];
      sum += 100 * a * a + b * b;
    }
    return sum;
  }
}
