package dev.chainrule.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.ThreadMXBean;
import dev.chainrule.spark.examples.LogisticLossDerivatives;
import dev.chainrule.spark.examples.SyntheticData;
import java.lang.management.ManagementFactory;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.mllib.linalg.DenseVector;
import org.apache.spark.mllib.linalg.Vector;
import org.apache.spark.mllib.linalg.Vectors;
import org.apache.spark.mllib.optimization.Gradient;
import org.apache.spark.mllib.optimization.LBFGS;
import org.apache.spark.mllib.optimization.SquaredL2Updater;
import org.apache.spark.mllib.regression.LabeledPoint;
import org.apache.spark.util.LongAccumulator;
import org.junit.jupiter.api.Test;

/**
 * One generated adjoint per partition, created inside the task, and no allocation per example: the
 * adjoint factory counts its calls in a Spark accumulator, and the thread's allocation counter
 * shows the per-example path allocates nothing once warm.
 */
class AdjointReuseTest {
  private static final int FEATURES = 4;

  @Test
  void distributedLossCreatesOneAdjointPerPartitionAndEvaluation() {
    List<LabeledPoint> data = SyntheticData.local(SyntheticData.Kind.LOGISTIC, 700, FEATURES, 41);
    JavaRDD<LabeledPoint> rdd = LocalSpark.context().parallelize(data, 5);
    LongAccumulator created = LocalSpark.context().sc().longAccumulator("adjoints");
    DistributedLoss perExample = DistributedLoss.perExample(LogisticLossDerivatives::lossPullback,
        g -> {
          created.add(1);
          return new LogisticLossDerivatives.LossAdjoint(g);
        });
    DistributedLoss batched = DistributedLoss.batched(LogisticLossDerivatives::batchLossPullback,
        g -> {
          created.add(1);
          return new LogisticLossDerivatives.BatchLossAdjoint(g);
        }, 64);
    double[] w = LogisticGradientTest.weights(42, FEATURES + 1);
    perExample.evaluate(rdd, w);
    perExample.evaluate(rdd, w);
    batched.evaluate(rdd, w);
    assertEquals(3 * 5, created.value());
  }

  @Test
  void mllibsLbfgsCreatesOneAdjointPerPartitionAndEvaluation() {
    List<LabeledPoint> data = SyntheticData.local(SyntheticData.Kind.LOGISTIC, 500, FEATURES, 43);
    JavaRDD<LabeledPoint> rdd = LocalSpark.context().parallelize(data, 3).cache();
    LongAccumulator created = LocalSpark.context().sc().longAccumulator("adjoints");
    LongAccumulator jobs = LocalSpark.context().sc().longAccumulator("evaluations");
    Gradient counted = ChainRuleGradient.of(LogisticLossDerivatives::lossPullback, g -> {
      created.add(1);
      return new LogisticLossDerivatives.LossAdjoint(g);
    });
    // An updater that counts the cost function's evaluations: MLlib's CostFun calls it twice per
    // evaluation, on the driver.
    SquaredL2Updater updater = new SquaredL2Updater() {
      private static final long serialVersionUID = 1L;

      @Override
      public scala.Tuple2<Vector, Object> compute(
          Vector w, Vector g, double step, int iter, double reg) {
        jobs.add(1);
        return super.compute(w, g, step, iter, reg);
      }
    };
    LBFGS.runLBFGS(LbfgsTest.pairs(rdd), counted, updater, 5, 1e-6, 5, 1e-3,
        Vectors.zeros(FEATURES + 1));
    rdd.unpersist(false);
    long evaluations = jobs.value() / 2;
    assertTrue(evaluations >= 5, "evaluations: " + evaluations);
    assertEquals(3 * evaluations, created.value(), "adjoints for " + evaluations + " evaluations");
  }

  @Test
  void perExampleComputeAllocatesNothing() {
    ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    List<LabeledPoint> data = SyntheticData.local(SyntheticData.Kind.LOGISTIC, 256, FEATURES, 44);
    Gradient gradient = ChainRuleGradient.of(
        LogisticLossDerivatives::lossPullback, LogisticLossDerivatives.LossAdjoint::new);
    Vector w = Vectors.dense(LogisticGradientTest.weights(45, FEATURES + 1));
    Vector sparse = Vectors.sparse(FEATURES + 1, new int[] {0, 3}, new double[] {0.5, -1});
    DenseVector sum = new DenseVector(new double[FEATURES + 1]);
    long best = Long.MAX_VALUE;
    for (int round = 0; round < 50; round++) {
      long before = threads.getCurrentThreadAllocatedBytes();
      for (LabeledPoint p : data) {
        gradient.compute(p.features(), p.label(), w, sum);
        gradient.compute(sparse, p.label(), w, sum);
      }
      long after = threads.getCurrentThreadAllocatedBytes();
      best = Math.min(best, after - before);
    }
    // The counter itself may report a few bytes; 512 calls allocating anything would show as
    // at least 512 × 16 bytes.
    assertTrue(best < 512, "bytes allocated by 512 warm calls: " + best);
  }
}
