package dev.chainrule.examples.fit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The solver on problems with known answers, with hand-written Jacobians. */
class LevenbergMarquardtTest {
  /** r_i = b0 exp(b1 t_i) − y_i with exact data from b = (2, −0.5): the minimum is 0 there. */
  private static final class Exponential implements LeastSquaresProblem {
    final double[] t = {0, 0.5, 1, 1.5, 2, 3, 4};
    final double[] y = new double[t.length];

    Exponential() {
      for (int i = 0; i < t.length; i++) {
        y[i] = 2 * Math.exp(-0.5 * t[i]);
      }
    }

    @Override
    public int residualCount() {
      return t.length;
    }

    @Override
    public int parameterCount() {
      return 2;
    }

    @Override
    public void residuals(double[] b, double[] r) {
      for (int i = 0; i < t.length; i++) {
        r[i] = b[0] * Math.exp(b[1] * t[i]) - y[i];
      }
    }

    @Override
    public void jacobian(double[] b, double[] r, double[][] jacobian) {
      residuals(b, r);
      for (int i = 0; i < t.length; i++) {
        double e = Math.exp(b[1] * t[i]);
        jacobian[i][0] = e;
        jacobian[i][1] = b[0] * t[i] * e;
      }
    }
  }

  @Test
  void findsTheExactParametersOfAZeroResidualProblem() {
    List<LevenbergMarquardt.Iteration> steps = new ArrayList<>();
    LevenbergMarquardt.Result fit = LevenbergMarquardt.minimize(new Exponential(),
        new double[] {1, 0.3}, LevenbergMarquardt.Settings.DEFAULTS, steps::add);
    assertArrayEquals(new double[] {2, -0.5}, fit.parameters(), 1e-12);
    assertEquals(0, fit.cost(), 1e-24);
    assertEquals(0, steps.get(0).number());
    assertEquals(fit.iterations(), steps.get(steps.size() - 1).number());
  }

  @Test
  void stopsAtTheIterationLimit() {
    LevenbergMarquardt.Result fit = LevenbergMarquardt.minimize(new Exponential(),
        new double[] {1, 0.3}, new LevenbergMarquardt.Settings(2, 1e-3, 0, 0), s -> { });
    assertEquals(LevenbergMarquardt.Stop.ITERATIONS, fit.stop());
    assertEquals(2, fit.iterations());
  }

  @Test
  void theDampedStepSolvesTheStackedSystem() {
    // J = [[1, 0], [0, 2], [1, 1]], r = [1, 2, 3], D = I, λ = 0: the normal equations
    // JᵀJ δ = −Jᵀr, i.e. [[2, 1], [1, 5]] δ = −[4, 7], give δ = (−13/9, −10/9).
    double[][] j = {{1, 0}, {0, 2}, {1, 1}};
    double[] r = {1, 2, 3};
    assertArrayEquals(new double[] {-13.0 / 9, -10.0 / 9},
        Householder.dampedStep(j, r, new double[] {1, 1}, 0), 1e-15);
    // λ = 1 adds the identity: [[3, 1], [1, 6]] δ = −[4, 7], δ = (−17/17, −17/17) = (−1, −1).
    assertArrayEquals(new double[] {-1, -1},
        Householder.dampedStep(j, r, new double[] {1, 1}, 1), 1e-15);
    // (JᵀJ)⁻¹ = [[5, −1], [−1, 2]] / 9.
    assertArrayEquals(new double[] {5.0 / 9, 2.0 / 9}, Householder.inverseGramDiagonal(j), 1e-15);
    assertThrows(ArithmeticException.class,
        () -> Householder.inverseGramDiagonal(new double[][] {{1, 0}, {2, 0}}));
  }
}
