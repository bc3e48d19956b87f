package dev.chainrule.spark;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.numeric.GradientCheck;
import dev.chainrule.spark.examples.CauchyLoss;
import dev.chainrule.spark.examples.Losses;
import dev.chainrule.spark.examples.SyntheticData;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.mllib.linalg.DenseVector;
import org.apache.spark.mllib.linalg.Vectors;
import org.apache.spark.mllib.optimization.Gradient;
import org.apache.spark.mllib.optimization.LBFGS;
import org.apache.spark.mllib.optimization.LeastSquaresGradient;
import org.apache.spark.mllib.optimization.SquaredL2Updater;
import org.apache.spark.mllib.regression.LabeledPoint;
import org.junit.jupiter.api.Test;

/**
 * The second loss, Cauchy robust regression, which MLlib does not ship: its gradients per example
 * and summed over a distributed data set against Richardson finite differences of the plain Java
 * loss (core's {@code GradientCheck}), and the point of it: on data with 5% gross outliers it
 * recovers the true weights where least squares does not.
 */
class CauchyLossTest {
  private static final int FEATURES = 5;
  private static final double SCALE = 0.5;

  private static double summedLoss(List<LabeledPoint> data, double[] w) {
    double s = 0;
    for (LabeledPoint p : data) {
      s += CauchyLoss.loss(w, p.features().toArray(), p.label(), SCALE);
    }
    return s;
  }

  @Test
  void perExampleGradientMatchesFiniteDifferences() {
    List<LabeledPoint> data = SyntheticData.local(SyntheticData.Kind.OUTLIERS, 40, FEATURES, 31);
    double[] w = LogisticGradientTest.weights(32, FEATURES + 1);
    Gradient gradient = Losses.cauchyGradient(SCALE);
    for (LabeledPoint p : data) {
      double[] x = p.features().toArray();
      DenseVector g = new DenseVector(new double[FEATURES + 1]);
      double value = gradient.compute(p.features(), p.label(), Vectors.dense(w), g);
      assertTrue(value == CauchyLoss.loss(w, x, p.label(), SCALE), "value is the loss's own");
      GradientCheck.compare(v -> CauchyLoss.loss(v, x, p.label(), SCALE), g.values(), w)
          .assertWithin(1e-9);
    }
  }

  @Test
  void distributedGradientMatchesFiniteDifferencesOfTheSummedLoss() {
    List<LabeledPoint> data = SyntheticData.local(SyntheticData.Kind.OUTLIERS, 600, FEATURES, 33);
    double[] w = LogisticGradientTest.weights(34, FEATURES + 1);
    JavaRDD<LabeledPoint> rdd = LocalSpark.context().parallelize(data, 3);
    for (DistributedLoss loss : List.of(
        Losses.cauchyBatched(SCALE), Losses.cauchyPerExample(SCALE),
        DistributedLoss.of(Losses.cauchyGradient(SCALE)))) {
      LossAndGradient s = loss.evaluate(rdd, w);
      Close.relative(summedLoss(data, w), s.lossSum(), 1e-12, "summed loss");
      GradientCheck.compare(v -> summedLoss(data, v), s.gradientSum(), w).assertWithin(1e-8);
    }
  }

  @Test
  void robustFitRecoversTheTruthThatLeastSquaresMisses() {
    List<LabeledPoint> data = SyntheticData.local(SyntheticData.Kind.OUTLIERS, 2000, FEATURES, 35);
    double[] truth = SyntheticData.truth(FEATURES, 35);
    JavaRDD<LabeledPoint> rdd = LocalSpark.context().parallelize(data, 2).cache();
    LbfgsTrainer.Result fit = new LbfgsTrainer(Losses.cauchyBatched(SCALE))
        .regularization(new SquaredL2Updater(), 0.0)
        .tolerance(1e-7)
        .maxIterations(50)
        .fit(rdd, new double[FEATURES + 1]);
    double[] robust = fit.weights();
    double[] leastSquares = LBFGS.runLBFGS(
        rdd.map(p -> new scala.Tuple2<Object, org.apache.spark.mllib.linalg.Vector>(
            p.label(), p.features())).rdd(),
        new LeastSquaresGradient(), new SquaredL2Updater(), 10, 1e-7, 50, 0.0,
        Vectors.zeros(FEATURES + 1))._1().toArray();
    rdd.unpersist(false);
    double robustError = maxError(truth, robust);
    double leastSquaresError = maxError(truth, leastSquares);
    assertTrue(robustError < 0.02, "Cauchy fit off the truth by " + robustError);
    assertTrue(leastSquaresError > 5 * robustError,
        "least squares " + leastSquaresError + " vs Cauchy " + robustError);
  }

  private static double maxError(double[] truth, double[] w) {
    double e = 0;
    for (int j = 0; j < truth.length; j++) {
      e = Math.max(e, Math.abs(truth[j] - w[j]));
    }
    return e;
  }
}
