package dev.chainrule.benchmarks;

/**
 * The check, outside the timed code, that every variant computes the same gradient as the
 * hand-written adjoint.
 *
 * <p>The error of a component is {@code |c − r| / max(|r|, 1e-3 ‖r‖∞)}: relative to the component
 * itself, except that components smaller than a thousandth of the largest are measured at that
 * scale (they are sums whose order differs between the variants, and a relative error on a
 * cancelled sum says nothing about the derivative).
 */
public final class Agreement {
  /** Tolerance for the exact methods (generated, Hipparchus, finmath) against the hand adjoint. */
  public static final double EXACT = 1e-6;

  /**
   * Tolerance for central finite differences against the hand adjoint: their step {@code h ≈
   * 6e-6 max(1, |x|)} gives a truncation error of order h² f''' and a rounding error of order eps
   * |f| / h, about 1e-10 relative for these smooth, well-scaled workloads, and up to 1e-7 where f
   * is large relative to its gradient (Rosenbrock at n = 10000 sums 10⁴ terms).
   */
  public static final double FINITE_DIFFERENCES = 1e-5;

  private Agreement() {}

  /**
   * @param reference the hand-written adjoint's gradient
   * @param candidate another variant's
   * @return the largest component error, as defined above
   */
  public static double error(double[] reference, double[] candidate) {
    if (reference.length != candidate.length) {
      throw new IllegalStateException(
          "gradient sizes differ: " + reference.length + " vs " + candidate.length);
    }
    double scale = 0;
    for (double r : reference) {
      scale = Math.max(scale, Math.abs(r));
    }
    double floor = 1e-3 * scale;
    double worst = 0;
    for (int i = 0; i < reference.length; i++) {
      double e = Math.abs(candidate[i] - reference[i]) / Math.max(Math.abs(reference[i]), floor);
      if (!(e <= worst)) {
        worst = e; // also catches NaN
      }
    }
    return worst;
  }

  /**
   * Throws unless {@code candidate} agrees with {@code reference} within {@code tolerance}; also
   * checks the values.
   *
   * @param what the variant and the workload, for the message
   * @param referenceValue the hand adjoint's value
   * @param reference the hand adjoint's gradient
   * @param candidateValue the variant's value ({@code NaN} if it computes none)
   * @param candidate the variant's gradient
   * @param tolerance the largest error allowed
   */
  public static void require(String what, double referenceValue, double[] reference,
      double candidateValue, double[] candidate, double tolerance) {
    double e = error(reference, candidate);
    if (!(e <= tolerance)) {
      throw new IllegalStateException(what + ": gradient differs from the hand-written adjoint by "
          + e + " (relative), more than " + tolerance);
    }
    if (!Double.isNaN(candidateValue)) {
      double v = Math.abs(candidateValue - referenceValue)
          / Math.max(Math.abs(referenceValue), Double.MIN_NORMAL);
      if (!(v <= EXACT)) {
        throw new IllegalStateException(what + ": value " + candidateValue
            + " differs from the hand-written adjoint's " + referenceValue);
      }
    }
  }
}
