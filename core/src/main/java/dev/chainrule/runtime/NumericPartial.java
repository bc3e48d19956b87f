package dev.chainrule.runtime;

/**
 * Steps for the numeric partial derivatives that generated code computes for calls it cannot
 * differentiate symbolically (see {@code Differentiable#numericFallback}): a five-point stencil
 *
 * <pre>f'(x) ≈ (f(x − 2h) − 8 f(x − h) + 8 f(x + h) − f(x + 2h)) / (12 h)</pre>
 *
 * whose truncation error is O(h⁴) and rounding error O(ε/h), balanced at h ≈ ε^(1/5)·max(1, |x|)
 * for a relative accuracy of about 1e-10 to 1e-12 on smooth functions whose scale of variation is
 * at least max(1, |x|). The step grows with |x|: a function that oscillates on a much shorter scale
 * than |x| (sin at x = 30, say) loses accuracy — about 1e-8 there.
 */
public final class NumericPartial {
  private static final double EPSILON_FIFTH_ROOT = Math.pow(Math.ulp(1.0), 0.2);

  private NumericPartial() {}

  /** The stencil's step at {@code x}, rounded so that {@code x ± h} and {@code x ± 2h} are exact. */
  public static double step(double x) {
    double h = EPSILON_FIFTH_ROOT * Math.max(1, Math.abs(x));
    double twice = (x + 2 * h) - x;
    return twice / 2;
  }

  /** Combines the four stencil values into the derivative. */
  public static double stencil(double fMinus2, double fMinus1, double fPlus1, double fPlus2, double h) {
    return (fMinus2 - 8 * fMinus1 + 8 * fPlus1 - fPlus2) / (12 * h);
  }
}
