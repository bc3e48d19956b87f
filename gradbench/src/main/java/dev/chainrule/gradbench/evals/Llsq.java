package dev.chainrule.gradbench.evals;

import dev.chainrule.Differentiable;

/**
 * GradBench's {@code llsq} eval ({@code evals/llsq/README.md}): y(x) = ½ Σᵢ (sᵢ − Σⱼ xⱼ tᵢʲ)² with
 * tᵢ = −1 + 2i / (n − 1) and sᵢ = sign(tᵢ).
 */
public final class Llsq {
  private Llsq() {}

  @Differentiable
  public static double objective(double[] x, int n) {
    double sum = 0;
    for (int i = 0; i < n; i++) {
      double t = -1 + i * 2.0 / (n - 1);
      double inner = Math.signum(t);
      double power = 1;
      for (int j = 0; j < x.length; j++) {
        inner -= x[j] * power;
        power *= t;
      }
      sum += inner * inner;
    }
    return sum / 2;
  }
}
