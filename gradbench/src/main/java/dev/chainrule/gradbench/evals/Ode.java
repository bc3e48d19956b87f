package dev.chainrule.gradbench.evals;

import dev.chainrule.Differentiable;
import dev.chainrule.Out;

/**
 * GradBench's {@code ode} eval ({@code evals/ode/README.md}): y′₀ = x₀, y′ᵢ = xᵢ yᵢ₋₁, y(0) = 0,
 * solved on [0, 2] by s steps of classical Runge–Kutta. {@code primal} is the whole solution,
 * {@link #solve}; {@code gradient} is the gradient of its last element, ChainRule's pullback of
 * {@code solve} with the seed e_{n−1} (one reverse sweep).
 */
public final class Ode {
  private Ode() {}

  /** The solution y(2) by s steps of RK4. */
  @Differentiable
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
  @Differentiable
  static void derivative(double[] x, double[] y, @Out double[] z) {
    z[0] = x[0];
    for (int i = 1; i < x.length; i++) {
      z[i] = x[i] * y[i - 1];
    }
  }
}
