package dev.chainrule.gradbench.evals;

import dev.chainrule.Differentiable;

/**
 * GradBench's {@code ba} eval (ADBench's bundle adjustment; {@code evals/ba/README.md}, the
 * reference objective in {@code cpp/gradbench/evals/ba.hpp}): for each observation, the weighted
 * reprojection error of a point seen by a camera, and each weight's error 1 − w².
 *
 * <p>A camera is 11 numbers: Rodrigues rotation (3), centre (3), focal length, principal point
 * (2), radial distortion (2). {@link #reprojectionError} is a vector function of 15 inputs (camera,
 * point, weight) to 2 outputs; the eval's {@code jacobian} is the sparse matrix of its 2 × 15
 * blocks, which ChainRule generates ({@code reprojectionErrorJacobian}: 15 inputs, 2 outputs, so
 * by reverse mode, one pullback per output), and the weights' derivatives.
 */
public final class Ba {
  private Ba() {}

  /** Camera parameters per camera. */
  public static final int CAMERA = 11;

  /** w · (projection of x by cam − feat). */
  @Differentiable(wrt = {"cam", "x", "w"})
  public static double[] reprojectionError(double[] cam, double[] x, double w, double[] feat) {
    // x relative to the camera centre, rotated by the angle-axis vector cam[0..2] (Rodrigues)
    double o0 = x[0] - cam[3];
    double o1 = x[1] - cam[4];
    double o2 = x[2] - cam[5];
    double sqtheta = cam[0] * cam[0] + cam[1] * cam[1] + cam[2] * cam[2];
    double r0;
    double r1;
    double r2;
    if (sqtheta != 0) {
      double theta = Math.sqrt(sqtheta);
      double cos = Math.cos(theta);
      double sin = Math.sin(theta);
      double a0 = cam[0] / theta;
      double a1 = cam[1] / theta;
      double a2 = cam[2] / theta;
      double along = (a0 * o0 + a1 * o1 + a2 * o2) * (1 - cos);
      r0 = o0 * cos + (a1 * o2 - a2 * o1) * sin + a0 * along;
      r1 = o1 * cos + (a2 * o0 - a0 * o2) * sin + a1 * along;
      r2 = o2 * cos + (a0 * o1 - a1 * o0) * sin + a2 * along;
    } else {
      r0 = o0 + (cam[1] * o2 - cam[2] * o1);
      r1 = o1 + (cam[2] * o0 - cam[0] * o2);
      r2 = o2 + (cam[0] * o1 - cam[1] * o0);
    }
    // perspective division, radial distortion, focal length and principal point
    double p0 = r0 / r2;
    double p1 = r1 / r2;
    double rsq = p0 * p0 + p1 * p1;
    double distortion = 1 + cam[9] * rsq + cam[10] * rsq * rsq;
    double[] err = new double[2];
    err[0] = w * (p0 * distortion * cam[6] + cam[7] - feat[0]);
    err[1] = w * (p1 * distortion * cam[6] + cam[8] - feat[1]);
    return err;
  }

  /** The weight's error 1 − w². */
  @Differentiable
  public static double weightError(double w) {
    return 1 - w * w;
  }
}
