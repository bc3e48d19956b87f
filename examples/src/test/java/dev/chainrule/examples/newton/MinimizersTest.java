package dev.chainrule.examples.newton;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.examples.digits.DigitsLoader;
import dev.chainrule.examples.network.Shuffle;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Newton's method and truncated Newton on the examples' logistic regression converge in a handful
 * of iterations where gradient descent with the safe step 1/L is still far off after 100; and the
 * methods on a quadratic whose minimum is known.
 */
class MinimizersTest {
  private static final double TOLERANCE = 1e-8;
  private static NewtonComparison.Outcome outcome;

  @BeforeAll
  static void run() throws Exception {
    Shuffle.Split split = Shuffle.split(DigitsLoader.loadBundled(), 0.2, 42);
    outcome =
        NewtonComparison.run(split.train(), split.test(),
            new NewtonComparison.Settings(3, 8, 1e-3, TOLERANCE, 50, 100));
  }

  @Test
  void newtonConvergesInAHandfulOfIterations() {
    Minimizers.Result newton = outcome.newton();
    assertTrue(newton.converged(), newton.last().toString());
    assertTrue(newton.last().gradientNorm() <= TOLERANCE, newton.last().toString());
    assertTrue(newton.last().number() <= 10, "iterations: " + newton.last().number());
    assertTrue(gradientNormByClosedForm(newton.solution()) <= TOLERANCE,
        "the closed-form gradient at Newton's solution");
  }

  @Test
  void truncatedNewtonConvergesInAHandfulOfIterations() {
    Minimizers.Result truncated = outcome.truncated();
    assertTrue(truncated.converged(), truncated.last().toString());
    assertTrue(truncated.last().number() <= 12, "iterations: " + truncated.last().number());
    assertTrue(gradientNormByClosedForm(truncated.solution()) <= TOLERANCE);
    assertEquals(outcome.newton().last().loss(), truncated.last().loss(), 1e-12);
  }

  @Test
  void gradientDescentIsFarFromConvergedAfterAHundredSteps() {
    Minimizers.Result descent = outcome.descent();
    assertFalse(descent.converged());
    assertEquals(100, descent.last().number());
    assertTrue(descent.last().gradientNorm() > 1e3 * TOLERANCE, descent.last().toString());
    // The step 1/L is safe: the loss never rises.
    List<Minimizers.Iteration> trace = descent.iterations();
    for (int k = 1; k < trace.size(); k++) {
      assertTrue(trace.get(k).loss() <= trace.get(k - 1).loss(), "iteration " + k);
    }
    assertTrue(descent.last().loss() > outcome.newton().last().loss());
  }

  @Test
  void theHessianCheckInThePrintoutAgrees() {
    assertTrue(outcome.hessianDifference() < 1e-8, "" + outcome.hessianDifference());
  }

  @Test
  void newtonSolvesAQuadraticInOneStepAndTruncatedNewtonFindsItsMinimum() {
    // f(p) = ½ pᵀ A p − cᵀ p with A = [[4, 1], [1, 3]]: the minimum solves A p = c.
    SmoothProblem quadratic = new Quadratic();
    double[] expected = {1.0 / 11, 7.0 / 11}; // A⁻¹ (1, 2)
    Minimizers.Result newton = Minimizers.newton(quadratic, new double[] {5, -5}, 1e-12, 10);
    assertTrue(newton.converged());
    assertEquals(1, newton.last().number(), "the full Newton step is exact on a quadratic");
    // Truncated Newton stops conjugate gradients early (the forcing term), so it takes a few steps.
    Minimizers.Result truncated =
        Minimizers.truncatedNewton(quadratic, new double[] {5, -5}, 1e-12, 10);
    assertTrue(truncated.converged());
    for (Minimizers.Result result : List.of(newton, truncated)) {
      assertEquals(expected[0], result.solution()[0], 1e-12);
      assertEquals(expected[1], result.solution()[1], 1e-12);
    }
  }

  private static double gradientNormByClosedForm(double[] p) {
    BinaryDigits data = outcome.train();
    int d = p.length - 1;
    double[] g = new double[d + 1];
    for (int i = 0; i < data.size(); i++) {
      double z = p[d];
      for (int j = 0; j < d; j++) {
        z += p[j] * data.x()[i][j];
      }
      double r = (1 / (1 + Math.exp(-z)) - data.y()[i]) / data.size();
      for (int j = 0; j < d; j++) {
        g[j] += r * data.x()[i][j];
      }
      g[d] += r;
    }
    double sum = 0;
    for (int j = 0; j <= d; j++) {
      double gj = g[j] + (j < d ? 1e-3 * p[j] : 0);
      sum += gj * gj;
    }
    return Math.sqrt(sum);
  }

  /** ½ pᵀ A p − cᵀ p, A = [[4, 1], [1, 3]], c = (1, 2), by hand. */
  private static final class Quadratic implements SmoothProblem {
    @Override
    public int dimension() {
      return 2;
    }

    @Override
    public double value(double[] p) {
      return 0.5 * (4 * p[0] * p[0] + 2 * p[0] * p[1] + 3 * p[1] * p[1]) - p[0] - 2 * p[1];
    }

    @Override
    public double gradient(double[] p, double[] g) {
      g[0] = 4 * p[0] + p[1] - 1;
      g[1] = p[0] + 3 * p[1] - 2;
      return value(p);
    }

    @Override
    public double hessian(double[] p, double[] g, double[][] h) {
      h[0][0] = 4;
      h[0][1] = 1;
      h[1][0] = 1;
      h[1][1] = 3;
      return gradient(p, g);
    }

    @Override
    public double hessianVector(double[] p, double[] v, double[] hv) {
      hv[0] = 4 * v[0] + v[1];
      hv[1] = v[0] + 3 * v[1];
      return value(p);
    }
  }
}
