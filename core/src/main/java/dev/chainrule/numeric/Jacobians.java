package dev.chainrule.numeric;

import dev.chainrule.numeric.FiniteDifferences.Scheme;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * Numerical Jacobians, Jacobian-vector products {@code J·v} and vector-Jacobian products {@code
 * wᵀJ} of vector-valued functions {@code f: Rⁿ → Rᵐ} by finite differences: the companion of
 * {@link FiniteDifferences} for {@link VectorFunction}s, and the oracle that generated Jacobians,
 * tangents and pullbacks are checked against ({@link JacobianCheck}).
 *
 * <table class="striped">
 *   <caption>Methods</caption>
 *   <thead>
 *     <tr><th>method</th><th>computes</th><th>evaluations of {@code f}</th>
 *         <th>typical accuracy (smooth, well-scaled {@code f})</th></tr>
 *   </thead>
 *   <tbody>
 *     <tr><td>{@link #jacobian(VectorFunction, double[]) jacobian}</td>
 *         <td>{@code J}, {@code double[m][n]}</td><td>{@code 2n}</td>
 *         <td>{@code 1e-9} to {@code 1e-12}</td></tr>
 *     <tr><td>{@link #jacobianRichardson(VectorFunction, double[]) jacobianRichardson}</td>
 *         <td>{@code J}</td><td>typically 12 to 20 per column, at most 80</td>
 *         <td>{@code 1e-12} to {@code 1e-15}</td></tr>
 *     <tr><td>{@link #jvp(VectorFunction, double[], double[]) jvp}</td>
 *         <td>{@code J·v}, {@code double[m]}</td><td>2</td>
 *         <td>{@code 1e-9} to {@code 1e-12}</td></tr>
 *     <tr><td>{@link #jvpRichardson(VectorFunction, double[], double[]) jvpRichardson}</td>
 *         <td>{@code J·v}</td><td>typically 12 to 20, at most 80</td>
 *         <td>{@code 1e-12} to {@code 1e-15}</td></tr>
 *     <tr><td>{@link #vjp(VectorFunction, double[], double[]) vjp}</td>
 *         <td>{@code wᵀJ}, {@code double[n]}</td><td>{@code 2n}</td>
 *         <td>{@code 1e-9} to {@code 1e-12}</td></tr>
 *     <tr><td>{@link #vjpRichardson(VectorFunction, double[], double[]) vjpRichardson}</td>
 *         <td>{@code wᵀJ}</td><td>typically 12 to 20 per component, at most 80</td>
 *         <td>{@code 1e-12} to {@code 1e-15}</td></tr>
 *   </tbody>
 * </table>
 *
 * <p>Accuracy is relative to {@code max(1, |entry|)} (for {@code J·v} and {@code wᵀJ}, to the
 * largest entry of the product), as in {@link FiniteDifferences}, and has the same limits: a badly
 * scaled or rough {@code f} costs digits, central differences far more than Richardson
 * extrapolation, and the rounding error of central differences grows with the magnitude of the
 * values {@code f} computes. Measured against Hipparchus' forward-mode derivatives at 40 random
 * points each ({@code JacobiansAccuracyTest}; rotations, polar and spherical coordinates against
 * their closed forms in {@code JacobiansTest}):
 *
 * <table class="striped">
 *   <caption>Measured errors (largest / median over the entries)</caption>
 *   <thead>
 *     <tr><th>function</th><th>{@code jacobian}</th><th>{@code jacobianRichardson}</th>
 *         <th>{@code jvp}, {@code vjp}</th><th>their Richardson forms</th></tr>
 *   </thead>
 *   <tbody>
 *     <tr><td>Lorenz system, 20 RK4 steps ({@code 3 → 3})</td><td>6.5e-10 / 1.8e-11</td>
 *         <td>4.6e-13 / 1.4e-14</td><td>3.7e-10 / 1.9e-11</td><td>6.4e-13 / 1.5e-14</td></tr>
 *     <tr><td>mixed smooth map ({@code 4 → 5})</td><td>4.1e-11 / 1.8e-12</td>
 *         <td>5.0e-14 / 4.7e-16</td><td>6.8e-11 / 6.2e-12</td><td>1.0e-13 / 6.0e-15</td></tr>
 *     <tr><td>bundle-adjustment reprojection ({@code 14 → 2}, in pixels)</td>
 *         <td>8.4e-9 / 3.7e-11</td><td>5.3e-12 / 1.8e-14</td><td>1.6e-11 / 6.1e-14</td>
 *         <td>8.2e-15 / 4.1e-17</td></tr>
 *   </tbody>
 * </table>
 *
 * <p>(The reprojection's projected coordinates are some 300 pixels before the principal point is
 * subtracted; their rounding over the central step costs about {@code 1e-8} on entries of order
 * one.) The methods taking a {@link VectorFunction} evaluate {@code f} once more, at {@code x}, to
 * learn {@code m} (except {@code vjp}, where {@code m} is {@code w.length}); the {@link
 * VectorFunction.Into} forms are told {@code m} and write into buffers allocated once per call.
 *
 * <h2>Steps</h2>
 *
 * Column {@code j} of the Jacobian is the central difference (or Ridders' extrapolation of central
 * differences) along coordinate {@code j}, with the steps of {@link FiniteDifferences}: {@code h =
 * cbrt(eps) × max(1, |x_j|)} for central differences, from {@code 0.1 × max(1, |x_j|)} down for
 * Richardson, adjusted so the perturbed coordinates are exactly representable. The vector-Jacobian
 * product is the gradient of {@code x ↦ ⟨w, f(x)⟩} by {@link FiniteDifferences#gradient} or {@link
 * FiniteDifferences#gradientRichardson}; outputs with weight {@code w_i = 0} are left out of the
 * sum, so they may be NaN.
 *
 * <p>The Jacobian-vector product differentiates {@code t ↦ f(x + t v)} at {@code t = 0}. Its step
 * {@code h} is chosen so that no coordinate moves by more than its own relative step: {@code h =
 * c / s} with {@code s = max_k |v_k| / max(1, |x_k|)}, so that {@code |h v_k| ≤ c × max(1,
 * |x_k|)} with equality for the coordinate that moves most ({@code c = cbrt(eps)} for central
 * differences, {@code 0.1} at the start of Richardson's tableau); for {@code v = e_j} this is
 * exactly the step of column {@code j}. The points {@code x ± h v} are rounded to doubles, which
 * adds an error of order {@code eps × |x| / h} to the result, below the accuracy above. {@code v}
 * is scaled by a power of two first, so very small or very large directions lose nothing.
 *
 * <h2>Contract</h2>
 *
 * As in {@link FiniteDifferences}: {@code x} is perturbed in place and passed to {@code f} itself;
 * every perturbed coordinate is restored to its original bits before the next is perturbed and
 * before the method returns, also when {@code f} throws (the exception propagates unchanged). A
 * {@link VectorFunction} that returns {@code null} throws {@link NullPointerException}; one that
 * returns a different number of values at another point throws {@link IllegalArgumentException}
 * (after restoring {@code x}).
 *
 * <h2>Non-finite values</h2>
 *
 * These methods never throw because of NaN or infinity. An entry comes out {@code NaN} when it
 * cannot be formed from finite values: entry {@code (i, j)} of the Jacobian when {@code x_j} is not
 * finite or {@code f_i} is not finite at a perturbed point; entry {@code i} of {@code J·v} when
 * {@code f_i} is not finite at {@code x ± h v}, and every entry when {@code v} is not finite or
 * moves a non-finite coordinate of {@code x}. A zero direction gives {@code J·0 = 0} without
 * evaluating {@code f} at other points. Richardson extrapolation first retries with smaller steps.
 *
 * <h2>Bad arguments</h2>
 *
 * A {@code null} argument throws {@link NullPointerException} naming the parameter ({@code "f"},
 * {@code "x"}, {@code "v"}, {@code "w"}); {@code v} of another length than {@code x}, or a negative
 * {@code m}, throws {@link IllegalArgumentException} giving both lengths.
 *
 * <p>This class is stateless and thread-safe, as far as sharing {@code x} is.
 */
public final class Jacobians {

  private Jacobians() {}

  /**
   * The Jacobian of {@code f} at {@code x} by central differences: entry {@code [i][j]} is {@code
   * ∂f_i/∂x_j}. Cost: {@code 1 + 2n} evaluations of {@code f} ({@code n = x.length}; the first
   * learns {@code m}). Accuracy about {@code 1e-9} to {@code 1e-12}; see the {@linkplain Jacobians
   * class documentation}.
   *
   * @param f the function; must not modify its argument
   * @param x the point; perturbed during the call and restored exactly afterwards
   * @return a fresh {@code double[m][n]}, {@code NaN} where no entry could be formed
   * @throws NullPointerException if {@code f} or {@code x} is {@code null}, or {@code f} returns
   *     {@code null}
   * @throws IllegalArgumentException if {@code f} returns different numbers of values
   */
  public static double[][] jacobian(VectorFunction f, double[] x) {
    return jacobian(f, x, Scheme.CENTRAL);
  }

  /**
   * As {@link #jacobian(VectorFunction, double[])}, for a function writing its {@code m} values
   * into a buffer. Cost: exactly {@code 2n} evaluations of {@code f}.
   *
   * @param f the function; must not modify its argument
   * @param m the number of values {@code f} writes
   * @param x the point; perturbed during the call and restored exactly afterwards
   * @return a fresh {@code double[m][n]}, {@code NaN} where no entry could be formed
   * @throws NullPointerException if {@code f} or {@code x} is {@code null}
   * @throws IllegalArgumentException if {@code m} is negative
   */
  public static double[][] jacobian(VectorFunction.Into f, int m, double[] x) {
    return jacobian(f, m, x, Scheme.CENTRAL);
  }

  /**
   * The Jacobian of {@code f} at {@code x} by Richardson extrapolation of central differences,
   * column by column: the {@code m} entries of a column share the evaluations of one tableau (each
   * entry keeps its own best estimate and stopping point, as in {@link
   * FiniteDifferences#derivativeRichardson}). Cost: typically 12 to 20 evaluations of {@code f}
   * per column, at most 80, plus one to learn {@code m}. Accuracy about {@code 1e-12} to {@code
   * 1e-15}.
   *
   * @param f the function; must not modify its argument
   * @param x the point; perturbed during the call and restored exactly afterwards
   * @return a fresh {@code double[m][n]}, {@code NaN} where no entry could be formed
   * @throws NullPointerException if {@code f} or {@code x} is {@code null}, or {@code f} returns
   *     {@code null}
   * @throws IllegalArgumentException if {@code f} returns different numbers of values
   */
  public static double[][] jacobianRichardson(VectorFunction f, double[] x) {
    return jacobian(f, x, Scheme.RICHARDSON);
  }

  /**
   * As {@link #jacobianRichardson(VectorFunction, double[])}, for a function writing its {@code m}
   * values into a buffer.
   *
   * @param f the function; must not modify its argument
   * @param m the number of values {@code f} writes
   * @param x the point; perturbed during the call and restored exactly afterwards
   * @return a fresh {@code double[m][n]}, {@code NaN} where no entry could be formed
   * @throws NullPointerException if {@code f} or {@code x} is {@code null}
   * @throws IllegalArgumentException if {@code m} is negative
   */
  public static double[][] jacobianRichardson(VectorFunction.Into f, int m, double[] x) {
    return jacobian(f, m, x, Scheme.RICHARDSON);
  }

  /**
   * The Jacobian-vector product (directional derivative) {@code J·v = d/dt f(x + t v)} at {@code t
   * = 0} by one central difference, with the step described in the {@linkplain Jacobians class
   * documentation}. Cost: 3 evaluations of {@code f} (the first learns {@code m}). Accuracy about
   * {@code 1e-9} to {@code 1e-12} relative to the largest entry of {@code J·v}.
   *
   * @param f the function; must not modify its argument
   * @param x the point; perturbed during the call and restored exactly afterwards
   * @param v the direction, of the length of {@code x}; not modified
   * @return a fresh array of {@code m} values, {@code NaN} where none could be formed
   * @throws NullPointerException if an argument is {@code null}, or {@code f} returns {@code null}
   * @throws IllegalArgumentException if {@code v} and {@code x} differ in length, or {@code f}
   *     returns different numbers of values
   */
  public static double[] jvp(VectorFunction f, double[] x, double[] v) {
    return jvp(f, x, v, Scheme.CENTRAL);
  }

  /**
   * As {@link #jvp(VectorFunction, double[], double[])}, for a function writing its {@code m}
   * values into a buffer. Cost: exactly 2 evaluations (none if {@code v} is zero or not finite).
   *
   * @param f the function; must not modify its argument
   * @param m the number of values {@code f} writes
   * @param x the point; perturbed during the call and restored exactly afterwards
   * @param v the direction, of the length of {@code x}; not modified
   * @return a fresh array of {@code m} values, {@code NaN} where none could be formed
   * @throws NullPointerException if {@code f}, {@code x} or {@code v} is {@code null}
   * @throws IllegalArgumentException if {@code v} and {@code x} differ in length or {@code m} is
   *     negative
   */
  public static double[] jvp(VectorFunction.Into f, int m, double[] x, double[] v) {
    return jvp(f, m, x, v, Scheme.CENTRAL);
  }

  /**
   * The Jacobian-vector product {@code J·v} by Richardson extrapolation of central differences
   * along {@code v}, the {@code m} entries sharing one tableau. Cost: typically 12 to 20
   * evaluations of {@code f}, at most 80, plus one to learn {@code m}. Accuracy about {@code 1e-12}
   * to {@code 1e-15}.
   *
   * @param f the function; must not modify its argument
   * @param x the point; perturbed during the call and restored exactly afterwards
   * @param v the direction, of the length of {@code x}; not modified
   * @return a fresh array of {@code m} values, {@code NaN} where none could be formed
   * @throws NullPointerException if an argument is {@code null}, or {@code f} returns {@code null}
   * @throws IllegalArgumentException if {@code v} and {@code x} differ in length, or {@code f}
   *     returns different numbers of values
   */
  public static double[] jvpRichardson(VectorFunction f, double[] x, double[] v) {
    return jvp(f, x, v, Scheme.RICHARDSON);
  }

  /**
   * As {@link #jvpRichardson(VectorFunction, double[], double[])}, for a function writing its
   * {@code m} values into a buffer.
   *
   * @param f the function; must not modify its argument
   * @param m the number of values {@code f} writes
   * @param x the point; perturbed during the call and restored exactly afterwards
   * @param v the direction, of the length of {@code x}; not modified
   * @return a fresh array of {@code m} values, {@code NaN} where none could be formed
   * @throws NullPointerException if {@code f}, {@code x} or {@code v} is {@code null}
   * @throws IllegalArgumentException if {@code v} and {@code x} differ in length or {@code m} is
   *     negative
   */
  public static double[] jvpRichardson(VectorFunction.Into f, int m, double[] x, double[] v) {
    return jvp(f, m, x, v, Scheme.RICHARDSON);
  }

  /**
   * The vector-Jacobian product {@code wᵀJ}, the gradient of {@code ⟨w, f(x)⟩}, by central
   * differences ({@link FiniteDifferences#gradient}). Cost: exactly {@code 2n} evaluations of
   * {@code f}. Accuracy about {@code 1e-9} to {@code 1e-12} relative to the largest entry of {@code
   * wᵀJ}.
   *
   * @param f the function; must not modify its argument; must return {@code w.length} values
   * @param x the point; perturbed during the call and restored exactly afterwards
   * @param w the weights of the outputs; not modified
   * @return a fresh array of {@code n} values, {@code NaN} where none could be formed
   * @throws NullPointerException if an argument is {@code null}, or {@code f} returns {@code null}
   * @throws IllegalArgumentException if {@code f} returns other than {@code w.length} values
   */
  public static double[] vjp(VectorFunction f, double[] x, double[] w) {
    return vjp(f, x, w, Scheme.CENTRAL);
  }

  /**
   * As {@link #vjp(VectorFunction, double[], double[])}, for a function writing its {@code m =
   * w.length} values into a buffer.
   *
   * @param f the function; must not modify its argument
   * @param x the point; perturbed during the call and restored exactly afterwards
   * @param w the weights of the {@code m} outputs; not modified
   * @return a fresh array of {@code n} values, {@code NaN} where none could be formed
   * @throws NullPointerException if an argument is {@code null}
   */
  public static double[] vjp(VectorFunction.Into f, double[] x, double[] w) {
    return vjp(f, x, w, Scheme.CENTRAL);
  }

  /**
   * The vector-Jacobian product {@code wᵀJ} by Richardson extrapolation ({@link
   * FiniteDifferences#gradientRichardson} of {@code ⟨w, f(x)⟩}). Cost: typically 12 to 20
   * evaluations of {@code f} per component, at most 80. Accuracy about {@code 1e-12} to {@code
   * 1e-15}.
   *
   * @param f the function; must not modify its argument; must return {@code w.length} values
   * @param x the point; perturbed during the call and restored exactly afterwards
   * @param w the weights of the outputs; not modified
   * @return a fresh array of {@code n} values, {@code NaN} where none could be formed
   * @throws NullPointerException if an argument is {@code null}, or {@code f} returns {@code null}
   * @throws IllegalArgumentException if {@code f} returns other than {@code w.length} values
   */
  public static double[] vjpRichardson(VectorFunction f, double[] x, double[] w) {
    return vjp(f, x, w, Scheme.RICHARDSON);
  }

  /**
   * As {@link #vjpRichardson(VectorFunction, double[], double[])}, for a function writing its
   * {@code m = w.length} values into a buffer.
   *
   * @param f the function; must not modify its argument
   * @param x the point; perturbed during the call and restored exactly afterwards
   * @param w the weights of the {@code m} outputs; not modified
   * @return a fresh array of {@code n} values, {@code NaN} where none could be formed
   * @throws NullPointerException if an argument is {@code null}
   */
  public static double[] vjpRichardson(VectorFunction.Into f, double[] x, double[] w) {
    return vjp(f, x, w, Scheme.RICHARDSON);
  }

  // --- By scheme (for the checks) --------------------------------------------------------------

  static double[][] jacobian(VectorFunction f, double[] x, Scheme scheme) {
    Objects.requireNonNull(f, "f");
    Objects.requireNonNull(x, "x");
    int m = VectorEvaluation.lengthAt(f, x);
    return jacobian(VectorEvaluation.adapt(f, m, "as many as at x"), m, x, scheme);
  }

  static double[][] jacobian(VectorFunction.Into f, int m, double[] x, Scheme scheme) {
    Objects.requireNonNull(f, "f");
    VectorEvaluation.requireLength(m);
    Objects.requireNonNull(x, "x");
    int n = x.length;
    double[][] jacobian = new double[m][n];
    double[] column = new double[m];
    PerturbedPoint point = new PerturbedPoint(x);
    Differences differences = new Differences(f, m);
    try {
      for (int j = 0; j < n; j++) {
        differences.column(point, j, scheme, column);
        for (int i = 0; i < m; i++) {
          jacobian[i][j] = column[i];
        }
      }
    } finally {
      point.restoreAll();
    }
    return jacobian;
  }

  static double[] jvp(VectorFunction f, double[] x, double[] v, Scheme scheme) {
    Objects.requireNonNull(f, "f");
    Objects.requireNonNull(x, "x");
    Objects.requireNonNull(v, "v");
    requireSameLength(v, x);
    int m = VectorEvaluation.lengthAt(f, x);
    return jvp(VectorEvaluation.adapt(f, m, "as many as at x"), m, x, v, scheme);
  }

  static double[] jvp(VectorFunction.Into f, int m, double[] x, double[] v, Scheme scheme) {
    Objects.requireNonNull(f, "f");
    VectorEvaluation.requireLength(m);
    Objects.requireNonNull(x, "x");
    Objects.requireNonNull(v, "v");
    requireSameLength(v, x);
    double[] result = new double[m];
    PerturbedPoint point = new PerturbedPoint(x);
    try {
      new Differences(f, m).along(point, v, scheme, result);
    } finally {
      point.restoreAll();
    }
    return result;
  }

  static double[] vjp(VectorFunction f, double[] x, double[] w, Scheme scheme) {
    Objects.requireNonNull(f, "f");
    Objects.requireNonNull(x, "x");
    Objects.requireNonNull(w, "w");
    return vjp(VectorEvaluation.adapt(f, w.length, "one per entry of w"), x, w, scheme);
  }

  static double[] vjp(VectorFunction.Into f, double[] x, double[] w, Scheme scheme) {
    Objects.requireNonNull(f, "f");
    Objects.requireNonNull(x, "x");
    Objects.requireNonNull(w, "w");
    double[] weights = w.clone();
    double[] out = new double[weights.length];
    ToDoubleFunction<double[]> weighted =
        point -> {
          VectorEvaluation.evaluate(f, point, out);
          double sum = 0;
          for (int i = 0; i < weights.length; i++) {
            if (weights[i] != 0) { // outputs of weight zero may be NaN
              sum += weights[i] * out[i];
            }
          }
          return sum;
        };
    return scheme.gradient(weighted, x);
  }

  private static void requireSameLength(double[] v, double[] x) {
    if (v.length != x.length) {
      throw new IllegalArgumentException(
          "v has length " + v.length + " but x has length " + x.length);
    }
  }

  /** Difference quotients of a vector function, with buffers for two evaluations. */
  private static final class Differences {
    private final VectorFunction.Into f;
    private final double[] plus;
    private final double[] minus;

    Differences(VectorFunction.Into f, int m) {
      this.f = f;
      this.plus = new double[m];
      this.minus = new double[m];
    }

    /** Column {@code j} of the Jacobian into {@code out}; restores {@code x_j}. */
    void column(PerturbedPoint point, int j, Scheme scheme, double[] out) {
      double xj = point.original(j);
      if (!Double.isFinite(xj)) {
        Arrays.fill(out, Double.NaN);
        return;
      }
      double scale = Math.max(1.0, Math.abs(xj));
      Ridders.Quotients quotients = (h, q) -> coordinate(point, j, xj, h, q);
      if (scheme == Scheme.CENTRAL) {
        quotients.at(FiniteDifferences.CENTRAL_STEP * scale, out);
      } else {
        Ridders.extrapolate(quotients, FiniteDifferences.RICHARDSON_INITIAL_STEP * scale, out);
      }
    }

    /** Central differences along coordinate {@code j} with (approximately) the step {@code h}. */
    private void coordinate(PerturbedPoint point, int j, double xj, double h, double[] out) {
      double step = (xj + h) - xj; // representable, so xj + step is exact
      double xPlus = xj + step;
      double xMinus = xj - step;
      double width = xPlus - xMinus;
      if (!Double.isFinite(xPlus) || !Double.isFinite(xMinus) || !(width > 0)) {
        Arrays.fill(out, Double.NaN);
        return;
      }
      try {
        point.set(j, xPlus);
        VectorEvaluation.evaluate(f, point.x, plus);
        point.set(j, xMinus);
        VectorEvaluation.evaluate(f, point.x, minus);
      } finally {
        point.restore(j);
      }
      quotients(width, out);
    }

    /** {@code J·v} into {@code out}; restores {@code x}. */
    void along(PerturbedPoint point, double[] v, Scheme scheme, double[] out) {
      double s = 0; // max_k |v_k| / max(1, |x_k|)
      for (int k = 0; k < v.length; k++) {
        if (v[k] == 0) {
          continue; // x_k does not move, whatever it is
        }
        if (!Double.isFinite(v[k]) || !Double.isFinite(point.original(k))) {
          Arrays.fill(out, Double.NaN);
          return;
        }
        s = Math.max(s, Math.abs(v[k]) / Math.max(1.0, Math.abs(point.original(k))));
      }
      if (s == 0) {
        Arrays.fill(out, 0.0);
        return;
      }
      // J·v = 2^e J·u with u = 2^-e v exactly, and 1 <= max_k |u_k| / max(1, |x_k|) < 2.
      int e = Math.getExponent(s);
      double[] u = new double[v.length];
      for (int k = 0; k < v.length; k++) {
        u[k] = Math.scalb(v[k], -e);
      }
      double su = Math.scalb(s, -e);
      Ridders.Quotients quotients = (h, q) -> direction(point, u, h, q);
      if (scheme == Scheme.CENTRAL) {
        quotients.at(FiniteDifferences.CENTRAL_STEP / su, out);
      } else {
        Ridders.extrapolate(quotients, FiniteDifferences.RICHARDSON_INITIAL_STEP / su, out);
      }
      for (int i = 0; i < out.length; i++) {
        out[i] = VectorEvaluation.finiteOrNaN(Math.scalb(out[i], e));
      }
    }

    /** Central differences along {@code u} with the step {@code h}. */
    private void direction(PerturbedPoint point, double[] u, double h, double[] out) {
      try {
        if (!move(point, u, h)) {
          Arrays.fill(out, Double.NaN);
          return;
        }
        VectorEvaluation.evaluate(f, point.x, plus);
        if (!move(point, u, -h)) {
          Arrays.fill(out, Double.NaN);
          return;
        }
        VectorEvaluation.evaluate(f, point.x, minus);
      } finally {
        point.restoreAll();
      }
      quotients(2 * h, out);
    }

    /** Sets {@code x = x₀ + t u}; whether every moved coordinate is finite. */
    private static boolean move(PerturbedPoint point, double[] u, double t) {
      for (int k = 0; k < u.length; k++) {
        if (u[k] != 0) {
          double moved = point.original(k) + t * u[k];
          if (!Double.isFinite(moved)) {
            return false;
          }
          point.set(k, moved);
        }
      }
      return true;
    }

    private void quotients(double width, double[] out) {
      for (int i = 0; i < out.length; i++) {
        double p = plus[i];
        double q = minus[i];
        out[i] =
            Double.isFinite(p) && Double.isFinite(q)
                ? VectorEvaluation.finiteOrNaN((p - q) / width)
                : Double.NaN;
      }
    }
  }
}
