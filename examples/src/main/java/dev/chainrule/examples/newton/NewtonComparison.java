package dev.chainrule.examples.newton;

import dev.chainrule.examples.digits.Digits;
import dev.chainrule.numeric.Hessians;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;

/**
 * Fits {@link LogisticRegression} to two digits three ways from the same start ({@code p = 0}):
 * Newton's method with the generated Hessian, truncated Newton with generated Hessian-vector
 * products, and gradient descent with the safe fixed step {@code 1 / L}.
 *
 * <p>{@code L} is the largest eigenvalue of the Hessian at {@code p = 0}. There every predicted
 * probability is ½, so the weights {@code p(1 − p)} in {@code H = X̃ᵀ diag(p(1 − p)) X̃ / m + λ I}
 * take their largest value ¼; the Hessian anywhere else is smaller (in the order of symmetric
 * matrices), so {@code L} bounds the curvature everywhere and the step never overshoots.
 */
public final class NewtonComparison {
  private NewtonComparison() {}

  /**
   * The settings.
   *
   * @param positive the digit labelled 1
   * @param negative the digit labelled 0
   * @param lambda λ, the L2 penalty on the weights
   * @param tolerance every method stops once ‖∇f‖ ≤ tolerance
   * @param newtonLimit the most steps of Newton and of truncated Newton
   * @param descentLimit the most steps of gradient descent
   */
  public record Settings(
      int positive, int negative, double lambda, double tolerance, int newtonLimit,
      int descentLimit) {}

  /**
   * What the three methods found.
   *
   * @param train the training images of the two digits
   * @param test the held-out images of the two digits
   * @param newton Newton's method with the dense generated Hessian
   * @param truncated truncated Newton with generated Hessian-vector products
   * @param descent gradient descent with the step {@code 1 / L}
   * @param step the gradient descent step {@code 1 / L}
   * @param hessianDifference the largest difference between the generated Hessian at the start and
   *     central differences of the generated gradient, relative to the Hessian's largest entry
   */
  public record Outcome(
      BinaryDigits train,
      BinaryDigits test,
      Minimizers.Result newton,
      Minimizers.Result truncated,
      Minimizers.Result descent,
      double step,
      double hessianDifference) {}

  /**
   * Runs the comparison.
   *
   * @param train the training images (all digits; the two of {@code settings} are selected)
   * @param test the held-out images
   * @param settings the digits, penalty, tolerance and limits
   * @return the three results
   */
  public static Outcome run(Digits train, Digits test, Settings settings) {
    BinaryDigits trainPair = BinaryDigits.of(train, settings.positive(), settings.negative());
    BinaryDigits testPair = BinaryDigits.of(test, settings.positive(), settings.negative());
    LogisticProblem problem = new LogisticProblem(trainPair, settings.lambda());
    int n = problem.dimension();
    double[] start = new double[n];

    double[] gradient = new double[n];
    double[][] hessian = new double[n][n];
    problem.hessian(start, gradient, hessian);
    double largest = 0;
    for (double eigenvalue : new EigenDecomposition(symmetric(hessian)).getRealEigenvalues()) {
      largest = Math.max(largest, eigenvalue);
    }
    double step = 1 / largest;
    double difference = differenceFromGradient(problem, start, hessian);

    Minimizers.Result newton =
        Minimizers.newton(problem, start, settings.tolerance(), settings.newtonLimit());
    Minimizers.Result truncated =
        Minimizers.truncatedNewton(problem, start, settings.tolerance(), settings.newtonLimit());
    Minimizers.Result descent =
        Minimizers.gradientDescent(
            problem, start, step, settings.tolerance(), settings.descentLimit());
    return new Outcome(trainPair, testPair, newton, truncated, descent, step, difference);
  }

  /** {@code (H + Hᵀ) / 2}: the generated Hessian is symmetric to rounding, not exactly. */
  private static Array2DRowRealMatrix symmetric(double[][] h) {
    double[][] s = new double[h.length][h.length];
    for (int i = 0; i < h.length; i++) {
      for (int j = 0; j < h.length; j++) {
        s[i][j] = 0.5 * (h[i][j] + h[j][i]);
      }
    }
    return new Array2DRowRealMatrix(s, false);
  }

  /** The generated Hessian against central differences of the generated gradient. */
  private static double differenceFromGradient(
      LogisticProblem problem, double[] p, double[][] hessian) {
    int n = p.length;
    double[][] numeric =
        Hessians.hessianFromGradient(
            q -> {
              double[] g = new double[n];
              problem.gradient(q, g);
              return g;
            },
            p.clone());
    double scale = 0;
    double worst = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        scale = Math.max(scale, Math.abs(hessian[i][j]));
        worst = Math.max(worst, Math.abs(hessian[i][j] - numeric[i][j]));
      }
    }
    return worst / scale;
  }
}
