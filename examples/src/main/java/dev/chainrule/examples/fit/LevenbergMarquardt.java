package dev.chainrule.examples.fit;

import java.util.function.Consumer;

/**
 * The Levenberg–Marquardt method for nonlinear least squares, in its textbook form: at each
 * iteration the step {@code δ} minimises {@code ‖J δ + r‖² + λ ‖D δ‖²} (solved by QR, see {@link
 * Householder}), with {@code D} the column norms of the Jacobian seen so far (Moré's scaling, which
 * makes the method indifferent to the parameters' units); a step that lowers the sum of squares is
 * taken and the damping λ divided by ten, one that does not is retried with λ ten times larger.
 */
public final class LevenbergMarquardt {
  private LevenbergMarquardt() {}

  /**
   * When to stop.
   *
   * @param maxIterations the most accepted steps
   * @param initialDamping λ at the start
   * @param costTolerance stop once an accepted step lowers the sum of squares by less than this
   *     fraction of it
   * @param stepTolerance stop once an accepted step changes every parameter by less than this
   *     fraction of its size
   */
  public record Settings(
      int maxIterations, double initialDamping, double costTolerance, double stepTolerance) {
    /**
     * Tolerances near rounding: the sum of squares is flat at a minimum (a parameter error e
     * changes it by about e²), so the step, not the cost, says when the parameters have settled.
     */
    public static final Settings DEFAULTS = new Settings(500, 1e-3, 1e-15, 1e-10);
  }

  /**
   * One accepted step (number 0 is the start).
   *
   * @param number the iteration
   * @param cost the sum of squares {@code ‖r‖²} after the step
   * @param step the largest relative change of a parameter, {@code max |δ_j| / |b_j|} (0 at the
   *     start)
   * @param damping the λ the step was taken with (the initial λ at the start)
   * @param rejected how many trial steps with smaller λ were rejected before it
   */
  public record Iteration(int number, double cost, double step, double damping, int rejected) {}

  /** Why the iteration stopped. */
  public enum Stop {
    /** An accepted step lowered the sum of squares by less than the cost tolerance. */
    COST,
    /** An accepted step changed the parameters by less than the step tolerance. */
    STEP,
    /** No step lowered the sum of squares, however damped: the point is a minimum to rounding. */
    NO_DECREASE,
    /** The iteration limit was reached. */
    ITERATIONS
  }

  /**
   * The fit.
   *
   * @param parameters the parameters found
   * @param residuals the residuals there
   * @param jacobian the Jacobian there
   * @param cost the sum of squares there
   * @param iterations the accepted steps
   * @param jacobians the Jacobian evaluations
   * @param evaluations the residual-only evaluations (rejected and accepted trial points)
   * @param stop why it stopped
   */
  public record Result(
      double[] parameters,
      double[] residuals,
      double[][] jacobian,
      double cost,
      int iterations,
      int jacobians,
      int evaluations,
      Stop stop) {}

  /**
   * Minimises {@code ‖r(b)‖²} from {@code start}.
   *
   * @param problem the residuals and their Jacobian
   * @param start the starting parameters (not modified)
   * @param settings when to stop
   * @param progress called with the start and with every accepted step
   * @return the fit
   */
  public static Result minimize(LeastSquaresProblem problem, double[] start, Settings settings,
      Consumer<Iteration> progress) {
    int m = problem.residualCount();
    int n = problem.parameterCount();
    double[] b = start.clone();
    double[] r = new double[m];
    double[][] jacobian = new double[m][n];
    double[] trial = new double[n];
    double[] trialResiduals = new double[m];
    double[] scale = new double[n];
    problem.jacobian(b, r, jacobian);
    int jacobians = 1;
    int evaluations = 0;
    double cost = sumOfSquares(r);
    double damping = settings.initialDamping();
    progress.accept(new Iteration(0, cost, 0, damping, 0));
    int iteration = 0;
    while (true) {
      if (iteration == settings.maxIterations()) {
        return new Result(b, r, jacobian, cost, iteration, jacobians, evaluations, Stop.ITERATIONS);
      }
      updateScale(jacobian, scale);
      int rejected = 0;
      double trialCost;
      double[] delta;
      while (true) {
        delta = Householder.dampedStep(jacobian, r, scale, damping);
        for (int j = 0; j < n; j++) {
          trial[j] = b[j] + delta[j];
        }
        problem.residuals(trial, trialResiduals);
        evaluations++;
        trialCost = sumOfSquares(trialResiduals);
        if (trialCost < cost) {
          break;
        }
        rejected++;
        damping *= 10;
        if (damping > 1e30) {
          return new Result(b, r, jacobian, cost, iteration, jacobians, evaluations,
              Stop.NO_DECREASE);
        }
      }
      double step = 0;
      for (int j = 0; j < n; j++) {
        step = Math.max(step, Math.abs(delta[j]) / Math.max(Math.abs(b[j]), Double.MIN_NORMAL));
      }
      double decrease = (cost - trialCost) / cost;
      System.arraycopy(trial, 0, b, 0, n);
      problem.jacobian(b, r, jacobian);
      jacobians++;
      cost = sumOfSquares(r);
      iteration++;
      progress.accept(new Iteration(iteration, cost, step, damping, rejected));
      if (decrease < settings.costTolerance()) {
        return new Result(b, r, jacobian, cost, iteration, jacobians, evaluations, Stop.COST);
      }
      if (step < settings.stepTolerance()) {
        return new Result(b, r, jacobian, cost, iteration, jacobians, evaluations, Stop.STEP);
      }
      damping = Math.max(damping / 10, 1e-15);
    }
  }

  /** D_j = the largest norm of column j of J seen so far (Moré 1978). */
  private static void updateScale(double[][] jacobian, double[] scale) {
    for (int j = 0; j < scale.length; j++) {
      double norm = 0;
      for (double[] row : jacobian) {
        norm = Math.hypot(norm, row[j]);
      }
      scale[j] = Math.max(scale[j], norm);
    }
  }

  static double sumOfSquares(double[] r) {
    double s = 0;
    for (double v : r) {
      s += v * v;
    }
    return s;
  }
}
