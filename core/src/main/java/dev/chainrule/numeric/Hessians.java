package dev.chainrule.numeric;

import dev.chainrule.numeric.FiniteDifferences.Scheme;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * Numerical Hessians and Hessian-vector products of scalar functions {@code f: Rⁿ → R} by finite
 * differences, either of {@code f} itself or of a gradient function: the companion of {@link
 * FiniteDifferences} for second derivatives, and the oracle that generated Hessians and HVPs are
 * checked against ({@link HessianCheck}).
 *
 * <table class="striped">
 *   <caption>Methods</caption>
 *   <thead>
 *     <tr><th>method</th><th>differences of</th><th>evaluations</th>
 *         <th>typical accuracy (smooth {@code f})</th></tr>
 *   </thead>
 *   <tbody>
 *     <tr><td>{@link #hessian}</td><td>{@code f} (second differences)</td>
 *         <td>{@code 1 + 2n²} of {@code f}</td>
 *         <td>{@code 1e-7} to {@code 1e-9} × {@code max(1, |f(x)|)}</td></tr>
 *     <tr><td>{@link #hessianRichardson}</td><td>{@code f} (second differences)</td>
 *         <td>typically 10 to 30 of {@code f} per entry of the upper triangle</td>
 *         <td>{@code 1e-11} to {@code 1e-13} × {@code max(1, |f(x)|)}</td></tr>
 *     <tr><td>{@link #hessianFromGradient}</td><td>the gradient</td>
 *         <td>{@code 2n} of the gradient</td><td>{@code 1e-9} to {@code 1e-12}</td></tr>
 *     <tr><td>{@link #hessianFromGradientRichardson}</td><td>the gradient</td>
 *         <td>typically 12 to 20 of the gradient per column, at most 80</td>
 *         <td>{@code 1e-12} to {@code 1e-15}</td></tr>
 *     <tr><td>{@link #hvp}</td><td>the gradient, along {@code v}</td>
 *         <td>2 of the gradient</td><td>{@code 1e-10} to {@code 1e-12}</td></tr>
 *     <tr><td>{@link #hvpRichardson}</td><td>the gradient, along {@code v}</td>
 *         <td>typically 12 to 20 of the gradient, at most 80</td>
 *         <td>{@code 1e-13} to {@code 1e-15}</td></tr>
 *   </tbody>
 * </table>
 *
 * <p>Accuracy is relative to {@code max(1, |entry|)} (for {@code H·v}, to its largest entry), as
 * in {@link FiniteDifferences}; the gradient is assumed exact. Second differences of {@code f}
 * divide by {@code h²}, so their rounding error, about {@code eps |f| / h²}, is proportional to
 * {@code |f(x)|} rather than to the entry: near a minimum of a function of order one that is
 * harmless, but Rosenbrock's function at {@code |f| ≈ 1e3} gets only {@code 1e-5} from {@link
 * #hessian} on its entries of order one. Differences of a gradient do not suffer from this, and
 * Richardson extrapolation mostly recovers from it. Measured at 25 random points each against
 * Hipparchus' derivative structures of order 2 ({@code HessiansAccuracyTest}; quadratic forms,
 * Rosenbrock, log-sum-exp and logistic loss against closed forms in {@code HessiansTest}), the
 * largest errors were: {@link #hessian} 3.3e-8 × {@code max(1, |f|)} (medians 3e-13 to 2e-9),
 * {@link #hessianRichardson} 4.0e-12 × {@code max(1, |f|)}, {@link #hessianFromGradient} 3.0e-9,
 * {@link #hessianFromGradientRichardson} 2.0e-12, {@link #hvp} 1.9e-10, {@link #hvpRichardson}
 * 1.3e-13.
 *
 * <h2>Steps and formulas</h2>
 *
 * Second differences of {@code f} perturb each coordinate by {@code ±h_i}, adjusted so that the
 * perturbed coordinates are exactly representable, with {@code h_i = eps^(1/4) × max(1, |x_i|) ≈
 * 1.22e-4 × max(1, |x_i|)} for {@link #hessian} (balancing truncation, {@code ~h²|f''''|/12},
 * against rounding, {@code ~4 eps |f| / h²}), and from {@code 0.1 × max(1, |x_i|)} down for {@link
 * #hessianRichardson} (Ridders' method, as in {@link FiniteDifferences#derivativeRichardson}; the
 * error of both formulas is an even power series in the step). With {@code a} and {@code b} the
 * distances actually stepped up and down:
 *
 * <pre>{@code
 * H_ii = 2 (b (f(x + a e_i) - f(x)) + a (f(x - b e_i) - f(x))) / (a b (a + b))
 * H_ij = (f(+a_i, +a_j) - f(+a_i, -b_j) - f(-b_i, +a_j) + f(-b_i, -b_j)) / ((a_i + b_i)(a_j + b_j))
 * }</pre>
 *
 * <p>so the result is symmetric by construction. Differences of a gradient are the Jacobian of the
 * gradient ({@link Jacobians#jacobian(VectorFunction.Into, int, double[])}, steps as there), which
 * rounding and truncation leave slightly asymmetric: the methods return its {@linkplain #symmetrize
 * symmetric part}, which is more accurate than either triangle; {@link HessianCheck} reports the
 * asymmetry before symmetrizing. Hessian-vector products are {@link Jacobians#jvp
 * Jacobian-vector products} of the gradient.
 *
 * <h2>Contract, non-finite values, bad arguments</h2>
 *
 * As in {@link FiniteDifferences} and {@link Jacobians}: {@code x} is perturbed in place (at most
 * two coordinates at a time for second differences) and restored exactly, also when a function
 * throws; an entry that cannot be formed from finite values is {@code NaN} (row and column {@code
 * i} when {@code x_i} is not finite; the diagonal when {@code f(x)} is not finite); a {@code null}
 * argument throws {@link NullPointerException} naming it. A gradient function must return {@code
 * x.length} values, else {@link IllegalArgumentException}.
 */
public final class Hessians {

  /**
   * Relative step of central second differences: {@code eps^(1/4) ≈ 1.22e-4} balances truncation
   * error ({@code ~h²|f''''|/12}) against rounding error ({@code ~4 eps |f| / h²}).
   */
  static final double SECOND_DIFFERENCE_STEP = Math.sqrt(Math.sqrt(Math.ulp(1.0)));

  private Hessians() {}

  /**
   * The Hessian of {@code f} at {@code x} by central second differences of {@code f}; see the
   * {@linkplain Hessians class documentation} for the formulas and the step {@code eps^(1/4) ×
   * max(1, |x_i|)}. Cost: exactly {@code 1 + 2n²} evaluations of {@code f} (none if {@code x} is
   * empty). Accuracy about {@code 1e-7} to {@code 1e-9} times {@code max(1, |f(x)|)}; prefer
   * {@link #hessianRichardson}, or differences of a gradient, to check Hessians to tight
   * tolerances.
   *
   * @param f the function; must not modify its argument
   * @param x the point; perturbed during the call and restored exactly afterwards
   * @return a fresh symmetric {@code double[n][n]}, {@code NaN} where no entry could be formed
   * @throws NullPointerException if {@code f} or {@code x} is {@code null}
   */
  public static double[][] hessian(ToDoubleFunction<double[]> f, double[] x) {
    return hessian(f, x, Scheme.CENTRAL);
  }

  /**
   * The Hessian of {@code f} at {@code x} by Richardson extrapolation (Ridders' method) of central
   * second differences of {@code f}, one tableau per entry of the upper triangle. Cost: typically
   * 10 to 30 evaluations of {@code f} per entry ({@code n(n + 1)/2} entries), at most 80 for a
   * diagonal and 160 for an off-diagonal entry. Accuracy about {@code 1e-11} to {@code 1e-13}
   * times {@code max(1, |f(x)|)}.
   *
   * @param f the function; must not modify its argument
   * @param x the point; perturbed during the call and restored exactly afterwards
   * @return a fresh symmetric {@code double[n][n]}, {@code NaN} where no entry could be formed
   * @throws NullPointerException if {@code f} or {@code x} is {@code null}
   */
  public static double[][] hessianRichardson(ToDoubleFunction<double[]> f, double[] x) {
    return hessian(f, x, Scheme.RICHARDSON);
  }

  /**
   * The Hessian by central differences of the gradient function {@code gradient} (the Jacobian of
   * the gradient), symmetrized. Cost: exactly {@code 2n} evaluations of {@code gradient}.
   * Accuracy about {@code 1e-9} to {@code 1e-12} if {@code gradient} is exact.
   *
   * @param gradient the gradient of the function, {@code Rⁿ → Rⁿ}; must not modify its argument
   * @param x the point; perturbed during the call and restored exactly afterwards
   * @return a fresh symmetric {@code double[n][n]}, {@code NaN} where no entry could be formed
   * @throws NullPointerException if an argument is {@code null}, or {@code gradient} returns
   *     {@code null}
   * @throws IllegalArgumentException if {@code gradient} returns other than {@code n} values
   */
  public static double[][] hessianFromGradient(VectorFunction gradient, double[] x) {
    return symmetrize(jacobianOfGradient(gradient, x, Scheme.CENTRAL));
  }

  /**
   * The Hessian by Richardson extrapolation of central differences of the gradient function
   * ({@link Jacobians#jacobianRichardson(VectorFunction.Into, int, double[])}), symmetrized. Cost:
   * typically 12 to 20 evaluations of {@code gradient} per column, at most 80. Accuracy about
   * {@code 1e-12} to {@code 1e-15} if {@code gradient} is exact: the most accurate Hessian here.
   *
   * @param gradient the gradient of the function, {@code Rⁿ → Rⁿ}; must not modify its argument
   * @param x the point; perturbed during the call and restored exactly afterwards
   * @return a fresh symmetric {@code double[n][n]}, {@code NaN} where no entry could be formed
   * @throws NullPointerException if an argument is {@code null}, or {@code gradient} returns
   *     {@code null}
   * @throws IllegalArgumentException if {@code gradient} returns other than {@code n} values
   */
  public static double[][] hessianFromGradientRichardson(VectorFunction gradient, double[] x) {
    return symmetrize(jacobianOfGradient(gradient, x, Scheme.RICHARDSON));
  }

  /**
   * The Hessian-vector product {@code H·v = d/dt ∇f(x + t v)} at {@code t = 0} by one central
   * difference of the gradient along {@code v} (steps as in {@link Jacobians#jvp(VectorFunction,
   * double[], double[])}). Cost: exactly 2 evaluations of {@code gradient}. Accuracy about {@code
   * 1e-10} to {@code 1e-12} if {@code gradient} is exact.
   *
   * @param gradient the gradient of the function, {@code Rⁿ → Rⁿ}; must not modify its argument
   * @param x the point; perturbed during the call and restored exactly afterwards
   * @param v the direction, of the length of {@code x}; not modified
   * @return a fresh array of {@code n} values, {@code NaN} where none could be formed
   * @throws NullPointerException if an argument is {@code null}, or {@code gradient} returns
   *     {@code null}
   * @throws IllegalArgumentException if {@code v} and {@code x} differ in length, or {@code
   *     gradient} returns other than {@code n} values
   */
  public static double[] hvp(VectorFunction gradient, double[] x, double[] v) {
    return hvp(gradient, x, v, Scheme.CENTRAL);
  }

  /**
   * The Hessian-vector product {@code H·v} by Richardson extrapolation of central differences of
   * the gradient along {@code v}. Cost: typically 12 to 20 evaluations of {@code gradient}, at
   * most 80. Accuracy about {@code 1e-13} to {@code 1e-15} if {@code gradient} is exact.
   *
   * @param gradient the gradient of the function, {@code Rⁿ → Rⁿ}; must not modify its argument
   * @param x the point; perturbed during the call and restored exactly afterwards
   * @param v the direction, of the length of {@code x}; not modified
   * @return a fresh array of {@code n} values, {@code NaN} where none could be formed
   * @throws NullPointerException if an argument is {@code null}, or {@code gradient} returns
   *     {@code null}
   * @throws IllegalArgumentException if {@code v} and {@code x} differ in length, or {@code
   *     gradient} returns other than {@code n} values
   */
  public static double[] hvpRichardson(VectorFunction gradient, double[] x, double[] v) {
    return hvp(gradient, x, v, Scheme.RICHARDSON);
  }

  /**
   * The symmetric part {@code (H + Hᵀ) / 2} of a square matrix.
   *
   * @param h a square matrix; not modified
   * @return a fresh symmetric matrix (NaN where either of {@code h[i][j]}, {@code h[j][i]} is)
   * @throws NullPointerException if {@code h} or a row is {@code null}
   * @throws IllegalArgumentException if {@code h} is not square
   */
  public static double[][] symmetrize(double[][] h) {
    int n = requireSquare(h);
    double[][] symmetric = new double[n][n];
    for (int i = 0; i < n; i++) {
      symmetric[i][i] = h[i][i];
      for (int j = i + 1; j < n; j++) {
        double mean = 0.5 * h[i][j] + 0.5 * h[j][i];
        symmetric[i][j] = mean;
        symmetric[j][i] = mean;
      }
    }
    return symmetric;
  }

  /**
   * How far a square matrix is from symmetric: the largest {@code |h[i][j] - h[j][i]| / max(1,
   * |h[i][j]|, |h[j][i]|)} over {@code i < j}, the relative error of {@link GradientCheck}.
   *
   * @param h a square matrix; not modified
   * @return the asymmetry: {@code 0} for a symmetric matrix, {@code NaN} if an off-diagonal entry
   *     is not finite
   * @throws NullPointerException if {@code h} or a row is {@code null}
   * @throws IllegalArgumentException if {@code h} is not square
   */
  public static double asymmetry(double[][] h) {
    int n = requireSquare(h);
    double worst = 0;
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        double e = asymmetry(h[i][j], h[j][i]);
        if (Double.isNaN(e)) {
          return Double.NaN;
        }
        worst = Math.max(worst, e);
      }
    }
    return worst;
  }

  /** The relative difference of a pair of mirrored entries, NaN if either is not finite. */
  static double asymmetry(double upper, double lower) {
    if (!Double.isFinite(upper) || !Double.isFinite(lower)) {
      return Double.NaN;
    }
    return Math.abs(upper - lower) / Math.max(1.0, Math.max(Math.abs(upper), Math.abs(lower)));
  }

  // --- By scheme (for the checks) --------------------------------------------------------------

  static double[][] hessian(ToDoubleFunction<double[]> f, double[] x, Scheme scheme) {
    Objects.requireNonNull(f, "f");
    Objects.requireNonNull(x, "x");
    int n = x.length;
    double[][] hessian = new double[n][n];
    if (n == 0) {
      return hessian;
    }
    PerturbedPoint point = new PerturbedPoint(x);
    try {
      SecondDifferences differences = new SecondDifferences(f, point, f.applyAsDouble(x));
      double[] entry = new double[1];
      for (int i = 0; i < n; i++) {
        for (int j = i; j < n; j++) {
          int row = i;
          int column = j;
          if (scheme == Scheme.CENTRAL) {
            entry[0] = differences.at(row, column, SECOND_DIFFERENCE_STEP);
          } else {
            Ridders.extrapolate(
                (h, out) -> out[0] = differences.at(row, column, h),
                FiniteDifferences.RICHARDSON_INITIAL_STEP,
                entry);
          }
          hessian[i][j] = entry[0];
          hessian[j][i] = entry[0];
        }
      }
    } finally {
      point.restoreAll();
    }
    return hessian;
  }

  /** The Jacobian of a gradient function, before symmetrizing. */
  static double[][] jacobianOfGradient(VectorFunction gradient, double[] x, Scheme scheme) {
    Objects.requireNonNull(gradient, "gradient");
    Objects.requireNonNull(x, "x");
    return Jacobians.jacobian(asInto(gradient, x.length), x.length, x, scheme);
  }

  static double[] hvp(VectorFunction gradient, double[] x, double[] v, Scheme scheme) {
    Objects.requireNonNull(gradient, "gradient");
    Objects.requireNonNull(x, "x");
    Objects.requireNonNull(v, "v");
    return Jacobians.jvp(asInto(gradient, x.length), x.length, x, v, scheme);
  }

  private static VectorFunction.Into asInto(VectorFunction gradient, int n) {
    return VectorEvaluation.adapt(gradient, n, "one per entry of x: a gradient");
  }

  private static int requireSquare(double[][] h) {
    Objects.requireNonNull(h, "h");
    int n = h.length;
    for (int i = 0; i < n; i++) {
      if (h[i] == null) {
        throw new NullPointerException("row " + i + " of h is null");
      }
      if (h[i].length != n) {
        throw new IllegalArgumentException(
            "h is not square: it has " + n + " rows but row " + i + " has length " + h[i].length);
      }
    }
    return n;
  }

  /** Central second differences of {@code f}, perturbing the point in place. */
  private static final class SecondDifferences {
    private final ToDoubleFunction<double[]> f;
    private final PerturbedPoint point;
    private final double valueAtX;

    SecondDifferences(ToDoubleFunction<double[]> f, PerturbedPoint point, double valueAtX) {
      this.f = f;
      this.point = point;
      this.valueAtX = valueAtX;
    }

    /**
     * Entry {@code (i, j)} with the relative step {@code h}; NaN if it cannot be formed from finite
     * values. Restores {@code x_i} and {@code x_j}.
     */
    double at(int i, int j, double h) {
      double xi = point.original(i);
      double xj = point.original(j);
      if (!Double.isFinite(xi) || !Double.isFinite(xj)) {
        return Double.NaN;
      }
      double stepI = step(xi, h);
      double stepJ = step(xj, h);
      if (Double.isNaN(stepI) || Double.isNaN(stepJ)) {
        return Double.NaN;
      }
      try {
        return i == j ? diagonal(i, xi, stepI) : mixed(i, xi, stepI, j, xj, stepJ);
      } finally {
        point.restore(i);
        point.restore(j);
      }
    }

    private double diagonal(int i, double xi, double step) {
      if (!Double.isFinite(valueAtX)) {
        return Double.NaN;
      }
      double up = xi + step;
      double down = xi - step;
      double fUp = valueWith(i, up);
      if (!Double.isFinite(fUp)) {
        return Double.NaN;
      }
      double fDown = valueWith(i, down);
      if (!Double.isFinite(fDown)) {
        return Double.NaN;
      }
      double a = up - xi;
      double b = xi - down;
      // Second derivative of the parabola through (xi - b, xi, xi + a): exact for quadratics.
      double numerator = b * (fUp - valueAtX) + a * (fDown - valueAtX);
      return VectorEvaluation.finiteOrNaN(2 * numerator / (a * b * (a + b)));
    }

    private double mixed(int i, double xi, double stepI, int j, double xj, double stepJ) {
      double upI = xi + stepI;
      double downI = xi - stepI;
      double upJ = xj + stepJ;
      double downJ = xj - stepJ;
      point.set(i, upI);
      double fUpUp = valueWith(j, upJ);
      double fUpDown = valueWith(j, downJ);
      point.set(i, downI);
      double fDownDown = valueWith(j, downJ);
      double fDownUp = valueWith(j, upJ);
      if (!Double.isFinite(fUpUp)
          || !Double.isFinite(fUpDown)
          || !Double.isFinite(fDownDown)
          || !Double.isFinite(fDownUp)) {
        return Double.NaN;
      }
      double numerator = (fUpUp - fUpDown) - (fDownUp - fDownDown);
      return VectorEvaluation.finiteOrNaN(numerator / ((upI - downI) * (upJ - downJ)));
    }

    private double valueWith(int k, double coordinate) {
      point.set(k, coordinate);
      return f.applyAsDouble(point.x);
    }

    /**
     * The step {@code h × max(1, |x|)}, adjusted so that {@code x ± step} are representable, or
     * NaN if they overflow or do not move {@code x}.
     */
    private static double step(double x, double h) {
      double step = (x + h * Math.max(1.0, Math.abs(x))) - x;
      double up = x + step;
      double down = x - step;
      if (!Double.isFinite(up) || !Double.isFinite(down) || !(up > x) || !(down < x)) {
        return Double.NaN;
      }
      return step;
    }
  }
}
