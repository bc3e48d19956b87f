package dev.chainrule.gradbench.evals;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.numeric.FiniteDifferences;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The outer derivatives particle and saddle descend along, in all four combinations of modes:
 * particle's d x₀(t_f)² / dw against Richardson differences of the primal (which calls the inner
 * derivative as written), saddle's ∂/∂(x1, y1) of max over (x2, y2) of f against its closed form
 * (2 x1, 2 y1): f separates, so the inner ascent's path does not depend on (x1, y1).
 */
class NestedEvalsTest {
  private static final boolean[] MODES = {true, false};

  /**
   * At w where the path crosses the axis (it does for w in about [−0.35, 1]; below, the charge
   * pushes the particle away and the Euler loop, unbounded as specified, never ends), also within
   * Richardson's first step of 0.1.
   */
  @Test
  @Timeout(120)
  void particleDerivativeInEveryCombinationOfModes() {
    for (double w : new double[] {0, 0.15, 0.2071918746486116, 0.5}) {
      for (boolean outerReverse : MODES) {
        for (boolean innerReverse : MODES) {
          GradientDescent.Objective f = ParticleEval.objective(outerReverse, innerReverse);
          double[] g = new double[1];
          f.gradient(new double[] {w}, g);
          double expected = FiniteDifferences.derivativeRichardson(
              v -> f.value(new double[] {v}), w);
          assertEquals(expected, g[0], 1e-8 * Math.max(1, Math.abs(expected)),
              "outer " + (outerReverse ? "reverse" : "forward") + ", inner "
                  + (innerReverse ? "reverse" : "forward") + " at w = " + w);
        }
      }
    }
  }

  @Test
  @Timeout(60)
  void saddleOuterGradientInEveryCombinationOfModes() {
    double[] start = {1, 1};
    for (double[] x : new double[][] {{1, 1}, {0.3, -2}, {-0.01, 0.5}}) {
      for (boolean outerReverse : MODES) {
        for (boolean innerReverse : MODES) {
          double[] g = new double[2];
          SaddleEval.outer(start, outerReverse, innerReverse).gradient(x, g);
          assertEquals(2 * x[0], g[0], 1e-12, "∂/∂x1");
          assertEquals(2 * x[1], g[1], 1e-12, "∂/∂y1");
        }
      }
    }
  }
}
