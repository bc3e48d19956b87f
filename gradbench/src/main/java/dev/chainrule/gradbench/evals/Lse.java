package dev.chainrule.gradbench.evals;

import dev.chainrule.Differentiable;

/**
 * GradBench's {@code lse} eval ({@code evals/lse/README.md}): LSE(x) = a + log Σ exp(xᵢ − a) with
 * a = max x, written from its primitive elements (a maximum and a sum) as the README asks.
 */
public final class Lse {
  private Lse() {}

  @Differentiable
  public static double logSumExp(double[] x) {
    double a = x[0];
    for (int i = 1; i < x.length; i++) {
      a = Math.max(a, x[i]);
    }
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      s += Math.exp(x[i] - a);
    }
    return Math.log(s) + a;
  }
}
