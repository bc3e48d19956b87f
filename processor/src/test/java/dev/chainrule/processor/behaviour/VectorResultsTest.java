package dev.chainrule.processor.behaviour;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Vector results (issue "Forward mode, vector-valued methods and Jacobians"): methods returning
 * {@code double[]} or {@code double[][]}, or writing into an {@code @Out} parameter, with loops,
 * branches, local arrays, rows and calls. Every method is checked by {@link VectorOracle} at several
 * points (Jacobian against Richardson differences, both drivers, pushforward, pullback, the
 * dot-product test between the modes), and the classic maps also against their closed forms.
 */
class VectorResultsTest {

  static final String SOURCE =
      """
      package p;

      import dev.chainrule.Differentiable;
      import dev.chainrule.NoDerivative;
      import dev.chainrule.Out;

      public final class Maps {
        private Maps() {}

        @Differentiable
        public static double[] polar(double r, double theta) {
          return new double[] {r * Math.cos(theta), r * Math.sin(theta)};
        }

        @Differentiable
        public static void polarOut(double r, double theta, @Out double[] xy) {
          xy[0] = r * Math.cos(theta);
          xy[1] = r * Math.sin(theta);
        }

        @Differentiable
        public static double[] rotate(double[] p, double angle) {
          double c = Math.cos(angle);
          double s = Math.sin(angle);
          double[] q = new double[2];
          q[0] = c * p[0] - s * p[1];
          q[1] = s * p[0] + c * p[1];
          return q;
        }

        @Differentiable
        public static double[] spherical(double r, double theta, double phi) {
          double st = Math.sin(theta);
          return new double[] {r * st * Math.cos(phi), r * st * Math.sin(phi), r * Math.cos(theta)};
        }

        /** Classic RK4 for y' = -k y, n steps of size h: each step a local array overwritten. */
        @Differentiable
        public static double[] decay(double[] y0, double k, @NoDerivative double h, int n) {
          double[] y = new double[y0.length];
          for (int i = 0; i < y.length; i++) {
            y[i] = y0[i];
          }
          for (int s = 0; s < n; s++) {
            for (int i = 0; i < y.length; i++) {
              double k1 = -k * y[i];
              double k2 = -k * (y[i] + 0.5 * h * k1);
              double k3 = -k * (y[i] + 0.5 * h * k2);
              double k4 = -k * (y[i] + h * k3);
              y[i] = y[i] + h / 6 * (k1 + 2 * k2 + 2 * k3 + k4);
            }
          }
          return y;
        }

        @Differentiable
        public static double[][] outer(double[] x, double[] y) {
          double[][] m = new double[x.length][y.length];
          for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < y.length; j++) {
              m[i][j] = x[i] * y[j];
            }
          }
          return m;
        }

        @Differentiable
        public static void softmaxOut(double[] z, @Out double[] p) {
          double max = z[0];
          for (int i = 1; i < z.length; i++) {
            max = Math.max(max, z[i]);
          }
          double sum = 0;
          for (int i = 0; i < z.length; i++) {
            p[i] = Math.exp(z[i] - max);
            sum += p[i];
          }
          for (int i = 0; i < z.length; i++) {
            p[i] /= sum;
          }
        }

        @Differentiable
        static double sigmoid(double x) {
          return 1 / (1 + Math.exp(-x));
        }

        @Differentiable
        static double logistic(double x, double a) {
          double s = 0;
          for (int i = 0; i < 3; i++) {
            s += Math.tanh(a * x + i);
          }
          return s;
        }

        /** A layer: calls of another differentiable method (inlined and not), branches, a matrix parameter. */
        @Differentiable
        public static double[] layer(double[][] w, double[] b, @NoDerivative double[] x) {
          double[] h = new double[b.length];
          for (int i = 0; i < b.length; i++) {
            double z = b[i];
            for (int j = 0; j < x.length; j++) {
              z += w[i][j] * x[j];
            }
            h[i] = z > 0 ? sigmoid(z) : logistic(z, b[i]);
          }
          return h;
        }

        /** Early exit and a break: the result is what the loop left. */
        @Differentiable
        public static double[] cumulative(double[] x, double limit) {
          double[] c = new double[x.length];
          double s = 0;
          for (int i = 0; i < x.length; i++) {
            s += x[i] * x[i];
            if (s > limit) {
              break;
            }
            c[i] = Math.sqrt(s);
          }
          return c;
        }

        @Differentiable
        public static double[] row(double[][] m, int i) {
          return m[i];
        }

        @Differentiable
        public static double[] identity(double[] x) {
          return x;
        }

        @Differentiable
        public static double[] rhs(double[] y, double k) {
          double[] d = new double[y.length];
          for (int i = 0; i < y.length; i++) {
            d[i] = -k * y[i] * y[i];
          }
          return d;
        }

        @Differentiable
        public static void rhsOut(double[] y, double k, @Out double[] d) {
          for (int i = 0; i < y.length; i++) {
            d[i] = -k * Math.sin(y[i]) + d[i] * 0;
          }
        }

        /** Calls a method returning an array, then uses the array. */
        @Differentiable
        public static double[] step(double[] y, double k, double h) {
          double[] k1 = rhs(y, k);
          double[] z = new double[y.length];
          for (int i = 0; i < y.length; i++) {
            z[i] = y[i] + h * k1[i];
          }
          return z;
        }

        /** Euler's method through an @Out method called in a loop. */
        @Differentiable
        public static double[] integrate(double[] y0, double k, double h, int n) {
          double[] y = new double[y0.length];
          double[] f = new double[y0.length];
          for (int i = 0; i < y.length; i++) {
            y[i] = y0[i];
          }
          for (int s = 0; s < n; s++) {
            rhsOut(y, k, f);
            for (int i = 0; i < y.length; i++) {
              y[i] = y[i] + h * f[i];
            }
          }
          return y;
        }

        /** A scalar method of a vector-valued one: its gradient and tangent go through the callee. */
        @Differentiable
        public static double energy(double[] y0, double k) {
          double[] y = integrate(y0, k, 0.1, 5);
          double[] z = step(y, k, 0.05);
          double e = 0;
          for (int i = 0; i < z.length; i++) {
            e += z[i] * z[i];
          }
          return e;
        }

        /** Returns a vector result through two callees, one returning a parameter. */
        @Differentiable
        public static double[] chain(double[] x) {
          double[] a = identity(x);
          double[] b = polar(a[0], a[1]);
          double[] c = new double[3];
          c[0] = b[0] * a[2];
          c[1] = b[1];
          c[2] = a[0] + b[0];
          return c;
        }

        @Differentiable
        public static void scaleOut(double[][] a, double f, @Out double[][] out) {
          for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[i].length; j++) {
              out[i][j] = f * a[i][j] + out[i][j];
            }
          }
        }
      }
      """;

  private static CompiledSources compiled;

  @BeforeAll
  static void compile() {
    compiled = CompiledSources.compile("p.Maps", SOURCE);
  }

  private static VectorOracle maps(String method, String... wrt) {
    return VectorOracle.of(compiled, "p.Maps", method, wrt);
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("polar", new String[] {"r", "theta"}, new Object[] {1.5, 0.7}),
        Arguments.of("polar", new String[] {"r", "theta"}, new Object[] {-2.0, 3.0}),
        Arguments.of("rotate", new String[] {"p", "angle"}, new Object[] {new double[] {1, 2}, 0.3}),
        Arguments.of("spherical", new String[] {"r", "theta", "phi"}, new Object[] {2.0, 0.4, 1.3}),
        Arguments.of("decay", new String[] {"y0", "k"}, new Object[] {new double[] {1, -2, 0.5}, 0.7, 0.1, 10}),
        Arguments.of("outer", new String[] {"x", "y"}, new Object[] {new double[] {1, 2}, new double[] {3, -1, 0.5}}),
        Arguments.of("layer", new String[] {"w", "b"}, new Object[] {new double[][] {{0.5, -1}, {0.25, 0.75}, {-2, 1}},
            new double[] {0.1, -0.2, 0.3}, new double[] {1.0, 2.0}}),
        Arguments.of("cumulative", new String[] {"x", "limit"}, new Object[] {new double[] {0.5, 1, 1.5, 2}, 3.0}),
        Arguments.of("cumulative", new String[] {"x", "limit"}, new Object[] {new double[] {0.5, 1, 1.5, 2}, 30.0}),
        Arguments.of("row", new String[] {"m"}, new Object[] {new double[][] {{1, 2}, {3, 4, 5}}, 1}),
        Arguments.of("identity", new String[] {"x"}, new Object[] {new double[] {1, 2, 3}}),
        Arguments.of("step", new String[] {"y", "k", "h"}, new Object[] {new double[] {1, -0.5}, 0.3, 0.1}),
        Arguments.of("integrate", new String[] {"y0", "k", "h"}, new Object[] {new double[] {1, -0.5, 2}, 0.3, 0.1, 4}),
        Arguments.of("chain", new String[] {"x"}, new Object[] {new double[] {1.5, 0.4, -2}}));
  }

  @ParameterizedTest(name = "{0} at {2}")
  @MethodSource("cases")
  void derivativesAgreeWithFiniteDifferencesAndEachOther(String method, String[] wrt, Object[] args) {
    maps(method, wrt).check(args);
  }

  static Stream<Arguments> outCases() {
    return Stream.of(
        Arguments.of("polarOut", 2, new String[] {"r", "theta"}, new Object[] {1.5, 0.7, new double[2]}),
        Arguments.of("softmaxOut", 1, new String[] {"z"}, new Object[] {new double[] {1, 3, -1, 0.5}, new double[4]}),
        Arguments.of("scaleOut", 2, new String[] {"a", "f"},
            new Object[] {new double[][] {{1, 2}, {3, 4}}, 1.5, new double[][] {{0.5, 0}, {0, -1}}}));
  }

  @ParameterizedTest(name = "{0} at {3}")
  @MethodSource("outCases")
  void outParametersReceiveTheResult(String method, int out, String[] wrt, Object[] args) {
    VectorOracle.withOut(compiled, "p.Maps", method, out, wrt).check(args);
  }

  @Test
  void scalarMethodOfVectorMethodsHasTheGradient() {
    Differentiated energy = Differentiated.of(compiled, "p.Maps", "energy", "y0", "k");
    GradientOracle.check(energy, new double[] {1, -0.5, 2}, 0.3);
    GradientOracle.check(energy, new double[] {0.2, 0.1, -1}, 1.7);
  }

  @Test
  void polarJacobianIsTheClosedForm() {
    double r = 1.5;
    double t = 0.7;
    Record j = maps("polar", "r", "theta").check(r, t);
    assertArrayEquals(new double[] {Math.cos(t), Math.sin(t)}, (double[]) Differentiated.component(j, "r"), 1e-15);
    assertArrayEquals(new double[] {-r * Math.sin(t), r * Math.cos(t)},
        (double[]) Differentiated.component(j, "theta"), 1e-15);
  }

  @Test
  void rotationJacobianIsTheRotation() {
    double a = 0.3;
    Record j = maps("rotate", "p", "angle").check(new double[] {1, 2}, a);
    double[][] jp = (double[][]) Differentiated.component(j, "p");
    assertArrayEquals(new double[] {Math.cos(a), -Math.sin(a)}, jp[0], 1e-15);
    assertArrayEquals(new double[] {Math.sin(a), Math.cos(a)}, jp[1], 1e-15);
  }

  /** RK4 on y' = -k y multiplies y by R(hk) = 1 - z + z²/2 - z³/6 + z⁴/24 per step: ∂y/∂y0 = R^n I. */
  @Test
  void decayJacobianIsTheRk4Amplification() {
    double k = 0.7;
    double h = 0.1;
    int n = 10;
    double z = h * k;
    double amplification = Math.pow(1 - z + z * z / 2 - z * z * z / 6 + z * z * z * z / 24, n);
    double[] y0 = {1, -2, 0.5};
    Record j = maps("decay", "y0", "k").check(y0, k, h, n);
    double[][] jy = (double[][]) Differentiated.component(j, "y0");
    for (int i = 0; i < 3; i++) {
      for (int c = 0; c < 3; c++) {
        assertEquals(i == c ? amplification : 0, jy[i][c], 1e-14);
      }
    }
    double dR = h * (-1 + z - z * z / 2 + z * z * z / 6); // dR/dk = h R'(z)
    double[] jk = (double[]) Differentiated.component(j, "k");
    double base = 1 - z + z * z / 2 - z * z * z / 6 + z * z * z * z / 24;
    for (int i = 0; i < 3; i++) {
      assertEquals(n * Math.pow(base, n - 1) * dR * y0[i], jk[i], 1e-13);
    }
  }
}
