package dev.chainrule;

/** Functions with a special meaning inside {@link Differentiable} methods. */
public final class ChainRule {
  private ChainRule() {}

  /**
   * Returns {@code x} unchanged, but ChainRule treats it as a constant: no derivative flows back
   * through it (JAX's {@code stop_gradient}, Swift's {@code withoutDerivative(at:)}). Use it for
   * targets, baselines or normalisers that must not be differentiated.
   */
  public static double stopGradient(double x) {
    return x;
  }
}
