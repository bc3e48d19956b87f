package dev.chainrule.gradbench.evals;

import dev.chainrule.Differentiable;
import dev.chainrule.NoDerivative;

/**
 * GradBench's {@code saddle} eval ({@code evals/saddle/README.md}, the objective and the solver of
 * {@code cpp/gradbench/evals/saddle.hpp} and {@code gd.hpp}): min over the point (x1, y1) of max
 * over the point (x2, y2) of f = (x1² + y1²) − (x2² + y2²), both by {@link GradientDescent} from the
 * same start.
 *
 * <p>The outer objective, max over (x2, y2) of f, runs gd.hpp's argmax inline — with the inner
 * gradient ∂f/∂(x2, y2) by {@code objectiveGradient} (reverse mode) in {@link #innerMaxReverse},
 * by two {@code objectiveTangent}s (forward mode) in {@link #innerMaxForward} — and is {@code
 * @Differentiable} with respect to (x1, y1): its gradient, which the argmin needs, is ChainRule's
 * derivative of that loop (nested AD), by reverse or forward mode ({@link SaddleEval}).
 * Scalars (x1, y1, x2, y2) rather than {@code double[2]}, as in {@link Particle}.
 */
public final class Saddle {
  private Saddle() {}

  @Differentiable
  public static double objective(double x1, double y1, double x2, double y2) {
    return (x1 * x1 + y1 * y1) - (x2 * x2 + y2 * y2);
  }

  /**
   * max over (x2, y2) of f(x1, y1, x2, y2) from (s1, s2): gd.hpp's {@code multivariate_max}, the
   * argmax as the argmin of −f, with ∂f/∂(x2, y2) by {@code objectiveGradient}.
   */
  @Differentiable
  public static double innerMaxReverse(double x1, double y1, @NoDerivative double s1,
      @NoDerivative double s2) {
    double x2 = s1;
    double y2 = s2;
    double fx = -objective(x1, y1, x2, y2);
    double g1 = -SaddleDerivatives.objectiveGradient(x1, y1, x2, y2).x2();
    double g2 = -SaddleDerivatives.objectiveGradient(x1, y1, x2, y2).y2();
    int accepted = 0;
    double eta = 1e-5;
    while (Math.sqrt(g1 * g1 + g2 * g2) > 1e-5) {
      if (accepted == 10) {
        eta *= 2;
        accepted = 0;
      } else {
        double n1 = x2 - eta * g1;
        double n2 = y2 - eta * g2;
        if (Math.sqrt((x2 - n1) * (x2 - n1) + (y2 - n2) * (y2 - n2)) <= 1e-5) {
          break;
        }
        double fn = -objective(x1, y1, n1, n2);
        if (fn < fx) {
          x2 = n1;
          y2 = n2;
          fx = fn;
          g1 = -SaddleDerivatives.objectiveGradient(x1, y1, x2, y2).x2();
          g2 = -SaddleDerivatives.objectiveGradient(x1, y1, x2, y2).y2();
          accepted++;
        } else {
          eta /= 2;
          accepted = 0;
        }
      }
    }
    return objective(x1, y1, x2, y2);
  }

  /** The same with ∂f/∂(x2, y2) by two {@code objectiveTangent}s, one per component. */
  @Differentiable
  public static double innerMaxForward(double x1, double y1, @NoDerivative double s1,
      @NoDerivative double s2) {
    double x2 = s1;
    double y2 = s2;
    double fx = -objective(x1, y1, x2, y2);
    double g1 = -SaddleDerivatives.objectiveTangent(x1, y1, x2, y2, 0, 0, 1, 0).tangent();
    double g2 = -SaddleDerivatives.objectiveTangent(x1, y1, x2, y2, 0, 0, 0, 1).tangent();
    int accepted = 0;
    double eta = 1e-5;
    while (Math.sqrt(g1 * g1 + g2 * g2) > 1e-5) {
      if (accepted == 10) {
        eta *= 2;
        accepted = 0;
      } else {
        double n1 = x2 - eta * g1;
        double n2 = y2 - eta * g2;
        if (Math.sqrt((x2 - n1) * (x2 - n1) + (y2 - n2) * (y2 - n2)) <= 1e-5) {
          break;
        }
        double fn = -objective(x1, y1, n1, n2);
        if (fn < fx) {
          x2 = n1;
          y2 = n2;
          fx = fn;
          g1 = -SaddleDerivatives.objectiveTangent(x1, y1, x2, y2, 0, 0, 1, 0).tangent();
          g2 = -SaddleDerivatives.objectiveTangent(x1, y1, x2, y2, 0, 0, 0, 1).tangent();
          accepted++;
        } else {
          eta /= 2;
          accepted = 0;
        }
      }
    }
    return objective(x1, y1, x2, y2);
  }
}
