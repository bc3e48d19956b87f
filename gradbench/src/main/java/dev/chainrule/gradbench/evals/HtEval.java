package dev.chainrule.gradbench.evals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chainrule.gradbench.BadInput;
import dev.chainrule.gradbench.Eval;
import dev.chainrule.gradbench.Inputs;
import java.util.Map;

/** {@code objective}: {@link Ht#objective}; {@code jacobian} waits (see {@link Ht}). */
public final class HtEval implements Eval {
  @Override
  public String module() {
    return "ht";
  }

  @Override
  public Map<String, Function> functions() {
    return Eval.of("objective", (Function) HtEval::objective);
  }

  @Override
  public Map<String, String> waiting() {
    return Map.of("jacobian", "ChainRule's <m>Jacobian of Ht.objective (3c residuals by 26 + 2c"
        + " parameters): vector results have landed, but the primal uses 4 × 4 matrices as"
        + " double[][][], array-valued helpers and allocations inside loops, outside the subset");
  }

  record Input(double[] theta, double[][] us, int[] parents, double[][][] baseRelatives,
      double[][][] inverseBaseAbsolutes, double[][] basePositions, double[][] weights,
      int[][] triangles, boolean mirrored, int[] correspondences, double[][] points) {
    static Input read(JsonNode in) {
      double[] theta = Inputs.vector(Inputs.field(in, "theta"), "\"theta\"", 26);
      JsonNode data = Inputs.field(in, "data");
      JsonNode model = Inputs.field(data, "model");
      int[] parents = Inputs.integers(Inputs.field(model, "parents"), "\"parents\"");
      int bones = parents.length;
      for (int b = 0; b < bones; b++) {
        Inputs.require(parents[b] >= -1 && parents[b] < b, "\"parents\"[" + b + "] must be -1 or"
            + " an earlier bone, is " + parents[b]);
      }
      double[][] positions = Inputs.matrix(Inputs.field(model, "base_positions"),
          "\"base_positions\"", -1, 4);
      int[] correspondences = Inputs.integers(Inputs.field(data, "correspondences"),
          "\"correspondences\"");
      double[][] us = in.has("us") ? Inputs.matrix(in.get("us"), "\"us\"", -1, 2) : new double[0][];
      Inputs.require(us.length == 0 || us.length == correspondences.length,
          "\"us\" must be empty or have one pair per correspondence");
      JsonNode tri = Inputs.field(model, "triangles");
      Inputs.require(tri.isArray(), "\"triangles\" must be a list");
      int[][] triangles = new int[tri.size()][];
      for (int i = 0; i < triangles.length; i++) {
        triangles[i] = Inputs.integers(tri.get(i), "\"triangles\"[" + i + "]");
        Inputs.require(triangles[i].length == 3, "a triangle has 3 vertices");
      }
      int limit = us.length == 0 ? positions.length : triangles.length;
      for (int c : correspondences) {
        Inputs.require(c >= 0 && c < limit, "correspondence " + c + " out of range");
      }
      JsonNode mirrored = Inputs.field(model, "is_mirrored");
      if (!mirrored.isBoolean()) {
        throw new BadInput("\"is_mirrored\" must be true or false");
      }
      return new Input(theta, us, parents, matrices(model, "base_relatives", bones),
          matrices(model, "inverse_base_absolutes", bones), positions,
          Inputs.matrix(Inputs.field(model, "weights"), "\"weights\"", positions.length, bones),
          triangles, mirrored.asBoolean(), correspondences,
          Inputs.matrix(Inputs.field(data, "points"), "\"points\"", correspondences.length, 3));
    }

    private static double[][][] matrices(JsonNode model, String name, int count) {
      JsonNode v = Inputs.field(model, name);
      Inputs.require(v.isArray() && v.size() == count, "\"" + name + "\" must hold one 4 × 4"
          + " matrix per bone");
      double[][][] out = new double[count][][];
      for (int i = 0; i < count; i++) {
        out[i] = Inputs.matrix(v.get(i), "\"" + name + "\"[" + i + "]", 4, 4);
      }
      return out;
    }
  }

  private static Prepared objective(JsonNode json) {
    Input in = Input.read(json);
    double[][] out = new double[1][];
    return Eval.of(() -> out[0] = Ht.objective(in.theta, in.us, in.parents, in.baseRelatives,
        in.inverseBaseAbsolutes, in.basePositions, in.weights, in.triangles, in.mirrored,
        in.correspondences, in.points), () -> out[0]);
  }
}
