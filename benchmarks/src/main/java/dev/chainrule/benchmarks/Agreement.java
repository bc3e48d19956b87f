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
   * Relative tolerance for central finite differences against the hand adjoint, on top of their
   * rounding error (see {@link #requireFiniteDifferences}). Their truncation error, of order h²/6
   * times the third derivative with h ≈ 6e-6, is far below it for these smooth workloads.
   */
  public static final double FINITE_DIFFERENCES = 1e-6;

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

  /**
   * Throws unless the central finite differences {@code fd} of {@code f} at {@code x} agree with
   * the hand adjoint's gradient within their error model: component i may differ by {@link
   * #FINITE_DIFFERENCES} {@code × max(|r_i|, 1e-3 ‖r‖∞)} plus the rounding error of the difference
   * quotient, {@code 4 ε |f| / h_i}, where {@code h_i = cbrt(ε) max(1, |x_i|)} is the step {@code
   * FiniteDifferences.gradient} documents. The rounding term matters where |f| is large against
   * the gradient: Rosenbrock at n = 10000 has |f| ≈ 2·10⁶, so each quotient carries an absolute
   * error of order 10⁻⁵ that no step of this scheme avoids.
   *
   * @param what the workload, for the message
   * @param value f at x (from the hand adjoint)
   * @param reference the hand adjoint's gradient
   * @param fd the finite-difference gradient
   * @param x the point
   */
  public static void requireFiniteDifferences(String what, double value, double[] reference,
      double[] fd, double[] x) {
    if (reference.length != fd.length || fd.length != x.length) {
      throw new IllegalStateException(what + ": sizes differ");
    }
    double eps = Math.ulp(1.0);
    double cbrtEps = Math.cbrt(eps);
    double scale = 0;
    for (double r : reference) {
      scale = Math.max(scale, Math.abs(r));
    }
    double floor = 1e-3 * scale;
    for (int i = 0; i < fd.length; i++) {
      double h = cbrtEps * Math.max(1, Math.abs(x[i]));
      double allowed = FINITE_DIFFERENCES * Math.max(Math.abs(reference[i]), floor)
          + 4 * eps * Math.abs(value) / h;
      double diff = Math.abs(fd[i] - reference[i]);
      if (!(diff <= allowed)) {
        throw new IllegalStateException(what + ": finite difference " + i + " is " + fd[i]
            + ", the hand adjoint's " + reference[i] + ": off by " + diff + ", more than "
            + allowed + " allowed by the finite-difference error model");
      }
    }
  }
}
