package dev.chainrule.gradbench.evals;

import dev.chainrule.Differentiable;

/**
 * GradBench's {@code particle} eval ({@code evals/particle/README.md}): a unit charge starting at
 * (0, 8) with velocity (0.75, 0) moves, by naive Euler steps of 0.1, in the field of charges at
 * (10, 10 − w) and (10, 0) until it would cross the x axis; linear interpolation gives where it
 * crosses, x(t_f), and the eval wants the w that minimises x₀(t_f)², by {@link GradientDescent}.
 *
 * <p>The force is −∇ₓ p(x; w): a ChainRule pullback of {@link #potential} today ({@link
 * #crossing}). The argmin needs d crossing / dw through that loop — a derivative of code that
 * calls a generated derivative (nested AD), which ChainRule does not generate yet.
 */
public final class Particle {
  private Particle() {}

  /** p(x; w) = ‖x − (10, 10 − w)‖⁻¹ + ‖x − (10, 0)‖⁻¹. */
  @Differentiable(wrt = {"x0", "x1"})
  public static double potential(double x0, double x1, double w) {
    return 1 / Math.hypot(x0 - 10, x1 - (10 - w)) + 1 / Math.hypot(x0 - 10, x1);
  }

  /** x₀(t_f)²: where the particle's path crosses the x axis, squared. */
  public static double crossing(double w) {
    var force = new ParticleDerivatives.PotentialAdjoint();
    double x0 = 0;
    double x1 = 8;
    double v0 = 0.75;
    double v1 = 0;
    double dt = 0.1;
    while (true) {
      force.clear();
      ParticleDerivatives.potentialPullback(x0, x1, w, 1.0, force);
      double n0 = x0 + dt * v0;
      double n1 = x1 + dt * v1;
      if (!(n1 > 0)) {
        break;
      }
      x0 = n0;
      x1 = n1;
      v0 -= dt * force.x0;
      v1 -= dt * force.x1;
    }
    double dtf = -x1 / v1;
    double xf = x0 + dtf * v0;
    return xf * xf;
  }
}
