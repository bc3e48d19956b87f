package dev.chainrule.benchmarks;

import org.hipparchus.analysis.differentiation.DSFactory;
import org.hipparchus.analysis.differentiation.DerivativeStructure;

/**
 * The Jacobian workloads in Hipparchus' forward mode with {@link DerivativeStructure} (order 1):
 * every intermediate carries its value and its partials with respect to all inputs, so each
 * operation costs O(inputs) time and allocates an object and its array.
 */
public final class DerivativeStructureVariants {
  private DerivativeStructureVariants() {}

  /**
   * {@link Reprojection#residual} with all 15 inputs (11 camera, 3 point, the weight) as
   * variables, in that order.
   *
   * @param factory a factory for 15 parameters, order 1
   * @return the two residuals, each with its 15 partials
   */
  public static DerivativeStructure[] reprojection(DSFactory factory, double[] cam, double[] x,
      double w, double[] feat) {
    DerivativeStructure[] c = new DerivativeStructure[Reprojection.CAMERA];
    for (int i = 0; i < c.length; i++) {
      c[i] = factory.variable(i, cam[i]);
    }
    DerivativeStructure x0 = factory.variable(11, x[0]);
    DerivativeStructure x1 = factory.variable(12, x[1]);
    DerivativeStructure x2 = factory.variable(13, x[2]);
    DerivativeStructure wv = factory.variable(14, w);
    DerivativeStructure p0 = x0.subtract(c[3]);
    DerivativeStructure p1 = x1.subtract(c[4]);
    DerivativeStructure p2 = x2.subtract(c[5]);
    DerivativeStructure r0 = c[0];
    DerivativeStructure r1 = c[1];
    DerivativeStructure r2 = c[2];
    DerivativeStructure sqTheta = r0.multiply(r0).add(r1.multiply(r1)).add(r2.multiply(r2));
    DerivativeStructure q0;
    DerivativeStructure q1;
    DerivativeStructure q2;
    if (sqTheta.getValue() != 0) {
      DerivativeStructure theta = sqTheta.sqrt();
      DerivativeStructure cos = theta.cos();
      DerivativeStructure sin = theta.sin();
      DerivativeStructure inverse = theta.reciprocal();
      DerivativeStructure n0 = r0.multiply(inverse);
      DerivativeStructure n1 = r1.multiply(inverse);
      DerivativeStructure n2 = r2.multiply(inverse);
      DerivativeStructure tmp = n0.multiply(p0).add(n1.multiply(p1)).add(n2.multiply(p2))
          .multiply(cos.negate().add(1));
      q0 = p0.multiply(cos).add(n1.multiply(p2).subtract(n2.multiply(p1)).multiply(sin))
          .add(n0.multiply(tmp));
      q1 = p1.multiply(cos).add(n2.multiply(p0).subtract(n0.multiply(p2)).multiply(sin))
          .add(n1.multiply(tmp));
      q2 = p2.multiply(cos).add(n0.multiply(p1).subtract(n1.multiply(p0)).multiply(sin))
          .add(n2.multiply(tmp));
    } else {
      q0 = p0.add(r1.multiply(p2).subtract(r2.multiply(p1)));
      q1 = p1.add(r2.multiply(p0).subtract(r0.multiply(p2)));
      q2 = p2.add(r0.multiply(p1).subtract(r1.multiply(p0)));
    }
    DerivativeStructure u = q0.divide(q2);
    DerivativeStructure v = q1.divide(q2);
    DerivativeStructure rsq = u.multiply(u).add(v.multiply(v));
    DerivativeStructure l = c[9].multiply(rsq).add(1).add(c[10].multiply(rsq).multiply(rsq));
    return new DerivativeStructure[] {
      wv.multiply(u.multiply(l).multiply(c[6]).add(c[7]).subtract(feat[0])),
      wv.multiply(v.multiply(l).multiply(c[6]).add(c[8]).subtract(feat[1]))
    };
  }

  /**
   * {@link Ode#solve} with the n coefficients as variables.
   *
   * @param factory a factory for n parameters, order 1
   * @return y(2), each with its n partials
   */
  public static DerivativeStructure[] ode(DSFactory factory, double[] xv, int s) {
    int n = xv.length;
    DerivativeStructure[] x = new DerivativeStructure[n];
    DerivativeStructure[] y = new DerivativeStructure[n];
    for (int i = 0; i < n; i++) {
      x[i] = factory.variable(i, xv[i]);
      y[i] = factory.constant(0);
    }
    double h = 2.0 / s;
    for (int step = 0; step < s; step++) {
      DerivativeStructure[] k1 = stage(x, y);
      DerivativeStructure[] k2 = stage(x, combine(y, k1, h / 2));
      DerivativeStructure[] k3 = stage(x, combine(y, k2, h / 2));
      DerivativeStructure[] k4 = stage(x, combine(y, k3, h));
      for (int i = 0; i < n; i++) {
        y[i] = y[i].add(k1[i].add(k2[i].multiply(2)).add(k3[i].multiply(2)).add(k4[i])
            .multiply(h / 6));
      }
    }
    return y;
  }

  private static DerivativeStructure[] stage(DerivativeStructure[] x, DerivativeStructure[] y) {
    DerivativeStructure[] k = new DerivativeStructure[x.length];
    k[0] = x[0];
    for (int i = 1; i < x.length; i++) {
      k[i] = x[i].multiply(y[i - 1]);
    }
    return k;
  }

  private static DerivativeStructure[] combine(DerivativeStructure[] y, DerivativeStructure[] k,
      double c) {
    DerivativeStructure[] t = new DerivativeStructure[y.length];
    for (int i = 0; i < y.length; i++) {
      t[i] = y[i].add(k[i].multiply(c));
    }
    return t;
  }

  /**
   * The Jacobian of derivative structures of order 1, row-major (one row per structure, one
   * column per variable).
   *
   * @param ds the outputs
   * @return their partials
   */
  static double[] jacobian(DerivativeStructure[] ds) {
    int n = ds[0].getFreeParameters();
    double[] flat = new double[ds.length * n];
    int[] orders = new int[n];
    for (int k = 0; k < ds.length; k++) {
      for (int j = 0; j < n; j++) {
        orders[j] = 1;
        flat[k * n + j] = ds[k].getPartialDerivative(orders);
        orders[j] = 0;
      }
    }
    return flat;
  }
}
