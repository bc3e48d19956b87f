package dev.chainrule.benchmarks;

import org.hipparchus.analysis.differentiation.Gradient;

/**
 * The workloads in Hipparchus' forward mode: every intermediate is a {@link Gradient} carrying its
 * value and all n partials, so each operation costs O(n) time and allocates an n-vector.
 */
public final class HipparchusVariants {
  private HipparchusVariants() {}

  /**
   * @param v the ten inputs of {@link BlackScholes#call}
   * @return value and gradient
   */
  public static Gradient blackScholes(double[] v) {
    int n = v.length;
    Gradient[] in = new Gradient[n];
    for (int i = 0; i < n; i++) {
      in[i] = Gradient.variable(n, i, v[i]);
    }
    Gradient spot = in[0];
    Gradient strike = in[1];
    Gradient rate = in[2];
    Gradient dividend = in[3];
    Gradient repo = in[4];
    Gradient vol = in[5];
    Gradient time = in[6];
    Gradient notional = in[7];
    Gradient fx = in[8];
    Gradient spread = in[9];
    Gradient sqrtTime = time.sqrt();
    Gradient forward = spot.multiply(rate.subtract(dividend).subtract(repo).multiply(time).exp());
    Gradient stdDev = vol.multiply(sqrtTime);
    Gradient d1 = forward.divide(strike).log().add(stdDev.multiply(stdDev).multiply(0.5)).divide(stdDev);
    Gradient d2 = d1.subtract(stdDev);
    Gradient discount = rate.add(spread).multiply(time).negate().exp();
    return notional.multiply(fx).multiply(discount)
        .multiply(forward.multiply(normalCdf(d1)).subtract(strike.multiply(normalCdf(d2))));
  }

  private static Gradient normalCdf(Gradient x) {
    Gradient z = x.abs();
    Gradient t = z.multiply(BlackScholes.P).add(1).reciprocal();
    Gradient poly = t.multiply(BlackScholes.B5).add(BlackScholes.B4).multiply(t)
        .add(BlackScholes.B3).multiply(t).add(BlackScholes.B2).multiply(t)
        .add(BlackScholes.B1).multiply(t);
    Gradient tail = z.multiply(z).multiply(-0.5).exp().multiply(BlackScholes.INV_SQRT_2PI)
        .multiply(poly);
    return x.getValue() >= 0 ? tail.negate().add(1) : tail;
  }

  /**
   * @param x the point
   * @return value and gradient of {@link Rosenbrock#value}
   */
  public static Gradient rosenbrock(double[] x) {
    int n = x.length;
    Gradient[] v = new Gradient[n];
    for (int i = 0; i < n; i++) {
      v[i] = Gradient.variable(n, i, x[i]);
    }
    Gradient sum = Gradient.constant(n, 0);
    for (int i = 0; i < n - 1; i++) {
      Gradient a = v[i + 1].subtract(v[i].square());
      Gradient b = v[i].subtract(1); // squared below, so the sign of 1 − x does not matter
      sum = sum.add(a.square().multiply(100)).add(b.square());
    }
    return sum;
  }

  /**
   * @return value and gradient of {@link Logistic#loss}; partials ordered w then b
   */
  public static Gradient logistic(double[] w, double b, double[][] x, double[] y) {
    int d = w.length;
    int n = d + 1;
    Gradient[] wv = new Gradient[d];
    for (int j = 0; j < d; j++) {
      wv[j] = Gradient.variable(n, j, w[j]);
    }
    Gradient bv = Gradient.variable(n, d, b);
    Gradient total = Gradient.constant(n, 0);
    for (int i = 0; i < x.length; i++) {
      double[] xi = x[i];
      Gradient z = bv;
      for (int j = 0; j < d; j++) {
        z = z.add(wv[j].multiply(xi[j]));
      }
      Gradient softplus = z.getValue() > 0
          ? z.add(z.negate().exp().log1p())
          : z.exp().log1p();
      total = total.add(softplus.subtract(z.multiply(y[i])));
    }
    return total.divide(x.length);
  }
}
