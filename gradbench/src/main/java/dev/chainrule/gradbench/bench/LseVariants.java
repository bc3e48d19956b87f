package dev.chainrule.gradbench.bench;

import dev.chainrule.ChainRule;
import dev.chainrule.Differentiable;

/** A rewriting of {@link dev.chainrule.gradbench.evals.Lse#logSumExp} that isolates the max's cost. */
public final class LseVariants {
  private LseVariants() {}

  /**
   * The same value with the shift's gradient stopped (LSE does not depend on the shift, so the
   * gradient is the same up to rounding): no tape for the max and no reverse loop over it.
   */
  @Differentiable
  public static double stoppedShift(double[] x) {
    double a = x[0];
    for (int i = 1; i < x.length; i++) {
      a = Math.max(a, x[i]);
    }
    double shift = ChainRule.stopGradient(a);
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      s += Math.exp(x[i] - shift);
    }
    return Math.log(s) + shift;
  }
}
