package dev.chainrule.examples.report;

import java.math.BigDecimal;
import java.util.Locale;

/** Number formats for the console output, independent of the default locale. */
public final class Format {
  private Format() {}

  /**
   * A value with the given number of decimals.
   *
   * @param value the value
   * @param decimals digits after the point
   * @return e.g. {@code 715.0000}
   */
  public static String fixed(double value, int decimals) {
    return String.format(Locale.ROOT, "%." + decimals + "f", value);
  }

  /**
   * A value as Java source would write it, without an exponent or trailing zeros, e.g. {@code
   * 0.0001} or {@code 0.01}.
   *
   * @param value the value, finite
   * @return its text
   */
  public static String plain(double value) {
    return new BigDecimal(Double.toString(value)).stripTrailingZeros().toPlainString();
  }

  /**
   * A value in scientific notation with two decimals, e.g. {@code 3.41e-12}.
   *
   * @param value the value
   * @return its text
   */
  public static String scientific(double value) {
    return String.format(Locale.ROOT, "%.2e", value);
  }

  /**
   * A fraction as a percentage with two decimals, e.g. {@code 96.39%}.
   *
   * @param fraction the fraction, 1 for 100%
   * @return its text
   */
  public static String percent(double fraction) {
    return String.format(Locale.ROOT, "%.2f%%", 100 * fraction);
  }

  /**
   * A duration in a readable unit: microseconds, milliseconds or seconds.
   *
   * @param seconds the duration
   * @return e.g. {@code 12.3 us}, {@code 4.56 ms}, {@code 1.23 s}
   */
  public static String duration(double seconds) {
    if (seconds < 1e-3) {
      return String.format(Locale.ROOT, "%.1f us", seconds * 1e6);
    }
    if (seconds < 1) {
      return String.format(Locale.ROOT, "%.2f ms", seconds * 1e3);
    }
    return String.format(Locale.ROOT, "%.2f s", seconds);
  }

  /**
   * A whole number with thousands separators, e.g. {@code 4,874}.
   *
   * @param value the number
   * @return its text
   */
  public static String count(long value) {
    return String.format(Locale.ROOT, "%,d", value);
  }
}
