package dev.chainrule.spark;

import java.util.function.Function;
import org.apache.spark.mllib.linalg.DenseVector;
import org.apache.spark.mllib.linalg.Vector;
import org.apache.spark.mllib.optimization.Updater;

/**
 * What MLlib's L-BFGS minimises, from a distributed sum: {@code lossSum / n + reg(w)} and its
 * gradient {@code gradientSum / n + ∇reg(w)}, with {@code reg} and {@code ∇reg} taken from the
 * {@link Updater} the way {@code org.apache.spark.mllib.optimization.LBFGS}'s cost function takes
 * them (an update with step 0 gives the regularisation value; with step 1 from a zero gradient,
 * {@code w} minus the update is its gradient).
 */
final class Objective {
  private final Function<double[], LossAndGradient> sums;
  private final long count;
  private final Updater updater;
  private final double regParam;
  private int evaluations;

  Objective(Function<double[], LossAndGradient> sums, long count, Updater updater,
      double regParam) {
    this.sums = sums;
    this.count = count;
    this.updater = updater;
    this.regParam = regParam;
  }

  /** The objective at {@code w}; its gradient is written into {@code gradient}. */
  double evaluate(double[] w, double[] gradient) {
    evaluations++;
    LossAndGradient s = sums.apply(w);
    if (s.count() != count) {
      throw new IllegalStateException(
          "the data set changed between passes: " + s.count() + " examples, not " + count);
    }
    int n = w.length;
    Vector weights = new DenseVector(w.clone());
    double regValue = (Double) updater.compute(weights, new DenseVector(new double[n]), 0, 1,
        regParam)._2();
    double[] stepped = updater.compute(weights, new DenseVector(new double[n]), 1, 1, regParam)
        ._1().toArray();
    double[] sum = s.gradientSum();
    double scale = 1.0 / count;
    for (int j = 0; j < n; j++) {
      gradient[j] = (w[j] - stepped[j]) + scale * sum[j];
    }
    return s.lossSum() / count + regValue;
  }

  /** How many times {@link #evaluate} has run. */
  int evaluations() {
    return evaluations;
  }
}
