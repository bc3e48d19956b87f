package dev.chainrule.examples.chapter;

import dev.chainrule.CheckPoints;
import dev.chainrule.Differentiable;
import dev.chainrule.NoDerivative;

/**
 * The chapter's layers as plain functions. Where the chapter writes a forward and a backward
 * method per layer by hand, here only the forward computation is written; ChainRule derives the
 * backward one at compile time.
 */
public final class Layers {
  private Layers() {}

  /**
   * ReLU: {@code x} where {@code x > 0}, else 0. Its derivative is 1 where {@code x > 0}, else 0
   * (also at 0).
   *
   * @param x the input
   * @return {@code max(x, 0)}
   */
  @Differentiable
  public static double relu(double x) {
    return x > 0 ? x : 0;
  }

  /**
   * Sigmoid: {@code 1 / (1 + exp(-x))}. Its derivative is {@code y (1 − y)} with {@code y} its
   * output.
   *
   * @param x the input
   * @return {@code σ(x)}
   */
  @Differentiable
  public static double sigmoid(double x) {
    return 1 / (1 + Math.exp(-x));
  }

  /**
   * An affine layer {@code y = x·W + b} (one input row, {@code W} of shape inputs × outputs)
   * followed by a weighted sum {@code Σ_k weights[k] y[k]}, so that the result is a scalar whose
   * gradient is the chapter's backward pass with {@code dout = weights}: {@code dW = xᵀ·dout},
   * {@code db = dout}, {@code dx = dout·Wᵀ}.
   *
   * @param x the input row
   * @param w the weights, inputs × outputs
   * @param b the biases, one per output
   * @param weights the upstream gradient {@code dout}, one per output
   * @return {@code Σ_k weights[k] (x·W + b)[k]}
   */
  @Differentiable
  @CheckPoints(lengths = {3, 3, 2, 2, 2}) // x: 3, w: 3 × 2, b: 2, weights: 2
  public static double affine(
      double[] x, double[][] w, double[] b, @NoDerivative double[] weights) {
    double total = 0;
    for (int k = 0; k < b.length; k++) {
      double y = b[k];
      for (int i = 0; i < x.length; i++) {
        y += x[i] * w[i][k];
      }
      total += weights[k] * y;
    }
    return total;
  }

  /**
   * Softmax followed by the cross-entropy loss against a one-hot target: {@code −Σ_k t[k] log
   * softmax(a)[k]}, computed stably as {@code log Σ exp(a − max) − Σ t[k] (a[k] − max)}. Its
   * gradient is the chapter's {@code y − t}.
   *
   * @param a the scores
   * @param t the one-hot target
   * @return the loss
   */
  @Differentiable
  @CheckPoints(lengths = {3, 3})
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
}
