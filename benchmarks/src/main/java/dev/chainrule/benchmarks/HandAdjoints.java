package dev.chainrule.benchmarks;

/**
 * Reverse-mode adjoints written by hand, as an expert would: one forward pass keeping the few
 * intermediates the backward pass needs, local derivatives simplified by hand, no allocation
 * (buffers are the caller's). They are the reference the generated code is measured against.
 */
public final class HandAdjoints {
  private HandAdjoints() {}

  /**
   * Value and gradient of {@link BlackScholes#call}.
   *
   * @param g receives the ten partials, in the order of {@link BlackScholes#INPUTS} (overwritten)
   * @return the value
   */
  public static double blackScholes(
      double spot,
      double strike,
      double rate,
      double dividend,
      double repo,
      double vol,
      double time,
      double notional,
      double fx,
      double spread,
      double[] g) {
    double sqrtTime = Math.sqrt(time);
    double carry = rate - dividend - repo;
    double forward = spot * Math.exp(carry * time);
    double stdDev = vol * sqrtTime;
    double logMoneyness = Math.log(forward / strike);
    double d1 = logMoneyness / stdDev + 0.5 * stdDev;
    double d2 = d1 - stdDev;
    double discount = Math.exp(-(rate + spread) * time);
    // Φ and its derivative at d1 and d2, from the same approximation as BlackScholes.normalCdf.
    double z1 = Math.abs(d1);
    double t1 = 1 / (1 + BlackScholes.P * z1);
    double e1 = BlackScholes.INV_SQRT_2PI * Math.exp(-0.5 * z1 * z1);
    double n1 = cdf(d1, t1, e1, z1);
    double dn1 = cdfDerivative(t1, e1, z1);
    double z2 = Math.abs(d2);
    double t2 = 1 / (1 + BlackScholes.P * z2);
    double e2 = BlackScholes.INV_SQRT_2PI * Math.exp(-0.5 * z2 * z2);
    double n2 = cdf(d2, t2, e2, z2);
    double dn2 = cdfDerivative(t2, e2, z2);

    double bracket = forward * n1 - strike * n2;
    double scale = notional * fx * discount;
    double value = scale * bracket;

    // Reverse sweep.
    double scaleBar = bracket;
    double forwardBar = scale * n1;
    double strikeBar = -scale * n2;
    double d2Bar = -scale * strike * dn2;
    double d1Bar = scale * forward * dn1 + d2Bar;
    double stdDevBar = -d2Bar + d1Bar * (0.5 - logMoneyness / (stdDev * stdDev));
    double logMoneynessBar = d1Bar / stdDev;
    forwardBar += logMoneynessBar / forward;
    strikeBar -= logMoneynessBar / strike;
    double discountTerm = scaleBar * scale; // ∂/∂(−(rate + spread) time)
    double carryTerm = forwardBar * forward; // ∂/∂(carry time)
    g[0] = forwardBar * forward / spot;
    g[1] = strikeBar;
    g[2] = (carryTerm - discountTerm) * time;
    g[3] = -carryTerm * time;
    g[4] = -carryTerm * time;
    g[5] = stdDevBar * sqrtTime;
    g[6] = carryTerm * carry - discountTerm * (rate + spread) + stdDevBar * vol * 0.5 / sqrtTime;
    g[7] = scaleBar * fx * discount;
    g[8] = scaleBar * notional * discount;
    g[9] = -discountTerm * time;
    return value;
  }

  private static double poly(double t) {
    return t * (BlackScholes.B1
        + t * (BlackScholes.B2 + t * (BlackScholes.B3 + t * (BlackScholes.B4 + t * BlackScholes.B5))));
  }

  private static double cdf(double x, double t, double e, double z) {
    double tail = e * poly(t);
    return x >= 0 ? 1 - tail : tail;
  }

  /** dΦ/dx of the approximation: −d(tail)/dz on both sides of 0. */
  private static double cdfDerivative(double t, double e, double z) {
    double dPolyDt = BlackScholes.B1
        + t * (2 * BlackScholes.B2
            + t * (3 * BlackScholes.B3 + t * (4 * BlackScholes.B4 + t * 5 * BlackScholes.B5)));
    double dtDz = -BlackScholes.P * t * t;
    return -e * (dPolyDt * dtDz - z * poly(t));
  }

  /**
   * Value and gradient of {@link Rosenbrock#value}, in one pass.
   *
   * @param x the point
   * @param g receives the gradient (overwritten), length {@code x.length}
   * @return the value
   */
  public static double rosenbrock(double[] x, double[] g) {
    int n = x.length;
    double sum = 0;
    double carried = 0;
    for (int i = 0; i < n - 1; i++) {
      double xi = x[i];
      double a = x[i + 1] - xi * xi;
      double b = 1 - xi;
      sum += 100 * a * a + b * b;
      g[i] = carried - 400 * a * xi - 2 * b;
      carried = 200 * a;
    }
    if (n > 0) {
      g[n - 1] = carried;
    }
    return sum;
  }

  /**
   * Value and gradient of {@link Logistic#loss}.
   *
   * @param gw receives ∂/∂w (overwritten)
   * @param gb receives ∂/∂b in {@code gb[0]} (overwritten)
   * @return the value
   */
  public static double logistic(double[] w, double b, double[][] x, double[] y, double[] gw,
      double[] gb) {
    int m = x.length;
    int d = w.length;
    java.util.Arrays.fill(gw, 0.0);
    double bias = 0;
    double total = 0;
    double inv = 1.0 / m;
    for (int i = 0; i < m; i++) {
      double[] xi = x[i];
      double z = b;
      for (int j = 0; j < d; j++) {
        z += w[j] * xi[j];
      }
      double e = Math.exp(-Math.abs(z));
      double softplus = z > 0 ? z + Math.log1p(e) : Math.log1p(e);
      double sigmoid = z > 0 ? 1 / (1 + e) : e / (1 + e);
      total += softplus - y[i] * z;
      double r = (sigmoid - y[i]) * inv;
      bias += r;
      for (int j = 0; j < d; j++) {
        gw[j] += r * xi[j];
      }
    }
    gb[0] = bias;
    return total * inv;
  }

  /** Buffers of {@link #network}, allocated once. */
  public static final class NetworkWorkspace {
    final double[][] h;
    final double[] dScore;
    final double[] dHidden;
    final double[] p;

    /**
     * @param batch examples per mini-batch
     * @param hidden hidden units
     * @param classes classes
     */
    public NetworkWorkspace(int batch, int hidden, int classes) {
      h = new double[batch][hidden];
      dScore = new double[classes];
      dHidden = new double[hidden];
      p = new double[classes];
    }
  }

  /**
   * Value and gradient of {@link TwoLayerNet#loss} for one-hot targets (the softmax/cross-entropy
   * adjoint is then {@code p − t}). The forward loops are those of the primal; the backward pass
   * walks the weights row by row.
   *
   * @param gw1 receives ∂/∂w1 (overwritten), and likewise gb1, gw2, gb2
   * @param ws the buffers
   * @return the value
   */
  public static double network(double[][] w1, double[] b1, double[][] w2, double[] b2,
      double[][] x, double[][] t, double weightDecay, double[][] gw1, double[] gb1,
      double[][] gw2, double[] gb2, NetworkWorkspace ws) {
    return network(w1, b1, w2, b2, x, t, weightDecay, gw1, gb1, gw2, gb2, ws, false);
  }

  /**
   * {@link #network}, with the ∂w1 update in the primal's (and the generated reverse sweep's) loop
   * order, column by column, when {@code columnOrder}: what {@code NetworkAnatomyBenchmark} measures.
   */
  static double network(double[][] w1, double[] b1, double[][] w2, double[] b2,
      double[][] x, double[][] t, double weightDecay, double[][] gw1, double[] gb1,
      double[][] gw2, double[] gb2, NetworkWorkspace ws, boolean columnOrder) {
    int batch = x.length;
    int inputs = w1.length;
    int hidden = b1.length;
    int classes = b2.length;
    double inv = 1.0 / batch;
    double penalty = 0;
    for (int i = 0; i < inputs; i++) {
      double[] w1i = w1[i];
      double[] g1i = gw1[i];
      for (int j = 0; j < hidden; j++) {
        penalty += w1i[j] * w1i[j];
        g1i[j] = weightDecay * w1i[j];
      }
    }
    for (int j = 0; j < hidden; j++) {
      double[] w2j = w2[j];
      double[] g2j = gw2[j];
      for (int k = 0; k < classes; k++) {
        penalty += w2j[k] * w2j[k];
        g2j[k] = weightDecay * w2j[k];
      }
    }
    java.util.Arrays.fill(gb1, 0.0);
    java.util.Arrays.fill(gb2, 0.0);
    double[] p = ws.p;
    double[] dScore = ws.dScore;
    double[] dHidden = ws.dHidden;
    double total = 0;
    for (int n = 0; n < batch; n++) {
      double[] xn = x[n];
      double[] hn = ws.h[n];
      double[] tn = t[n];
      for (int j = 0; j < hidden; j++) {
        double a = b1[j];
        for (int i = 0; i < inputs; i++) {
          a += xn[i] * w1[i][j];
        }
        hn[j] = 1 / (1 + Math.exp(-a));
      }
      double max = Double.NEGATIVE_INFINITY;
      for (int k = 0; k < classes; k++) {
        double s = b2[k];
        for (int j = 0; j < hidden; j++) {
          s += hn[j] * w2[j][k];
        }
        p[k] = s;
        max = Math.max(max, s);
      }
      double sum = 0;
      double picked = 0;
      for (int k = 0; k < classes; k++) {
        double shifted = p[k] - max;
        double e = Math.exp(shifted);
        p[k] = e;
        sum += e;
        picked += tn[k] * shifted;
      }
      total += Math.log(sum) - picked;
      // Backward for this example.
      double invSum = 1 / sum;
      for (int k = 0; k < classes; k++) {
        double ds = (p[k] * invSum - tn[k]) * inv;
        dScore[k] = ds;
        gb2[k] += ds;
      }
      for (int j = 0; j < hidden; j++) {
        double[] w2j = w2[j];
        double[] g2j = gw2[j];
        double hj = hn[j];
        double dh = 0;
        for (int k = 0; k < classes; k++) {
          g2j[k] += hj * dScore[k];
          dh += w2j[k] * dScore[k];
        }
        double da = dh * hj * (1 - hj);
        dHidden[j] = da;
        gb1[j] += da;
      }
      if (columnOrder) {
        for (int j = 0; j < hidden; j++) {
          double da = dHidden[j];
          for (int i = 0; i < inputs; i++) {
            gw1[i][j] += xn[i] * da;
          }
        }
      } else {
        for (int i = 0; i < inputs; i++) {
          double xi = xn[i];
          double[] g1i = gw1[i];
          for (int j = 0; j < hidden; j++) {
            g1i[j] += xi * dHidden[j];
          }
        }
      }
    }
    return total * inv + 0.5 * weightDecay * penalty;
  }
}
