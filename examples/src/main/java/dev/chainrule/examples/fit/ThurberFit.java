package dev.chainrule.examples.fit;

import java.util.function.Consumer;

/**
 * Fits {@link Thurber}'s model to NIST's data by {@link LevenbergMarquardt}, with the Jacobian
 * ChainRule generated for {@link Thurber#residuals} ({@code ThurberDerivatives.residualsJacobian},
 * the allocation-free form with one reused workspace). With 37 residuals and 7 parameters it is
 * built by forward mode.
 */
public final class ThurberFit implements LeastSquaresProblem {
  private final ThurberDerivatives.ResidualsJacobianWork work =
      new ThurberDerivatives.ResidualsJacobianWork();

  @Override
  public int residualCount() {
    return Thurber.X.length;
  }

  @Override
  public int parameterCount() {
    return Thurber.START_1.length;
  }

  @Override
  public void residuals(double[] b, double[] r) {
    System.arraycopy(Thurber.residuals(b, Thurber.X, Thurber.Y), 0, r, 0, r.length);
  }

  @Override
  public void jacobian(double[] b, double[] r, double[][] jacobian) {
    double[] value = ThurberDerivatives.residualsJacobian(b, Thurber.X, Thurber.Y, work);
    System.arraycopy(value, 0, r, 0, r.length);
    for (int i = 0; i < r.length; i++) {
      System.arraycopy(work.b[i], 0, jacobian[i], 0, jacobian[i].length);
    }
  }

  /**
   * The fit from one of NIST's starting points.
   *
   * @param start {@link Thurber#START_1} or {@link Thurber#START_2} (or any other)
   * @param progress called with every accepted step
   * @return the fit
   */
  public static LevenbergMarquardt.Result fit(double[] start,
      Consumer<LevenbergMarquardt.Iteration> progress) {
    return LevenbergMarquardt.minimize(new ThurberFit(), start,
        LevenbergMarquardt.Settings.DEFAULTS, progress);
  }

  /**
   * The standard deviations of the estimates, as NIST certifies them: {@code s √((JᵀJ)⁻¹_jj)} with
   * {@code s² = ‖r‖² / (m − n)}.
   *
   * @param result a fit
   * @return one per parameter
   */
  public static double[] standardDeviations(LevenbergMarquardt.Result result) {
    double s2 = residualVariance(result);
    double[] diagonal = Householder.inverseGramDiagonal(result.jacobian());
    double[] sd = new double[diagonal.length];
    for (int j = 0; j < sd.length; j++) {
      sd[j] = Math.sqrt(s2 * diagonal[j]);
    }
    return sd;
  }

  /**
   * @param result a fit
   * @return {@code ‖r‖² / (m − n)}, the square of the residual standard deviation
   */
  public static double residualVariance(LevenbergMarquardt.Result result) {
    int m = result.residuals().length;
    int n = result.parameters().length;
    return result.cost() / (m - n);
  }
}
