package dev.chainrule.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.mllib.linalg.Vector;
import org.apache.spark.mllib.optimization.SquaredL2Updater;
import org.apache.spark.mllib.optimization.Updater;
import org.apache.spark.mllib.regression.LabeledPoint;
import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import scala.Tuple2;

/**
 * Full-batch L-BFGS over a {@link DistributedLoss}, reporting every iteration.
 *
 * <p>It is MLlib's L-BFGS ({@code org.apache.spark.mllib.optimization.LBFGS.runLBFGS}) made
 * observable: the same optimiser (Breeze's {@code LBFGS} with a cached cost function, which is what
 * {@code runLBFGS} runs), the same objective (the mean loss plus the {@link Updater}'s
 * regularisation, computed from the updater exactly as {@code runLBFGS} does) and the same
 * parameters; {@code runLBFGS} only returns the loss history at the end, while this calls a
 * listener after each iteration with the loss, the gradient norm and the time. Use {@code
 * runLBFGS} with a {@link ChainRuleGradient} where no progress is needed; docs/spark.md and the
 * tests show both reach the same weights.
 *
 * <pre>{@code
 * LbfgsTrainer.Result fit = new LbfgsTrainer(loss)
 *     .regularization(new SquaredL2Updater(), 1e-4)
 *     .maxIterations(50)
 *     .onIteration(System.out::println)
 *     .fit(points, new double[features]);
 * }</pre>
 */
public final class LbfgsTrainer {
  private final DistributedLoss loss;
  private Updater updater = new SquaredL2Updater();
  private double regParam = 0.0;
  private int maxIterations = 100;
  private int corrections = 10;
  private double tolerance = 1e-6;
  private Consumer<Iteration> listener = iteration -> {};

  /**
   * A trainer of the given loss, with MLlib's defaults: no regularisation, 100 iterations, 10
   * corrections, tolerance 1e-6.
   *
   * @param loss the distributed loss to minimise
   */
  public LbfgsTrainer(DistributedLoss loss) {
    this.loss = Objects.requireNonNull(loss, "loss");
  }

  /**
   * Adds a regularisation to the mean loss, as MLlib's {@code runLBFGS(..., updater, ..., regParam,
   * ...)} does: {@link SquaredL2Updater} adds {@code regParam/2 · |w|²}.
   *
   * @param updater the MLlib updater that defines the regularisation (a smooth one: L-BFGS cannot
   *     handle {@code L1Updater})
   * @param regParam its weight
   * @return this trainer
   */
  public LbfgsTrainer regularization(Updater updater, double regParam) {
    this.updater = Objects.requireNonNull(updater, "updater");
    this.regParam = regParam;
    return this;
  }

  /**
   * The most iterations.
   *
   * @param maxIterations at least 1
   * @return this trainer
   */
  public LbfgsTrainer maxIterations(int maxIterations) {
    this.maxIterations = maxIterations;
    return this;
  }

  /**
   * The number of corrections L-BFGS keeps (MLlib's {@code numCorrections}).
   *
   * @param corrections typically 3 to 20
   * @return this trainer
   */
  public LbfgsTrainer corrections(int corrections) {
    this.corrections = corrections;
    return this;
  }

  /**
   * The convergence tolerance (MLlib's {@code convergenceTol}): Breeze stops when the objective's
   * relative improvement or the gradient's relative norm falls below it.
   *
   * @param tolerance for example 1e-6
   * @return this trainer
   */
  public LbfgsTrainer tolerance(double tolerance) {
    this.tolerance = tolerance;
    return this;
  }

  /**
   * Called on the driver after each iteration (and once for the initial point).
   *
   * @param listener receives each {@link Iteration}; {@code System.out::println} prints the
   *     progress line
   * @return this trainer
   */
  public LbfgsTrainer onIteration(Consumer<Iteration> listener) {
    this.listener = Objects.requireNonNull(listener, "listener");
    return this;
  }

  /**
   * Minimises over MLlib labelled points.
   *
   * @param data the examples (cache it: every evaluation is a pass over it)
   * @param initialWeights the starting point
   * @return the weights and the history
   */
  public Result fit(JavaRDD<LabeledPoint> data, double[] initialWeights) {
    return run(data, RowReader.LABELED_POINTS, initialWeights);
  }

  /**
   * Minimises over the {@code (label, features)} pairs MLlib's optimisers take.
   *
   * @param data the examples (cache it)
   * @param initialWeights the starting point
   * @return the weights and the history
   */
  public Result fit(RDD<Tuple2<Object, Vector>> data, double[] initialWeights) {
    return run(data.toJavaRDD(), RowReader.PAIRS, initialWeights);
  }

  /**
   * Minimises over a Dataset's label and vector columns.
   *
   * @param data the examples (cache it)
   * @param labelColumn the label column
   * @param featuresColumn the features column (an ML or MLlib vector)
   * @param initialWeights the starting point
   * @return the weights and the history
   */
  public Result fit(
      Dataset<Row> data, String labelColumn, String featuresColumn, double[] initialWeights) {
    return run(DistributedLoss.rows(data, labelColumn, featuresColumn), RowReader.ROWS,
        initialWeights);
  }

  private <T> Result run(JavaRDD<T> data, RowReader<T> reader, double[] initialWeights) {
    long count = data.count();
    if (count == 0) {
      throw new IllegalArgumentException("no examples to train on");
    }
    Objective objective =
        new Objective(w -> loss.run(data, reader, w), count, updater, regParam);
    List<Iteration> history = new ArrayList<>();
    BreezeLbfgs.Outcome outcome = BreezeLbfgs.minimize(objective, initialWeights, maxIterations,
        corrections, tolerance, iteration -> {
          history.add(iteration);
          listener.accept(iteration);
        });
    return new Result(outcome.weights(), List.copyOf(history), outcome.reason());
  }

  /**
   * What {@link #fit} found.
   *
   * @param weights the last iterate
   * @param history one entry per iteration, the initial point first
   * @param convergence why Breeze stopped (for example "max iterations", "function values
   *     converged", "gradient converged")
   */
  public record Result(double[] weights, List<Iteration> history, String convergence) {
    /** The objective at each iteration, as MLlib's {@code runLBFGS} returns its loss history. */
    public double[] lossHistory() {
      return history.stream().mapToDouble(Iteration::loss).toArray();
    }
  }
}
