package dev.chainrule.spark;

import static org.junit.jupiter.api.Assertions.fail;

/** Relative comparisons of numbers and vectors, with messages that say where they differ. */
final class Close {
  private Close() {}

  /** {@code |actual − expected| ≤ tol · max(|expected|, |actual|)} (so both zero passes). */
  static void relative(double expected, double actual, double tol, String what) {
    double scale = Math.max(Math.abs(expected), Math.abs(actual));
    if (!(Math.abs(actual - expected) <= tol * scale)) {
      fail(what + ": expected " + expected + ", got " + actual + " (relative error "
          + Math.abs(actual - expected) / scale + " > " + tol + ")");
    }
  }

  /** Every component relative to itself, as {@link #relative(double, double, double, String)}. */
  static void componentwise(double[] expected, double[] actual, double tol, String what) {
    sameLength(expected, actual, what);
    for (int j = 0; j < expected.length; j++) {
      relative(expected[j], actual[j], tol, what + "[" + j + "]");
    }
  }

  /** {@code max_j |actual_j − expected_j| ≤ tol · max_j |expected_j|} (norm-wise relative). */
  static void normwise(double[] expected, double[] actual, double tol, String what) {
    sameLength(expected, actual, what);
    double scale = 0;
    double worst = 0;
    int at = 0;
    for (int j = 0; j < expected.length; j++) {
      scale = Math.max(scale, Math.abs(expected[j]));
      double e = Math.abs(actual[j] - expected[j]);
      if (!(e <= worst)) {
        worst = e;
        at = j;
      }
    }
    if (!(worst <= tol * scale)) {
      fail(what + ": component " + at + " expected " + expected[at] + ", got " + actual[at]
          + " (error " + worst + " > " + tol + " × max norm " + scale + ")");
    }
  }

  private static void sameLength(double[] expected, double[] actual, String what) {
    if (expected.length != actual.length) {
      fail(what + ": " + expected.length + " components expected, " + actual.length + " given");
    }
  }
}
