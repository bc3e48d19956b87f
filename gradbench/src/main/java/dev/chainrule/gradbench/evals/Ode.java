package dev.chainrule.gradbench.evals;

import dev.chainrule.Differentiable;

/**
 * GradBench's {@code ode} eval ({@code evals/ode/README.md}): y′₀ = x₀, y′ᵢ = xᵢ yᵢ₋₁, y(0) = 0,
 * solved on [0, 2] by s steps of classical Runge–Kutta. {@code primal} is the whole solution;
 * {@code gradient} is the gradient of its last element.
 */
public final class Ode {
  private Ode() {}

  /**
   * The last element of the solution, the function the eval differentiates. Until ChainRule
   * differentiates vector results this repeats {@link #solve}'s steps instead of calling it.
   */
  @Differentiable
  public static double last(double[] x, int s) {
    int n = x.length;
    double h = 2.0 / s;
    double[] y = new double[n];
    double[] k1 = new double[n];
    double[] k2 = new double[n];
    double[] k3 = new double[n];
    double[] k4 = new double[n];
    double[] tmp = new double[n];
    for (int step = 0; step < s; step++) {
      k1[0] = x[0];
      for (int i = 1; i < n; i++) {
        k1[i] = x[i] * y[i - 1];
      }
      for (int i = 0; i < n; i++) {
        tmp[i] = y[i] + h * k1[i] / 2;
      }
      k2[0] = x[0];
      for (int i = 1; i < n; i++) {
        k2[i] = x[i] * tmp[i - 1];
      }
      for (int i = 0; i < n; i++) {
        tmp[i] = y[i] + h * k2[i] / 2;
      }
      k3[0] = x[0];
      for (int i = 1; i < n; i++) {
        k3[i] = x[i] * tmp[i - 1];
      }
      for (int i = 0; i < n; i++) {
        tmp[i] = y[i] + h * k3[i];
      }
      k4[0] = x[0];
      for (int i = 1; i < n; i++) {
        k4[i] = x[i] * tmp[i - 1];
      }
      for (int i = 0; i < n; i++) {
        y[i] += h * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]) / 6;
      }
    }
    return y[n - 1];
  }

  /** The whole solution y(2) (the eval's {@code primal}); the same steps as {@link #last}. */
  public static double[] solve(double[] x, int s) {
    int n = x.length;
    double h = 2.0 / s;
    double[] y = new double[n];
    double[] k1 = new double[n];
    double[] k2 = new double[n];
    double[] k3 = new double[n];
    double[] k4 = new double[n];
    double[] tmp = new double[n];
    for (int step = 0; step < s; step++) {
      derivative(x, y, k1);
      for (int i = 0; i < n; i++) {
        tmp[i] = y[i] + h * k1[i] / 2;
      }
      derivative(x, tmp, k2);
      for (int i = 0; i < n; i++) {
        tmp[i] = y[i] + h * k2[i] / 2;
      }
      derivative(x, tmp, k3);
      for (int i = 0; i < n; i++) {
        tmp[i] = y[i] + h * k3[i];
      }
      derivative(x, tmp, k4);
      for (int i = 0; i < n; i++) {
        y[i] += h * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]) / 6;
      }
    }
    return y;
  }

  /** z = y′ at y: z₀ = x₀, zᵢ = xᵢ yᵢ₋₁. */
  private static void derivative(double[] x, double[] y, double[] z) {
    z[0] = x[0];
    for (int i = 1; i < x.length; i++) {
      z[i] = x[i] * y[i - 1];
    }
  }
}
