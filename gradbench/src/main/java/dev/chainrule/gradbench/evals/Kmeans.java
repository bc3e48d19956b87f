package dev.chainrule.gradbench.evals;

import dev.chainrule.Differentiable;

/**
 * GradBench's {@code kmeans} eval ({@code evals/kmeans/README.md}): f(P, C) = Σᵢ minⱼ ‖Cⱼ − Pᵢ‖².
 * {@code dir} is J·H⁻¹ with J = ∂f/∂C and H its (diagonal) Hessian.
 */
public final class Kmeans {
  private Kmeans() {}

  @Differentiable(wrt = "centroids", order = 2)
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

  /**
   * The Newton direction J / diag H into {@code dir}: one generated Hessian-vector product along
   * {@code ones} (all ones, of the centroids' shape) gives J in {@code adjoint.centroids} and H·1 —
   * the diagonal, H being diagonal — in {@code adjoint.centroidsTangent}.
   */
  public static void newtonDirection(double[][] points, double[][] centroids, double[][] ones,
      KmeansDerivatives.CostAdjoint adjoint, double[][] dir) {
    KmeansDerivatives.costHvp(points, centroids, ones, adjoint);
    for (int j = 0; j < centroids.length; j++) {
      for (int l = 0; l < centroids[j].length; l++) {
        dir[j][l] = adjoint.centroids[j][l] / adjoint.centroidsTangent[j][l];
      }
    }
  }
}
