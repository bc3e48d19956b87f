package dev.chainrule.examples.newton;

import dev.chainrule.CheckPoints;
import dev.chainrule.Differentiable;
import dev.chainrule.NoDerivative;

/**
 * L2-regularised logistic regression: the mean log-loss of a linear classifier {@code P(y = 1 | x)
 * = σ(w·x + b)}, plus {@code ½ λ ‖w‖²} (the bias is not penalised). Marked {@code order = 2}, so
 * ChainRule generates, next to its gradient, its Hessian ({@code
 * LogisticRegressionDerivatives.lossHessian}) and Hessian-vector products ({@code lossHvp}), which
 * {@link Minimizers} use.
 */
public final class LogisticRegression {
  private LogisticRegression() {}

  /**
   * The regularised mean log-loss {@code (1/m) Σ_i [log(1 + exp(z_i)) − y_i z_i] + ½ λ ‖w‖²},
   * {@code z_i = w·x_i + b}, with the softplus {@code log(1 + exp(z))} written so that it neither
   * overflows nor loses digits.
   *
   * @param w the weights, one per feature
   * @param b the bias
   * @param x the examples, one row of features per example
   * @param y the labels, 0 or 1, one per example
   * @param lambda λ, the strength of the L2 penalty on {@code w}
   * @return the loss
   */
  @Differentiable(order = 2)
  @CheckPoints(lengths = {3, 4, 3, 4}) // w: 3, x: 4 examples × 3 features, y: 4
  public static double loss(
      double[] w,
      double b,
      @NoDerivative double[][] x,
      @NoDerivative double[] y,
      @NoDerivative double lambda) {
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
    double penalty = 0;
    for (int j = 0; j < w.length; j++) {
      penalty += w[j] * w[j];
    }
    return total / x.length + 0.5 * lambda * penalty;
  }
}
