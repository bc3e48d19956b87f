package dev.chainrule.examples.network;

import dev.chainrule.examples.chapter.Layers;
import dev.chainrule.examples.digits.Digits;
import java.util.Random;

/**
 * The parameters of a {@link TwoLayerNet}, with prediction and accuracy. The arrays are public so
 * that the generated gradient code and the optimiser work on them directly.
 */
public final class Network {
  /** First-layer weights, inputs × hidden. */
  public final double[][] w1;

  /** First-layer biases, one per hidden unit. */
  public final double[] b1;

  /** Second-layer weights, hidden × classes. */
  public final double[][] w2;

  /** Second-layer biases, one per class. */
  public final double[] b2;

  private Network(double[][] w1, double[] b1, double[][] w2, double[] b2) {
    this.w1 = w1;
    this.b1 = b1;
    this.w2 = w2;
    this.b2 = b2;
  }

  /**
   * A network with Xavier-initialised weights (normal, standard deviation {@code 1/√fan-in}, suited
   * to the sigmoid) and zero biases.
   *
   * @param inputs the number of inputs
   * @param hidden the number of hidden units
   * @param classes the number of classes
   * @param random the source of the initial weights
   * @return the network
   */
  public static Network initialised(int inputs, int hidden, int classes, Random random) {
    return new Network(
        gaussian(inputs, hidden, 1 / Math.sqrt(inputs), random),
        new double[hidden],
        gaussian(hidden, classes, 1 / Math.sqrt(hidden), random),
        new double[classes]);
  }

  private static double[][] gaussian(int rows, int columns, double scale, Random random) {
    double[][] m = new double[rows][columns];
    for (double[] row : m) {
      for (int c = 0; c < columns; c++) {
        row[c] = scale * random.nextGaussian();
      }
    }
    return m;
  }

  /**
   * The number of inputs.
   *
   * @return the number of inputs
   */
  public int inputs() {
    return w1.length;
  }

  /**
   * The number of hidden units.
   *
   * @return the number of hidden units
   */
  public int hidden() {
    return b1.length;
  }

  /**
   * The number of classes.
   *
   * @return the number of classes
   */
  public int classes() {
    return b2.length;
  }

  /**
   * The number of trainable values: all weights and biases.
   *
   * @return the number of parameters
   */
  public int parameterCount() {
    return inputs() * hidden() + hidden() + hidden() * classes() + classes();
  }

  /**
   * The mini-batch loss {@link TwoLayerNet#loss} at these parameters.
   *
   * @param batch the examples
   * @param weightDecay λ of the L2 penalty
   * @return the loss
   */
  public double loss(Digits batch, double weightDecay) {
    return TwoLayerNet.loss(w1, b1, w2, b2, batch.inputs(), batch.oneHot(), weightDecay);
  }

  /**
   * The most likely class of one input (the largest score: softmax does not change the order).
   *
   * @param input one input row
   * @param hiddenBuffer scratch space of {@link #hidden()} values
   * @return the predicted class
   */
  public int predict(double[] input, double[] hiddenBuffer) {
    for (int j = 0; j < b1.length; j++) {
      double a = b1[j];
      for (int i = 0; i < input.length; i++) {
        a += input[i] * w1[i][j];
      }
      hiddenBuffer[j] = Layers.sigmoid(a);
    }
    int best = 0;
    double bestScore = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < b2.length; k++) {
      double s = b2[k];
      for (int j = 0; j < b1.length; j++) {
        s += hiddenBuffer[j] * w2[j][k];
      }
      if (s > bestScore) {
        bestScore = s;
        best = k;
      }
    }
    return best;
  }

  /**
   * The fraction of {@code data} classified correctly.
   *
   * @param data labelled examples
   * @return the accuracy, in {@code [0, 1]}
   */
  public double accuracy(Digits data) {
    double[] hiddenBuffer = new double[hidden()];
    int correct = 0;
    for (int n = 0; n < data.size(); n++) {
      if (predict(data.inputs()[n], hiddenBuffer) == data.labels()[n]) {
        correct++;
      }
    }
    return (double) correct / data.size();
  }
}
