package dev.chainrule.spark;

import dev.chainrule.spark.examples.LogisticLossDerivatives;
import dev.chainrule.spark.examples.Losses;
import dev.chainrule.spark.examples.SyntheticData;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.spark.mllib.optimization.LogisticGradient;
import org.apache.spark.mllib.regression.LabeledPoint;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Per-partition throughput of the logistic gradient, in examples per second (JMH "ops/s" with one
 * operation per example): what one Spark task does with a partition of {@value #ROWS} cached
 * {@code LabeledPoint}s, without Spark around it. Variants, all through the module's own partition
 * loop (so they differ only in the gradient):
 *
 * <ul>
 *   <li>{@code mllibLogisticGradient}: MLlib's hand-written {@code LogisticGradient}, called once
 *       per example with a reused gradient vector (MLlib's best case: its own {@code LBFGS} also
 *       allocates a tuple and a vector wrapper per example);
 *   <li>{@code chainRuleGradient}: the ChainRule pullback behind MLlib's {@code Gradient}
 *       interface ({@link ChainRuleGradient}), what {@code LBFGS.runLBFGS} calls;
 *   <li>{@code chainRulePerExample}: the pullback called directly per example;
 *   <li>{@code chainRuleBatch}: the batch pullback, one call per block of 1024 rows;
 *   <li>{@code chainRuleBatchFourSums}: the same with the loss's dot product written as four
 *       partial sums ({@code LogisticLoss.batchLossFourSums}).
 * </ul>
 *
 * Run with {@code mvn -B -q -pl spark -am test-compile exec:exec@jmh
 * -Dexample.args=PartitionThroughput} (docs/spark.md).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PartitionThroughputBenchmark {
  static final int ROWS = 50_000;

  @Param({"20", "100"})
  public int features;

  List<LabeledPoint> partition;
  double[] weights;
  final PartitionEvaluator mllib = new PartitionEvaluator.Mllib(new LogisticGradient());
  final PartitionEvaluator chainRuleGradient =
      new PartitionEvaluator.Mllib(Losses.logisticGradient());
  final PartitionEvaluator perExample = new PartitionEvaluator.PerExample<>(
      LogisticLossDerivatives::lossPullback, LogisticLossDerivatives.LossAdjoint::new);
  final PartitionEvaluator batch = new PartitionEvaluator.Batched<>(
      LogisticLossDerivatives::batchLossPullback, LogisticLossDerivatives.BatchLossAdjoint::new,
      DistributedLoss.DEFAULT_ROWS_PER_BLOCK);
  final PartitionEvaluator batchFourSums = new PartitionEvaluator.Batched<>(
      LogisticLossDerivatives::batchLossFourSumsPullback,
      LogisticLossDerivatives.BatchLossFourSumsAdjoint::new, DistributedLoss.DEFAULT_ROWS_PER_BLOCK);

  /** Builds the partition and checks once that every variant gives MLlib's sums. */
  @Setup
  public void setup() {
    partition = SyntheticData.local(SyntheticData.Kind.LOGISTIC, ROWS, features - 1, 7);
    weights = LogisticGradientTest.weights(8, features);
    for (int j = 0; j < features; j++) {
      weights[j] *= 4.0 / Math.sqrt(features); // margins of order 1 at any width
    }
    LossAndGradient expected = mllibLogisticGradient();
    for (LossAndGradient s : List.of(chainRuleGradient(), chainRulePerExample(), chainRuleBatch(),
        chainRuleBatchFourSums())) {
      if (s.count() != ROWS) {
        throw new IllegalStateException("count " + s.count());
      }
      Close.relative(expected.lossSum(), s.lossSum(), 1e-12, "loss");
      Close.normwise(expected.gradientSum(), s.gradientSum(), 1e-12, "gradient");
    }
  }

  @Benchmark
  @OperationsPerInvocation(ROWS)
  public LossAndGradient mllibLogisticGradient() {
    return mllib.evaluate(partition.iterator(), RowReader.LABELED_POINTS, weights);
  }

  @Benchmark
  @OperationsPerInvocation(ROWS)
  public LossAndGradient chainRuleGradient() {
    return chainRuleGradient.evaluate(partition.iterator(), RowReader.LABELED_POINTS, weights);
  }

  @Benchmark
  @OperationsPerInvocation(ROWS)
  public LossAndGradient chainRulePerExample() {
    return perExample.evaluate(partition.iterator(), RowReader.LABELED_POINTS, weights);
  }

  @Benchmark
  @OperationsPerInvocation(ROWS)
  public LossAndGradient chainRuleBatch() {
    return batch.evaluate(partition.iterator(), RowReader.LABELED_POINTS, weights);
  }

  @Benchmark
  @OperationsPerInvocation(ROWS)
  public LossAndGradient chainRuleBatchFourSums() {
    return batchFourSums.evaluate(partition.iterator(), RowReader.LABELED_POINTS, weights);
  }
}
