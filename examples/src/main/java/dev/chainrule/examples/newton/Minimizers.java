package dev.chainrule.examples.newton;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.NonPositiveDefiniteMatrixException;
import org.apache.commons.math3.linear.RealVector;

/**
 * Three ways to minimise a {@link SmoothProblem}, each stopping once the gradient's norm is at most
 * a tolerance: Newton's method with the dense Hessian, truncated Newton (Newton–CG: the Newton
 * step solved approximately by conjugate gradients, one Hessian-vector product per CG step), and
 * gradient descent with a fixed step. Newton and truncated Newton take their steps with a
 * backtracking (Armijo) line search, which accepts the full step near the minimum; the textbook
 * forms of Nocedal and Wright, <i>Numerical Optimization</i> (2nd ed.), algorithms 3.1 and 7.1.
 */
public final class Minimizers {
  /** Armijo's sufficient-decrease constant. */
  private static final double ARMIJO = 1e-4;

  /** The most halvings of a step before the line search gives up. */
  private static final int MAX_HALVINGS = 50;

  /**
   * Cholesky's threshold on {@code |H[i][j] − H[j][i]|} relative to the larger entry: the generated
   * Hessian is symmetric to rounding, not exactly.
   */
  private static final double SYMMETRY = 1e-10;

  private Minimizers() {}

  /**
   * One iteration, at the point it starts from (iteration 0 is the starting point).
   *
   * @param number the iteration
   * @param loss the function's value
   * @param gradientNorm the gradient's Euclidean norm
   * @param seconds the time since the method started
   * @param work what the method has evaluated so far: Hessians (Newton), Hessian-vector products
   *     (truncated Newton) or gradients (gradient descent), not counting the line search's values
   */
  public record Iteration(int number, double loss, double gradientNorm, double seconds, long work) {}

  /**
   * What a method found.
   *
   * @param solution the last point
   * @param iterations every iteration, from the start to the last point
   * @param converged whether the gradient's norm reached the tolerance (if not, the iteration
   *     limit was reached or the line search found no lower value)
   */
  public record Result(double[] solution, List<Iteration> iterations, boolean converged) {
    /**
     * The last iteration.
     *
     * @return the iteration at {@link #solution}
     */
    public Iteration last() {
      return iterations.get(iterations.size() - 1);
    }
  }

  /**
   * Newton's method: at each iterate the dense Hessian, the step {@code H d = −g} by Cholesky
   * (Apache Commons Math), then a backtracking line search. Where the Hessian is not positive
   * definite the step is the steepest descent direction.
   *
   * @param problem the function
   * @param start the starting point (not changed)
   * @param tolerance stop once ‖∇f‖ ≤ tolerance
   * @param maxIterations the most steps
   * @return the result
   */
  public static Result newton(
      SmoothProblem problem, double[] start, double tolerance, int maxIterations) {
    int n = problem.dimension();
    double[] p = start.clone();
    double[] g = new double[n];
    double[][] h = new double[n][n];
    double[] d = new double[n];
    List<Iteration> trace = new ArrayList<>();
    long begin = System.nanoTime();
    for (int k = 0; ; k++) {
      double f = problem.hessian(p, g, h);
      double norm = norm(g);
      trace.add(new Iteration(k, f, norm, since(begin), k + 1));
      if (norm <= tolerance || k == maxIterations) {
        return new Result(p, List.copyOf(trace), norm <= tolerance);
      }
      newtonStep(h, g, d);
      if (!lineSearch(problem, p, f, g, d)) {
        return new Result(p, List.copyOf(trace), false);
      }
    }
  }

  /** {@code d = −H⁻¹ g}, or {@code −g} where H is not positive definite. */
  private static void newtonStep(double[][] h, double[] g, double[] d) {
    RealVector step;
    try {
      step = new CholeskyDecomposition(new Array2DRowRealMatrix(h, false), SYMMETRY,
              CholeskyDecomposition.DEFAULT_ABSOLUTE_POSITIVITY_THRESHOLD)
          .getSolver()
          .solve(new ArrayRealVector(g, false));
    } catch (NonPositiveDefiniteMatrixException e) {
      step = new ArrayRealVector(g, false);
    }
    for (int i = 0; i < d.length; i++) {
      d[i] = -step.getEntry(i);
    }
  }

  /**
   * Truncated Newton (Newton–CG): at each iterate the gradient, then conjugate gradients on {@code
   * H d = −g} with one Hessian-vector product per CG step, stopped once the residual is below
   * {@code min(0.5, √‖g‖) ‖g‖} (superlinear convergence) or at negative curvature, then a
   * backtracking line search. The Hessian is never formed.
   *
   * @param problem the function
   * @param start the starting point (not changed)
   * @param tolerance stop once ‖∇f‖ ≤ tolerance
   * @param maxIterations the most steps
   * @return the result
   */
  public static Result truncatedNewton(
      SmoothProblem problem, double[] start, double tolerance, int maxIterations) {
    int n = problem.dimension();
    double[] p = start.clone();
    double[] g = new double[n];
    double[] step = new double[n];
    double[] r = new double[n];
    double[] d = new double[n];
    double[] hd = new double[n];
    List<Iteration> trace = new ArrayList<>();
    long products = 0;
    long begin = System.nanoTime();
    for (int k = 0; ; k++) {
      double f = problem.gradient(p, g);
      double norm = norm(g);
      trace.add(new Iteration(k, f, norm, since(begin), products));
      if (norm <= tolerance || k == maxIterations) {
        return new Result(p, List.copyOf(trace), norm <= tolerance);
      }
      // Conjugate gradients on H step = −g, from step = 0: r = H step + g, d = −r.
      double forcing = Math.min(0.5, Math.sqrt(norm)) * norm;
      Arrays.fill(step, 0);
      for (int i = 0; i < n; i++) {
        r[i] = g[i];
        d[i] = -g[i];
      }
      double rr = norm * norm;
      for (int j = 0; j < n; j++) {
        problem.hessianVector(p, d, hd);
        products++;
        double curvature = dot(d, hd);
        if (curvature <= 0) {
          if (j == 0) {
            System.arraycopy(d, 0, step, 0, n); // steepest descent
          }
          break;
        }
        double alpha = rr / curvature;
        for (int i = 0; i < n; i++) {
          step[i] += alpha * d[i];
          r[i] += alpha * hd[i];
        }
        double next = dot(r, r);
        if (Math.sqrt(next) <= forcing) {
          break;
        }
        double beta = next / rr;
        rr = next;
        for (int i = 0; i < n; i++) {
          d[i] = -r[i] + beta * d[i];
        }
      }
      if (!lineSearch(problem, p, f, g, step)) {
        return new Result(p, List.copyOf(trace), false);
      }
    }
  }

  /**
   * Gradient descent with the fixed step {@code 1 / L}: for an {@code L} at least the largest
   * eigenvalue of the Hessian everywhere, each step lowers the function (the classic safe step).
   *
   * @param problem the function
   * @param start the starting point (not changed)
   * @param step the step, {@code 1 / L}
   * @param tolerance stop once ‖∇f‖ ≤ tolerance
   * @param maxIterations the most steps
   * @return the result
   */
  public static Result gradientDescent(
      SmoothProblem problem, double[] start, double step, double tolerance, int maxIterations) {
    int n = problem.dimension();
    double[] p = start.clone();
    double[] g = new double[n];
    List<Iteration> trace = new ArrayList<>();
    long begin = System.nanoTime();
    for (int k = 0; ; k++) {
      double f = problem.gradient(p, g);
      double norm = norm(g);
      trace.add(new Iteration(k, f, norm, since(begin), k + 1));
      if (norm <= tolerance || k == maxIterations) {
        return new Result(p, List.copyOf(trace), norm <= tolerance);
      }
      for (int i = 0; i < n; i++) {
        p[i] -= step * g[i];
      }
    }
  }

  /**
   * Moves {@code p} to {@code p + t d}, halving {@code t} from 1 until the value has decreased
   * enough (Armijo's condition).
   *
   * @return whether it found such a {@code t}; if not, {@code p} is left where it is
   */
  private static boolean lineSearch(
      SmoothProblem problem, double[] p, double f, double[] g, double[] d) {
    double slope = dot(g, d);
    double[] trial = new double[p.length];
    double t = 1;
    for (int halvings = 0; halvings <= MAX_HALVINGS; halvings++, t *= 0.5) {
      for (int i = 0; i < p.length; i++) {
        trial[i] = p[i] + t * d[i];
      }
      if (problem.value(trial) <= f + ARMIJO * t * slope) {
        System.arraycopy(trial, 0, p, 0, p.length);
        return true;
      }
    }
    return false;
  }

  static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  static double norm(double[] a) {
    return Math.sqrt(dot(a, a));
  }

  private static double since(long begin) {
    return (System.nanoTime() - begin) / 1e9;
  }
}
