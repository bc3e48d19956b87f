package dev.chainrule.examples.fit;

import dev.chainrule.CheckPoints;
import dev.chainrule.Differentiable;
import dev.chainrule.NoDerivative;

/**
 * NIST's "Thurber" nonlinear regression problem: semiconductor electron mobility against the
 * natural logarithm of the density, fitted by a rational function (cubic over cubic) of seven
 * parameters,
 *
 * <pre>
 *   y = (b1 + b2 x + b3 x² + b4 x³) / (1 + b5 x + b6 x² + b7 x³)
 * </pre>
 *
 * <p>Source: NIST Information Technology Laboratory, Statistical Reference Datasets (StRD),
 * Nonlinear Regression, data set "Thurber" (observed data, 37 observations, higher level of
 * difficulty), https://www.itl.nist.gov/div898/strd/nls/data/thurber.shtml; data from Thurber, R.,
 * NIST (197?), "Semiconductor electron mobility modeling". The data, starting values and
 * certified values below are NIST's, as published there.
 */
public final class Thurber {
  private Thurber() {}

  /** The predictor: log(density), one per observation. */
  public static final double[] X = {
    -3.067, -2.981, -2.921, -2.912, -2.840, -2.797, -2.702, -2.699, -2.633, -2.481,
    -2.363, -2.322, -1.501, -1.460, -1.274, -1.212, -1.100, -1.046, -0.915, -0.714,
    -0.566, -0.545, -0.400, -0.309, -0.109, -0.103, 0.010, 0.119, 0.377, 0.790,
    0.963, 1.006, 1.115, 1.572, 1.841, 2.047, 2.200
  };

  /** The response: electron mobility, one per observation. */
  public static final double[] Y = {
    80.574, 84.248, 87.264, 87.195, 89.076, 89.608, 89.868, 90.101, 92.405, 95.854,
    100.696, 101.060, 401.672, 390.724, 567.534, 635.316, 733.054, 759.087, 894.206, 990.785,
    1090.109, 1080.914, 1122.643, 1178.351, 1260.531, 1273.514, 1288.339, 1327.543, 1353.863,
    1414.509, 1425.208, 1421.384, 1442.962, 1464.350, 1468.705, 1447.894, 1457.628
  };

  /** NIST's first starting point (far from the solution). */
  public static final double[] START_1 = {1000, 1000, 400, 40, 0.7, 0.3, 0.03};

  /** NIST's second starting point (closer to the solution). */
  public static final double[] START_2 = {1300, 1500, 500, 75, 1, 0.4, 0.05};

  /** NIST's certified parameter estimates b1 … b7. */
  public static final double[] CERTIFIED = {
    1.2881396800E+03, 1.4910792535E+03, 5.8323836877E+02, 7.5416644291E+01,
    9.6629502864E-01, 3.9797285797E-01, 4.9727297349E-02
  };

  /** NIST's certified standard deviations of the estimates. */
  public static final double[] CERTIFIED_STANDARD_DEVIATION = {
    4.6647963344E+00, 3.9571156086E+01, 2.8698696102E+01, 5.5675370270E+00,
    3.1333340687E-02, 1.4984928198E-02, 6.5842344623E-03
  };

  /** NIST's certified residual sum of squares at the certified estimates. */
  public static final double CERTIFIED_RESIDUAL_SUM_OF_SQUARES = 5.6427082397E+03;

  /** NIST's certified residual standard deviation (30 degrees of freedom). */
  public static final double CERTIFIED_RESIDUAL_STANDARD_DEVIATION = 1.3714600784E+01;

  /**
   * The residuals of the model at the parameters {@code b}: {@code r[i] = model(b, x[i]) − y[i]}.
   * ChainRule generates its Jacobian with respect to {@code b} ({@code ThurberDerivatives
   * .residualsJacobian}), one row per observation.
   *
   * @param b the seven parameters
   * @param x the predictor
   * @param y the response, as long as {@code x}
   * @return one residual per observation
   */
  @Differentiable
  @CheckPoints(lengths = {7, 5, 5}, min = 0.1, max = 1) // b: 7, five observations; denominators stay positive
  public static double[] residuals(double[] b, @NoDerivative double[] x, @NoDerivative double[] y) {
    double[] r = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      double t = x[i];
      double numerator = b[0] + t * (b[1] + t * (b[2] + t * b[3]));
      double denominator = 1 + t * (b[4] + t * (b[5] + t * b[6]));
      r[i] = numerator / denominator - y[i];
    }
    return r;
  }
}
