package dev.chainrule.numeric;

import dev.chainrule.numeric.FiniteDifferences.Scheme;
import dev.chainrule.numeric.GradientCheck.Report;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * Compares analytic (typically generated) Hessians and Hessian-vector products with numerical ones
 * computed by {@link Hessians}, and tests the symmetry {@code ⟨w, H·v⟩ = ⟨H·w, v⟩} of two HVPs;
 * each gives a {@link Report} like {@link GradientCheck}'s, with a readable table and {@link
 * Report#assertWithin}.
 *
 * <pre>{@code
 * // record RosenbrockHessian(double value, double[] gradient, double[][] hessian)
 * HessianCheck.compareRecord(
 *         RosenbrockDerivatives.rosenbrockHessian(x), Rosenbrock::rosenbrock, x)
 *     .assertWithin(1e-8);
 * }</pre>
 *
 * <h2>Numerical side</h2>
 *
 * A Hessian checked against {@code f} alone is compared with {@link Hessians#hessianRichardson}
 * (about {@code 1e-11} times {@code max(1, |f(x)|)} for smooth {@code f}: the rounding error of
 * second differences grows with {@code |f|}), or with {@link Scheme#CENTRAL} second differences
 * (about {@code 1e-8} times {@code max(1, |f(x)|)}: use a tolerance of {@code 1e-5} or so).
 * Checked against a gradient function, as {@link #compareWithGradient} and {@link #compareHvp}
 * do, the numerical side is a first derivative and as accurate as {@link JacobianCheck}'s: about
 * {@code 1e-12} by Richardson extrapolation, {@code 1e-9} by central differences. The gradient function should be an independent one (a generated
 * gradient already checked by {@link GradientCheck}) for the check to be independent.
 *
 * <p>The Hessian reports list every entry {@code H[i][j]} of both triangles, so an asymmetric
 * analytic Hessian shows in the rows, and say in a note how asymmetric the analytic Hessian is
 * (and, for {@link #compareWithGradient}, the numerical one before it was symmetrized: a large
 * numerical asymmetry means the gradient function is not the gradient of anything, or that finite
 * differences are not accurate there). Relative errors, non-finite values, argument checks and the
 * handling of {@code x} are as in {@link GradientCheck}.
 */
public final class HessianCheck {

  private HessianCheck() {}

  /**
   * Compares the dense Hessian {@code analytic} with the numerical Hessian of {@code f} at {@code
   * x}, by Richardson extrapolation of second differences ({@link Hessians#hessianRichardson}).
   * Components are named {@code H[i][j]}.
   *
   * @param f the function; must not modify its argument
   * @param analytic the Hessian to check, {@code n × n} for {@code n = x.length}
   * @param x the point; perturbed during the call and restored exactly afterwards
   * @return the comparison
   * @throws NullPointerException if an argument or a row of {@code analytic} is {@code null}
   * @throws IllegalArgumentException if {@code analytic} is not {@code n × n}
   */
  public static Report compare(ToDoubleFunction<double[]> f, double[][] analytic, double[] x) {
    return compare(f, analytic, x, Scheme.RICHARDSON);
  }

  /**
   * As {@link #compare(ToDoubleFunction, double[][], double[])}, with the numerical Hessian
   * computed by the given scheme.
   *
   * @param f the function; must not modify its argument
   * @param analytic the Hessian to check, {@code n × n} for {@code n = x.length}
   * @param x the point; perturbed during the call and restored exactly afterwards
   * @param scheme how to compute the numerical Hessian
   * @return the comparison
   * @throws NullPointerException if an argument or a row of {@code analytic} is {@code null}
   * @throws IllegalArgumentException if {@code analytic} is not {@code n × n}
   */
  public static Report compare(
      ToDoubleFunction<double[]> f, double[][] analytic, double[] x, Scheme scheme) {
    Objects.requireNonNull(f, "f");
    Objects.requireNonNull(analytic, "analytic");
    Objects.requireNonNull(x, "x");
    Objects.requireNonNull(scheme, "scheme");
    requireSquare(analytic, "analytic", x.length);
    double[][] numeric = Hessians.hessian(f, x, scheme);
    return hessianReport("Hessian check", scheme, "H", null, analytic, numeric, null);
  }

  /**
   * As {@link #compare(ToDoubleFunction, double[][], double[])} at the point packed in {@code at},
   * with components named after its parts when it is {@linkplain Packing#named named}: {@code
   * H[w[0]][b]} is {@code ∂²f / ∂w[0] ∂b}.
   *
   * @param f the function, over the packed parameters; must not modify its argument
   * @param analytic the Hessian to check, {@code n × n} for {@code n = at.size()}
   * @param at the packed parameters: the layout of the flat vector, the point, and names
   * @return the comparison
   * @throws NullPointerException if an argument or a row of {@code analytic} is {@code null}
   * @throws IllegalArgumentException if {@code analytic} is not {@code n × n}
   */
  public static Report compare(ToDoubleFunction<double[]> f, double[][] analytic, Packing at) {
    return compare(f, analytic, at, Scheme.RICHARDSON);
  }

  /**
   * As {@link #compare(ToDoubleFunction, double[][], Packing)}, with the numerical Hessian computed
   * by the given scheme.
   *
   * @param f the function, over the packed parameters; must not modify its argument
   * @param analytic the Hessian to check, {@code n × n} for {@code n = at.size()}
   * @param at the packed parameters: the layout of the flat vector, the point, and names
   * @param scheme how to compute the numerical Hessian
   * @return the comparison
   * @throws NullPointerException if an argument or a row of {@code analytic} is {@code null}
   * @throws IllegalArgumentException if {@code analytic} is not {@code n × n}
   */
  public static Report compare(
      ToDoubleFunction<double[]> f, double[][] analytic, Packing at, Scheme scheme) {
    Objects.requireNonNull(f, "f");
    Objects.requireNonNull(analytic, "analytic");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(scheme, "scheme");
    requireSquare(analytic, "analytic", at.size());
    double[][] numeric = Hessians.hessian(f, at.flatten(), scheme);
    return hessianReport(
        "Hessian check", scheme, "H", at.entryNames(), analytic, numeric, null);
  }

  /**
   * Compares the dense Hessian {@code analytic} with the symmetrized Jacobian of {@code gradient}
   * at {@code x}, by Richardson extrapolation ({@link Hessians#hessianFromGradientRichardson}).
   * Components are named {@code H[i][j]}; a note gives the numerical Jacobian's asymmetry before
   * symmetrizing.
   *
   * @param gradient the gradient of the function, {@code Rⁿ → Rⁿ}; must not modify its argument
   * @param analytic the Hessian to check, {@code n × n} for {@code n = x.length}
   * @param x the point; perturbed during the call and restored exactly afterwards
   * @return the comparison
   * @throws NullPointerException if an argument or a row of {@code analytic} is {@code null}
   * @throws IllegalArgumentException if {@code analytic} is not {@code n × n}, or {@code
   *     gradient} does not return {@code n} values
   */
  public static Report compareWithGradient(
      VectorFunction gradient, double[][] analytic, double[] x) {
    return compareWithGradient(gradient, analytic, x, Scheme.RICHARDSON);
  }

  /**
   * As {@link #compareWithGradient(VectorFunction, double[][], double[])}, with the numerical
   * Hessian computed by the given scheme.
   *
   * @param gradient the gradient of the function, {@code Rⁿ → Rⁿ}; must not modify its argument
   * @param analytic the Hessian to check, {@code n × n} for {@code n = x.length}
   * @param x the point; perturbed during the call and restored exactly afterwards
   * @param scheme how to compute the numerical Hessian
   * @return the comparison
   * @throws NullPointerException if an argument or a row of {@code analytic} is {@code null}
   * @throws IllegalArgumentException if {@code analytic} is not {@code n × n}, or {@code
   *     gradient} does not return {@code n} values
   */
  public static Report compareWithGradient(
      VectorFunction gradient, double[][] analytic, double[] x, Scheme scheme) {
    Objects.requireNonNull(gradient, "gradient");
    Objects.requireNonNull(analytic, "analytic");
    Objects.requireNonNull(x, "x");
    Objects.requireNonNull(scheme, "scheme");
    requireSquare(analytic, "analytic", x.length);
    double[][] raw = Hessians.jacobianOfGradient(gradient, x, scheme);
    String rawNote = asymmetryNote("numeric asymmetry before symmetrizing", raw, "H", null);
    return hessianReport(
        "Hessian check (numeric from the gradient)",
        scheme,
        "H",
        null,
        analytic,
        Hessians.symmetrize(raw),
        rawNote);
  }

  /**
   * Compares an analytic Hessian-vector product {@code H·v} with the numerical one, the central
   * difference of {@code gradient} along {@code v} extrapolated by Richardson ({@link
   * Hessians#hvpRichardson}). Components are named {@code Hv[i]}.
   *
   * @param gradient the gradient of the function, {@code Rⁿ → Rⁿ}; must not modify its argument
   * @param analytic the product to check, {@code n} values
   * @param x the point; perturbed during the call and restored exactly afterwards
   * @param v the direction, of the length of {@code x}
   * @return the comparison
   * @throws NullPointerException if an argument is {@code null}
   * @throws IllegalArgumentException if {@code analytic}, {@code v} and {@code x} differ in length,
   *     or {@code gradient} does not return {@code n} values
   */
  public static Report compareHvp(
      VectorFunction gradient, double[] analytic, double[] x, double[] v) {
    return compareHvp(gradient, analytic, x, v, Scheme.RICHARDSON);
  }

  /**
   * As {@link #compareHvp(VectorFunction, double[], double[], double[])}, with the numerical
   * product computed by the given scheme.
   *
   * @param gradient the gradient of the function, {@code Rⁿ → Rⁿ}; must not modify its argument
   * @param analytic the product to check, {@code n} values
   * @param x the point; perturbed during the call and restored exactly afterwards
   * @param v the direction, of the length of {@code x}
   * @param scheme how to compute the numerical product
   * @return the comparison
   * @throws NullPointerException if an argument is {@code null}
   * @throws IllegalArgumentException if {@code analytic}, {@code v} and {@code x} differ in length,
   *     or {@code gradient} does not return {@code n} values
   */
  public static Report compareHvp(
      VectorFunction gradient, double[] analytic, double[] x, double[] v, Scheme scheme) {
    Objects.requireNonNull(gradient, "gradient");
    Objects.requireNonNull(analytic, "analytic");
    Objects.requireNonNull(x, "x");
    Objects.requireNonNull(v, "v");
    Objects.requireNonNull(scheme, "scheme");
    if (analytic.length != x.length) {
      throw new IllegalArgumentException(
          "analytic has length " + analytic.length + " but x has length " + x.length);
    }
    double[] numeric = Hessians.hvp(gradient, x, v, scheme);
    String title = GradientCheck.title("HVP check (H v, numeric from the gradient)", scheme);
    return new Report(
        ReportTable.Labels.of("HVP check", title),
        JacobianCheck.indexed("Hv", x.length),
        analytic.clone(),
        numeric,
        null);
  }

  /**
   * Compares a Hessian record, such as ChainRule generates for {@code @Differentiable(order = 2)},
   * with the numerical gradient and Hessian of {@code f} at {@code x}, by Richardson
   * extrapolation. The record is {@code (value, gradient, hessian)}: the value (ignored), the
   * gradient over the differentiated parameters flattened in declaration order ({@code double[n]})
   * and the Hessian over the same ({@code double[n][n]}). The report has the gradient's entries,
   * {@code gradient[i]}, then the Hessian's, {@code hessian[i][j]}.
   *
   * @param hessian the record
   * @param f the function the record is the Hessian of, over the flattened parameters
   * @param x the point, flattened the same way; perturbed during the call and restored exactly
   * @return the comparison
   * @throws NullPointerException if an argument, a component or a row is {@code null}
   * @throws IllegalArgumentException if the record's components other than {@code value} are not
   *     {@code gradient} and {@code hessian} with the shapes {@code double[n]} and {@code
   *     double[n][n]}, or cannot be read
   */
  public static Report compareRecord(
      Record hessian, ToDoubleFunction<double[]> f, double[] x) {
    return compareRecord(hessian, f, x, Scheme.RICHARDSON);
  }

  /**
   * As {@link #compareRecord(Record, ToDoubleFunction, double[])}, with the numerical gradient and
   * Hessian computed by the given scheme.
   *
   * @param hessian the record
   * @param f the function the record is the Hessian of, over the flattened parameters
   * @param x the point, flattened the same way; perturbed during the call and restored exactly
   * @param scheme how to compute the numerical gradient and Hessian
   * @return the comparison
   * @throws NullPointerException if an argument, a component or a row is {@code null}
   * @throws IllegalArgumentException if the record's components other than {@code value} are not
   *     {@code gradient} and {@code hessian} with the shapes {@code double[n]} and {@code
   *     double[n][n]}, or cannot be read
   */
  public static Report compareRecord(
      Record hessian, ToDoubleFunction<double[]> f, double[] x, Scheme scheme) {
    Objects.requireNonNull(hessian, "hessian");
    Objects.requireNonNull(f, "f");
    Objects.requireNonNull(x, "x");
    Objects.requireNonNull(scheme, "scheme");
    return compareRecord(hessian, f, x, null, scheme);
  }

  /**
   * As {@link #compareRecord(Record, ToDoubleFunction, double[])} at the point packed in {@code
   * at}, with entries named after its parts when it is {@linkplain Packing#named named}: {@code
   * gradient[b]}, {@code hessian[w[0]][b]}.
   *
   * @param hessian the record
   * @param f the function the record is the Hessian of, over the packed parameters
   * @param at the packed parameters: the layout of the flat vector, the point, and names
   * @return the comparison
   * @throws NullPointerException if an argument, a component or a row is {@code null}
   * @throws IllegalArgumentException if the record's components other than {@code value} are not
   *     {@code gradient} and {@code hessian} with the shapes {@code double[n]} and {@code
   *     double[n][n]} for {@code n = at.size()}, or cannot be read
   */
  public static Report compareRecord(Record hessian, ToDoubleFunction<double[]> f, Packing at) {
    return compareRecord(hessian, f, at, Scheme.RICHARDSON);
  }

  /**
   * As {@link #compareRecord(Record, ToDoubleFunction, Packing)}, with the numerical gradient and
   * Hessian computed by the given scheme.
   *
   * @param hessian the record
   * @param f the function the record is the Hessian of, over the packed parameters
   * @param at the packed parameters: the layout of the flat vector, the point, and names
   * @param scheme how to compute the numerical gradient and Hessian
   * @return the comparison
   * @throws NullPointerException if an argument, a component or a row is {@code null}
   * @throws IllegalArgumentException if the record's components other than {@code value} are not
   *     {@code gradient} and {@code hessian} with the shapes {@code double[n]} and {@code
   *     double[n][n]} for {@code n = at.size()}, or cannot be read
   */
  public static Report compareRecord(
      Record hessian, ToDoubleFunction<double[]> f, Packing at, Scheme scheme) {
    Objects.requireNonNull(hessian, "hessian");
    Objects.requireNonNull(f, "f");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(scheme, "scheme");
    return compareRecord(hessian, f, at.flatten(), at.entryNames(), scheme);
  }

  /**
   * The symmetry test of two Hessian-vector products: {@code ⟨w, H·v⟩ = ⟨H·w, v⟩} for a symmetric
   * {@code H}, so {@code hv = H·v} and {@code hw = H·w}, computed by the same generated code, must
   * agree on these two numbers to rounding (a tolerance of {@code 1e-12} is realistic). The report
   * has one component; its relative error divides by {@code max(1, Σ|w_i (H·v)_i|, Σ|(H·w)_j
   * v_j|)}, as in {@link JacobianCheck#dotProductTest}.
   *
   * @param v a direction, {@code n} values
   * @param hv the product {@code H·v}
   * @param w another direction, {@code n} values
   * @param hw the product {@code H·w}
   * @return the comparison, one component
   * @throws NullPointerException if an argument is {@code null}
   * @throws IllegalArgumentException if the lengths differ
   */
  public static Report symmetryTest(double[] v, double[] hv, double[] w, double[] hw) {
    Objects.requireNonNull(v, "v");
    Objects.requireNonNull(hv, "hv");
    Objects.requireNonNull(w, "w");
    Objects.requireNonNull(hw, "hw");
    return JacobianCheck.dotProductTest(
        "symmetry test", "Symmetry test of two HVPs", "<w, H v>", "<H w, v>", v, hv, w, hw);
  }

  // --- Helpers --------------------------------------------------------------------------------

  private static Report compareRecord(
      Record hessian,
      ToDoubleFunction<double[]> f,
      double[] x,
      List<String> entryNames,
      Scheme scheme) {
    RecordParts parts = RecordParts.of(hessian, "a Hessian record's components");
    int n = x.length;
    if (!parts.names.equals(List.of("gradient", "hessian"))
        || !(parts.get("gradient") instanceof double[] gradient)
        || gradient.length != n
        || !(parts.get("hessian") instanceof double[][] matrix)
        || !isSquare(matrix, n)) {
      throw new IllegalArgumentException(
          parts.describe("the components")
              + " are not (gradient: double["
              + n
              + "], hessian: double["
              + n
              + "]["
              + n
              + "]), as a Hessian record at a point of "
              + n
              + (n == 1 ? " value" : " values")
              + " is");
    }
    double[] numericGradient = scheme.gradient(f, x);
    double[][] numericHessian = Hessians.hessian(f, x, scheme);
    List<String> names = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      names.add("gradient[" + (entryNames == null ? Integer.toString(i) : entryNames.get(i)) + "]");
    }
    names.addAll(entryNames("hessian", entryNames, n));
    double[] analytic = new double[n + n * n];
    double[] numeric = new double[n + n * n];
    System.arraycopy(gradient, 0, analytic, 0, n);
    System.arraycopy(numericGradient, 0, numeric, 0, n);
    System.arraycopy(JacobianCheck.flatten(matrix), 0, analytic, n, n * n);
    System.arraycopy(JacobianCheck.flatten(numericHessian), 0, numeric, n, n * n);
    String title =
        GradientCheck.title("Hessian check of " + parts.type.getSimpleName(), scheme);
    ReportTable.Labels labels =
        ReportTable.Labels.of("Hessian check", title)
            .withNote(asymmetryNote("analytic asymmetry", matrix, "hessian", entryNames));
    return new Report(labels, names, analytic, numeric, null);
  }

  private static Report hessianReport(
      String what,
      Scheme scheme,
      String symbol,
      List<String> entryNames,
      double[][] analytic,
      double[][] numeric,
      String extraNote) {
    int n = analytic.length;
    ReportTable.Labels labels =
        ReportTable.Labels.of("Hessian check", GradientCheck.title(what, scheme))
            .withNote(asymmetryNote("analytic asymmetry", analytic, symbol, entryNames));
    if (extraNote != null) {
      labels = labels.withNote(extraNote);
    }
    return new Report(
        labels,
        entryNames(symbol, entryNames, n),
        JacobianCheck.flatten(analytic),
        JacobianCheck.flatten(numeric),
        null);
  }

  /** {@code H[i][j]}, or with entry names {@code H[w[0]][b]}, row by row. */
  private static List<String> entryNames(String symbol, List<String> entryNames, int n) {
    List<String> names = new ArrayList<>(n * n);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        String row = entryNames == null ? Integer.toString(i) : entryNames.get(i);
        String column = entryNames == null ? Integer.toString(j) : entryNames.get(j);
        names.add(symbol + "[" + row + "][" + column + "]");
      }
    }
    return names;
  }

  /**
   * E.g. "analytic asymmetry: max |H[i][j] - H[j][i]| / max(1, |H[i][j]|, |H[j][i]|) = 1.2e-16,
   * at H[0][1]".
   */
  private static String asymmetryNote(
      String what, double[][] h, String symbol, List<String> entryNames) {
    int n = h.length;
    double worst = 0;
    int worstI = -1;
    int worstJ = -1;
    boolean nonFinite = false;
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        double e = Hessians.asymmetry(h[i][j], h[j][i]);
        if (Double.isNaN(e)) {
          nonFinite = true;
        } else if (e > worst || worstI < 0) {
          worst = e;
          worstI = i;
          worstJ = j;
        }
      }
    }
    String text =
        what
            + ": max |"
            + symbol
            + "[i][j] - "
            + symbol
            + "[j][i]| / max(1, |"
            + symbol
            + "[i][j]|, |"
            + symbol
            + "[j][i]|) = "
            + ReportTable.format("%.2e", worst);
    if (worstI >= 0 && worst > 0) {
      text += ", at " + entryNames(symbol, entryNames, n).get(worstI * n + worstJ);
    }
    return text + (nonFinite ? " (over the finite pairs; some are NaN or infinite)" : "");
  }

  private static void requireSquare(double[][] matrix, String what, int n) {
    if (matrix.length != n) {
      throw new IllegalArgumentException(
          what + " has " + matrix.length + " rows but the point has " + n + " values");
    }
    JacobianCheck.requireMatrix(matrix, what, n, "the point has " + n + " values");
  }

  private static boolean isSquare(double[][] matrix, int n) {
    if (matrix.length != n) {
      return false;
    }
    for (double[] row : matrix) {
      if (row.length != n) {
        return false;
      }
    }
    return true;
  }
}
