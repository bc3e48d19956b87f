package dev.chainrule.spark;

import java.io.Serializable;

/**
 * Creates the generated adjoint around a gradient buffer: the adjoint's constructor as a method
 * reference, {@code LogisticLossDerivatives.LossAdjoint::new}. The adapter calls it once per
 * partition (inside the task, on the executor), never per example, so an adjoint is never
 * serialized and its workspace is reused across all the partition's examples.
 *
 * <p>The loss should differentiate only the weights ({@code @Differentiable(wrt = "weights")}), so
 * the adjoint has one array, the one given here. A loss that also differentiates other parameters
 * needs a lambda that gives them scratch buffers: {@code g -> new LossAdjoint(g, new
 * double[features])}.
 *
 * @param <A> the generated adjoint class
 */
@FunctionalInterface
public interface AdjointFactory<A> extends Serializable {
  /**
   * Creates an adjoint whose weight partials accumulate into {@code weightGradient}.
   *
   * @param weightGradient the buffer the pullback adds {@code ∂loss/∂weights} into, one entry per
   *     weight
   * @return a new adjoint
   */
  A create(double[] weightGradient);
}
