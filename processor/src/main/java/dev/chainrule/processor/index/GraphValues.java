package dev.chainrule.processor.index;

import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The values on an evaluable graph of the index at one point, as the chapter writes them: each
 * node's forward value (above its outgoing edges), and for each edge the backward value (under it),
 * the adjoint of the edge's target times the target's local partial with respect to the edge's
 * source. A parameter's adjoint, the sum over its edges, is its partial derivative — a reader
 * compares it with the generated gradient.
 *
 * @param forward each node's value, by id
 * @param adjoint each node's adjoint (the output's is 1)
 * @param backward per node and input edge (in the node's input order), the value sent back along it
 */
public record GraphValues(double[] forward, double[] adjoint, double[][] backward) {

  /**
   * @param graph the {@code graph} object of a method in the index, parsed (it must be evaluable)
   * @param parameters a parameter's value by name
   * @param loader the classes of the project (for calls and constants)
   */
  public static GraphValues evaluate(Map<?, ?> graph, ToDoubleFunction<String> parameters, ClassLoader loader) {
    List<?> nodes = (List<?>) graph.get("nodes");
    int n = nodes.size();
    double[] forward = new double[n];
    double[] adjoint = new double[n];
    double[][] backward = new double[n][];
    ExprEvaluator at = new ExprEvaluator(parameters, id -> forward[id], loader);
    for (int i = 0; i < n; i++) {
      Object value = ((Map<?, ?>) nodes.get(i)).get("value");
      if (value == null) {
        throw new IllegalArgumentException("node " + i + " has no value expression: the graph is not evaluable");
      }
      forward[i] = at.evaluate(value);
    }
    adjoint[n - 1] = 1;
    for (int i = n - 1; i >= 0; i--) {
      Map<?, ?> node = (Map<?, ?>) nodes.get(i);
      List<?> inputs = (List<?>) node.get("inputs");
      List<?> partials = (List<?>) node.get("partials");
      backward[i] = new double[inputs.size()];
      for (int k = 0; k < inputs.size(); k++) {
        int from = ((Number) inputs.get(k)).intValue();
        double local = at.evaluate(partials.get(k));
        backward[i][k] = adjoint[i] == 0 ? 0 : adjoint[i] * local;
        adjoint[from] += backward[i][k];
      }
    }
    return new GraphValues(forward, adjoint, backward);
  }
}
