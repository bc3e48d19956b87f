package dev.chainrule.spark;

import java.io.Serializable;

/**
 * The generated pullback of a batch loss {@code batchLoss(double[] weights, double[][] features,
 * double[] labels)}, the sum of a per-example loss over the rows: returns the sum and adds {@code
 * seed × ∂sum/∂weights} into the adjoint. ChainRule fuses such a loop (each row's reverse sweep runs
 * right after its forward sweep), so one call handles a block of rows in one pass.
 *
 * <pre>{@code
 * BatchPullback<LogisticLossDerivatives.BatchLossAdjoint> pullback =
 *     LogisticLossDerivatives::batchLossPullback;
 * }</pre>
 *
 * <p>The loss must be a <em>sum</em> over the rows (not a mean): {@link DistributedLoss} divides by
 * the number of examples once, over the whole data set, as MLlib does.
 *
 * @param <A> the generated adjoint class ({@code <Class>Derivatives.BatchLossAdjoint})
 */
@FunctionalInterface
public interface BatchPullback<A> extends Serializable {
  /**
   * Runs the generated pullback over a block of rows.
   *
   * @param weights the model (read only)
   * @param features one row of features per example (read only)
   * @param labels one label per example
   * @param seed the factor of the partials added into {@code adjoint} (1 for the plain gradient)
   * @param adjoint the adjoint whose weight array receives {@code seed × ∂sum/∂weights}
   * @return the summed loss of the rows
   */
  double pullback(double[] weights, double[][] features, double[] labels, double seed, A adjoint);
}
