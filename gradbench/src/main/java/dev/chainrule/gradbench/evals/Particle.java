package dev.chainrule.gradbench.evals;

import dev.chainrule.Differentiable;

/**
 * GradBench's {@code particle} eval ({@code evals/particle/README.md}): a unit charge starting at
 * (0, 8) with velocity (0.75, 0) moves, by naive Euler steps of 0.1, in the field of charges at
 * (10, 10 − w) and (10, 0) until it would cross the x axis; linear interpolation gives where it
 * crosses, x(t_f), and the eval wants the w that minimises x₀(t_f)², by {@link GradientDescent}.
 *
 * <p>The force is −∇ₓ p(x; w), computed inside the Euler loop by a generated derivative of {@link
 * #potential}: by its gradient (reverse mode) in {@link #crossingReverse}, by two tangents
 * (forward mode, one per component) in {@link #crossingForward}. Both are {@code @Differentiable}
 * themselves, so d x₀(t_f)² / dw, which the argmin needs, is ChainRule's derivative of a loop that
 * calls a derivative (nested AD): by reverse mode ({@code crossing…Pullback}) or forward mode
 * ({@code crossing…Pushforward}), which {@link ParticleEval} combines into the four variants.
 *
 * <p>The position and velocity are scalars ({@code px, py, vx, vy}), not {@code double[2]}: a
 * gradient block of an array parameter can only be taken outside loops, and the force is needed in
 * every step.
 */
public final class Particle {
  private Particle() {}

  static final double DT = 0.1;

  /** p(x; w) = ‖x − (10, 10 − w)‖⁻¹ + ‖x − (10, 0)‖⁻¹, x = (px, py). */
  @Differentiable
  public static double potential(double px, double py, double w) {
    return 1 / Math.sqrt((px - 10) * (px - 10) + (py - (10 - w)) * (py - (10 - w)))
        + 1 / Math.sqrt((px - 10) * (px - 10) + py * py);
  }

  /** x₀(t_f)², the force −∇ₓp by {@code potentialGradient} (reverse mode). */
  @Differentiable
  public static double crossingReverse(double w) {
    double px = 0;
    double py = 8;
    double vx = 0.75;
    double vy = 0;
    while (true) {
      double ax = -ParticleDerivatives.potentialGradient(px, py, w).px();
      double ay = -ParticleDerivatives.potentialGradient(px, py, w).py();
      double nx = px + DT * vx;
      double ny = py + DT * vy;
      if (!(ny > 0)) {
        break;
      }
      px = nx;
      py = ny;
      vx += DT * ax;
      vy += DT * ay;
    }
    double dtf = -py / vy;
    double xf = px + dtf * vx;
    return xf * xf;
  }

  /** x₀(t_f)², the force −∇ₓp by two {@code potentialTangent}s (forward mode, one per component). */
  @Differentiable
  public static double crossingForward(double w) {
    double px = 0;
    double py = 8;
    double vx = 0.75;
    double vy = 0;
    while (true) {
      double ax = -ParticleDerivatives.potentialTangent(px, py, w, 1, 0, 0).tangent();
      double ay = -ParticleDerivatives.potentialTangent(px, py, w, 0, 1, 0).tangent();
      double nx = px + DT * vx;
      double ny = py + DT * vy;
      if (!(ny > 0)) {
        break;
      }
      px = nx;
      py = ny;
      vx += DT * ax;
      vy += DT * ay;
    }
    double dtf = -py / vy;
    double xf = px + dtf * vx;
    return xf * xf;
  }
}
