package dev.chainrule.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.spark.examples.LogisticLossDerivatives;
import dev.chainrule.spark.examples.SyntheticData;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.mllib.linalg.Vector;
import org.apache.spark.mllib.linalg.Vectors;
import org.apache.spark.mllib.optimization.Gradient;
import org.apache.spark.mllib.optimization.LBFGS;
import org.apache.spark.mllib.optimization.LogisticGradient;
import org.apache.spark.mllib.optimization.SquaredL2Updater;
import org.apache.spark.mllib.regression.LabeledPoint;
import org.apache.spark.rdd.RDD;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import scala.Tuple2;

/**
 * Training: MLlib's {@code LBFGS.runLBFGS} with its own {@code LogisticGradient} (the oracle), the
 * same with the ChainRule gradient, and {@link LbfgsTrainer} with the per-example and the batch
 * forms all reach the same weights; the number of partitions changes nothing beyond rounding.
 */
class LbfgsTest {
  private static final int FEATURES = 6;
  private static final int CORRECTIONS = 10;
  private static final double TOLERANCE = 1e-12;
  private static final int ITERATIONS = 100;
  private static final double REG = 1e-2;

  private static List<LabeledPoint> data;
  private static JavaRDD<LabeledPoint> points;
  private static RDD<Tuple2<Object, Vector>> pairs;
  private static double[] mllibWeights;

  @BeforeAll
  static void trainWithMllibsOwnGradient() {
    data = SyntheticData.local(SyntheticData.Kind.LOGISTIC, 2000, FEATURES, 21);
    points = LocalSpark.context().parallelize(data, 2).cache();
    pairs = pairs(points).cache();
    mllibWeights = runLbfgs(pairs, new LogisticGradient());
  }

  @AfterAll
  static void release() {
    points.unpersist(false);
    pairs.unpersist(false);
  }

  static RDD<Tuple2<Object, Vector>> pairs(JavaRDD<LabeledPoint> points) {
    return points.map(p -> new Tuple2<Object, Vector>(p.label(), p.features())).rdd();
  }

  static double[] runLbfgs(RDD<Tuple2<Object, Vector>> data, Gradient gradient) {
    Tuple2<Vector, double[]> fit = LBFGS.runLBFGS(data, gradient, new SquaredL2Updater(),
        CORRECTIONS, TOLERANCE, ITERATIONS, REG, Vectors.zeros(FEATURES + 1));
    return fit._1().toArray();
  }

  static LbfgsTrainer trainer(DistributedLoss loss) {
    return new LbfgsTrainer(loss)
        .regularization(new SquaredL2Updater(), REG)
        .corrections(CORRECTIONS)
        .tolerance(TOLERANCE)
        .maxIterations(ITERATIONS);
  }

  static DistributedLoss batched() {
    return DistributedLoss.batched(LogisticLossDerivatives::batchLossPullback,
        LogisticLossDerivatives.BatchLossAdjoint::new, 100);
  }

  @Test
  void mllibsLbfgsThroughTheChainRuleGradientReachesMllibsWeights() {
    double[] ours = runLbfgs(pairs, ChainRuleGradient.of(
        LogisticLossDerivatives::lossPullback, LogisticLossDerivatives.LossAdjoint::new));
    Close.normwise(mllibWeights, ours, 1e-8, "weights");
  }

  @Test
  void trainerWithEitherFormReachesMllibsWeights() {
    List<Iteration> seen = new ArrayList<>();
    LbfgsTrainer.Result batch =
        trainer(batched()).onIteration(seen::add).fit(points, new double[FEATURES + 1]);
    Close.normwise(mllibWeights, batch.weights(), 1e-8, "weights, batch form");
    assertEquals(seen, batch.history());
    assertTrue(seen.size() > 3, "iterations: " + seen.size());
    for (int i = 0; i < seen.size(); i++) {
      Iteration it = seen.get(i);
      assertEquals(i, it.index());
      assertTrue(it.evaluations() >= 1 && it.seconds() >= 0, it.toString());
      if (i > 0) {
        assertTrue(it.loss() <= seen.get(i - 1).loss(), "L-BFGS descends: " + seen);
      }
    }
    assertTrue(seen.get(seen.size() - 1).gradientNorm() < 1e-5 * seen.get(0).gradientNorm(),
        "converged: " + seen);

    LbfgsTrainer.Result perExample = trainer(DistributedLoss.perExample(
        LogisticLossDerivatives::lossPullback, LogisticLossDerivatives.LossAdjoint::new))
        .fit(pairs, new double[FEATURES + 1]);
    Close.normwise(mllibWeights, perExample.weights(), 1e-8, "weights, per-example form");
  }

  @Test
  void trainerLossHistoryIsMllibsObjective() {
    // The objective at the initial point w = 0 is log 2 (every example's loss) plus no penalty.
    LbfgsTrainer.Result fit =
        trainer(batched()).maxIterations(3).fit(points, new double[FEATURES + 1]);
    Close.relative(Math.log(2), fit.lossHistory()[0], 1e-14, "objective at w = 0");
    // At the end: the mean loss by MLlib's own gradient plus REG/2 |w|².
    double[] w = fit.weights();
    double penalty = 0;
    for (double v : w) {
      penalty += 0.5 * REG * v * v;
    }
    LossAndGradient s = DistributedLoss.of(new LogisticGradient()).evaluate(points, w);
    double[] history = fit.lossHistory();
    Close.relative(s.meanLoss() + penalty, history[history.length - 1], 1e-12, "final objective");
  }

  @Test
  void partitionCountChangesNothingBeyondRounding() {
    double[] w = LogisticGradientTest.weights(22, FEATURES + 1);
    DistributedLoss loss = batched();
    LossAndGradient one = null;
    double[] oneFit = null;
    for (int partitions : new int[] {1, 2, 7}) {
      JavaRDD<LabeledPoint> split = LocalSpark.context().parallelize(data, partitions).cache();
      assertEquals(partitions, split.getNumPartitions());
      LossAndGradient s = loss.evaluate(split, w);
      double[] fit = trainer(loss).fit(split, new double[FEATURES + 1]).weights();
      split.unpersist(false);
      if (one == null) {
        one = s;
        oneFit = fit;
        continue;
      }
      assertEquals(one.count(), s.count());
      Close.relative(one.lossSum(), s.lossSum(), 1e-13, "loss sum, " + partitions + " partitions");
      Close.normwise(one.gradientSum(), s.gradientSum(), 1e-13,
          "gradient sum, " + partitions + " partitions");
      Close.normwise(oneFit, fit, 1e-8, "trained weights, " + partitions + " partitions");
    }
  }
}
