package dev.chainrule.spark.examples;

import dev.chainrule.Differentiable;
import dev.chainrule.NoDerivative;

/**
 * Robust linear regression with the Cauchy (Lorentzian) loss, which MLlib does not ship:
 * {@code ρ(r) = (c²/2)·log(1 + (r/c)²)} of the residual {@code r = weights·features − label}. It
 * grows like {@code log r²} instead of {@code r²}, so a few gross outliers barely move the fit that
 * least squares would be dragged to. The scale {@code c} is a hyper-parameter (not differentiated).
 */
public final class CauchyLoss {
  private CauchyLoss() {}

  /**
   * The Cauchy loss of one example.
   *
   * @param weights the model, one weight per feature (the only differentiated parameter)
   * @param features the example's features
   * @param label the observed response
   * @param scale the residual scale {@code c} below which the loss is close to {@code r²/2}
   * @return {@code (c²/2)·log(1 + (r/c)²)}, {@code r = weights·features − label}
   */
  @Differentiable(wrt = "weights")
  public static double loss(
      double[] weights, double[] features, double label, @NoDerivative double scale) {
    double r = -label;
    for (int j = 0; j < weights.length; j++) {
      r += weights[j] * features[j];
    }
    double u = r / scale;
    return 0.5 * scale * scale * Math.log1p(u * u);
  }

  /**
   * The summed Cauchy loss of a batch of examples, {@link #loss} added over the rows.
   *
   * @param weights the model, one weight per feature (the only differentiated parameter)
   * @param features one row of features per example
   * @param labels the observed responses
   * @param scale the residual scale {@code c}
   * @return the sum over the rows of {@code (c²/2)·log(1 + (r/c)²)}
   */
  @Differentiable(wrt = "weights")
  public static double batchLoss(
      double[] weights, double[][] features, double[] labels, @NoDerivative double scale) {
    double total = 0;
    for (int i = 0; i < features.length; i++) {
      double[] x = features[i];
      double r = -labels[i];
      for (int j = 0; j < weights.length; j++) {
        r += weights[j] * x[j];
      }
      double u = r / scale;
      total += 0.5 * scale * scale * Math.log1p(u * u);
    }
    return total;
  }
}
