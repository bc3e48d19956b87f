package dev.chainrule.numeric;

import java.util.function.ToDoubleFunction;
import org.hipparchus.CalculusFieldElement;
import org.hipparchus.analysis.differentiation.DSFactory;
import org.hipparchus.analysis.differentiation.DerivativeStructure;
import org.hipparchus.analysis.differentiation.Gradient;
import org.hipparchus.util.Binary64;
import org.hipparchus.util.MathArrays;

/**
 * Test functions written once over Hipparchus' {@link CalculusFieldElement}, so that the very same
 * code runs on plain doubles ({@link Binary64}, for finite differences) and on Hipparchus'
 * forward-mode derivatives ({@link Gradient} for Jacobians, {@link DerivativeStructure} of order 2
 * for Hessians): an independent oracle that shares no code with ChainRule.
 */
final class FieldFunctions {

  private FieldFunctions() {}

  /** A function {@code Rⁿ → Rᵐ} over any field. */
  interface Vector {
    <T extends CalculusFieldElement<T>> T[] apply(T[] x);
  }

  /** A function {@code Rⁿ → R} over any field. */
  interface Scalar {
    <T extends CalculusFieldElement<T>> T apply(T[] x);
  }

  // --- Adapters -------------------------------------------------------------------------------

  static VectorFunction vectorOnDoubles(Vector f) {
    return x -> {
      Binary64[] value = f.apply(binary64(x));
      double[] result = new double[value.length];
      for (int i = 0; i < value.length; i++) {
        result[i] = value[i].getReal();
      }
      return result;
    };
  }

  static ToDoubleFunction<double[]> scalarOnDoubles(Scalar f) {
    return x -> f.apply(binary64(x)).getReal();
  }

  /** The exact (forward-mode) gradient of {@code f}, as a vector function. */
  static VectorFunction gradient(Scalar f) {
    return x -> f.apply(gradients(x)).getGradient();
  }

  /** The Jacobian of {@code f} at {@code x} by Hipparchus' forward mode. */
  static double[][] jacobian(Vector f, double[] x) {
    Gradient[] value = f.apply(gradients(x));
    double[][] jacobian = new double[value.length][];
    for (int i = 0; i < value.length; i++) {
      jacobian[i] = value[i].getGradient();
    }
    return jacobian;
  }

  /** The Hessian of {@code f} at {@code x} by Hipparchus' derivative structures of order 2. */
  static double[][] hessian(Scalar f, double[] x) {
    int n = x.length;
    DSFactory factory = new DSFactory(n, 2);
    DerivativeStructure[] variables = new DerivativeStructure[n];
    for (int i = 0; i < n; i++) {
      variables[i] = factory.variable(i, x[i]);
    }
    DerivativeStructure value = f.apply(variables);
    double[][] hessian = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        int[] orders = new int[n];
        orders[i]++;
        orders[j]++;
        hessian[i][j] = value.getPartialDerivative(orders);
      }
    }
    return hessian;
  }

  private static Binary64[] binary64(double[] x) {
    Binary64[] values = new Binary64[x.length];
    for (int i = 0; i < x.length; i++) {
      values[i] = new Binary64(x[i]);
    }
    return values;
  }

  private static Gradient[] gradients(double[] x) {
    Gradient[] values = new Gradient[x.length];
    for (int i = 0; i < x.length; i++) {
      values[i] = Gradient.variable(x.length, i, x[i]);
    }
    return values;
  }

  // --- Vector functions -------------------------------------------------------------------------

  /** 20 steps of classical Runge-Kutta (dt = 0.01) on the Lorenz system, from the state x. */
  static final Vector LORENZ_RK4 =
      new Vector() {
        @Override
        public <T extends CalculusFieldElement<T>> T[] apply(T[] x) {
          T[] state = x.clone();
          double dt = 0.01;
          for (int step = 0; step < 20; step++) {
            T[] k1 = lorenz(state);
            T[] k2 = lorenz(axpy(state, dt / 2, k1));
            T[] k3 = lorenz(axpy(state, dt / 2, k2));
            T[] k4 = lorenz(axpy(state, dt, k3));
            T[] next = state.clone();
            for (int i = 0; i < 3; i++) {
              T sum = k1[i].add(k2[i].multiply(2)).add(k3[i].multiply(2)).add(k4[i]);
              next[i] = state[i].add(sum.multiply(dt / 6));
            }
            state = next;
          }
          return state;
        }

        private <T extends CalculusFieldElement<T>> T[] lorenz(T[] s) {
          T[] d = s.clone();
          d[0] = s[1].subtract(s[0]).multiply(10.0);
          d[1] = s[0].multiply(s[2].negate().add(28.0)).subtract(s[1]);
          d[2] = s[0].multiply(s[1]).subtract(s[2].multiply(8.0 / 3));
          return d;
        }

        private <T extends CalculusFieldElement<T>> T[] axpy(T[] s, double a, T[] d) {
          T[] result = s.clone();
          for (int i = 0; i < s.length; i++) {
            result[i] = s[i].add(d[i].multiply(a));
          }
          return result;
        }
      };

  /**
   * The reprojection residual of a bundle-adjustment camera (Rodrigues rotation 3, centre 3, focal
   * length 1, principal point 2, radial distortion 2) and a 3-D point, against a fixed
   * observation: 14 inputs, 2 outputs, as in GradBench's ba.
   */
  static final Vector REPROJECTION =
      new Vector() {
        @Override
        public <T extends CalculusFieldElement<T>> T[] apply(T[] v) {
          // p = X - C, then rotate by the Rodrigues vector w (angle |w|).
          T[] p = MathArrays.buildArray(v[0].getField(), 3);
          for (int i = 0; i < 3; i++) {
            p[i] = v[11 + i].subtract(v[3 + i]);
          }
          T theta = v[0].square().add(v[1].square()).add(v[2].square()).sqrt();
          T cos = theta.cos();
          T sin = theta.sin();
          T[] k = MathArrays.buildArray(v[0].getField(), 3);
          for (int i = 0; i < 3; i++) {
            k[i] = v[i].divide(theta);
          }
          T kDotP = k[0].multiply(p[0]).add(k[1].multiply(p[1])).add(k[2].multiply(p[2]));
          T[] cross = MathArrays.buildArray(v[0].getField(), 3);
          cross[0] = k[1].multiply(p[2]).subtract(k[2].multiply(p[1]));
          cross[1] = k[2].multiply(p[0]).subtract(k[0].multiply(p[2]));
          cross[2] = k[0].multiply(p[1]).subtract(k[1].multiply(p[0]));
          T[] rotated = MathArrays.buildArray(v[0].getField(), 3);
          for (int i = 0; i < 3; i++) {
            rotated[i] =
                p[i].multiply(cos)
                    .add(cross[i].multiply(sin))
                    .add(k[i].multiply(kDotP).multiply(cos.negate().add(1)));
          }
          T u = rotated[0].divide(rotated[2]);
          T w = rotated[1].divide(rotated[2]);
          T r2 = u.square().add(w.square());
          T distortion = r2.multiply(v[9]).add(r2.square().multiply(v[10])).add(1);
          T[] residual = MathArrays.buildArray(v[0].getField(), 2);
          residual[0] = v[6].multiply(distortion).multiply(u).add(v[7]).subtract(320.5);
          residual[1] = v[6].multiply(distortion).multiply(w).add(v[8]).subtract(240.25);
          return residual;
        }
      };

  /** A smooth map R⁴ → R⁵ mixing exp, log, sin, tanh, sqrt and division. */
  static final Vector MIXED_MAP =
      new Vector() {
        @Override
        public <T extends CalculusFieldElement<T>> T[] apply(T[] x) {
          T[] y = MathArrays.buildArray(x[0].getField(), 5);
          y[0] = x[0].multiply(x[1]).exp().multiply(x[2].sin());
          y[1] = x[3].square().add(1).log().multiply(x[0]);
          y[2] = x[1].subtract(x[3]).tanh().divide(x[2].square().add(2));
          y[3] = x[0].square().add(x[1].square()).add(x[2].square()).add(1).sqrt();
          y[4] = x[2].multiply(x[3]).add(x[0].cos().multiply(x[1]));
          return y;
        }
      };

  // --- Scalar functions -----------------------------------------------------------------------

  static final Scalar LOG_SUM_EXP =
      new Scalar() {
        @Override
        public <T extends CalculusFieldElement<T>> T apply(T[] x) {
          T sum = x[0].getField().getZero();
          for (T t : x) {
            sum = sum.add(t.exp());
          }
          return sum.log();
        }
      };

  static final Scalar ROSENBROCK =
      new Scalar() {
        @Override
        public <T extends CalculusFieldElement<T>> T apply(T[] x) {
          T sum = x[0].getField().getZero();
          for (int i = 0; i + 1 < x.length; i++) {
            T a = x[i + 1].subtract(x[i].square());
            T b = x[i].negate().add(1);
            sum = sum.add(a.square().multiply(100)).add(b.square());
          }
          return sum;
        }
      };

  /** Logistic loss of weights x on five fixed examples (bias first). */
  static final Scalar LOGISTIC_LOSS =
      new Scalar() {
        private final double[][] data = {
          {1, 0.5, -1.2}, {1, -0.3, 0.8}, {1, 2.0, 0.1}, {1, -1.5, -0.7}, {1, 0.9, 1.4}
        };
        private final double[] labels = {1, -1, 1, -1, 1};

        @Override
        public <T extends CalculusFieldElement<T>> T apply(T[] x) {
          T loss = x[0].getField().getZero();
          for (int k = 0; k < data.length; k++) {
            T margin = x[0].getField().getZero();
            for (int i = 0; i < x.length; i++) {
              margin = margin.add(x[i].multiply(data[k][i]));
            }
            loss = loss.add(margin.multiply(-labels[k]).exp().log1p());
          }
          return loss;
        }
      };

  /** A smooth function of four variables with every kind of second derivative. */
  static final Scalar MIXED =
      new Scalar() {
        @Override
        public <T extends CalculusFieldElement<T>> T apply(T[] x) {
          return x[0].multiply(x[1])
              .exp()
              .multiply(x[2].sin())
              .add(x[3].square().add(1).log().multiply(x[0]))
              .add(x[1].subtract(x[3]).tanh())
              .add(x[2].divide(x[0].square().add(2)));
        }
      };
}
