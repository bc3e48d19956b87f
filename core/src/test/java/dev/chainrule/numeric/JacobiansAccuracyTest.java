package dev.chainrule.numeric;

import static dev.chainrule.numeric.JacobiansTest.times;
import static dev.chainrule.numeric.JacobiansTest.transposeTimes;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The accuracy {@link Jacobians} documents, measured against Hipparchus' forward-mode derivatives
 * ({@link FieldFunctions}: the same code run on doubles and on Hipparchus' {@code Gradient}) on an
 * RK4 integration of the Lorenz system, a bundle-adjustment reprojection residual and a mixed
 * smooth map, at random points: the largest error must be within the bound the test suite uses
 * everywhere ({@code 1e-8} central, {@code 1e-10} Richardson), the median within the typical
 * accuracy the documentation claims.
 */
class JacobiansAccuracyTest {

  private static final int POINTS = 40;

  private final Random random = new Random(2024);

  private double[] lorenzState() {
    return new double[] {
      1 + 5 * random.nextGaussian(), 1 + 5 * random.nextGaussian(), 20 + 5 * random.nextGaussian()
    };
  }

  /** A camera and a point whose reprojection error is a few pixels, as in a real adjustment. */
  private double[] camera() {
    double[] v = new double[14];
    for (int i = 0; i < 3; i++) {
      v[i] = 0.3 * random.nextGaussian(); // rotation
      v[3 + i] = 0.5 * random.nextGaussian(); // centre
    }
    v[6] = 400 + 50 * random.nextGaussian(); // focal length
    v[9] = 0.01 * random.nextGaussian(); // radial distortion
    v[10] = 0.001 * random.nextGaussian();
    v[11] = random.nextGaussian(); // the point, well in front of the camera
    v[12] = random.nextGaussian();
    v[13] = 10 + random.nextGaussian();
    // The residuals are linear in the principal point (7, 8): place it so they are a few pixels.
    double[] residual = FieldFunctions.vectorOnDoubles(FieldFunctions.REPROJECTION).apply(v);
    v[7] = -residual[0] + 2 * random.nextGaussian();
    v[8] = -residual[1] + 2 * random.nextGaussian();
    return v;
  }

  private double[] mixedPoint() {
    double[] x = new double[4];
    for (int i = 0; i < 4; i++) {
      x[i] = random.nextGaussian();
    }
    return x;
  }

  private double[] gaussian(int n) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = random.nextGaussian();
    }
    return v;
  }

  private void measure(String name, FieldFunctions.Vector function, double[][] points) {
    measure(name, function, points, JacobiansTest.CENTRAL_TOLERANCE);
  }

  private void measure(
      String name, FieldFunctions.Vector function, double[][] points, double centralBound) {
    VectorFunction f = FieldFunctions.vectorOnDoubles(function);
    ErrorStats central = new ErrorStats(name + " Jacobian, central");
    ErrorStats richardson = new ErrorStats(name + " Jacobian, Richardson");
    ErrorStats jvp = new ErrorStats(name + " J v, central");
    ErrorStats jvpRichardson = new ErrorStats(name + " J v, Richardson");
    ErrorStats vjp = new ErrorStats(name + " w J, central");
    ErrorStats vjpRichardson = new ErrorStats(name + " w J, Richardson");
    for (double[] x : points) {
      double[][] exact = FieldFunctions.jacobian(function, x);
      central.add(Jacobians.jacobian(f, x), exact, 1);
      richardson.add(Jacobians.jacobianRichardson(f, x), exact, 1);
      double[] v = gaussian(x.length);
      double[] w = gaussian(exact.length);
      double[] jv = times(exact, v);
      double[] wj = transposeTimes(exact, w);
      jvp.add(Jacobians.jvp(f, x, v), jv, norm(jv));
      jvpRichardson.add(Jacobians.jvpRichardson(f, x, v), jv, norm(jv));
      vjp.add(Jacobians.vjp(f, x, w), wj, norm(wj));
      vjpRichardson.add(Jacobians.vjpRichardson(f, x, w), wj, norm(wj));
    }
    for (ErrorStats stats : new ErrorStats[] {central, jvp, vjp}) {
      stats.assertWithin(centralBound, 1e-9);
    }
    for (ErrorStats stats : new ErrorStats[] {richardson, jvpRichardson, vjpRichardson}) {
      stats.assertWithin(JacobiansTest.RICHARDSON_TOLERANCE, 1e-11);
    }
  }

  /**
   * A product's entries are sums of terms of the size of the largest entry: its errors are
   * measured relative to that (the norm), as a tolerance on a tangent or pullback would be.
   */
  private static double norm(double[] values) {
    double max = 1;
    for (double value : values) {
      max = Math.max(max, Math.abs(value));
    }
    return max;
  }

  @Test
  void lorenzRungeKutta() {
    double[][] points = new double[POINTS][];
    for (int p = 0; p < POINTS; p++) {
      points[p] = lorenzState();
    }
    measure("Lorenz RK4", FieldFunctions.LORENZ_RK4, points);
  }

  @Test
  void reprojectionResidual() {
    double[][] points = new double[POINTS][];
    for (int p = 0; p < POINTS; p++) {
      points[p] = camera();
    }
    // The projected coordinates are some 300 pixels before the principal point is subtracted: their
    // rounding, eps × 300 ≈ 7e-14, over the central step 6e-6 costs central differences about
    // 1e-8 on entries of order one (measured: 8.4e-9 at worst, 3.7e-11 median). Richardson's
    // larger steps do not suffer from it.
    measure("reprojection", FieldFunctions.REPROJECTION, points, 3e-8);
  }

  @Test
  void mixedMap() {
    double[][] points = new double[POINTS][];
    for (int p = 0; p < POINTS; p++) {
      points[p] = mixedPoint();
    }
    measure("mixed map", FieldFunctions.MIXED_MAP, points);
  }
}
