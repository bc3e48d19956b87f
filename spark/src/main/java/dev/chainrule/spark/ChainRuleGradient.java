package dev.chainrule.spark;

import java.util.Objects;
import org.apache.spark.mllib.linalg.DenseVector;
import org.apache.spark.mllib.linalg.Vector;
import org.apache.spark.mllib.optimization.Gradient;

/**
 * A ChainRule-generated per-example pullback as an MLlib {@link Gradient}, for MLlib's optimisers
 * ({@code LBFGS.runLBFGS}, {@code GradientDescent.runMiniBatchSGD}) or any code written against
 * {@code Gradient}:
 *
 * <pre>{@code
 * Gradient gradient = ChainRuleGradient.of(
 *     LogisticLossDerivatives::lossPullback, LogisticLossDerivatives.LossAdjoint::new);
 * Tuple2<Vector, double[]> fit = LBFGS.runLBFGS(data, gradient, new SquaredL2Updater(), 10, 1e-9,
 *     100, 1e-4, initialWeights);
 * }</pre>
 *
 * <p>{@link #compute(Vector, double, Vector, Vector)} adds the example's gradient into {@code
 * cumGradient} and returns its loss, as MLlib's own gradients do. It allocates nothing per example:
 * the generated adjoint wraps {@code cumGradient}'s array directly, and it is created on first use
 * inside each task (MLlib's aggregation keeps one gradient buffer per partition, so that is one
 * adjoint per partition) and kept in a transient field, never serialized. Sparse features are
 * written into a reusable dense scratch array first.
 *
 * <p>Safe to share between threads: the cached adjoint belongs to one thread and one buffer; a call
 * from another thread, or with another buffer, makes a new one.
 *
 * @param <A> the generated adjoint class
 */
public final class ChainRuleGradient<A> extends Gradient {
  private static final long serialVersionUID = 1L;

  private final ExamplePullback<A> pullback;
  private final AdjointFactory<A> adjoints;
  // Racy but safe: a Slot is immutable (final fields), and a thread uses only its own.
  private transient Slot<A> slot;

  private ChainRuleGradient(ExamplePullback<A> pullback, AdjointFactory<A> adjoints) {
    this.pullback = Objects.requireNonNull(pullback, "pullback");
    this.adjoints = Objects.requireNonNull(adjoints, "adjoints");
  }

  /**
   * The MLlib gradient of a per-example loss.
   *
   * @param pullback the generated pullback, {@code <Class>Derivatives::lossPullback}
   * @param adjoints the generated adjoint's constructor, {@code <Class>Derivatives.LossAdjoint::new}
   * @param <A> the generated adjoint class
   * @return a serializable MLlib gradient
   */
  public static <A> ChainRuleGradient<A> of(ExamplePullback<A> pullback, AdjointFactory<A> adjoints) {
    return new ChainRuleGradient<>(pullback, adjoints);
  }

  /** The pullback this gradient runs. */
  ExamplePullback<A> pullback() {
    return pullback;
  }

  /** The adjoint factory this gradient uses. */
  AdjointFactory<A> adjoints() {
    return adjoints;
  }

  /**
   * Adds the example's gradient into {@code cumGradient} and returns its loss.
   *
   * @param data the example's features (dense or sparse)
   * @param label the example's label
   * @param weights the model (dense)
   * @param cumGradient the gradient sum so far (dense); receives this example's gradient
   * @return the example's loss
   */
  @Override
  public double compute(Vector data, double label, Vector weights, Vector cumGradient) {
    if (!(cumGradient instanceof DenseVector)) {
      throw new IllegalArgumentException(
          "cumGradient must be a DenseVector, got " + cumGradient.getClass().getSimpleName());
    }
    if (data.size() != weights.size() || cumGradient.size() != weights.size()) {
      throw new IllegalArgumentException("sizes differ: " + data.size() + " features, "
          + weights.size() + " weights, " + cumGradient.size() + " gradient entries");
    }
    double[] gradient = ((DenseVector) cumGradient).values();
    Slot<A> s = slot;
    if (s == null || s.gradient != gradient || s.owner != Thread.currentThread()) {
      s = new Slot<>(gradient, adjoints.create(gradient), weights.size());
      slot = s;
    }
    return pullback.pullback(
        Features.dense(weights, s.weightScratch), Features.dense(data, s.featureScratch), label,
        1.0, s.adjoint);
  }

  /** One thread's adjoint around one gradient buffer, with scratch for sparse vectors. */
  private static final class Slot<A> {
    final Thread owner = Thread.currentThread();
    final double[] gradient;
    final A adjoint;
    final double[] featureScratch;
    final double[] weightScratch;

    Slot(double[] gradient, A adjoint, int size) {
      this.gradient = gradient;
      this.adjoint = adjoint;
      this.featureScratch = new double[size];
      this.weightScratch = new double[size];
    }
  }
}
