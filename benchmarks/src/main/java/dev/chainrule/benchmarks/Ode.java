package dev.chainrule.benchmarks;

import dev.chainrule.Differentiable;
import dev.chainrule.Out;

/**
 * Workload: GradBench's "ode" eval (after cmpad's {@code an_ode}): the system {@code y0' = x0},
 * {@code yi' = xi y(i−1)} for i &gt; 0, from {@code y(0) = 0} to {@code t = 2} by s classic
 * Runge–Kutta (RK4) steps. The map from the n coefficients {@code x} to the n values {@code y(2)}
 * is the workload's n → n function.
 */
public final class Ode {
  private Ode() {}

  /**
   * {@code y(2)} by s RK4 steps.
   *
   * @param x the n coefficients
   * @param s the number of steps
   * @param y receives the n values at t = 2
   */
  @Differentiable
  public static void solve(double[] x, int s, @Out double[] y) {
    int n = x.length;
    double h = 2.0 / s;
    double[] k1 = new double[n];
    double[] k2 = new double[n];
    double[] k3 = new double[n];
    double[] k4 = new double[n];
    double[] yTmp = new double[n];
    for (int i = 0; i < n; i++) {
      y[i] = 0;
    }
    for (int step = 0; step < s; step++) {
      k1[0] = x[0];
      for (int i = 1; i < n; i++) {
        k1[i] = x[i] * y[i - 1];
      }
      for (int i = 0; i < n; i++) {
        yTmp[i] = y[i] + h * k1[i] / 2;
      }
      k2[0] = x[0];
      for (int i = 1; i < n; i++) {
        k2[i] = x[i] * yTmp[i - 1];
      }
      for (int i = 0; i < n; i++) {
        yTmp[i] = y[i] + h * k2[i] / 2;
      }
      k3[0] = x[0];
      for (int i = 1; i < n; i++) {
        k3[i] = x[i] * yTmp[i - 1];
      }
      for (int i = 0; i < n; i++) {
        yTmp[i] = y[i] + h * k3[i];
      }
      k4[0] = x[0];
      for (int i = 1; i < n; i++) {
        k4[i] = x[i] * yTmp[i - 1];
      }
      for (int i = 0; i < n; i++) {
        y[i] += h * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]) / 6;
      }
    }
  }
}
