package dev.chainrule.benchmarks;

/**
 * Jacobians (and one Jacobian-vector product) written by hand, as an expert would: the chain rule through the local derivatives,
 * simplified by hand, in one pass that shares the value's intermediates, no allocation (buffers are
 * the caller's). They are the reference the generated Jacobians are measured against.
 */
public final class HandJacobians {
  private HandJacobians() {}

  /**
   * Value and Jacobian of {@link Reprojection#residual}: with {@code q = R(r) p}, {@code p = X −
   * C}, the projection's Jacobian {@code A = w f D P} (D of the distortion, P of the perspective
   * division) gives {@code ∂err/∂X = A R}, {@code ∂err/∂C = −A R} and {@code ∂err/∂r = A G}, where
   * {@code G = ∂q/∂r} of Rodrigues' formula {@code q = cos θ p + sin θ (n × p) + (1 − cos θ)(n·p)
   * n}, {@code θ = |r|}, {@code n = r/θ}: {@code G = a nᵀ + M (I − n nᵀ)/θ} with {@code a = −sin θ
   * p + cos θ (n × p) + sin θ (n·p) n} and {@code M = −sin θ [p]× + (1 − cos θ)(n pᵀ + (n·p) I)}.
   *
   * @param err receives the 2 residuals
   * @param dCam receives ∂err/∂cam, 2 × 11
   * @param dX receives ∂err/∂X, 2 × 3
   * @param dW receives ∂err/∂w, 2 values
   */
  public static void reprojection(double[] cam, double[] x, double w, double[] feat,
      double[] err, double[][] dCam, double[][] dX, double[] dW) {
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
    // R = ∂q/∂p (row-major), G = ∂q/∂r.
    double r00;
    double r01;
    double r02;
    double r10;
    double r11;
    double r12;
    double r20;
    double r21;
    double r22;
    double g00;
    double g01;
    double g02;
    double g10;
    double g11;
    double g12;
    double g20;
    double g21;
    double g22;
    if (sqTheta != 0) {
      double theta = Math.sqrt(sqTheta);
      double c = Math.cos(theta);
      double s = Math.sin(theta);
      double inv = 1.0 / theta;
      double n0 = r0 * inv;
      double n1 = r1 * inv;
      double n2 = r2 * inv;
      double om = 1 - c;
      double dot = n0 * p0 + n1 * p1 + n2 * p2;
      double c0 = n1 * p2 - n2 * p1;
      double c1 = n2 * p0 - n0 * p2;
      double c2 = n0 * p1 - n1 * p0;
      double t = dot * om;
      q0 = p0 * c + c0 * s + n0 * t;
      q1 = p1 * c + c1 * s + n1 * t;
      q2 = p2 * c + c2 * s + n2 * t;
      double on0 = om * n0;
      double on1 = om * n1;
      double on2 = om * n2;
      double sn0 = s * n0;
      double sn1 = s * n1;
      double sn2 = s * n2;
      r00 = c + on0 * n0;
      r01 = -sn2 + on0 * n1;
      r02 = sn1 + on0 * n2;
      r10 = sn2 + on1 * n0;
      r11 = c + on1 * n1;
      r12 = -sn0 + on1 * n2;
      r20 = -sn1 + on2 * n0;
      r21 = sn0 + on2 * n1;
      r22 = c + on2 * n2;
      double od = om * dot;
      double sp0 = s * p0;
      double sp1 = s * p1;
      double sp2 = s * p2;
      double m00 = on0 * p0 + od;
      double m01 = sp2 + on0 * p1;
      double m02 = -sp1 + on0 * p2;
      double m10 = -sp2 + on1 * p0;
      double m11 = on1 * p1 + od;
      double m12 = sp0 + on1 * p2;
      double m20 = sp1 + on2 * p0;
      double m21 = -sp0 + on2 * p1;
      double m22 = on2 * p2 + od;
      double sd = s * dot;
      double b0 = -sp0 + c * c0 + sd * n0 - (m00 * n0 + m01 * n1 + m02 * n2) * inv;
      double b1 = -sp1 + c * c1 + sd * n1 - (m10 * n0 + m11 * n1 + m12 * n2) * inv;
      double b2 = -sp2 + c * c2 + sd * n2 - (m20 * n0 + m21 * n1 + m22 * n2) * inv;
      g00 = b0 * n0 + m00 * inv;
      g01 = b0 * n1 + m01 * inv;
      g02 = b0 * n2 + m02 * inv;
      g10 = b1 * n0 + m10 * inv;
      g11 = b1 * n1 + m11 * inv;
      g12 = b1 * n2 + m12 * inv;
      g20 = b2 * n0 + m20 * inv;
      g21 = b2 * n1 + m21 * inv;
      g22 = b2 * n2 + m22 * inv;
    } else {
      // q = p + r × p: R = I + [r]×, G = −[p]×.
      q0 = p0 + (r1 * p2 - r2 * p1);
      q1 = p1 + (r2 * p0 - r0 * p2);
      q2 = p2 + (r0 * p1 - r1 * p0);
      r00 = 1;
      r01 = -r2;
      r02 = r1;
      r10 = r2;
      r11 = 1;
      r12 = -r0;
      r20 = -r1;
      r21 = r0;
      r22 = 1;
      g00 = 0;
      g01 = p2;
      g02 = -p1;
      g10 = -p2;
      g11 = 0;
      g12 = p0;
      g20 = p1;
      g21 = -p0;
      g22 = 0;
    }
    double iz = 1.0 / q2;
    double u = q0 * iz;
    double v = q1 * iz;
    double rsq = u * u + v * v;
    double k1 = cam[9];
    double k2 = cam[10];
    double l = 1 + k1 * rsq + k2 * rsq * rsq;
    double f = cam[6];
    double ul = u * l;
    double vl = v * l;
    err[0] = w * (ul * f + cam[7] - feat[0]);
    err[1] = w * (vl * f + cam[8] - feat[1]);
    // D = ∂(uL, vL)/∂(u, v) = L I + g (u, v)ᵀ(u, v), g = 2 (k1 + 2 k2 ρ); A = w f D P.
    double g = 2 * (k1 + 2 * k2 * rsq);
    double guv = g * u * v;
    double d00 = l + g * u * u;
    double d11 = l + g * v * v;
    double wfz = w * f * iz;
    double a00 = wfz * d00;
    double a01 = wfz * guv;
    double a02 = -wfz * (d00 * u + guv * v);
    double a10 = wfz * guv;
    double a11 = wfz * d11;
    double a12 = -wfz * (guv * u + d11 * v);
    double[] row0 = dCam[0];
    double[] row1 = dCam[1];
    row0[0] = a00 * g00 + a01 * g10 + a02 * g20;
    row0[1] = a00 * g01 + a01 * g11 + a02 * g21;
    row0[2] = a00 * g02 + a01 * g12 + a02 * g22;
    row1[0] = a10 * g00 + a11 * g10 + a12 * g20;
    row1[1] = a10 * g01 + a11 * g11 + a12 * g21;
    row1[2] = a10 * g02 + a11 * g12 + a12 * g22;
    double x00 = a00 * r00 + a01 * r10 + a02 * r20;
    double x01 = a00 * r01 + a01 * r11 + a02 * r21;
    double x02 = a00 * r02 + a01 * r12 + a02 * r22;
    double x10 = a10 * r00 + a11 * r10 + a12 * r20;
    double x11 = a10 * r01 + a11 * r11 + a12 * r21;
    double x12 = a10 * r02 + a11 * r12 + a12 * r22;
    dX[0][0] = x00;
    dX[0][1] = x01;
    dX[0][2] = x02;
    dX[1][0] = x10;
    dX[1][1] = x11;
    dX[1][2] = x12;
    row0[3] = -x00;
    row0[4] = -x01;
    row0[5] = -x02;
    row1[3] = -x10;
    row1[4] = -x11;
    row1[5] = -x12;
    row0[6] = w * ul;
    row1[6] = w * vl;
    row0[7] = w;
    row0[8] = 0;
    row1[7] = 0;
    row1[8] = w;
    double wfr = w * f * rsq;
    row0[9] = wfr * u;
    row1[9] = wfr * v;
    row0[10] = wfr * rsq * u;
    row1[10] = wfr * rsq * v;
    dW[0] = ul * f + cam[7] - feat[0];
    dW[1] = vl * f + cam[8] - feat[1];
  }

  /**
   * Value and directional derivative of {@link Rosenbrock#value} in the direction {@code v}, in
   * one pass: with {@code a = x[i+1] − x[i]²} and {@code b = 1 − x[i]}, each term adds {@code
   * 200 a (v[i+1] − 2 x[i] v[i]) − 2 b v[i]}.
   *
   * @param x the point
   * @param v the direction
   * @param tangent receives the directional derivative in element 0
   * @return the value
   */
  public static double rosenbrockJvp(double[] x, double[] v, double[] tangent) {
    double sum = 0;
    double dot = 0;
    for (int i = 0; i < x.length - 1; i++) {
      double xi = x[i];
      double a = x[i + 1] - xi * xi;
      double b = 1 - xi;
      sum += 100 * a * a + b * b;
      dot += 200 * a * (v[i + 1] - 2 * xi * v[i]) - 2 * b * v[i];
    }
    tangent[0] = dot;
    return sum;
  }

  /** The buffers of {@link #ode}: stage values and their n × n tangent matrices. */
  public static final class OdeWork {
    final double[] k1;
    final double[] k2;
    final double[] k3;
    final double[] k4;
    final double[] yTmp;
    final double[][] dk1;
    final double[][] dk2;
    final double[][] dk3;
    final double[][] dk4;
    final double[][] dyTmp;

    /**
     * @param n the size of the system
     */
    public OdeWork(int n) {
      k1 = new double[n];
      k2 = new double[n];
      k3 = new double[n];
      k4 = new double[n];
      yTmp = new double[n];
      dk1 = new double[n][n];
      dk2 = new double[n][n];
      dk3 = new double[n][n];
      dk4 = new double[n][n];
      dyTmp = new double[n][n];
    }
  }

  /**
   * Value and Jacobian of {@link Ode#solve}: forward mode by hand, carrying the whole n × n
   * tangent matrix {@code ∂y/∂x} (row i: the gradient of y_i) through every stage next to the
   * values, each row a contiguous loop over the n columns. (Each y_i depends on x_0 … x_i only, so
   * the matrices are lower-triangular; this version does not exploit that, like the generated
   * Jacobian.)
   *
   * @param x the n coefficients
   * @param s the number of steps
   * @param y receives y(2)
   * @param dy receives ∂y/∂x, n × n
   * @param work buffers for n
   */
  public static void ode(double[] x, int s, double[] y, double[][] dy, OdeWork work) {
    int n = x.length;
    double h = 2.0 / s;
    for (int i = 0; i < n; i++) {
      y[i] = 0;
      java.util.Arrays.fill(dy[i], 0);
    }
    for (int step = 0; step < s; step++) {
      stage(x, y, dy, work.k1, work.dk1);
      combine(y, dy, h / 2, work.k1, work.dk1, work.yTmp, work.dyTmp);
      stage(x, work.yTmp, work.dyTmp, work.k2, work.dk2);
      combine(y, dy, h / 2, work.k2, work.dk2, work.yTmp, work.dyTmp);
      stage(x, work.yTmp, work.dyTmp, work.k3, work.dk3);
      combine(y, dy, h, work.k3, work.dk3, work.yTmp, work.dyTmp);
      stage(x, work.yTmp, work.dyTmp, work.k4, work.dk4);
      double c = h / 6;
      for (int i = 0; i < n; i++) {
        y[i] += c * (work.k1[i] + 2 * work.k2[i] + 2 * work.k3[i] + work.k4[i]);
        double[] row = dy[i];
        double[] a = work.dk1[i];
        double[] b = work.dk2[i];
        double[] d = work.dk3[i];
        double[] e = work.dk4[i];
        for (int j = 0; j < n; j++) {
          row[j] += c * (a[j] + 2 * b[j] + 2 * d[j] + e[j]);
        }
      }
    }
  }

  /** k = f(x, y) and its tangent: k_0 = x_0, k_i = x_i y_(i−1). */
  private static void stage(double[] x, double[] y, double[][] dy, double[] k, double[][] dk) {
    int n = x.length;
    k[0] = x[0];
    java.util.Arrays.fill(dk[0], 0);
    dk[0][0] = 1;
    for (int i = 1; i < n; i++) {
      k[i] = x[i] * y[i - 1];
      double xi = x[i];
      double[] row = dk[i];
      double[] prev = dy[i - 1];
      for (int j = 0; j < n; j++) {
        row[j] = xi * prev[j];
      }
      row[i] += y[i - 1];
    }
  }

  /** yTmp = y + c k and its tangent. */
  private static void combine(double[] y, double[][] dy, double c, double[] k, double[][] dk,
      double[] yTmp, double[][] dyTmp) {
    int n = y.length;
    for (int i = 0; i < n; i++) {
      yTmp[i] = y[i] + c * k[i];
      double[] out = dyTmp[i];
      double[] a = dy[i];
      double[] b = dk[i];
      for (int j = 0; j < n; j++) {
        out[j] = a[j] + c * b[j];
      }
    }
  }
}
