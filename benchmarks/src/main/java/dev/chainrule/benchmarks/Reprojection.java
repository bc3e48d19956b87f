package dev.chainrule.benchmarks;

import dev.chainrule.Differentiable;
import dev.chainrule.NoDerivative;
import dev.chainrule.Out;

/**
 * Workload: the reprojection error of bundle adjustment, as GradBench's "ba" eval defines it
 * (after Microsoft's ADBench): a camera of 11 parameters {@code [r1 r2 r3 C1 C2 C3 f u0 v0 k1 k2]}
 * (Rodrigues angle-axis rotation, camera centre, focal length, principal point, two radial
 * distortion coefficients), a 3-D point and a weight give 2 residuals,
 *
 * <pre>
 *   q = R(r) (X − C),  (u, v) = (q1 / q3, q2 / q3),  L = 1 + k1 ρ + k2 ρ², ρ = u² + v²,
 *   err = w ((u, v) L f + (u0, v0) − feature)
 * </pre>
 *
 * <p>written once, as a user would (the allocation-free style with an {@code @Out} array).
 */
public final class Reprojection {
  /** Parameters of a camera. */
  public static final int CAMERA = 11;

  private Reprojection() {}

  /**
   * The two weighted reprojection residuals of one observation.
   *
   * @param cam the camera, 11 values
   * @param x the point, 3 values
   * @param w the observation's weight
   * @param feat the observed feature, 2 values
   * @param err receives the 2 residuals
   */
  @Differentiable
  public static void residual(double[] cam, double[] x, double w, @NoDerivative double[] feat,
      @Out double[] err) {
    double p0 = x[0] - cam[3];
    double p1 = x[1] - cam[4];
    double p2 = x[2] - cam[5];
    double r0 = cam[0];
    double r1 = cam[1];
    double r2 = cam[2];
    double sqTheta = r0 * r0 + r1 * r1 + r2 * r2;
    double q0;
    double q1;
    double q2;
    if (sqTheta != 0) {
      double theta = Math.sqrt(sqTheta);
      double cos = Math.cos(theta);
      double sin = Math.sin(theta);
      double inverse = 1.0 / theta;
      double n0 = r0 * inverse;
      double n1 = r1 * inverse;
      double n2 = r2 * inverse;
      double tmp = (n0 * p0 + n1 * p1 + n2 * p2) * (1 - cos);
      q0 = p0 * cos + (n1 * p2 - n2 * p1) * sin + n0 * tmp;
      q1 = p1 * cos + (n2 * p0 - n0 * p2) * sin + n1 * tmp;
      q2 = p2 * cos + (n0 * p1 - n1 * p0) * sin + n2 * tmp;
    } else {
      q0 = p0 + (r1 * p2 - r2 * p1);
      q1 = p1 + (r2 * p0 - r0 * p2);
      q2 = p2 + (r0 * p1 - r1 * p0);
    }
    double u = q0 / q2;
    double v = q1 / q2;
    double rsq = u * u + v * v;
    double l = 1 + cam[9] * rsq + cam[10] * rsq * rsq;
    err[0] = w * (u * l * cam[6] + cam[7] - feat[0]);
    err[1] = w * (v * l * cam[6] + cam[8] - feat[1]);
  }

  /**
   * Camera resection: the residuals of one camera observing {@code points.length} fixed points,
   * differentiated with respect to the camera only (11 inputs, 2p outputs), for the crossover of
   * forward and reverse mode in the number of outputs.
   *
   * @param cam the camera, 11 values
   * @param points p points of 3 values
   * @param feats p observed features of 2 values
   * @param err receives 2p residuals, in the order of the points
   */
  @Differentiable
  public static void resection(double[] cam, @NoDerivative double[][] points,
      @NoDerivative double[][] feats, @Out double[] err) {
    double r0 = cam[0];
    double r1 = cam[1];
    double r2 = cam[2];
    double theta = Math.sqrt(r0 * r0 + r1 * r1 + r2 * r2);
    double cos = Math.cos(theta);
    double sin = Math.sin(theta);
    double n0 = r0 / theta;
    double n1 = r1 / theta;
    double n2 = r2 / theta;
    for (int i = 0; i < points.length; i++) {
      double p0 = points[i][0] - cam[3];
      double p1 = points[i][1] - cam[4];
      double p2 = points[i][2] - cam[5];
      double tmp = (n0 * p0 + n1 * p1 + n2 * p2) * (1 - cos);
      double q0 = p0 * cos + (n1 * p2 - n2 * p1) * sin + n0 * tmp;
      double q1 = p1 * cos + (n2 * p0 - n0 * p2) * sin + n1 * tmp;
      double q2 = p2 * cos + (n0 * p1 - n1 * p0) * sin + n2 * tmp;
      double u = q0 / q2;
      double v = q1 / q2;
      double rsq = u * u + v * v;
      double l = 1 + cam[9] * rsq + cam[10] * rsq * rsq;
      err[2 * i] = u * l * cam[6] + cam[7] - feats[i][0];
      err[2 * i + 1] = v * l * cam[6] + cam[8] - feats[i][1];
    }
  }
}
