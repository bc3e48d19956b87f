package dev.chainrule.numeric;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The errors of many entries, relative to {@code max(1, |exact|)} (times an optional scale), with
 * the largest and the median: a measured accuracy to compare with the documented one. {@code
 * -Dchainrule.accuracy.print=true} prints the figures (the command is in {@code
 * JacobiansAccuracyTest}).
 */
final class ErrorStats {

  private final String what;
  private final List<Double> errors = new ArrayList<>();

  ErrorStats(String what) {
    this.what = what;
  }

  /** Records the errors of {@code actual} against {@code exact}, each divided by {@code scale}. */
  void add(double[][] actual, double[][] exact, double scale) {
    for (int i = 0; i < exact.length; i++) {
      add(actual[i], exact[i], scale);
    }
  }

  void add(double[] actual, double[] exact, double scale) {
    for (int i = 0; i < exact.length; i++) {
      double error = FiniteDifferencesTest.scaledError(actual[i], exact[i]) / scale;
      errors.add(Double.isNaN(error) ? Double.POSITIVE_INFINITY : error);
    }
  }

  double max() {
    return errors.isEmpty() ? 0 : Collections.max(errors);
  }

  double median() {
    List<Double> sorted = new ArrayList<>(errors);
    Collections.sort(sorted);
    return sorted.isEmpty() ? 0 : sorted.get(sorted.size() / 2);
  }

  /** Asserts the largest error is at most {@code maxBound} and the median at most {@code typical}. */
  void assertWithin(double maxBound, double typical) {
    if (Boolean.getBoolean("chainrule.accuracy.print")) {
      System.out.println(this);
    }
    assertTrue(max() <= maxBound, this::toString);
    assertTrue(median() <= typical, this::toString);
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT, "%s: %d entries, max error %.1e, median %.1e", what, errors.size(), max(), median());
  }
}
