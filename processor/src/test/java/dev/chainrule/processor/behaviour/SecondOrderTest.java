package dev.chainrule.processor.behaviour;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.numeric.FiniteDifferences.Scheme;
import java.util.Map;
import java.util.stream.Stream;
import org.hipparchus.analysis.differentiation.DSFactory;
import org.hipparchus.analysis.differentiation.DerivativeStructure;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Second derivatives (issue "Hessians, Hessian-vector products and nested differentiation"):
 * {@code @Differentiable(order = 2)} methods over loops, branches, tapes, local arrays, matrices and
 * calls (inlined and not), each checked by {@link SecondOrderOracle} at several points, and the
 * classic ones against closed forms and Hipparchus's {@code DerivativeStructure} of order 2.
 */
class SecondOrderTest {

  static final String SOURCE = """
      package p;

      import dev.chainrule.Differentiable;
      import dev.chainrule.NoDerivative;

      public final class Second {
        private Second() {}

        /** xᵀ A x: its Hessian is A + Aᵀ. */
        @Differentiable(order = 2)
        public static double quadratic(double[] x, @NoDerivative double[][] a) {
          double s = 0;
          for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < x.length; j++) {
              s += x[i] * a[i][j] * x[j];
            }
          }
          return s;
        }

        @Differentiable(order = 2)
        public static double rosenbrock(double[] x) {
          double s = 0;
          for (int i = 0; i < x.length - 1; i++) {
            double t = x[i + 1] - x[i] * x[i];
            s += 100 * t * t + (1 - x[i]) * (1 - x[i]);
          }
          return s;
        }

        @Differentiable(order = 2)
        public static double logSumExp(double[] v) {
          double m = v[0];
          for (int i = 1; i < v.length; i++) {
            m = Math.max(m, v[i]);
          }
          double s = 0;
          for (int i = 0; i < v.length; i++) {
            s += Math.exp(v[i] - m);
          }
          return m + Math.log(s);
        }

        @Differentiable
        static double sigmoid(double z) {
          return 1 / (1 + Math.exp(-z));
        }

        /** Mean logistic loss of weights w on data (x, y). */
        @Differentiable(order = 2)
        public static double logistic(double[] w, @NoDerivative double[][] x, @NoDerivative double[] y) {
          double total = 0;
          for (int n = 0; n < x.length; n++) {
            double z = 0;
            for (int j = 0; j < w.length; j++) {
              z += w[j] * x[n][j];
            }
            double p = sigmoid(z);
            total -= y[n] * Math.log(p) + (1 - y[n]) * Math.log(1 - p);
          }
          return total / x.length;
        }

        @Differentiable
        static double wave(double a, double b) {
          double s = 0;
          for (int i = 1; i <= 3; i++) {
            s += Math.sin(a * i) * Math.cos(b / i);
          }
          return s;
        }

        /** Overwritten array elements (taped), a branch in a loop, a non-inlined callee, scalars. */
        @Differentiable(order = 2)
        public static double mixed(double x, double y, double[] w) {
          double[] h = new double[w.length];
          double s = 0;
          for (int i = 0; i < w.length; i++) {
            h[i] = Math.exp(w[i] * x) + wave(y, w[i]);
            if (h[i] > 2) {
              h[i] = h[i] * h[i];
            }
            s += h[i] / (1 + x * x);
          }
          return s * y + Math.sqrt(1 + y * y) * Math.tanh(x);
        }

        /** A matrix parameter, a ternary, max/min, pow and a data-dependent while loop. */
        @Differentiable(order = 2)
        public static double matrix(double[][] m, double t) {
          double s = 0;
          for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < m[i].length; j++) {
              double e = m[i][j] * t;
              s += e > 0 ? Math.pow(e, 3) : Math.min(e * e, 4 - e);
            }
          }
          double r = s;
          int k = 0;
          while (r > 1 && k < 20) {
            r = Math.sqrt(r) + 0.1 * t;
            k++;
          }
          return r * s;
        }

        /** A chain of callees, one of second order itself. */
        @Differentiable(order = 2)
        public static double chain(double[] x, double a) {
          return rosenbrock(x) * a + logSumExp(x) + wave(a, x[0]);
        }
      }
      """;

  private static CompiledSources compiled;

  @BeforeAll
  static void compile() {
    compiled = CompiledSources.compile(Map.of("p.Second", SOURCE));
  }

  private static Record check(String method, String[] wrt, Scheme scheme, Object... args) {
    return SecondOrderOracle.check(compiled, Differentiated.of(compiled, "p.Second", method, wrt), scheme, args);
  }

  static Stream<Arguments> cases() {
    double[][] a = {{2, 1, 0}, {-1, 3, 0.5}, {0, 0.5, 1}};
    double[][] data = {{1, 0.5, -1}, {0.2, -1, 2}, {-1.5, 0.3, 0.3}, {0.7, 0.7, 0.7}};
    double[] labels = {1, 0, 1, 0};
    return Stream.of(
        Arguments.of("quadratic", new String[] {"x"}, Scheme.RICHARDSON, new Object[] {new double[] {1, -2, 0.5}, a}),
        Arguments.of("rosenbrock", new String[] {"x"}, Scheme.RICHARDSON, new Object[] {new double[] {1.2, -0.7, 0.4, 2}}),
        Arguments.of("logSumExp", new String[] {"v"}, Scheme.CENTRAL, new Object[] {new double[] {0.5, 2, -1, 1.9}}),
        Arguments.of("logistic", new String[] {"w"}, Scheme.RICHARDSON,
            new Object[] {new double[] {0.3, -0.2, 0.5}, data, labels}),
        Arguments.of("mixed", new String[] {"x", "y", "w"}, Scheme.CENTRAL,
            new Object[] {0.3, 0.8, new double[] {0.5, 1.5, -0.4}}),
        Arguments.of("matrix", new String[] {"m", "t"}, Scheme.CENTRAL,
            new Object[] {new double[][] {{0.5, -1}, {1.2, 0.3, -0.2}}, 0.9}),
        Arguments.of("chain", new String[] {"x", "a"}, Scheme.CENTRAL, new Object[] {new double[] {0.7, -0.3, 1.1}, 1.3}));
  }

  @ParameterizedTest(name = "{0} at {3}")
  @MethodSource("cases")
  void secondDerivativesAgreeWithDifferencesOfTheGradient(String method, String[] wrt, Scheme scheme, Object[] args) {
    check(method, wrt, scheme, args);
  }

  @Test
  void quadraticFormHessianIsASymmetrized() {
    double[][] a = {{2, 1, 0}, {-1, 3, 0.5}, {0, 0.5, 1}};
    Record r = check("quadratic", new String[] {"x"}, Scheme.RICHARDSON, new double[] {1, -2, 0.5}, a);
    double[][] h = (double[][]) Differentiated.component(r, "hessian");
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        assertEquals(a[i][j] + a[j][i], h[i][j], 0.0, "H[" + i + "][" + j + "]");
      }
    }
  }

  @Test
  void rosenbrockHessianIsTheClosedForm() {
    double[] x = {1.2, -0.7, 0.4, 2};
    Record r = check("rosenbrock", new String[] {"x"}, Scheme.RICHARDSON, (Object) x);
    double[][] h = (double[][]) Differentiated.component(r, "hessian");
    int n = x.length;
    double[][] expected = new double[n][n];
    for (int i = 0; i < n - 1; i++) {
      expected[i][i] += 1200 * x[i] * x[i] - 400 * x[i + 1] + 2;
      expected[i + 1][i + 1] += 200;
      expected[i][i + 1] -= 400 * x[i];
      expected[i + 1][i] -= 400 * x[i];
    }
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        assertEquals(expected[i][j], h[i][j], 1e-12 * Math.max(1, Math.abs(expected[i][j])));
      }
    }
  }

  /** log Σ exp: H = diag(p) − p pᵀ with p the softmax. */
  @Test
  void logSumExpHessianIsTheSoftmaxCovariance() {
    double[] v = {0.5, 2, -1, 1.9};
    Record r = check("logSumExp", new String[] {"v"}, Scheme.CENTRAL, (Object) v);
    double[][] h = (double[][]) Differentiated.component(r, "hessian");
    double z = 0;
    for (double vi : v) {
      z += Math.exp(vi);
    }
    for (int i = 0; i < v.length; i++) {
      for (int j = 0; j < v.length; j++) {
        double pi = Math.exp(v[i]) / z;
        double pj = Math.exp(v[j]) / z;
        assertEquals((i == j ? pi : 0) - pi * pj, h[i][j], 1e-14);
      }
    }
  }

  /** The mixed method's Hessian against Hipparchus's forward mode of order 2 on the same function. */
  @Test
  void mixedHessianIsHipparchus() {
    double x = 0.3;
    double y = 0.8;
    double[] w = {0.5, 1.5, -0.4};
    Record r = check("mixed", new String[] {"x", "y", "w"}, Scheme.CENTRAL, x, y, w);
    double[][] h = (double[][]) Differentiated.component(r, "hessian");
    DSFactory f = new DSFactory(5, 2);
    DerivativeStructure dx = f.variable(0, x);
    DerivativeStructure dy = f.variable(1, y);
    DerivativeStructure[] dw = {f.variable(2, w[0]), f.variable(3, w[1]), f.variable(4, w[2])};
    DerivativeStructure s = f.constant(0);
    for (int i = 0; i < 3; i++) {
      DerivativeStructure wave = f.constant(0);
      for (int k = 1; k <= 3; k++) {
        wave = wave.add(dy.multiply(k).sin().multiply(dw[i].divide(k).cos()));
      }
      DerivativeStructure hi = dw[i].multiply(dx).exp().add(wave);
      if (hi.getValue() > 2) {
        hi = hi.multiply(hi);
      }
      s = s.add(hi.divide(dx.multiply(dx).add(1)));
    }
    DerivativeStructure result = s.multiply(dy).add(dy.multiply(dy).add(1).sqrt().multiply(dx.tanh()));
    for (int i = 0; i < 5; i++) {
      for (int j = 0; j < 5; j++) {
        int[] orders = new int[5];
        orders[i]++;
        orders[j]++;
        double expected = result.getPartialDerivative(orders);
        assertEquals(expected, h[i][j], 1e-12 * Math.max(1, Math.abs(expected)), "H[" + i + "][" + j + "]");
      }
    }
  }
}
