package dev.chainrule.spark;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Objects;
import org.apache.spark.mllib.linalg.DenseVector;
import org.apache.spark.mllib.optimization.Gradient;

/**
 * Sums the loss and gradient over one partition's examples, inside its task: one gradient buffer
 * and one adjoint per partition (created here, on the executor), nothing allocated per example.
 * The three forms are a per-example pullback, a batch pullback over blocks of rows, and any MLlib
 * {@link Gradient}.
 */
abstract class PartitionEvaluator implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Sums over {@code rows}; {@code weights} is the model (read only). */
  abstract <T> LossAndGradient evaluate(Iterator<T> rows, RowReader<T> reader, double[] weights);

  /** Calls a per-example pullback once per example. */
  static final class PerExample<A> extends PartitionEvaluator {
    private static final long serialVersionUID = 1L;
    private final ExamplePullback<A> pullback;
    private final AdjointFactory<A> adjoints;

    PerExample(ExamplePullback<A> pullback, AdjointFactory<A> adjoints) {
      this.pullback = Objects.requireNonNull(pullback, "pullback");
      this.adjoints = Objects.requireNonNull(adjoints, "adjoints");
    }

    @Override
    <T> LossAndGradient evaluate(Iterator<T> rows, RowReader<T> reader, double[] weights) {
      double[] gradient = new double[weights.length];
      A adjoint = adjoints.create(gradient);
      double[] scratch = new double[weights.length];
      double loss = 0;
      long count = 0;
      while (rows.hasNext()) {
        T row = rows.next();
        loss += pullback.pullback(
            weights, reader.features(row, scratch), reader.label(row), 1.0, adjoint);
        count++;
      }
      return new LossAndGradient(count, loss, gradient);
    }
  }

  /** Calls a batch pullback once per block of up to {@code rowsPerBlock} examples. */
  static final class Batched<A> extends PartitionEvaluator {
    private static final long serialVersionUID = 1L;
    private final BatchPullback<A> pullback;
    private final AdjointFactory<A> adjoints;
    private final int rowsPerBlock;

    Batched(BatchPullback<A> pullback, AdjointFactory<A> adjoints, int rowsPerBlock) {
      if (rowsPerBlock < 1) {
        throw new IllegalArgumentException("rowsPerBlock must be positive, got " + rowsPerBlock);
      }
      this.pullback = Objects.requireNonNull(pullback, "pullback");
      this.adjoints = Objects.requireNonNull(adjoints, "adjoints");
      this.rowsPerBlock = rowsPerBlock;
    }

    @Override
    <T> LossAndGradient evaluate(Iterator<T> rows, RowReader<T> reader, double[] weights) {
      double[] gradient = new double[weights.length];
      A adjoint = adjoints.create(gradient);
      // The block holds references to the rows' own arrays (dense rows are not copied); sparse
      // rows are scattered into per-slot scratch rows, allocated the first time a slot needs one.
      double[][] block = new double[rowsPerBlock][];
      double[] labels = new double[rowsPerBlock];
      double[][] scratch = new double[rowsPerBlock][];
      double loss = 0;
      long count = 0;
      int n = 0;
      while (rows.hasNext()) {
        T row = rows.next();
        double[] x = reader.features(row, scratch[n]);
        if (x == null) {
          scratch[n] = new double[weights.length];
          x = reader.features(row, scratch[n]);
        }
        block[n] = x;
        labels[n] = reader.label(row);
        n++;
        count++;
        if (n == rowsPerBlock) {
          loss += pullback.pullback(weights, block, labels, 1.0, adjoint);
          n = 0;
        }
      }
      if (n > 0) {
        loss += pullback.pullback(
            weights, Arrays.copyOf(block, n), Arrays.copyOf(labels, n), 1.0, adjoint);
      }
      return new LossAndGradient(count, loss, gradient);
    }
  }

  /** Calls an MLlib {@link Gradient} once per example, as MLlib's optimisers do. */
  static final class Mllib extends PartitionEvaluator {
    private static final long serialVersionUID = 1L;
    private final Gradient gradient;

    Mllib(Gradient gradient) {
      this.gradient = Objects.requireNonNull(gradient, "gradient");
    }

    @Override
    <T> LossAndGradient evaluate(Iterator<T> rows, RowReader<T> reader, double[] weights) {
      DenseVector w = new DenseVector(weights);
      DenseVector sum = new DenseVector(new double[weights.length]);
      double loss = 0;
      long count = 0;
      while (rows.hasNext()) {
        T row = rows.next();
        loss += gradient.compute(reader.vector(row), reader.label(row), w, sum);
        count++;
      }
      return new LossAndGradient(count, loss, sum.values());
    }
  }
}
