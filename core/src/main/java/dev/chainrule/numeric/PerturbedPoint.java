package dev.chainrule.numeric;

/**
 * The caller's point {@code x}, perturbed in place during a finite-difference computation and
 * restored to its original bits (including the sign of {@code -0.0} and NaN payloads, which are
 * never written) afterwards.
 */
final class PerturbedPoint {

  final double[] x;
  private final long[] bits;

  PerturbedPoint(double[] x) {
    this.x = x;
    this.bits = new long[x.length];
    for (int k = 0; k < x.length; k++) {
      bits[k] = Double.doubleToRawLongBits(x[k]);
    }
  }

  /** Coordinate {@code k} as the caller passed it. */
  double original(int k) {
    return Double.longBitsToDouble(bits[k]);
  }

  void set(int k, double value) {
    x[k] = value;
  }

  void restore(int k) {
    x[k] = Double.longBitsToDouble(bits[k]);
  }

  /** Restores every coordinate that differs from the original; the others are not written. */
  void restoreAll() {
    for (int k = 0; k < x.length; k++) {
      if (Double.doubleToRawLongBits(x[k]) != bits[k]) {
        restore(k);
      }
    }
  }
}
