package dev.chainrule.examples.newton;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.examples.digits.DigitsLoader;
import dev.chainrule.examples.network.Shuffle;
import dev.chainrule.numeric.Hessians;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The generated Hessian and Hessian-vector products of {@link LogisticRegression#loss} on the
 * bundled digits, against the closed form {@code X̃ᵀ diag(s(1 − s)) X̃ / m + λ diag(1, …, 1, 0)}
 * ({@code X̃} the images with a column of ones for the bias, {@code s} the predicted
 * probabilities) and against Richardson differences of the generated gradient.
 */
class LogisticHessianTest {
  private static final double LAMBDA = 1e-3;
  private static BinaryDigits data;
  private static double[] w;
  private static double b;

  @BeforeAll
  static void load() throws Exception {
    data = BinaryDigits.of(Shuffle.split(DigitsLoader.loadBundled(), 0.2, 42).train(), 3, 8);
    // A point where the probabilities spread over (0, 1), not p = 0 where all are 1/2.
    Random random = new Random(7);
    w = new double[data.x()[0].length];
    for (int j = 0; j < w.length; j++) {
      w[j] = 0.5 * random.nextGaussian();
    }
    b = -0.3;
  }

  /** The closed form of the Hessian over (w, b). */
  private static double[][] closedFormHessian() {
    int d = w.length;
    int m = data.size();
    double[][] h = new double[d + 1][d + 1];
    for (int i = 0; i < m; i++) {
      double[] xi = Arrays.copyOf(data.x()[i], d + 1);
      xi[d] = 1;
      double z = b;
      for (int j = 0; j < d; j++) {
        z += w[j] * xi[j];
      }
      double s = 1 / (1 + Math.exp(-z));
      double weight = s * (1 - s) / m;
      for (int j = 0; j <= d; j++) {
        for (int k = 0; k <= d; k++) {
          h[j][k] += weight * xi[j] * xi[k];
        }
      }
    }
    for (int j = 0; j < d; j++) {
      h[j][j] += LAMBDA;
    }
    return h;
  }

  /** The closed form of the gradient over (w, b): X̃ᵀ (s − y) / m + λ (w, 0). */
  private static double[] closedFormGradient() {
    int d = w.length;
    int m = data.size();
    double[] g = new double[d + 1];
    for (int i = 0; i < m; i++) {
      double z = b;
      for (int j = 0; j < d; j++) {
        z += w[j] * data.x()[i][j];
      }
      double r = (1 / (1 + Math.exp(-z)) - data.y()[i]) / m;
      for (int j = 0; j < d; j++) {
        g[j] += r * data.x()[i][j];
      }
      g[d] += r;
    }
    for (int j = 0; j < d; j++) {
      g[j] += LAMBDA * w[j];
    }
    return g;
  }

  private static double largest(double[][] a) {
    double max = 0;
    for (double[] row : a) {
      for (double v : row) {
        max = Math.max(max, Math.abs(v));
      }
    }
    return max;
  }

  private static void assertClose(double[][] expected, double[][] actual, double relative) {
    double tolerance = relative * largest(expected);
    assertEquals(expected.length, actual.length);
    for (int i = 0; i < expected.length; i++) {
      for (int j = 0; j < expected.length; j++) {
        assertEquals(expected[i][j], actual[i][j], tolerance, "H[" + i + "][" + j + "]");
      }
    }
  }

  @Test
  void hessianMatchesTheClosedForm() {
    LogisticRegressionDerivatives.LossHessian generated =
        LogisticRegressionDerivatives.lossHessian(w, b, data.x(), data.y(), LAMBDA);
    assertClose(closedFormHessian(), generated.hessian(), 1e-12);
    double[] g = closedFormGradient();
    for (int j = 0; j < g.length; j++) {
      assertEquals(g[j], generated.gradient()[j], 1e-13, "gradient[" + j + "]");
    }
    assertEquals(LogisticRegression.loss(w, b, data.x(), data.y(), LAMBDA), generated.value(),
        0.0);
  }

  @Test
  void hessianMatchesDifferencesOfTheGeneratedGradient() {
    int d = w.length;
    double[] p = Arrays.copyOf(w, d + 1);
    p[d] = b;
    double[][] numeric =
        Hessians.hessianFromGradientRichardson(
            q -> {
              LogisticRegressionDerivatives.LossGradient g =
                  LogisticRegressionDerivatives.lossGradient(
                      Arrays.copyOf(q, d), q[d], data.x(), data.y(), LAMBDA);
              double[] flat = Arrays.copyOf(g.w(), d + 1);
              flat[d] = g.b();
              return flat;
            },
            p);
    double[][] generated =
        LogisticRegressionDerivatives.lossHessian(w, b, data.x(), data.y(), LAMBDA).hessian();
    assertClose(numeric, generated, 1e-9);
  }

  @Test
  void hessianIsSymmetricToRounding() {
    double[][] h =
        LogisticRegressionDerivatives.lossHessian(w, b, data.x(), data.y(), LAMBDA).hessian();
    double scale = largest(h);
    for (int i = 0; i < h.length; i++) {
      for (int j = 0; j < i; j++) {
        assertEquals(h[i][j], h[j][i], 1e-14 * scale, "H[" + i + "][" + j + "] vs H[j][i]");
      }
    }
  }

  @Test
  void reusedProblemGivesTheClosedFormHessianAndProducts() {
    LogisticProblem problem = new LogisticProblem(data, LAMBDA);
    int n = problem.dimension();
    double[] p = Arrays.copyOf(w, n);
    p[n - 1] = b;
    double[][] closed = closedFormHessian();
    double[] gradient = new double[n];
    double[][] hessian = new double[n][n];
    Random random = new Random(11);
    for (int round = 0; round < 3; round++) { // the workspaces are reused from call to call
      problem.hessian(p, gradient, hessian);
      assertClose(closed, hessian, 1e-12);
      double[] v = new double[n];
      for (int j = 0; j < n; j++) {
        v[j] = random.nextGaussian();
      }
      double[] hv = new double[n];
      problem.hessianVector(p, v, hv);
      double scale = 0;
      for (int i = 0; i < n; i++) {
        double expected = 0;
        for (int j = 0; j < n; j++) {
          expected += closed[i][j] * v[j];
          scale = Math.max(scale, Math.abs(closed[i][j] * v[j]));
        }
        assertEquals(expected, hv[i], 1e-12 * scale * n, "(H v)[" + i + "]");
      }
      double[] g = new double[n];
      problem.gradient(p, g);
      assertTrue(Arrays.equals(gradient, g) || maxDifference(gradient, g) < 1e-15,
          "gradient from the pullback and from lossHessian");
    }
  }

  @Test
  void convenientHvpMatchesTheClosedForm() {
    int d = w.length;
    double[] v = new double[d];
    Arrays.fill(v, 0.25);
    double vb = -1;
    LogisticRegressionDerivatives.LossHvp hvp =
        LogisticRegressionDerivatives.lossHvp(w, b, data.x(), data.y(), LAMBDA, v, vb);
    double[][] closed = closedFormHessian();
    double[] direction = Arrays.copyOf(v, d + 1);
    direction[d] = vb;
    for (int i = 0; i <= d; i++) {
      double expected = 0;
      for (int j = 0; j <= d; j++) {
        expected += closed[i][j] * direction[j];
      }
      double actual = i < d ? hvp.wHvp()[i] : hvp.bHvp();
      assertEquals(expected, actual, 1e-12 * Math.max(1, Math.abs(expected)), "(H v)[" + i + "]");
    }
  }

  private static double maxDifference(double[] a, double[] b) {
    double max = 0;
    for (int i = 0; i < a.length; i++) {
      max = Math.max(max, Math.abs(a[i] - b[i]));
    }
    return max;
  }
}
