package dev.chainrule.spark.examples;

import dev.chainrule.Differentiable;

/**
 * Binary logistic regression's log-loss, per example and per batch of examples, written once in
 * plain Java; ChainRule generates {@code LogisticLossDerivatives} with their pullbacks.
 *
 * <p>Conventions are MLlib's ({@code org.apache.spark.mllib.optimization.LogisticGradient} with two
 * classes): labels are 0 or 1, the margin is {@code z = weights·features} (an intercept is a
 * feature fixed at 1), and the loss is {@code log(1 + exp(z)) − label·z}, written in the
 * overflow-free form of the softplus.
 */
public final class LogisticLoss {
  private LogisticLoss() {}

  /**
   * The log-loss of one example.
   *
   * @param weights the model, one weight per feature (the only differentiated parameter)
   * @param features the example's features
   * @param label 0 or 1
   * @return {@code log(1 + exp(z)) − label·z}
   */
  @Differentiable(wrt = "weights")
  public static double loss(double[] weights, double[] features, double label) {
    double z = 0;
    for (int j = 0; j < weights.length; j++) {
      z += weights[j] * features[j];
    }
    double softplus = z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
    return softplus - label * z;
  }

  /**
   * The summed log-loss of a batch of examples: the same as {@link #loss} added over the rows, in
   * one fused pass (ChainRule runs each row's reverse sweep right after its forward sweep).
   *
   * @param weights the model, one weight per feature (the only differentiated parameter)
   * @param features one row of features per example
   * @param labels 0 or 1 per example
   * @return the sum over the rows of {@code log(1 + exp(z)) − label·z}
   */
  @Differentiable(wrt = "weights")
  public static double batchLoss(double[] weights, double[][] features, double[] labels) {
    double total = 0;
    for (int i = 0; i < features.length; i++) {
      double[] x = features[i];
      double z = 0;
      for (int j = 0; j < weights.length; j++) {
        z += weights[j] * x[j];
      }
      double softplus = z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
      total += softplus - labels[i] * z;
    }
    return total;
  }

  /**
   * {@link #batchLoss} with each dot product in four partial sums: the same loss (up to the order
   * of rounding), written the way one speeds up a dot product by hand. A single running sum is a
   * chain of dependent additions the JIT may not reorder; four independent sums overlap, like the
   * SIMD dot product of MLlib's BLAS. The generated pullback follows the code it is given, so it
   * gets the same benefit (docs/spark.md measures both).
   *
   * @param weights the model, one weight per feature (the only differentiated parameter)
   * @param features one row of features per example
   * @param labels 0 or 1 per example
   * @return the sum over the rows of {@code log(1 + exp(z)) − label·z}
   */
  @Differentiable(wrt = "weights")
  public static double batchLossFourSums(double[] weights, double[][] features, double[] labels) {
    int quarter = weights.length / 4;
    double total = 0;
    for (int i = 0; i < features.length; i++) {
      double[] x = features[i];
      double z0 = 0;
      double z1 = 0;
      double z2 = 0;
      double z3 = 0;
      for (int k = 0; k < quarter; k++) {
        z0 += weights[4 * k] * x[4 * k];
        z1 += weights[4 * k + 1] * x[4 * k + 1];
        z2 += weights[4 * k + 2] * x[4 * k + 2];
        z3 += weights[4 * k + 3] * x[4 * k + 3];
      }
      for (int j = 4 * quarter; j < weights.length; j++) {
        z0 += weights[j] * x[j];
      }
      double z = (z0 + z1) + (z2 + z3);
      double softplus = z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
      total += softplus - labels[i] * z;
    }
    return total;
  }
}
