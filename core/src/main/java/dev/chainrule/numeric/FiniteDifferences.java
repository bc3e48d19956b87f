package dev.chainrule.numeric;

import java.util.Objects;
import java.util.function.DoubleUnaryOperator;
import java.util.function.ToDoubleFunction;

/**
 * Numerical derivatives by finite differences: the independent oracle that analytic (generated)
 * gradients are checked against.
 *
 * <p>Two schemes are offered, both based on the central difference {@code (f(x + h) - f(x - h)) /
 * 2h}:
 *
 * <table class="striped">
 *   <caption>Schemes</caption>
 *   <thead>
 *     <tr><th>method</th><th>evaluations of {@code f} per component</th>
 *         <th>typical relative accuracy (smooth, well-scaled {@code f})</th></tr>
 *   </thead>
 *   <tbody>
 *     <tr><td>{@link #gradient}, {@link #derivative}</td><td>exactly 2</td>
 *         <td>about {@code 1e-8} to {@code 1e-10}</td></tr>
 *     <tr><td>{@link #gradientRichardson}, {@link #derivativeRichardson}</td>
 *         <td>typically 12 to 20; at least 4, at most 80</td>
 *         <td>about {@code 1e-11} to {@code 1e-14}</td></tr>
 *   </tbody>
 * </table>
 *
 * <p>"Relative" means relative to {@code max(1, |f'|)}: like any finite-difference method, these
 * give an <em>absolute</em> error of order {@code 1e-10} on derivatives that are much smaller than
 * one, and cannot resolve a derivative of {@code 1e-12} to many digits. Accuracy also degrades when
 * {@code f} is badly scaled or rough: the truncation error grows with the higher derivatives of
 * {@code f} (a singularity close to {@code x}, such as {@code log} at {@code x = 0.001}, costs the
 * plain central difference several digits: about {@code 1e-5} there), and the rounding error grows
 * with {@code |f(x)|} (a derivative computed from large, nearly cancelling values of {@code f}
 * loses the digits that cancel). The Richardson variant is much less sensitive to both.
 *
 * <h2>Step size</h2>
 *
 * Steps scale with the magnitude of the coordinate, {@code h = c × max(1, |x|)}, so that the same
 * relative accuracy is reached at {@code x = 1e8} as at {@code x = 1}, and a coordinate near zero
 * (even {@code 1e-12} or {@code -0.0}) still gets a step of useful size. Every step is adjusted so
 * that the perturbed points are exactly representable ({@code h = (x + h) - x}), and the difference
 * quotient divides by the distance actually stepped, so no rounding of the step enters the result.
 *
 * <h2>Contract for the vector methods</h2>
 *
 * The gradient methods perturb the caller's array {@code x} in place, one component at a time, and
 * pass that same array to {@code f}; this avoids a copy per evaluation and lets {@code f} capture
 * {@code x} if it wishes. Each perturbed component is restored to its original bits (including the
 * sign of {@code -0.0}) before the next one is perturbed and before the method returns, also when
 * {@code f} throws: the exception propagates unchanged, and {@code x} is as the caller passed it.
 * {@code f} must not modify its argument, and it must be deterministic: it is called many times at
 * nearby points, and its results are compared.
 *
 * <h2>Non-finite values</h2>
 *
 * These methods never throw because of NaN or infinity. A component whose coordinate {@code x[i]}
 * is NaN or infinite, or whose difference quotient cannot be formed from finite values ({@code f}
 * returns NaN or an infinity at a perturbed point, or the perturbed coordinate overflows), comes
 * out as {@code NaN}. In particular a derivative that is "infinite" because {@code f} is infinite
 * next to {@code x} is reported as {@code NaN}, never as an infinity, so that callers need a single
 * test ({@link Double#isFinite}) to detect that no numerical derivative is available. Other
 * components are computed as usual (though a NaN coordinate typically makes {@code f} NaN
 * everywhere, and so every component NaN). {@link #derivativeRichardson} and {@link
 * #gradientRichardson} first retry with smaller steps when {@code f} is not finite at their (large)
 * initial step, as happens when the step leaves {@code f}'s domain, e.g. {@code log} close to zero,
 * and give {@code NaN} only if no step works.
 *
 * <h2>Bad arguments</h2>
 *
 * A {@code null} function or array throws {@link NullPointerException} immediately, with the name
 * of the parameter ({@code "f"} or {@code "x"}) as its message. An empty {@code x} gives an empty
 * gradient without calling {@code f}.
 *
 * <p>This class is stateless and thread-safe; the vector methods are as thread-safe as sharing
 * {@code x} is (do not let another thread read or write {@code x} during the call).
 *
 * <p>Its companions follow the same contract: {@link Jacobians} for vector-valued functions
 * (Jacobians, {@code J·v}, {@code wᵀJ}) and {@link Hessians} for second derivatives.
 */
public final class FiniteDifferences {

  /** Which finite-difference scheme to use; see {@link FiniteDifferences}. */
  public enum Scheme {
    /**
     * One central difference per component: 2 evaluations of {@code f}, relative accuracy about
     * {@code 1e-8} to {@code 1e-10}. See {@link FiniteDifferences#gradient}.
     */
    CENTRAL,
    /**
     * Richardson extrapolation of central differences: typically 12 to 20 evaluations of {@code f}
     * per component, relative accuracy about {@code 1e-11} to {@code 1e-14}. See {@link
     * FiniteDifferences#gradientRichardson}.
     */
    RICHARDSON;

    /**
     * The gradient of {@code f} at {@code x} by this scheme.
     *
     * @param f the function; must not modify its argument
     * @param x the point; perturbed during the call and restored exactly afterwards
     * @return a fresh array of partial derivatives, {@code NaN} where none could be formed
     * @throws NullPointerException if {@code f} or {@code x} is {@code null}
     */
    public double[] gradient(ToDoubleFunction<double[]> f, double[] x) {
      return this == CENTRAL
          ? FiniteDifferences.gradient(f, x)
          : FiniteDifferences.gradientRichardson(f, x);
    }

    /**
     * The derivative of {@code f} at {@code x} by this scheme.
     *
     * @param f the function
     * @param x the point
     * @return the derivative, or {@code NaN} if none could be formed
     * @throws NullPointerException if {@code f} is {@code null}
     */
    public double derivative(DoubleUnaryOperator f, double x) {
      return this == CENTRAL
          ? FiniteDifferences.derivative(f, x)
          : FiniteDifferences.derivativeRichardson(f, x);
    }
  }

  /** Machine epsilon, the gap between 1 and the next larger double (2.2e-16). */
  private static final double EPSILON = Math.ulp(1.0);

  /**
   * Relative step of the plain central difference: {@code cbrt(eps) ≈ 6.06e-6} balances truncation
   * error ({@code ~h²|f'''|/6}) against rounding error ({@code ~eps|f|/h}).
   */
  static final double CENTRAL_STEP = Math.cbrt(EPSILON);

  /** Relative initial step of the first Richardson tableau. */
  static final double RICHARDSON_INITIAL_STEP = 0.1;

  private FiniteDifferences() {}

  /**
   * The gradient of {@code f} at {@code x} by central differences.
   *
   * <p>Component {@code i} is {@code (f(x + h e_i) - f(x - h e_i)) / 2h} with {@code h = cbrt(eps)
   * × max(1, |x_i|) ≈ 6.06e-6 × max(1, |x_i|)}, adjusted so that {@code x_i ± h} are exactly
   * representable. The truncation error is of order {@code h²}, so for a smooth, well-scaled {@code
   * f} the result is accurate to about {@code 1e-8} to {@code 1e-10} relative to {@code max(1,
   * |∂f/∂x_i|)}. Prefer {@link #gradientRichardson} when checking gradients to tight tolerances.
   *
   * <p>Cost: exactly {@code 2n} evaluations of {@code f} for {@code n = x.length} (fewer if some
   * coordinates are not finite; none if {@code x} is empty).
   *
   * <p>{@code x} is perturbed in place and restored exactly, also if {@code f} throws; non-finite
   * values give {@code NaN} components. See the {@linkplain FiniteDifferences class documentation}.
   *
   * @param f the function; must not modify its argument
   * @param x the point; perturbed during the call and restored exactly afterwards
   * @return a fresh array of {@code x.length} partial derivatives, {@code NaN} where none could be
   *     formed
   * @throws NullPointerException if {@code f} or {@code x} is {@code null}
   */
  public static double[] gradient(ToDoubleFunction<double[]> f, double[] x) {
    Objects.requireNonNull(f, "f");
    Objects.requireNonNull(x, "x");
    double[] g = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      g[i] = partial(f, x, i, Scheme.CENTRAL);
    }
    return g;
  }

  /**
   * The derivative of {@code f} at {@code x} by a central difference: {@code (f(x + h) - f(x - h))
   * / 2h} with {@code h = cbrt(eps) × max(1, |x|) ≈ 6.06e-6 × max(1, |x|)}, adjusted so that {@code
   * x ± h} are exactly representable.
   *
   * <p>Accuracy: about {@code 1e-8} to {@code 1e-10} relative to {@code max(1, |f'(x)|)} for a
   * smooth, well-scaled {@code f}. Cost: exactly 2 evaluations of {@code f} (none if {@code x} is
   * not finite).
   *
   * @param f the function
   * @param x the point
   * @return the derivative; {@code NaN} if {@code x} is not finite, if {@code f} is NaN or infinite
   *     at {@code x ± h}, or if the quotient overflows
   * @throws NullPointerException if {@code f} is {@code null}
   */
  public static double derivative(DoubleUnaryOperator f, double x) {
    Objects.requireNonNull(f, "f");
    if (!Double.isFinite(x)) {
      return Double.NaN;
    }
    return centralDifference(f, x, CENTRAL_STEP * scale(x));
  }

  /**
   * The gradient of {@code f} at {@code x} by Richardson extrapolation of central differences, one
   * component at a time as in {@link #derivativeRichardson}.
   *
   * <p>Accuracy: typically {@code 1e-11} to {@code 1e-14} relative to {@code max(1, |∂f/∂x_i|)} for
   * smooth, well-scaled {@code f}. Cost per component: typically 12 to 20 evaluations of {@code f};
   * 4 to 6 if {@code f} is linear in {@code x_i}; at most 80 (when no tableau reaches the accepted
   * error estimate). See {@link #derivativeRichardson} for the algorithm.
   *
   * <p>{@code x} is perturbed in place and restored exactly, also if {@code f} throws; non-finite
   * values give {@code NaN} components. See the {@linkplain FiniteDifferences class documentation}.
   *
   * @param f the function; must not modify its argument
   * @param x the point; perturbed during the call and restored exactly afterwards
   * @return a fresh array of {@code x.length} partial derivatives, {@code NaN} where none could be
   *     formed
   * @throws NullPointerException if {@code f} or {@code x} is {@code null}
   */
  public static double[] gradientRichardson(ToDoubleFunction<double[]> f, double[] x) {
    Objects.requireNonNull(f, "f");
    Objects.requireNonNull(x, "x");
    double[] g = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      g[i] = partial(f, x, i, Scheme.RICHARDSON);
    }
    return g;
  }

  /**
   * The derivative of {@code f} at {@code x} by Richardson extrapolation of central differences
   * (Ridders' method).
   *
   * <p>Central differences {@code D(h)} are computed for the steps {@code h_k = h_0 / 1.4^k},
   * {@code k = 0, 1, ..., 9}, starting at {@code h_0 = 0.1 × max(1, |x|)}. Because the error of
   * {@code D(h)} is an even power series in {@code h}, a Neville tableau over these steps
   * eliminates the {@code h²}, {@code h⁴}, ... terms one after the other. Each extrapolated entry
   * comes with an error estimate (its distance to the two entries it was formed from), and the
   * entry with the smallest estimate is the tableau's result. The tableau stops early once its
   * latest extrapolation is worse than twice the best estimate, the sign that rounding error has
   * begun to dominate.
   *
   * <p>If the tableau's error estimate is above {@code 1e-10 × max(1, |result|)}, which happens
   * when {@code f} changes character within the initial step (a singularity or the edge of its
   * domain nearby) or is not finite there, the tableau is started again at a step ten times
   * smaller, up to four tableaus in all ({@code h_0} down to {@code 1e-4 × max(1, |x|)}, whose
   * smallest step is close to that of {@link #derivative}). The result with the smallest error
   * estimate over all tableaus is returned. A row at which {@code f} is not finite ends its
   * tableau.
   *
   * <p>Accuracy: typically {@code 1e-11} to {@code 1e-14} relative to {@code max(1, |f'(x)|)} for
   * smooth, well-scaled {@code f}; {@code log}, {@code tan} or {@code 1/x} even within {@code
   * 0.001} of their singularity still come out around {@code 1e-13}. Cost: typically 12 to 20
   * evaluations of {@code f}; 4 to 6 if {@code f} is linear; at most 80.
   *
   * @param f the function
   * @param x the point
   * @return the derivative; {@code NaN} if {@code x} is not finite or if no tableau had two
   *     consecutive steps with finite difference quotients
   * @throws NullPointerException if {@code f} is {@code null}
   */
  public static double derivativeRichardson(DoubleUnaryOperator f, double x) {
    Objects.requireNonNull(f, "f");
    if (!Double.isFinite(x)) {
      return Double.NaN;
    }
    return richardson(f, x);
  }

  /**
   * The central difference of {@code f} at {@code x} with (approximately) the step {@code h}: the
   * step is first adjusted so that {@code x + h} and {@code x - h} are exactly representable, and
   * the quotient divides by their actual distance. Package-private so tests can measure the
   * convergence order.
   *
   * @return the difference quotient, or {@code NaN} if it cannot be formed from finite values (or
   *     if {@code h} is too small to move {@code x})
   */
  static double centralDifference(DoubleUnaryOperator f, double x, double h) {
    double step = (x + h) - x; // the step x + h really takes: representable, so x + step is exact
    double xPlus = x + step;
    double xMinus = x - step;
    double width = xPlus - xMinus;
    if (!Double.isFinite(xPlus) || !Double.isFinite(xMinus) || !(width > 0)) {
      return Double.NaN;
    }
    double fPlus = f.applyAsDouble(xPlus);
    if (!Double.isFinite(fPlus)) {
      return Double.NaN;
    }
    double fMinus = f.applyAsDouble(xMinus);
    if (!Double.isFinite(fMinus)) {
      return Double.NaN;
    }
    return finiteOrNaN((fPlus - fMinus) / width);
  }

  /** Ridders' extrapolation with restarts; see {@link #derivativeRichardson}. */
  private static double richardson(DoubleUnaryOperator f, double x) {
    double[] result = new double[1];
    Ridders.extrapolate(
        (h, out) -> out[0] = centralDifference(f, x, h), RICHARDSON_INITIAL_STEP * scale(x), result);
    return result[0];
  }

  /**
   * Partial derivative {@code i} of {@code f} at {@code x}, perturbing {@code x[i]} in place and
   * restoring its original bits however the evaluation ends.
   */
  private static double partial(ToDoubleFunction<double[]> f, double[] x, int i, Scheme scheme) {
    double original = x[i];
    if (!Double.isFinite(original)) {
      return Double.NaN; // never written, so nothing to restore
    }
    long originalBits = Double.doubleToRawLongBits(original);
    DoubleUnaryOperator along =
        t -> {
          x[i] = t;
          return f.applyAsDouble(x);
        };
    try {
      return scheme == Scheme.CENTRAL
          ? centralDifference(along, original, CENTRAL_STEP * scale(original))
          : richardson(along, original);
    } finally {
      x[i] = Double.longBitsToDouble(originalBits);
    }
  }

  /** The magnitude steps are relative to: {@code max(1, |x|)}. */
  private static double scale(double x) {
    return Math.max(1.0, Math.abs(x));
  }

  private static double finiteOrNaN(double value) {
    return Double.isFinite(value) ? value : Double.NaN;
  }
}
