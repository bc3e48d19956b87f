package dev.chainrule.examples.digits;

import java.util.Arrays;
import java.util.Objects;

/**
 * A set of 8×8 handwritten digits: one row of {@value #PIXELS} inputs per image (pixel
 * intensities 0..16 scaled to 0..1) and its label 0..9.
 *
 * @param inputs one row of {@value #PIXELS} values in {@code [0, 1]} per image
 * @param labels the digit shown by each image
 */
public record Digits(double[][] inputs, int[] labels) {
  /** Pixels per image (8 × 8). */
  public static final int PIXELS = 64;

  /** Number of classes (digits 0 to 9). */
  public static final int CLASSES = 10;

  /** The largest pixel value in the file; inputs are divided by it. */
  public static final int MAX_PIXEL = 16;

  /** Where the bundled data set lives on the class path. */
  public static final String RESOURCE = "/dev/chainrule/examples/digits/digits.csv.gz";

  /** Credit for the bundled data set, to print wherever it is used: two lines. */
  public static final String[] CREDIT_LINES = {
    "UCI \"Optical Recognition of Handwritten Digits\" (test set), by E. Alpaydin",
    "and C. Kaynak (1998), as redistributed with scikit-learn; licence CC BY 4.0."
  };

  /**
   * Checks that inputs and labels pair up.
   *
   * @throws IllegalArgumentException if their lengths differ
   */
  public Digits {
    Objects.requireNonNull(inputs, "inputs");
    Objects.requireNonNull(labels, "labels");
    if (inputs.length != labels.length) {
      throw new IllegalArgumentException(
          inputs.length + " inputs but " + labels.length + " labels");
    }
  }

  /**
   * The number of images.
   *
   * @return the number of images
   */
  public int size() {
    return labels.length;
  }

  /**
   * The labels as one-hot rows, as the chapter's softmax-with-loss layer takes them: row {@code
   * n} has a 1 at {@code labels[n]} and 0 elsewhere.
   *
   * @return a fresh matrix of {@link #size()} rows and {@value #CLASSES} columns
   */
  public double[][] oneHot() {
    double[][] targets = new double[labels.length][CLASSES];
    for (int n = 0; n < labels.length; n++) {
      targets[n][labels[n]] = 1;
    }
    return targets;
  }

  /**
   * The images at the given positions, in that order (the rows are shared, not copied).
   *
   * @param indices positions in this set
   * @return the selected images
   */
  public Digits select(int[] indices) {
    double[][] selectedInputs = new double[indices.length][];
    int[] selectedLabels = new int[indices.length];
    for (int i = 0; i < indices.length; i++) {
      selectedInputs[i] = inputs[indices[i]];
      selectedLabels[i] = labels[indices[i]];
    }
    return new Digits(selectedInputs, selectedLabels);
  }

  /**
   * The images from {@code from} (inclusive) to {@code to} (exclusive), sharing the rows.
   *
   * @param from the first position
   * @param to one past the last position
   * @return the images in that range
   */
  public Digits range(int from, int to) {
    return new Digits(Arrays.copyOfRange(inputs, from, to), Arrays.copyOfRange(labels, from, to));
  }
}
