package golden;

import dev.chainrule.Differentiable;
import dev.chainrule.NoDerivative;

/** Loops, arrays, a call between differentiable methods, a branch inside a loop. */
public final class Vectors {
  private Vectors() {}

  @Differentiable
  static double rosenbrock(double[] x) {
    double s = 0;
    for (int i = 0; i < x.length - 1; i++) {
      double t = x[i + 1] - x[i] * x[i];
      s += 100 * t * t + (1 - x[i]) * (1 - x[i]);
    }
    return s;
  }

  @Differentiable
  static double dot(double[] w, double[] x) {
    double s = 0;
    for (int i = 0; i < w.length; i++) {
      s += w[i] * x[i];
    }
    return s;
  }

  @Differentiable
  static double hinge(double[] w, @NoDerivative double[][] xs, @NoDerivative double[] ys) {
    double loss = 0;
    for (int i = 0; i < xs.length; i++) {
      double margin = ys[i] * dot(w, xs[i]);
      if (margin < 1) {
        loss += 1 - margin;
      }
    }
    return loss / xs.length;
  }
}
