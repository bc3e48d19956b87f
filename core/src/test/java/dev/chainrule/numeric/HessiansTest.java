package dev.chainrule.numeric;

import static dev.chainrule.numeric.JacobiansTest.assertClose;
import static dev.chainrule.numeric.JacobiansTest.flat;
import static dev.chainrule.numeric.JacobiansTest.times;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * {@link Hessians} against closed forms: quadratic forms, Rosenbrock's function, log-sum-exp and
 * logistic loss; costs; symmetry.
 */
class HessiansTest {

  /** Second differences of f of order one: the documented 1e-6 to 1e-8. */
  static final double SECOND_DIFFERENCE_TOLERANCE = 1e-6;

  /** Richardson extrapolation of second differences: the documented 1e-9 to 1e-11. */
  static final double RICHARDSON_SECOND_TOLERANCE = 1e-9;

  // --- Quadratic forms: f = ½ xᵀAx + bᵀx, H = (A + Aᵀ)/2, ∇f = Hx + b ------------------------------

  private static final double[][] A = {{4, 1, -2}, {1, 3, 0.5}, {-2, 0.5, 5}};
  private static final double[] B = {1, -2, 0.5};

  static double quadratic(double[] x) {
    double value = 0;
    for (int i = 0; i < x.length; i++) {
      value += B[i] * x[i];
      for (int j = 0; j < x.length; j++) {
        value += 0.5 * x[i] * A[i][j] * x[j];
      }
    }
    return value;
  }

  static double[] quadraticGradient(double[] x) {
    double[] g = times(A, x);
    for (int i = 0; i < x.length; i++) {
      g[i] += B[i];
    }
    return g;
  }

  @Test
  void quadraticFormsAreExactButForRounding() {
    double[] x = {0.7, -1.3, 2.1};
    // The second differences of a quadratic have no truncation error at all.
    assertClose(A, Hessians.hessian(HessiansTest::quadratic, x), 1e-7, "central of f");
    assertClose(A, Hessians.hessianRichardson(HessiansTest::quadratic, x), 1e-12, "Richardson of f");
    assertClose(A, Hessians.hessianFromGradient(HessiansTest::quadraticGradient, x), 1e-10, "of ∇f");
    assertClose(
        A,
        Hessians.hessianFromGradientRichardson(HessiansTest::quadraticGradient, x),
        1e-14,
        "Richardson of ∇f");
    double[] v = {1, 0.5, -2};
    assertClose(times(A, v), Hessians.hvp(HessiansTest::quadraticGradient, x, v), 1e-10, "H v");
    assertClose(
        times(A, v), Hessians.hvpRichardson(HessiansTest::quadraticGradient, x, v), 1e-14, "H v");
  }

  @Test
  void nonSymmetricMatrixOfAQuadraticFormGivesItsSymmetricPart() {
    double[][] a = {{2, 3}, {-1, 1}}; // xᵀ a x = 2x² + 2xy + y²
    ToDoubleFunction<double[]> f =
        x -> a[0][0] * x[0] * x[0] + (a[0][1] + a[1][0]) * x[0] * x[1] + a[1][1] * x[1] * x[1];
    double[][] expected = {{4, 2}, {2, 2}};
    assertClose(expected, Hessians.hessianRichardson(f, new double[] {5, -3}), 1e-12, "of f");
  }

  // --- Rosenbrock: f = Σ 100 (x_{i+1} - x_i²)² + (1 - x_i)² -------------------------------------

  static double rosenbrock(double[] x) {
    double value = 0;
    for (int i = 0; i + 1 < x.length; i++) {
      double a = x[i + 1] - x[i] * x[i];
      double b = 1 - x[i];
      value += 100 * a * a + b * b;
    }
    return value;
  }

  static double[] rosenbrockGradient(double[] x) {
    double[] g = new double[x.length];
    for (int i = 0; i + 1 < x.length; i++) {
      double a = x[i + 1] - x[i] * x[i];
      g[i] += -400 * x[i] * a - 2 * (1 - x[i]);
      g[i + 1] += 200 * a;
    }
    return g;
  }

  static double[][] rosenbrockHessian(double[] x) {
    int n = x.length;
    double[][] h = new double[n][n];
    for (int i = 0; i + 1 < n; i++) {
      h[i][i] += 1200 * x[i] * x[i] - 400 * x[i + 1] + 2;
      h[i][i + 1] += -400 * x[i];
      h[i + 1][i] += -400 * x[i];
      h[i + 1][i + 1] += 200;
    }
    return h;
  }

  @Test
  void rosenbrockNearItsMinimum() {
    // f is small (below 1) here, as second differences of f need.
    double[] x = {0.9, 0.82, 0.7, 0.45, 0.2};
    double[][] expected = rosenbrockHessian(x);
    assertTrue(rosenbrock(x) < 1);
    assertClose(expected, Hessians.hessian(HessiansTest::rosenbrock, x), 1e-5, "central of f");
    assertClose(
        expected,
        Hessians.hessianRichardson(HessiansTest::rosenbrock, x),
        RICHARDSON_SECOND_TOLERANCE,
        "Richardson of f");
    assertClose(
        expected,
        Hessians.hessianFromGradient(HessiansTest::rosenbrockGradient, x),
        1e-8,
        "central of ∇f");
    assertClose(
        expected,
        Hessians.hessianFromGradientRichardson(HessiansTest::rosenbrockGradient, x),
        JacobiansTest.RICHARDSON_TOLERANCE,
        "Richardson of ∇f");
  }

  @Test
  void rosenbrockAtRandomPointsRelativeToTheFunctionsSize() {
    // Far from the minimum f reaches ~1e3: second differences of f then lose digits in
    // proportion (rounding ~ eps |f| / h^2), differences of the gradient do not.
    Random random = new Random(3);
    for (int trial = 0; trial < 20; trial++) {
      double[] x = new double[6];
      for (int i = 0; i < x.length; i++) {
        x[i] = 1.5 * random.nextGaussian();
      }
      double[][] expected = rosenbrockHessian(x);
      double scale = Math.max(1, Math.abs(rosenbrock(x)));
      String at = "trial " + trial + ", f = " + rosenbrock(x);
      assertClose(expected, Hessians.hessian(HessiansTest::rosenbrock, x), 1e-7 * scale, at);
      assertClose(
          expected, Hessians.hessianRichardson(HessiansTest::rosenbrock, x), 1e-11 * scale, at);
      assertClose(
          expected,
          Hessians.hessianFromGradientRichardson(HessiansTest::rosenbrockGradient, x),
          JacobiansTest.RICHARDSON_TOLERANCE,
          at);
    }
  }

  // --- Log-sum-exp: f = log Σ exp x_i, ∇f = p = softmax(x), H = diag(p) - p pᵀ -------------------

  static double logSumExp(double[] x) {
    double max = Double.NEGATIVE_INFINITY;
    for (double t : x) {
      max = Math.max(max, t);
    }
    double sum = 0;
    for (double t : x) {
      sum += Math.exp(t - max);
    }
    return max + Math.log(sum);
  }

  static double[] softmax(double[] x) {
    double max = Double.NEGATIVE_INFINITY;
    for (double t : x) {
      max = Math.max(max, t);
    }
    double sum = 0;
    double[] p = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      p[i] = Math.exp(x[i] - max);
      sum += p[i];
    }
    for (int i = 0; i < x.length; i++) {
      p[i] /= sum;
    }
    return p;
  }

  @Test
  void logSumExp() {
    Random random = new Random(11);
    for (int trial = 0; trial < 20; trial++) {
      int n = 2 + trial % 7;
      double[] x = new double[n];
      for (int i = 0; i < n; i++) {
        x[i] = 2 * random.nextGaussian();
      }
      double[] p = softmax(x);
      double[][] expected = new double[n][n];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          expected[i][j] = (i == j ? p[i] : 0) - p[i] * p[j];
        }
      }
      String at = "trial " + trial;
      ToDoubleFunction<double[]> f = HessiansTest::logSumExp;
      assertClose(expected, Hessians.hessian(f, x), SECOND_DIFFERENCE_TOLERANCE, at);
      assertClose(expected, Hessians.hessianRichardson(f, x), RICHARDSON_SECOND_TOLERANCE, at);
      assertClose(expected, Hessians.hessianFromGradient(HessiansTest::softmax, x), 1e-8, at);
      assertClose(
          expected,
          Hessians.hessianFromGradientRichardson(HessiansTest::softmax, x),
          JacobiansTest.RICHARDSON_TOLERANCE,
          at);
      double[] v = new double[n];
      for (int i = 0; i < n; i++) {
        v[i] = random.nextGaussian();
      }
      assertClose(times(expected, v), Hessians.hvp(HessiansTest::softmax, x, v), 1e-8, at);
      assertClose(
          times(expected, v),
          Hessians.hvpRichardson(HessiansTest::softmax, x, v),
          JacobiansTest.RICHARDSON_TOLERANCE,
          at);
    }
  }

  // --- Logistic loss: f(w) = Σ log(1 + exp(-y_k ⟨w, a_k⟩)), H = Σ σ(1 - σ) a_k a_kᵀ ----------------

  private static final double[][] DATA = {
    {1, 0.5, -1.2}, {1, -0.3, 0.8}, {1, 2.0, 0.1}, {1, -1.5, -0.7}, {1, 0.9, 1.4}
  };
  private static final double[] LABELS = {1, -1, 1, -1, 1};

  static double logisticLoss(double[] w) {
    double loss = 0;
    for (int k = 0; k < DATA.length; k++) {
      double margin = LABELS[k] * dot(w, DATA[k]);
      loss += Math.log1p(Math.exp(-margin));
    }
    return loss;
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  @Test
  void logisticLoss() {
    double[] w = {0.3, -0.8, 1.1};
    double[][] expected = new double[3][3];
    for (double[] a : DATA) {
      double sigma = 1 / (1 + Math.exp(-dot(w, a)));
      for (int i = 0; i < 3; i++) {
        for (int j = 0; j < 3; j++) {
          expected[i][j] += sigma * (1 - sigma) * a[i] * a[j];
        }
      }
    }
    assertClose(
        expected, Hessians.hessian(HessiansTest::logisticLoss, w), SECOND_DIFFERENCE_TOLERANCE, "");
    assertClose(
        expected,
        Hessians.hessianRichardson(HessiansTest::logisticLoss, w),
        RICHARDSON_SECOND_TOLERANCE,
        "");
  }

  // --- Costs, symmetry ------------------------------------------------------------------------

  @Test
  void costs() {
    AtomicInteger calls = new AtomicInteger();
    ToDoubleFunction<double[]> f =
        x -> {
          calls.incrementAndGet();
          return logSumExp(x);
        };
    VectorFunction g =
        x -> {
          calls.incrementAndGet();
          return softmax(x);
        };
    double[] x = {0.1, 0.5, -0.4, 1.2};
    Hessians.hessian(f, x);
    assertEquals(1 + 2 * 16, calls.getAndSet(0), "1 + 2n²");
    Hessians.hessianFromGradient(g, x);
    assertEquals(2 * 4, calls.getAndSet(0), "2n, m known to be n");
    Hessians.hvp(g, x, new double[] {1, 2, 3, 4});
    assertEquals(2, calls.getAndSet(0));
    Hessians.hessianRichardson(f, x);
    int entries = 4 * 5 / 2;
    assertTrue(calls.get() <= 1 + entries * 160, "evaluations: " + calls);
    assertTrue(calls.get() >= 1 + entries * 4, "evaluations: " + calls);
    calls.set(0);
    assertEquals(0, Hessians.hessian(f, new double[0]).length);
    assertEquals(0, calls.get(), "an empty point needs no evaluation");
  }

  @Test
  void secondDifferencesAreSymmetricByConstruction() {
    ToDoubleFunction<double[]> f = x -> Math.exp(x[0] * x[1]) * Math.sin(x[2] - x[0]);
    double[] x = {0.3, 1.7, -0.4};
    for (double[][] h : new double[][][] {Hessians.hessian(f, x), Hessians.hessianRichardson(f, x)}) {
      assertEquals(0.0, Hessians.asymmetry(h));
    }
  }

  @Test
  void symmetrizeAndAsymmetry() {
    double[][] h = {{1, 2.5, 0}, {1.5, 3, -4}, {0, -4, 9}};
    double[][] s = Hessians.symmetrize(h);
    assertArrayEquals(new double[] {1, 2, 0, 2, 3, -4, 0, -4, 9}, flat(s), 0.0);
    assertArrayEquals(new double[] {1, 2.5, 0, 1.5, 3, -4, 0, -4, 9}, flat(h), 0.0, "untouched");
    assertEquals(1.0 / 2.5, Hessians.asymmetry(h), 1e-15);
    assertEquals(0.0, Hessians.asymmetry(s));
    assertEquals(0.0, Hessians.asymmetry(new double[0][]));
    assertEquals(2e-9, Hessians.asymmetry(new double[][] {{0, 1e-9}, {-1e-9, 0}}), 1e-24);
    assertTrue(Double.isNaN(Hessians.asymmetry(new double[][] {{0, Double.NaN}, {1, 0}})));
    assertThrows(IllegalArgumentException.class, () -> Hessians.symmetrize(new double[2][3]));
    assertThrows(NullPointerException.class, () -> Hessians.asymmetry(new double[][] {null}));
  }

  @Test
  void differencesOfTheGradientAreSymmetrizedAndMoreAccurate() {
    double[] x = {0.4, -1.1, 0.9, 2.0};
    double[][] exact = rosenbrockHessian(x);
    double[][] raw =
        Jacobians.jacobian(HessiansTest::rosenbrockGradient, x); // before symmetrizing
    double[][] symmetric = Hessians.hessianFromGradient(HessiansTest::rosenbrockGradient, x);
    assertTrue(Hessians.asymmetry(raw) > 0, "rounding leaves the raw Jacobian asymmetric");
    assertEquals(0.0, Hessians.asymmetry(symmetric));
    assertTrue(
        JacobiansTest.maxError(symmetric, exact) <= JacobiansTest.maxError(raw, exact),
        "averaging the two triangles loses nothing");
  }

  @Test
  void stepsScaleWithLargeCoordinates() {
    // f = x² y³ + cos y at x = 1e4: entries from 0.25 to 3e8, each accurate relative to itself.
    ToDoubleFunction<double[]> f = v -> v[0] * v[0] * v[1] * v[1] * v[1] + Math.cos(v[1]);
    double x = 1e4;
    double y = 0.5;
    double[][] expected = {
      {2 * y * y * y, 6 * x * y * y}, {6 * x * y * y, 6 * x * x * y - Math.cos(y)}
    };
    double[][] h = Hessians.hessianRichardson(f, new double[] {x, y});
    for (int i = 0; i < 2; i++) {
      for (int j = 0; j < 2; j++) {
        double error = FiniteDifferencesTest.relativeError(h[i][j], expected[i][j]);
        assertTrue(error <= 1e-9, "H[" + i + "][" + j + "] = " + h[i][j] + ", error " + error);
      }
    }
  }
}
