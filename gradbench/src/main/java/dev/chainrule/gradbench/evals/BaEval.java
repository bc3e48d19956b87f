package dev.chainrule.gradbench.evals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chainrule.gradbench.Eval;
import dev.chainrule.gradbench.Inputs;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code objective}: {@link Ba#reprojectionError} and {@link Ba#weightError} for every one of the
 * p observations (the input is one camera, point, weight and feature that the tool must repeat,
 * as GradBench specifies, without exploiting the repetition); {@code jacobian} waits.
 */
public final class BaEval implements Eval {
  @Override
  public String module() {
    return "ba";
  }

  @Override
  public Map<String, Function> functions() {
    return Eval.of("objective", (Function) BaEval::objective);
  }

  @Override
  public Map<String, String> waiting() {
    return Map.of("jacobian", "ChainRule's vector results and <m>Jacobian (the 2 × 15 Jacobian of"
        + " Ba.reprojectionError per observation, by forward mode)");
  }

  /** The eval's input expanded: n cameras, m points, p weights, features and observations. */
  record Problem(double[][] cams, double[][] points, double[] w, double[][] feats, int[] camOf,
      int[] pointOf) {
    static Problem read(JsonNode in) {
      int n = Inputs.count(in, "n");
      int m = Inputs.count(in, "m");
      int p = Inputs.count(in, "p");
      Inputs.require(n > 0 && m > 0, "\"n\" and \"m\" must be positive");
      double[] cam = Inputs.vector(Inputs.field(in, "cam"), "\"cam\"", Ba.CAMERA);
      double[] x = Inputs.vector(Inputs.field(in, "x"), "\"x\"", 3);
      double w = Inputs.number(in, "w");
      double[] feat = Inputs.vector(Inputs.field(in, "feat"), "\"feat\"", 2);
      double[][] cams = new double[n][];
      for (int i = 0; i < n; i++) {
        cams[i] = cam.clone();
      }
      double[][] points = new double[m][];
      for (int i = 0; i < m; i++) {
        points[i] = x.clone();
      }
      double[] ws = new double[p];
      double[][] feats = new double[p][];
      int[] camOf = new int[p];
      int[] pointOf = new int[p];
      for (int i = 0; i < p; i++) {
        ws[i] = w;
        feats[i] = feat.clone();
        camOf[i] = i % n;
        pointOf[i] = i % m;
      }
      return new Problem(cams, points, ws, feats, camOf, pointOf);
    }
  }

  private static Prepared objective(JsonNode json) {
    Problem pr = Problem.read(json);
    int p = pr.w.length;
    double[] reproj = new double[2 * p];
    double[] wErr = new double[p];
    return Eval.of(() -> {
      for (int i = 0; i < p; i++) {
        double[] e = Ba.reprojectionError(pr.cams[pr.camOf[i]], pr.points[pr.pointOf[i]], pr.w[i],
            pr.feats[i]);
        reproj[2 * i] = e[0];
        reproj[2 * i + 1] = e[1];
      }
      for (int i = 0; i < p; i++) {
        wErr[i] = Ba.weightError(pr.w[i]);
      }
    }, () -> {
      // GradBench's output undoes the repetition: the first error and how often it repeats.
      Map<String, Object> reprojection = new LinkedHashMap<>();
      reprojection.put("elements", p == 0 ? new double[0] : new double[] {reproj[0], reproj[1]});
      reprojection.put("repeated", p);
      Map<String, Object> weight = new LinkedHashMap<>();
      weight.put("element", p == 0 ? 0.0 : wErr[0]);
      weight.put("repeated", p);
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("reproj_error", reprojection);
      out.put("w_err", weight);
      return out;
    });
  }
}
