package dev.chainrule.maven.check;

import dev.chainrule.maven.check.MethodResult.Failure;
import dev.chainrule.numeric.FiniteDifferences.Scheme;
import dev.chainrule.numeric.GradientCheck.Report;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What one method's check found: the comparisons made, the largest relative error, and every
 * failure (at most a few per derivative), each as one sentence naming the method, the point, the
 * entry, the derivative, the generated and the reference value and their relative error.
 */
final class Findings {
  private static final int MAX_FAILURES_PER_DERIVATIVE = 5;

  private final String method;
  private final double tolerance;
  private final double modesTolerance;
  final List<Failure> failures = new ArrayList<>();
  int components;
  double maxError;
  private final Map<String, Integer> failuresPerDerivative = new HashMap<>();

  /** @param method {@code Class.method}, as messages begin */
  Findings(String method, double tolerance, double modesTolerance) {
    this.method = method;
    this.tolerance = tolerance;
    this.modesTolerance = modesTolerance;
  }

  /**
   * Compares generated values with numeric ones: the report by central differences first, and for
   * the entries that miss the tolerance by Richardson extrapolation before they count as failures.
   * An entry that no finite differences could form next to a generated value that is not finite
   * either is not compared (the method is not finite nearby).
   *
   * @param report the comparison by a scheme (core's GradientCheck, JacobianCheck, HessianCheck)
   * @param names what each entry is, for messages ({@code ∂polar[1]/∂theta})
   * @param reference what the numeric side is ({@code finite differences}), for messages
   */
  void compare(String derivative, String point, Function<Scheme, Report> report, List<String> names, String reference) {
    Report central = report.apply(Scheme.CENTRAL);
    requireSize(central, names, derivative);
    Report richardson = null;
    for (int i = 0; i < central.size(); i++) {
      Report r = central;
      if (!passes(r, i, tolerance) && !incomparable(r, i)) {
        richardson = richardson != null ? richardson : report.apply(Scheme.RICHARDSON);
        r = richardson;
      }
      record(derivative, point, r, i, names.get(i), tolerance, "but " + reference + " give " + r.numeric(i)
          + " (relative error " + format(r.relativeError(i)) + " > tolerance " + tolerance + ")");
    }
  }

  /**
   * Compares two generated results that must agree to rounding (the dot-product test of forward
   * and reverse mode, the symmetry of a Hessian): {@code report}'s "numeric" side is the other
   * result, {@code others} say what it is ({@code ⟨wᵀJ, v⟩ from polarPullback}).
   */
  void agree(String derivative, String point, Report report, List<String> names, List<String> others) {
    requireSize(report, names, derivative);
    for (int i = 0; i < report.size(); i++) {
      record(derivative, point, report, i, names.get(i), modesTolerance, "but " + others.get(i) + " is " + report.numeric(i)
          + " (relative error " + format(report.relativeError(i)) + " > " + modesTolerance
          + ", the tolerance between generated derivatives)");
    }
  }

  /** Counts entry {@code i} of {@code r}, and fails it beyond {@code limit} ({@code but} says against what). */
  private void record(String derivative, String point, Report r, int i, String entry, double limit, String but) {
    if (incomparable(r, i)) {
      return;
    }
    components++;
    double error = r.relativeError(i);
    if (!Double.isNaN(error)) {
      maxError = Math.max(maxError, error);
    }
    if (!passes(r, i, limit)) {
      fail(derivative, entry, point, r.analytic(i), r.numeric(i), error, entry + " from " + derivative + " is " + r.analytic(i)
          + ", " + but);
    }
  }

  /** The value a derivative gives must be the method's own, bit for bit. */
  void sameValue(String derivative, String point, Object generated, Object expected, String name) {
    if (!Shapes.same(generated, expected)) {
      fail(derivative, "value", point, Double.NaN, Double.NaN, Double.NaN, "the value from " + derivative + " is "
          + Shapes.text(generated) + ", not " + name + "'s own " + Shapes.text(expected));
    }
  }

  /** A failure that is not a comparison of numbers: {@code text} says what is wrong. */
  void problem(String derivative, String entry, String point, String text) {
    fail(derivative, entry, point, Double.NaN, Double.NaN, Double.NaN, text);
  }

  private void fail(String derivative, String entry, String point, double generated, double reference, double error,
      String text) {
    int count = failuresPerDerivative.merge(derivative, 1, Integer::sum);
    if (count > MAX_FAILURES_PER_DERIVATIVE) {
      return;
    }
    failures.add(new Failure(derivative, entry, point, generated, reference, error, method + " at (" + point + "): " + text));
  }

  private static boolean passes(Report r, int i, double tolerance) {
    return r.relativeError(i) <= tolerance;
  }

  /** No numeric value next to a generated value that is not finite either: nothing to compare. */
  private static boolean incomparable(Report r, int i) {
    return Double.isNaN(r.numeric(i)) && !Double.isFinite(r.analytic(i));
  }

  private static void requireSize(Report r, List<String> names, String derivative) {
    if (r.size() != names.size()) {
      throw new IllegalStateException(derivative + ": " + r.size() + " entries compared but " + names.size() + " named");
    }
  }

  private static String format(double error) {
    return String.format(java.util.Locale.ROOT, "%.3g", error);
  }
}
