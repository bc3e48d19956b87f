package dev.chainrule.examples.fit;

/**
 * A nonlinear least-squares problem: minimise {@code ‖r(b)‖²} over the parameters {@code b}, given
 * the residuals {@code r} and their Jacobian {@code J[i][j] = ∂r_i/∂b_j}.
 */
public interface LeastSquaresProblem {
  /**
   * @return the number of residuals, m
   */
  int residualCount();

  /**
   * @return the number of parameters, n
   */
  int parameterCount();

  /**
   * Writes the residuals at {@code b} into {@code r}.
   *
   * @param b the parameters, n values (not modified)
   * @param r receives the m residuals
   */
  void residuals(double[] b, double[] r);

  /**
   * Writes the residuals and their Jacobian at {@code b}.
   *
   * @param b the parameters, n values (not modified)
   * @param r receives the m residuals
   * @param jacobian receives {@code ∂r_i/∂b_j} in row i, an m × n matrix
   */
  void jacobian(double[] b, double[] r, double[][] jacobian);
}
