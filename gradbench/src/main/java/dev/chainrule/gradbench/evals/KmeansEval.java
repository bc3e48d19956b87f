package dev.chainrule.gradbench.evals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chainrule.gradbench.Eval;
import dev.chainrule.gradbench.Inputs;
import java.util.Map;

/**
 * {@code cost}: {@link Kmeans#cost}. {@code dir} waits for second order: with {@code
 * @Differentiable(order = 2)} on {@code cost}, J is the gradient and, H being diagonal, its
 * diagonal is one Hessian-vector product with the all-ones direction ({@code costHvp}); dir = J / diag H.
 */
public final class KmeansEval implements Eval {
  @Override
  public String module() {
    return "kmeans";
  }

  @Override
  public Map<String, Function> functions() {
    return Eval.of("cost", (Function) KmeansEval::cost);
  }

  @Override
  public Map<String, String> waiting() {
    return Map.of("dir", "ChainRule's second order (@Differentiable(order = 2): <m>Hvp, forward over"
        + " reverse) for the diagonal of the Hessian");
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
}
