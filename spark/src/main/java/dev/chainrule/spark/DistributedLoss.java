package dev.chainrule.spark;

import java.io.Serializable;
import java.util.Collections;
import java.util.Iterator;
import java.util.Objects;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.mllib.linalg.Vector;
import org.apache.spark.mllib.optimization.Gradient;
import org.apache.spark.mllib.regression.LabeledPoint;
import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import scala.Tuple2;

/**
 * The full-batch loss and gradient of a loss over a distributed data set: each partition sums its
 * examples in its own task (one generated adjoint per partition, created there, nothing allocated
 * per example), and the partitions' sums are merged by {@code treeAggregate}, as MLlib's optimisers
 * merge theirs. The weights go to the executors once per evaluation as a broadcast.
 *
 * <pre>{@code
 * DistributedLoss loss = DistributedLoss.batched(
 *     LogisticLossDerivatives::batchLossPullback, LogisticLossDerivatives.BatchLossAdjoint::new);
 * LossAndGradient g = loss.evaluate(points, weights);   // JavaRDD<LabeledPoint>
 * double meanLoss = g.meanLoss();
 * double[] meanGradient = g.meanGradient();
 * }</pre>
 *
 * <p>Three forms: {@link #perExample} (the generated pullback of {@code loss(weights, features,
 * label)}, called once per example), {@link #batched} (the generated pullback of a loss summed over
 * a block of rows, {@code batchLoss(weights, features[][], labels[])}: faster, see docs/spark.md),
 * and {@link #of(Gradient)} (any MLlib gradient, for comparison). Immutable and serializable.
 */
public final class DistributedLoss implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Rows per call of a batch pullback unless {@link #batched(BatchPullback, AdjointFactory, int)} says. */
  public static final int DEFAULT_ROWS_PER_BLOCK = 1024;

  private final PartitionEvaluator evaluator;
  private final int treeDepth;

  private DistributedLoss(PartitionEvaluator evaluator, int treeDepth) {
    if (treeDepth < 1) {
      throw new IllegalArgumentException("treeDepth must be positive, got " + treeDepth);
    }
    this.evaluator = evaluator;
    this.treeDepth = treeDepth;
  }

  /**
   * A loss given per example.
   *
   * @param pullback the generated pullback, {@code <Class>Derivatives::lossPullback}
   * @param adjoints the generated adjoint's constructor, {@code <Class>Derivatives.LossAdjoint::new}
   * @param <A> the generated adjoint class
   * @return the distributed loss
   */
  public static <A> DistributedLoss perExample(
      ExamplePullback<A> pullback, AdjointFactory<A> adjoints) {
    return new DistributedLoss(new PartitionEvaluator.PerExample<>(pullback, adjoints), 2);
  }

  /**
   * A loss given per block of rows, {@value #DEFAULT_ROWS_PER_BLOCK} rows per call.
   *
   * @param pullback the generated pullback of the summed loss, {@code
   *     <Class>Derivatives::batchLossPullback}
   * @param adjoints the generated adjoint's constructor, {@code
   *     <Class>Derivatives.BatchLossAdjoint::new}
   * @param <A> the generated adjoint class
   * @return the distributed loss
   */
  public static <A> DistributedLoss batched(BatchPullback<A> pullback, AdjointFactory<A> adjoints) {
    return batched(pullback, adjoints, DEFAULT_ROWS_PER_BLOCK);
  }

  /**
   * A loss given per block of rows.
   *
   * @param pullback the generated pullback of the summed loss
   * @param adjoints the generated adjoint's constructor
   * @param rowsPerBlock the most rows per call of {@code pullback} (the last block of a partition
   *     may have fewer)
   * @param <A> the generated adjoint class
   * @return the distributed loss
   */
  public static <A> DistributedLoss batched(
      BatchPullback<A> pullback, AdjointFactory<A> adjoints, int rowsPerBlock) {
    return new DistributedLoss(
        new PartitionEvaluator.Batched<>(pullback, adjoints, rowsPerBlock), 2);
  }

  /**
   * Any MLlib gradient (MLlib's own {@code LogisticGradient}, or a {@link ChainRuleGradient}), called
   * once per example as MLlib's optimisers call it.
   *
   * @param gradient the per-example gradient
   * @return the distributed loss
   */
  public static DistributedLoss of(Gradient gradient) {
    if (gradient instanceof ChainRuleGradient<?> c) {
      return fromChainRule(c);
    }
    return new DistributedLoss(new PartitionEvaluator.Mllib(gradient), 2);
  }

  private static <A> DistributedLoss fromChainRule(ChainRuleGradient<A> c) {
    return perExample(c.pullback(), c.adjoints());
  }

  /**
   * The same loss merged with a {@code treeAggregate} of another depth (2 by default, as in MLlib).
   *
   * @param depth the depth of the aggregation tree
   * @return a copy with that depth
   */
  public DistributedLoss withTreeDepth(int depth) {
    return new DistributedLoss(evaluator, depth);
  }

  /**
   * The summed loss and gradient over MLlib labelled points.
   *
   * @param data the examples
   * @param weights the model
   * @return the sums and the number of examples
   */
  public LossAndGradient evaluate(JavaRDD<LabeledPoint> data, double[] weights) {
    return run(data, RowReader.LABELED_POINTS, weights);
  }

  /**
   * The summed loss and gradient over {@code (label, features)} pairs, the data set type of MLlib's
   * {@code LBFGS.runLBFGS} and {@code GradientDescent.runMiniBatchSGD}.
   *
   * @param data the examples
   * @param weights the model
   * @return the sums and the number of examples
   */
  public LossAndGradient evaluate(RDD<Tuple2<Object, Vector>> data, double[] weights) {
    return run(data.toJavaRDD(), RowReader.PAIRS, weights);
  }

  /**
   * The summed loss and gradient over a Dataset with a numeric label column and a vector column
   * (Spark ML's {@code org.apache.spark.ml.linalg.Vector}, as {@code VectorAssembler} makes, or
   * MLlib's).
   *
   * @param data the examples
   * @param labelColumn the label column's name ({@code "label"} in Spark ML)
   * @param featuresColumn the features column's name ({@code "features"} in Spark ML)
   * @param weights the model
   * @return the sums and the number of examples
   */
  public LossAndGradient evaluate(
      Dataset<Row> data, String labelColumn, String featuresColumn, double[] weights) {
    return run(rows(data, labelColumn, featuresColumn), RowReader.ROWS, weights);
  }

  /** The rows of a Dataset as (label, features), the layout {@link RowReader#ROWS} reads. */
  static JavaRDD<Row> rows(Dataset<Row> data, String labelColumn, String featuresColumn) {
    return data.select(functions.col(labelColumn), functions.col(featuresColumn)).javaRDD();
  }

  /** Broadcasts the weights, sums each partition in its task, and merges the sums. */
  <T> LossAndGradient run(JavaRDD<T> data, RowReader<T> reader, double[] weights) {
    Objects.requireNonNull(weights, "weights");
    JavaSparkContext context = JavaSparkContext.fromSparkContext(data.context());
    Broadcast<double[]> shared = context.broadcast(weights.clone());
    try {
      LossAndGradient total = data
          .mapPartitions(new SumPartition<>(evaluator, reader, shared))
          .treeAggregate(LossAndGradient.empty(), LossAndGradient::add, LossAndGradient::add,
              treeDepth);
      if (total.count() > 0 && total.gradientSum().length != weights.length) {
        throw new IllegalStateException("gradient of " + total.gradientSum().length
            + " entries for " + weights.length + " weights");
      }
      return total.count() > 0 ? total : new LossAndGradient(0, 0.0, new double[weights.length]);
    } finally {
      shared.destroy();
    }
  }

  /** The task of one partition: its sum, as the partition's single element. */
  private static final class SumPartition<T> implements FlatMapFunction<Iterator<T>, LossAndGradient> {
    private static final long serialVersionUID = 1L;
    private final PartitionEvaluator evaluator;
    private final RowReader<T> reader;
    private final Broadcast<double[]> weights;

    SumPartition(PartitionEvaluator evaluator, RowReader<T> reader, Broadcast<double[]> weights) {
      this.evaluator = evaluator;
      this.reader = reader;
      this.weights = weights;
    }

    @Override
    public Iterator<LossAndGradient> call(Iterator<T> rows) {
      if (!rows.hasNext()) {
        return Collections.emptyIterator();
      }
      return Collections.singletonList(evaluator.evaluate(rows, reader, weights.value()))
          .iterator();
    }
  }
}
