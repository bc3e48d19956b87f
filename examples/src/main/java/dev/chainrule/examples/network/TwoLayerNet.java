package dev.chainrule.examples.network;

import dev.chainrule.CheckPoints;
import dev.chainrule.Differentiable;
import dev.chainrule.NoDerivative;
import dev.chainrule.examples.chapter.Layers;

/**
 * The chapter's two-layer network: {@code x → Affine(W1, b1) → Sigmoid → Affine(W2, b2) →
 * Softmax-with-loss}, built from the chapter's {@link Layers}. Its mini-batch loss is one {@code
 * @Differentiable} method; ChainRule generates its gradient (the backward pass the chapter writes
 * by hand layer by layer) in {@code TwoLayerNetDerivatives}, chaining the layers' own generated
 * pullbacks where the loss calls them.
 */
public final class TwoLayerNet {
  private TwoLayerNet() {}

  /**
   * The mean cross-entropy loss of the network over a mini-batch, plus the L2 weight decay {@code
   * ½ λ (‖W1‖² + ‖W2‖²)}.
   *
   * @param w1 first-layer weights, inputs × hidden
   * @param b1 first-layer biases, one per hidden unit
   * @param w2 second-layer weights, hidden × classes
   * @param b2 second-layer biases, one per class
   * @param x the mini-batch, one input row per example
   * @param t the one-hot targets, one row of {@code classes} values per example
   * @param weightDecay λ, the strength of the L2 penalty (0 for none)
   * @return the loss
   */
  @Differentiable
  // w1: 3 × 2, b1: 2, w2: 2 × 2, b2: 2, x: 4 × 3, t: 4 × 2
  @CheckPoints(lengths = {3, 2, 2, 2, 2, 2, 4, 3, 4, 2})
  public static double loss(
      double[][] w1,
      double[] b1,
      double[][] w2,
      double[] b2,
      @NoDerivative double[][] x,
      @NoDerivative double[][] t,
      @NoDerivative double weightDecay) {
    int batch = x.length;
    int inputs = w1.length;
    int hidden = b1.length;
    int classes = b2.length;
    double[][] h = new double[batch][hidden];
    double[][] scores = new double[batch][classes];
    double total = 0;
    for (int n = 0; n < batch; n++) {
      double[] xn = x[n];
      // Affine, then Sigmoid.
      for (int j = 0; j < hidden; j++) {
        double a = b1[j];
        for (int i = 0; i < inputs; i++) {
          a += xn[i] * w1[i][j];
        }
        h[n][j] = Layers.sigmoid(a);
      }
      // Affine.
      for (int k = 0; k < classes; k++) {
        double s = b2[k];
        for (int j = 0; j < hidden; j++) {
          s += h[n][j] * w2[j][k];
        }
        scores[n][k] = s;
      }
      // Softmax-with-loss.
      total += Layers.softmaxCrossEntropy(scores[n], t[n]);
    }
    double penalty = 0;
    for (int i = 0; i < inputs; i++) {
      for (int j = 0; j < hidden; j++) {
        penalty += w1[i][j] * w1[i][j];
      }
    }
    for (int j = 0; j < hidden; j++) {
      for (int k = 0; k < classes; k++) {
        penalty += w2[j][k] * w2[j][k];
      }
    }
    return total / batch + 0.5 * weightDecay * penalty;
  }
}
