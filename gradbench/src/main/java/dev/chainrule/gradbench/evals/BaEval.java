package dev.chainrule.gradbench.evals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chainrule.gradbench.Eval;
import dev.chainrule.gradbench.Inputs;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code objective}: {@link Ba#reprojectionError} and {@link Ba#weightError} for every one of the
 * p observations (the input is one camera, point, weight and feature that the tool must repeat,
 * as GradBench specifies, without exploiting the repetition); {@code jacobian}: the sparse
 * matrix of ChainRule's {@code reprojectionErrorJacobian} blocks (2 × 15 per observation: camera,
 * point, weight) and the weights' derivatives from {@code weightErrorPullback}, in the layout of
 * GradBench's {@code ba.hpp} (compressed rows; the output is its first 30 entries and its last).
 */
public final class BaEval implements Eval {
  @Override
  public String module() {
    return "ba";
  }

  @Override
  public Map<String, Function> functions() {
    return Eval.of("objective", (Function) BaEval::objective, "jacobian", (Function) BaEval::jacobian);
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

  private static Prepared jacobian(JsonNode json) {
    Problem pr = Problem.read(json);
    Inputs.require(pr.w.length > 0, "\"p\" must be positive for the jacobian");
    int n = pr.cams.length;
    int m = pr.points.length;
    int p = pr.w.length;
    int block = Ba.CAMERA + 3 + 1;
    int[] rows = new int[3 * p + 1];
    int[] cols = new int[2 * block * p + p];
    double[] vals = new double[cols.length];
    var work = new BaDerivatives.ReprojectionErrorJacobianWork();
    var weight = new BaDerivatives.WeightErrorAdjoint();
    return Eval.of(() -> {
      int at = 0;
      for (int i = 0; i < p; i++) {
        int cam = pr.camOf[i];
        int point = pr.pointOf[i];
        BaDerivatives.reprojectionErrorJacobian(pr.cams[cam], pr.points[point], pr.w[i],
            pr.feats[i], work);
        for (int r = 0; r < 2; r++) {
          rows[2 * i + r + 1] = rows[2 * i + r] + block;
          for (int j = 0; j < Ba.CAMERA; j++) {
            cols[at] = Ba.CAMERA * cam + j;
            vals[at++] = work.cam[r][j];
          }
          for (int j = 0; j < 3; j++) {
            cols[at] = Ba.CAMERA * n + 3 * point + j;
            vals[at++] = work.x[r][j];
          }
          cols[at] = Ba.CAMERA * n + 3 * m + i;
          vals[at++] = work.w[r];
        }
      }
      for (int i = 0; i < p; i++) {
        weight.clear();
        BaDerivatives.weightErrorPullback(pr.w[i], 1.0, weight);
        rows[2 * p + i + 1] = rows[2 * p + i] + 1;
        cols[at] = Ba.CAMERA * n + 3 * m + i;
        vals[at++] = weight.w;
      }
    }, () -> {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("rows", firstAndLast(rows, 2 * block));
      out.put("cols", firstAndLast(cols, 2 * block));
      out.put("vals", firstAndLast(vals, 2 * block));
      return out;
    });
  }

  /** The first {@code count} elements and the last, as GradBench's output undoes the repetition. */
  private static int[] firstAndLast(int[] a, int count) {
    int[] out = java.util.Arrays.copyOf(a, count + 1);
    out[count] = a[a.length - 1];
    return out;
  }

  private static double[] firstAndLast(double[] a, int count) {
    double[] out = java.util.Arrays.copyOf(a, count + 1);
    out[count] = a[a.length - 1];
    return out;
  }
}
