package dev.chainrule.gradbench.evals;

import dev.chainrule.Differentiable;

/**
 * GradBench's {@code saddle} eval ({@code evals/saddle/README.md}): min over x of max over y of
 * f(x, y) = (x₁² + y₁²) − (x₂² + y₂²), both by {@link GradientDescent} from the same start.
 *
 * <p>The inner argmax's gradient (∂f/∂y) is a ChainRule pullback today. The outer argmin needs
 * the gradient of {@code max_y f(x, y)} with respect to x — the derivative of a function whose
 * body runs an optimiser that itself calls a generated derivative: nested AD, which ChainRule
 * does not generate yet. {@link SaddleEval} says so instead of running.
 */
public final class Saddle {
  private Saddle() {}

  @Differentiable
  public static double objective(double x1, double y1, double x2, double y2) {
    return (x1 * x1 + y1 * y1) - (x2 * x2 + y2 * y2);
  }

  /** argmax over p of f(x, p) from {@code start}, with the inner gradient by ChainRule's pullback. */
  public static double[] innerArgmax(double[] x, double[] start) {
    var adjoint = new SaddleDerivatives.ObjectiveAdjoint();
    return GradientDescent.argmax(new GradientDescent.Objective() {
      @Override
      public double value(double[] p) {
        return objective(x[0], x[1], p[0], p[1]);
      }

      @Override
      public void gradient(double[] p, double[] gradient) {
        adjoint.clear();
        SaddleDerivatives.objectivePullback(x[0], x[1], p[0], p[1], 1.0, adjoint);
        gradient[0] = adjoint.x2;
        gradient[1] = adjoint.y2;
      }
    }, start);
  }
}
