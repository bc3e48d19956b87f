package dev.chainrule.gradbench.evals;

/**
 * The gradient-descent solver GradBench specifies for {@code particle} and {@code saddle}
 * ({@code cpp/gradbench/gd.hpp}, deliberately simple): step size η from 1e-5, doubled after 10
 * accepted steps in a row and halved on a rejected one; stop when ‖∇f‖ ≤ 1e-5 or a step moves
 * less than 1e-5. Where the derivatives come from is the caller's {@link Objective}.
 */
public final class GradientDescent {
  private GradientDescent() {}

  /** A function of a vector and its gradient. */
  public interface Objective {
    double value(double[] x);

    /** Writes ∇f(x) into {@code gradient}. */
    void gradient(double[] x, double[] gradient);
  }

  /** The argmin of f from {@code start} (not modified). */
  public static double[] argmin(Objective f, double[] start) {
    int n = start.length;
    double[] x = start.clone();
    double[] g = new double[n];
    double[] next = new double[n];
    double fx = f.value(x);
    f.gradient(x, g);
    int accepted = 0;
    double eta = 1e-5;
    while (true) {
      if (norm(g) <= 1e-5) {
        return x;
      }
      if (accepted == 10) {
        eta *= 2;
        accepted = 0;
        continue;
      }
      double moved = 0;
      for (int j = 0; j < n; j++) {
        next[j] = x[j] - eta * g[j];
        moved += (next[j] - x[j]) * (next[j] - x[j]);
      }
      if (Math.sqrt(moved) <= 1e-5) {
        return x;
      }
      double fnext = f.value(next);
      if (fnext < fx) {
        System.arraycopy(next, 0, x, 0, n);
        fx = fnext;
        f.gradient(x, g);
        accepted++;
      } else {
        eta /= 2;
        accepted = 0;
      }
    }
  }

  /** The argmax of f: the argmin of −f. */
  public static double[] argmax(Objective f, double[] start) {
    return argmin(new Objective() {
      @Override
      public double value(double[] x) {
        return -f.value(x);
      }

      @Override
      public void gradient(double[] x, double[] gradient) {
        f.gradient(x, gradient);
        for (int i = 0; i < gradient.length; i++) {
          gradient[i] = -gradient[i];
        }
      }
    }, start);
  }

  private static double norm(double[] v) {
    double s = 0;
    for (double e : v) {
      s += e * e;
    }
    return Math.sqrt(s);
  }
}
