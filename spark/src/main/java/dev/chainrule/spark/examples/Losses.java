package dev.chainrule.spark.examples;

import dev.chainrule.spark.ChainRuleGradient;
import dev.chainrule.spark.DistributedLoss;
import org.apache.spark.mllib.optimization.Gradient;

/**
 * The example losses wired to Spark: each is a method reference (or, with a hyper-parameter, a
 * capturing lambda) over the generated pullback and the generated adjoint's constructor. These few
 * lines are all a user writes to bring a ChainRule loss to Spark.
 */
public final class Losses {
  private Losses() {}

  /** {@link LogisticLoss#loss} as an MLlib gradient, for {@code LBFGS.runLBFGS}. */
  public static Gradient logisticGradient() {
    return ChainRuleGradient.of(
        LogisticLossDerivatives::lossPullback, LogisticLossDerivatives.LossAdjoint::new);
  }

  /** {@link LogisticLoss#loss}, one pullback call per example. */
  public static DistributedLoss logisticPerExample() {
    return DistributedLoss.perExample(
        LogisticLossDerivatives::lossPullback, LogisticLossDerivatives.LossAdjoint::new);
  }

  /** {@link LogisticLoss#batchLoss}, one pullback call per block of rows. */
  public static DistributedLoss logisticBatched() {
    return DistributedLoss.batched(
        LogisticLossDerivatives::batchLossPullback, LogisticLossDerivatives.BatchLossAdjoint::new);
  }

  /** {@link LogisticLoss#batchLossFourSums}, one pullback call per block of rows. */
  public static DistributedLoss logisticBatchedFourSums() {
    return DistributedLoss.batched(LogisticLossDerivatives::batchLossFourSumsPullback,
        LogisticLossDerivatives.BatchLossFourSumsAdjoint::new);
  }

  /**
   * {@link CauchyLoss#loss} as an MLlib gradient.
   *
   * @param scale the residual scale {@code c}
   * @return the gradient
   */
  public static Gradient cauchyGradient(double scale) {
    return ChainRuleGradient.of(
        (w, x, y, seed, adjoint) -> CauchyLossDerivatives.lossPullback(w, x, y, scale, seed, adjoint),
        CauchyLossDerivatives.LossAdjoint::new);
  }

  /**
   * {@link CauchyLoss#loss}, one pullback call per example.
   *
   * @param scale the residual scale {@code c}
   * @return the loss
   */
  public static DistributedLoss cauchyPerExample(double scale) {
    return DistributedLoss.perExample(
        (w, x, y, seed, adjoint) -> CauchyLossDerivatives.lossPullback(w, x, y, scale, seed, adjoint),
        CauchyLossDerivatives.LossAdjoint::new);
  }

  /**
   * {@link CauchyLoss#batchLoss}, one pullback call per block of rows.
   *
   * @param scale the residual scale {@code c}
   * @return the loss
   */
  public static DistributedLoss cauchyBatched(double scale) {
    return DistributedLoss.batched(
        (w, x, y, seed, adjoint) ->
            CauchyLossDerivatives.batchLossPullback(w, x, y, scale, seed, adjoint),
        CauchyLossDerivatives.BatchLossAdjoint::new);
  }
}
