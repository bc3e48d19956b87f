package dev.chainrule.gradbench.evals;

import dev.chainrule.Differentiable;

/**
 * GradBench's {@code kmeans} eval ({@code evals/kmeans/README.md}): f(P, C) = Σᵢ minⱼ ‖Cⱼ − Pᵢ‖².
 * {@code dir} is J·H⁻¹ with J = ∂f/∂C and H its (diagonal) Hessian.
 */
public final class Kmeans {
  private Kmeans() {}

  @Differentiable(wrt = "centroids")
  public static double cost(double[][] points, double[][] centroids) {
    double cost = 0;
    for (int i = 0; i < points.length; i++) {
      double closest = Double.POSITIVE_INFINITY;
      for (int j = 0; j < centroids.length; j++) {
        double dist = 0;
        for (int l = 0; l < points[i].length; l++) {
          double diff = points[i][l] - centroids[j][l];
          dist += diff * diff;
        }
        closest = Math.min(closest, dist);
      }
      cost += closest;
    }
    return cost;
  }
}
