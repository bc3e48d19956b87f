package dev.chainrule.benchmarks;

import dev.chainrule.Differentiable;
import dev.chainrule.NoDerivative;

/**
 * Workload 4: the two-layer network's mini-batch loss ({@code x → Affine → Sigmoid → Affine →
 * Softmax-with-loss}, plus L2 weight decay), the benchmark's own copy of the examples' {@code
 * TwoLayerNet.loss} and of the two layers it calls.
 */
public final class TwoLayerNet {
  private TwoLayerNet() {}

  /**
   * The logistic sigmoid.
   *
   * @param x the argument
   * @return {@code 1 / (1 + exp(−x))}
   */
  @Differentiable
  public static double sigmoid(double x) {
    return 1 / (1 + Math.exp(-x));
  }

  /**
   * Softmax followed by cross-entropy against {@code t}, shifted by the maximum score.
   *
   * @param a the scores
   * @param t the target distribution (one-hot in the benchmark)
   * @return the loss
   */
  @Differentiable
  public static double softmaxCrossEntropy(double[] a, @NoDerivative double[] t) {
    double max = a[0];
    for (int k = 1; k < a.length; k++) {
      max = Math.max(max, a[k]);
    }
    double sum = 0;
    double picked = 0;
    for (int k = 0; k < a.length; k++) {
      sum += Math.exp(a[k] - max);
      picked += t[k] * (a[k] - max);
    }
    return Math.log(sum) - picked;
  }

  /**
   * The mean cross-entropy over a mini-batch plus {@code ½ λ (‖W1‖² + ‖W2‖²)}.
   *
   * @param w1 first-layer weights, inputs × hidden
   * @param b1 first-layer biases
   * @param w2 second-layer weights, hidden × classes
   * @param b2 second-layer biases
   * @param x the mini-batch, one input row per example
   * @param t the one-hot targets
   * @param weightDecay λ
   * @return the loss
   */
  @Differentiable
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
      for (int j = 0; j < hidden; j++) {
        double a = b1[j];
        for (int i = 0; i < inputs; i++) {
          a += xn[i] * w1[i][j];
        }
        h[n][j] = sigmoid(a);
      }
      for (int k = 0; k < classes; k++) {
        double s = b2[k];
        for (int j = 0; j < hidden; j++) {
          s += h[n][j] * w2[j][k];
        }
        scores[n][k] = s;
      }
      total += softmaxCrossEntropy(scores[n], t[n]);
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
