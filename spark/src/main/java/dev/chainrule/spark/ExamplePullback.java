package dev.chainrule.spark;

import java.io.Serializable;

/**
 * The generated pullback of a per-example loss {@code loss(double[] weights, double[] features,
 * double label)}: returns the loss and adds {@code seed × ∂loss/∂weights} into the adjoint.
 *
 * <p>Pass the companion's method as a method reference, so Spark calls it directly (no reflection):
 *
 * <pre>{@code
 * ExamplePullback<LogisticLossDerivatives.LossAdjoint> pullback = LogisticLossDerivatives::lossPullback;
 * }</pre>
 *
 * A loss with hyper-parameters after the label ({@code @NoDerivative double scale}) is a lambda that
 * captures them: {@code (w, x, y, seed, a) -> CauchyLossDerivatives.lossPullback(w, x, y, 1.5, seed,
 * a)}. It is {@link Serializable} because Spark ships it to the executors; it must not capture the
 * adjoint, which is created inside each task.
 *
 * @param <A> the generated adjoint class ({@code <Class>Derivatives.LossAdjoint})
 */
@FunctionalInterface
public interface ExamplePullback<A> extends Serializable {
  /**
   * Runs the generated pullback.
   *
   * @param weights the model (read only)
   * @param features one example's features (read only)
   * @param label the example's label
   * @param seed the factor of the partials added into {@code adjoint} (1 for the plain gradient)
   * @param adjoint the adjoint whose weight array receives {@code seed × ∂loss/∂weights}
   * @return the example's loss
   */
  double pullback(double[] weights, double[] features, double label, double seed, A adjoint);
}
