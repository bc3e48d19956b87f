package dev.chainrule.examples.newton;

import dev.chainrule.examples.digits.Digits;

/**
 * The images of two digits out of a {@link Digits} set, labelled 1 for the first digit and 0 for
 * the second: a binary classification task for {@link LogisticRegression}.
 *
 * @param x one row of {@value Digits#PIXELS} pixel values in [0, 1] per image (shared, not copied)
 * @param y 1 where the image shows {@code positive}, 0 where it shows {@code negative}
 * @param positive the digit labelled 1
 * @param negative the digit labelled 0
 */
public record BinaryDigits(double[][] x, double[] y, int positive, int negative) {

  /**
   * The images of {@code positive} and {@code negative} in {@code digits}, in their order there.
   *
   * @param digits the images
   * @param positive the digit labelled 1
   * @param negative the digit labelled 0, another one
   * @return the two digits' images
   * @throws IllegalArgumentException if the digits are equal or not 0..9, or neither occurs
   */
  public static BinaryDigits of(Digits digits, int positive, int negative) {
    if (positive == negative || positive < 0 || negative < 0 || positive >= Digits.CLASSES
        || negative >= Digits.CLASSES) {
      throw new IllegalArgumentException(
          "two different digits 0..9 are needed, not " + positive + " and " + negative);
    }
    int count = 0;
    for (int label : digits.labels()) {
      if (label == positive || label == negative) {
        count++;
      }
    }
    if (count == 0) {
      throw new IllegalArgumentException("no image shows " + positive + " or " + negative);
    }
    double[][] x = new double[count][];
    double[] y = new double[count];
    int k = 0;
    for (int i = 0; i < digits.size(); i++) {
      int label = digits.labels()[i];
      if (label == positive || label == negative) {
        x[k] = digits.inputs()[i];
        y[k] = label == positive ? 1 : 0;
        k++;
      }
    }
    return new BinaryDigits(x, y, positive, negative);
  }

  /**
   * The number of images.
   *
   * @return the number of images
   */
  public int size() {
    return y.length;
  }

  /**
   * The share of images the classifier {@code σ(w·x + b) > ½}, that is {@code w·x + b > 0},
   * labels correctly.
   *
   * @param p the parameters {@code (w[0], …, w[63], b)}
   * @return the accuracy, in [0, 1]
   */
  public double accuracy(double[] p) {
    int features = p.length - 1;
    int correct = 0;
    for (int i = 0; i < y.length; i++) {
      double z = p[features];
      for (int j = 0; j < features; j++) {
        z += p[j] * x[i][j];
      }
      if ((z > 0) == (y[i] == 1)) {
        correct++;
      }
    }
    return (double) correct / y.length;
  }
}
