package dev.chainrule.gradbench.evals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chainrule.gradbench.Eval;
import dev.chainrule.gradbench.Inputs;
import java.util.Map;

/**
 * {@code cost}: {@link Kmeans#cost}. {@code dir}: J / diag H, J = ∂cost/∂C and H its Hessian, both
 * from one call of ChainRule's {@code costHvp} along the all-ones direction (forward mode over the
 * pullback): it gives the gradient J and H·1, which is H's diagonal because kmeans' Hessian is
 * diagonal (2·|cluster j| on centroid j's coordinates, zero elsewhere; {@code KmeansHessianTest}
 * checks it against the generated dense {@code costHessian}). The dense Hessian itself would be
 * (k·d)² entries — 2 GB at k = 1000, d = 16 — for k·d nonzeros.
 */
public final class KmeansEval implements Eval {
  @Override
  public String module() {
    return "kmeans";
  }

  @Override
  public Map<String, Function> functions() {
    return Eval.of("cost", (Function) KmeansEval::cost, "dir", (Function) KmeansEval::dir);
  }

  record Input(double[][] points, double[][] centroids) {
    static Input read(JsonNode in) {
      double[][] points = Inputs.matrix(in, "points");
      Inputs.require(points.length > 0, "\"points\" must not be empty");
      double[][] centroids = Inputs.matrix(Inputs.field(in, "centroids"), "\"centroids\"", -1,
          points[0].length);
      Inputs.require(centroids.length > 0, "\"centroids\" must not be empty");
      return new Input(points, centroids);
    }
  }

  private static Prepared cost(JsonNode json) {
    Input in = Input.read(json);
    return Eval.scalar(() -> Kmeans.cost(in.points, in.centroids));
  }

  private static Prepared dir(JsonNode json) {
    Input in = Input.read(json);
    int k = in.centroids.length;
    int d = in.centroids[0].length;
    double[][] ones = new double[k][d];
    for (double[] row : ones) {
      java.util.Arrays.fill(row, 1.0);
    }
    var adjoint = new KmeansDerivatives.CostAdjoint(new double[k][d]);
    adjoint.centroidsTangent = new double[k][d];
    double[][] dir = new double[k][d];
    return Eval.of(() -> Kmeans.newtonDirection(in.points, in.centroids, ones, adjoint, dir),
        () -> dir);
  }
}
