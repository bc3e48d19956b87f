package dev.chainrule.benchmarks;

import dev.chainrule.Differentiable;
import dev.chainrule.NoDerivative;

/** Workload 3: the mean log-loss of logistic regression. */
public final class Logistic {
  private Logistic() {}

  /**
   * The mean over the examples of {@code log(1 + exp(z)) − y z}, {@code z = b + w·x}, with the
   * softplus written in its overflow-free form.
   *
   * @param w the weights, one per feature
   * @param b the bias
   * @param x the data, one row of features per example (not differentiated)
   * @param y the labels, 0 or 1 (not differentiated)
   * @return the mean log-loss
   */
  @Differentiable(order = 2)
  public static double loss(
      double[] w, double b, @NoDerivative double[][] x, @NoDerivative double[] y) {
    double total = 0;
    for (int i = 0; i < x.length; i++) {
      double[] xi = x[i];
      double z = b;
      for (int j = 0; j < w.length; j++) {
        z += w[j] * xi[j];
      }
      double softplus = z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
      total += softplus - y[i] * z;
    }
    return total / x.length;
  }
}
