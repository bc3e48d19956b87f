package dev.chainrule.examples.chapter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.numeric.GradientCheck;
import dev.chainrule.numeric.Packing;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The layers' generated backward passes against the chapter's formulas, derived by hand. */
class LayersTest {
  private static final double TOLERANCE = 1e-12;

  @Test
  void reluPassesTheGradientWhereTheInputIsPositive() {
    double[] inputs = {-3.5, -1e-300, 0.0, -0.0, 1e-300, 0.25, 7.0};
    for (double x : inputs) {
      LayersDerivatives.ReluGradient g = LayersDerivatives.reluGradient(x);
      assertEquals(x > 0 ? x : 0, g.value(), 0.0, "relu(" + x + ")");
      assertEquals(x > 0 ? 1 : 0, g.x(), 0.0, "relu'(" + x + ")");
    }
  }

  @Test
  void sigmoidDerivativeIsYTimesOneMinusY() {
    for (double x = -8; x <= 8; x += 0.5) {
      double y = 1 / (1 + Math.exp(-x));
      LayersDerivatives.SigmoidGradient g = LayersDerivatives.sigmoidGradient(x);
      assertEquals(y, g.value(), TOLERANCE);
      assertEquals(y * (1 - y), g.x(), TOLERANCE, "sigmoid'(" + x + ")");
    }
  }

  @Test
  void affineBackwardIsTheChaptersMatrixProducts() {
    Random random = new Random(11);
    int inputs = 4;
    int outputs = 3;
    double[] x = gaussian(inputs, random);
    double[][] w = new double[inputs][];
    for (int i = 0; i < inputs; i++) {
      w[i] = gaussian(outputs, random);
    }
    double[] b = gaussian(outputs, random);
    double[] dout = gaussian(outputs, random);

    LayersDerivatives.AffineGradient g = LayersDerivatives.affineGradient(x, w, b, dout);

    double value = 0;
    for (int k = 0; k < outputs; k++) {
      double y = b[k];
      for (int i = 0; i < inputs; i++) {
        y += x[i] * w[i][k];
      }
      value += dout[k] * y;
    }
    assertEquals(value, g.value(), TOLERANCE);
    for (int i = 0; i < inputs; i++) {
      double dx = 0;
      for (int k = 0; k < outputs; k++) {
        dx += dout[k] * w[i][k]; // dx = dout · Wᵀ
        assertEquals(x[i] * dout[k], g.w()[i][k], TOLERANCE, "dW = xᵀ · dout"); // outer product
      }
      assertEquals(dx, g.x()[i], TOLERANCE, "dx");
    }
    for (int k = 0; k < outputs; k++) {
      assertEquals(dout[k], g.b()[k], TOLERANCE, "db = dout");
    }
  }

  @Test
  void softmaxWithLossBackwardIsYMinusT() {
    Random random = new Random(5);
    for (int trial = 0; trial < 10; trial++) {
      double[] a = gaussian(6, random);
      for (int k = 0; k < a.length; k++) {
        a[k] *= 5;
      }
      double[] t = new double[a.length];
      int label = random.nextInt(a.length);
      t[label] = 1;

      double max = Double.NEGATIVE_INFINITY;
      for (double score : a) {
        max = Math.max(max, score);
      }
      double sum = 0;
      for (double score : a) {
        sum += Math.exp(score - max);
      }
      LayersDerivatives.SoftmaxCrossEntropyGradient g =
          LayersDerivatives.softmaxCrossEntropyGradient(a, t);
      double y = Math.exp(a[label] - max) / sum;
      assertEquals(-Math.log(y), g.value(), 1e-12 * Math.max(1, -Math.log(y)), "loss");
      for (int k = 0; k < a.length; k++) {
        assertEquals(Math.exp(a[k] - max) / sum - t[k], g.a()[k], TOLERANCE, "y - t at " + k);
      }
    }
  }

  @Test
  void softmaxWithLossMatchesFiniteDifferencesAtATie() {
    // Two equal largest scores: the max node's tie rule must not change the gradient.
    double[] a = {2.0, 2.0, -1.0};
    double[] t = {0, 1, 0};
    Packing p = Packing.of(a);
    GradientCheck.compareRecord(
            LayersDerivatives.softmaxCrossEntropyGradient(a, t),
            v -> Layers.softmaxCrossEntropy(p.vector(v, 0), t),
            p)
        .assertWithin(1e-9);
  }

  private static double[] gaussian(int n, Random random) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = random.nextGaussian();
    }
    return v;
  }
}
