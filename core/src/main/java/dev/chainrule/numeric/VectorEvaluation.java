package dev.chainrule.numeric;

import java.util.Arrays;

/** Evaluating vector functions: adapting, learning and checking the number of values. */
final class VectorEvaluation {

  private VectorEvaluation() {}

  static void requireLength(int m) {
    if (m < 0) {
      throw new IllegalArgumentException("m is negative: " + m);
    }
  }

  /** The number of values {@code f} returns at {@code x}: one evaluation. */
  static int lengthAt(VectorFunction f, double[] x) {
    double[] value = f.apply(x);
    if (value == null) {
      throw new NullPointerException("f returned null at x");
    }
    return value.length;
  }

  /**
   * {@code f} writing into a buffer, checking that it returns {@code m} values every time; {@code
   * expected} says why (e.g. "as at x").
   */
  static VectorFunction.Into adapt(VectorFunction f, int m, String expected) {
    return (x, out) -> {
      double[] value = f.apply(x);
      if (value == null) {
        throw new NullPointerException("f returned null");
      }
      if (value.length != m) {
        throw new IllegalArgumentException(
            "f returned "
                + value.length
                + " values where "
                + m
                + " were expected ("
                + expected
                + "): a vector function must return the same number of values at every point");
      }
      System.arraycopy(value, 0, out, 0, m);
    };
  }

  /** Evaluates {@code f} at {@code x} into {@code out}, which is filled with NaN first. */
  static void evaluate(VectorFunction.Into f, double[] x, double[] out) {
    Arrays.fill(out, Double.NaN);
    f.apply(x, out);
  }

  static double finiteOrNaN(double value) {
    return Double.isFinite(value) ? value : Double.NaN;
  }
}
