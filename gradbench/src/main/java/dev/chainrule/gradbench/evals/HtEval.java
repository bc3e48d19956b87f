package dev.chainrule.gradbench.evals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chainrule.gradbench.BadInput;
import dev.chainrule.gradbench.Eval;
import dev.chainrule.gradbench.Inputs;
import java.util.Map;

/**
 * {@code objective}: {@link Ht#objective}. {@code jacobian}: its Jacobian by ChainRule's
 * multi-directional pushforward ({@code objectiveMultiPushforward}, forward mode, one sweep): the 26
 * unit directions of θ and, in the complicated variant, two more that set u₀ (resp. u₁) of every
 * correspondence at once. Residual i depends on its own uᵢ only, so those two directions give each
 * row's ∂/∂uᵢ₀ and ∂/∂uᵢ₁ — the 2 + 26 columns GradBench asks for (its C++ {@code ht_objective_d}
 * computes the same compressed Jacobian), where a dense Jacobian would have 26 + 2c.
 */
public final class HtEval implements Eval {
  @Override
  public String module() {
    return "ht";
  }

  @Override
  public Map<String, Function> functions() {
    return Eval.of("objective", (Function) HtEval::objective, "jacobian", (Function) HtEval::jacobian);
  }

  record Input(double[] theta, double[][] us, int[] parents, double[][] baseRelatives,
      double[][] inverseBaseAbsolutes, double[][] basePositions, double[][] weights,
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

    /** One 4 × 4 matrix per bone, each flattened row by row. */
    private static double[][] matrices(JsonNode model, String name, int count) {
      JsonNode v = Inputs.field(model, name);
      Inputs.require(v.isArray() && v.size() == count, "\"" + name + "\" must hold one 4 × 4"
          + " matrix per bone");
      double[][] out = new double[count][16];
      for (int i = 0; i < count; i++) {
        double[][] m = Inputs.matrix(v.get(i), "\"" + name + "\"[" + i + "]", 4, 4);
        for (int r = 0; r < 4; r++) {
          System.arraycopy(m[r], 0, out[i], 4 * r, 4);
        }
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

  private static Prepared jacobian(JsonNode json) {
    Input in = Input.read(json);
    int c = in.correspondences.length;
    int u = in.us.length == 0 ? 0 : 2;
    int directions = 26 + u;
    double[][] thetaTangent = new double[26][directions];
    for (int j = 0; j < 26; j++) {
      thetaTangent[j][j] = 1;
    }
    double[][][] usTangent = new double[in.us.length][2][directions];
    for (double[][] pair : usTangent) {
      pair[0][26] = 1;
      pair[1][27] = 1;
    }
    var work = new HtDerivatives.ObjectiveMultiTangentWork();
    double[][] jacobian = new double[3 * c][directions];
    return Eval.of(() -> {
      HtDerivatives.objectiveMultiPushforward(in.theta, in.us, in.parents, in.baseRelatives,
          in.inverseBaseAbsolutes, in.basePositions, in.weights, in.triangles, in.mirrored,
          in.correspondences, in.points, thetaTangent, usTangent, directions, work);
      for (int row = 0; row < 3 * c; row++) {
        double[] t = work.tangent[row];
        System.arraycopy(t, 0, jacobian[row], u, 26);
        if (u == 2) {
          jacobian[row][0] = t[26];
          jacobian[row][1] = t[27];
        }
      }
    }, () -> jacobian);
  }
}
