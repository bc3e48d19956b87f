package dev.chainrule.numeric;

import dev.chainrule.numeric.FiniteDifferences.Scheme;
import dev.chainrule.numeric.GradientCheck.Report;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Compares analytic (typically generated) Jacobians, Jacobian-vector products {@code J·v}
 * (tangents, forward mode) and vector-Jacobian products {@code wᵀJ} (pullbacks, reverse mode) with
 * numerical ones computed by {@link Jacobians}, and tests the two modes against each other; each
 * gives a {@link Report} like {@link GradientCheck}'s, with a readable table and {@link
 * Report#assertWithin}.
 *
 * <pre>{@code
 * // double[] polar(double r, double theta), record PolarJacobian(double[] value, double[] r, double[] theta)
 * GradientCheck.Report report =
 *     JacobianCheck.compareRecord(
 *         PolarDerivatives.polarJacobian(2, 0.5), v -> Polar.polar(v[0], v[1]), new double[] {2, 0.5});
 * report.assertWithin(1e-8); // rows r[0], r[1], theta[0], theta[1]
 * }</pre>
 *
 * <p>As in {@link GradientCheck}: unless told otherwise the numerical side is Richardson
 * extrapolation (about {@code 1e-11} relative, so a correct derivative passes {@code 1e-8} with a
 * wide margin), {@link Scheme#CENTRAL} is available for expensive functions (about {@code 1e-8};
 * use a tolerance of {@code 1e-6}); the relative error of a component is {@code |a - n| / max(1,
 * |a|, |n|)}; a non-finite component fails; {@code null} arguments throw {@link
 * NullPointerException} naming the parameter and inconsistent shapes {@link
 * IllegalArgumentException} giving both; {@code x} is perturbed and restored exactly. The number
 * of outputs {@code m} is taken from the analytic side, and {@code f} must return that many values
 * at every point.
 */
public final class JacobianCheck {

  private JacobianCheck() {}

  /**
   * Compares the dense Jacobian {@code analytic} ({@code double[m][n]}, row {@code i} the gradient
   * of output {@code i}) with the numerical Jacobian of {@code f} at {@code x}, by Richardson
   * extrapolation. Components are named {@code J[i][j]}.
   *
   * @param f the function; must not modify its argument
   * @param analytic the Jacobian to check, {@code m} rows of length {@code x.length}
   * @param x the point; perturbed during the call and restored exactly afterwards
   * @return the comparison
   * @throws NullPointerException if an argument or a row of {@code analytic} is {@code null}
   * @throws IllegalArgumentException if a row of {@code analytic} does not have the length of
   *     {@code x}, or {@code f} does not return {@code m} values
   */
  public static Report compare(VectorFunction f, double[][] analytic, double[] x) {
    return compare(f, analytic, x, Scheme.RICHARDSON);
  }

  /**
   * As {@link #compare(VectorFunction, double[][], double[])}, with the numerical Jacobian
   * computed by the given scheme.
   *
   * @param f the function; must not modify its argument
   * @param analytic the Jacobian to check, {@code m} rows of length {@code x.length}
   * @param x the point; perturbed during the call and restored exactly afterwards
   * @param scheme how to compute the numerical Jacobian
   * @return the comparison
   * @throws NullPointerException if an argument or a row of {@code analytic} is {@code null}
   * @throws IllegalArgumentException if a row of {@code analytic} does not have the length of
   *     {@code x}, or {@code f} does not return {@code m} values
   */
  public static Report compare(
      VectorFunction f, double[][] analytic, double[] x, Scheme scheme) {
    Objects.requireNonNull(f, "f");
    Objects.requireNonNull(analytic, "analytic");
    Objects.requireNonNull(x, "x");
    Objects.requireNonNull(scheme, "scheme");
    requireMatrix(analytic, "analytic", x.length, "x has length " + x.length);
    int m = analytic.length;
    requireOutputs(f, x, m, "analytic has " + m + (m == 1 ? " row" : " rows"));
    double[][] numeric = jacobian(f, m, x, scheme, "one per row of analytic");
    List<String> names = new ArrayList<>();
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < x.length; j++) {
        names.add("J[" + i + "][" + j + "]");
      }
    }
    return new Report(
        ReportTable.Labels.of("Jacobian check", GradientCheck.title("Jacobian check", scheme)),
        names,
        flatten(analytic),
        flatten(numeric),
        null);
  }

  /**
   * Compares a Jacobian record, such as ChainRule generates for a vector-valued method, with the
   * numerical Jacobian of {@code f} at {@code x}, by Richardson extrapolation.
   *
   * <p>The record holds one block per differentiated parameter, in declaration order, named after
   * it, and a {@code value} component (the result, ignored): a {@code double[m]} for a {@code
   * double} parameter (entry {@code i}: {@code ∂f_i/∂p}), a {@code double[m][k]} for an array
   * parameter of {@code k} values ({@code double[][]} parameters flattened row-major). {@code x}
   * and {@code f} must use the same order, so a {@code double[]} block stands for one entry of
   * {@code x} and a {@code double[m][k]} block for {@code k}. Components are named after the
   * blocks, as the record's arrays are indexed: {@code theta[i]}, {@code camera[i][j]}. With
   * {@code m = 0} the array blocks have no rows to tell their width: use {@link
   * #compareRecord(Record, VectorFunction, Packing)}.
   *
   * @param jacobian the record: a {@code value} component (ignored) and the blocks
   * @param f the function the record is the Jacobian of, over the flattened parameters
   * @param x the point, flattened the same way; perturbed during the call and restored exactly
   * @return the comparison, with components named after the blocks
   * @throws NullPointerException if an argument, a block or a row is {@code null}
   * @throws IllegalArgumentException if a block has another type or cannot be read, if the blocks
   *     do not all have {@code m} rows of equal length, if their columns and {@code x} differ in
   *     number, or if {@code f} does not return {@code m} values
   */
  public static Report compareRecord(Record jacobian, VectorFunction f, double[] x) {
    return compareRecord(jacobian, f, x, Scheme.RICHARDSON);
  }

  /**
   * As {@link #compareRecord(Record, VectorFunction, double[])}, with the numerical Jacobian
   * computed by the given scheme.
   *
   * @param jacobian the record: a {@code value} component (ignored) and the blocks
   * @param f the function the record is the Jacobian of, over the flattened parameters
   * @param x the point, flattened the same way; perturbed during the call and restored exactly
   * @param scheme how to compute the numerical Jacobian
   * @return the comparison, with components named after the blocks
   * @throws NullPointerException if an argument, a block or a row is {@code null}
   * @throws IllegalArgumentException if a block has another type or cannot be read, if the blocks
   *     do not all have {@code m} rows of equal length, if their columns and {@code x} differ in
   *     number, or if {@code f} does not return {@code m} values
   */
  public static Report compareRecord(
      Record jacobian, VectorFunction f, double[] x, Scheme scheme) {
    Objects.requireNonNull(jacobian, "jacobian");
    Objects.requireNonNull(f, "f");
    Objects.requireNonNull(x, "x");
    Objects.requireNonNull(scheme, "scheme");
    RecordParts blocks = RecordParts.of(jacobian, BLOCKS_MUST);
    int m = rowsOf(blocks);
    Object[] layout = new Object[blocks.values.size()];
    long columns = 0;
    for (int p = 0; p < layout.length; p++) {
      Object block = blocks.values.get(p);
      if (block instanceof double[][] matrix) {
        requireMatrix(matrix, "block " + blocks.names.get(p), widthOf(matrix), null);
        layout[p] = new double[widthOf(matrix)];
      } else {
        layout[p] = 0.0; // a double[] block: a double parameter
      }
      columns += layout[p] instanceof double[] vector ? vector.length : 1;
    }
    if (columns != x.length) {
      throw new IllegalArgumentException(
          blocks.describe("the blocks")
              + " hold "
              + columns
              + " columns but x has length "
              + x.length);
    }
    return compareBlocks(blocks, m, Packing.of(layout), f, x, scheme);
  }

  /**
   * Compares a Jacobian record with the numerical Jacobian of {@code f} at the point packed in
   * {@code at}, by Richardson extrapolation; the blocks must have the shapes the packed parameters
   * call for ({@code double[m]} for a {@code double}, {@code double[m][k]} for an array of {@code
   * k} values), in the same order. See {@link #compareRecord(Record, VectorFunction, double[])}
   * for how the record is read.
   *
   * <pre>{@code
   * Packing p = Packing.of(camera, point);
   * JacobianCheck.compareRecord(
   *         ReprojectionDerivatives.residualJacobian(camera, point),
   *         v -> Reprojection.residual(p.vector(v, 0), p.vector(v, 1)),
   *         p)
   *     .assertWithin(1e-8);
   * }</pre>
   *
   * @param jacobian the record: a {@code value} component (ignored) and the blocks
   * @param f the function the record is the Jacobian of, over the packed parameters
   * @param at the packed parameters: the layout of the flat vector and the point
   * @return the comparison, with components named after the blocks
   * @throws NullPointerException if an argument, a block or a row is {@code null}
   * @throws IllegalArgumentException if a block has another type or cannot be read, if the blocks
   *     do not have the shapes the packed parameters call for, or if {@code f} does not return
   *     {@code m} values
   */
  public static Report compareRecord(Record jacobian, VectorFunction f, Packing at) {
    return compareRecord(jacobian, f, at, Scheme.RICHARDSON);
  }

  /**
   * As {@link #compareRecord(Record, VectorFunction, Packing)}, with the numerical Jacobian
   * computed by the given scheme.
   *
   * @param jacobian the record: a {@code value} component (ignored) and the blocks
   * @param f the function the record is the Jacobian of, over the packed parameters
   * @param at the packed parameters: the layout of the flat vector and the point
   * @param scheme how to compute the numerical Jacobian
   * @return the comparison, with components named after the blocks
   * @throws NullPointerException if an argument, a block or a row is {@code null}
   * @throws IllegalArgumentException if a block has another type or cannot be read, if the blocks
   *     do not have the shapes the packed parameters call for, or if {@code f} does not return
   *     {@code m} values
   */
  public static Report compareRecord(
      Record jacobian, VectorFunction f, Packing at, Scheme scheme) {
    Objects.requireNonNull(jacobian, "jacobian");
    Objects.requireNonNull(f, "f");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(scheme, "scheme");
    RecordParts blocks = RecordParts.of(jacobian, BLOCKS_MUST);
    int m = rowsOf(blocks);
    boolean fits = blocks.values.size() == at.partCount();
    for (int p = 0; fits && p < at.partCount(); p++) {
      Object block = blocks.values.get(p);
      fits =
          at.isScalar(p)
              ? block instanceof double[] column && column.length == m
              : block instanceof double[][] matrix && hasShape(matrix, m, at.size(p));
    }
    if (!fits) {
      throw new IllegalArgumentException(
          blocks.describe("the blocks")
              + " do not have the shapes the packed parameters "
              + at
              + " call for with "
              + m
              + " outputs: double["
              + m
              + "] for a double, double["
              + m
              + "][k] for an array of k values");
    }
    return compareBlocks(blocks, m, at, f, at.flatten(), scheme);
  }

  /**
   * Compares an analytic Jacobian-vector product {@code J·v} (a generated tangent) with the
   * numerical one of {@code f} at {@code x} along {@code v}, by Richardson extrapolation ({@link
   * Jacobians#jvpRichardson(VectorFunction, double[], double[])}). Components are named {@code
   * Jv[i]}.
   *
   * @param f the function; must not modify its argument
   * @param analytic the product to check, one entry per output of {@code f}
   * @param x the point; perturbed during the call and restored exactly afterwards
   * @param v the direction, of the length of {@code x}
   * @return the comparison
   * @throws NullPointerException if an argument is {@code null}
   * @throws IllegalArgumentException if {@code v} and {@code x} differ in length, or {@code f}
   *     does not return {@code analytic.length} values
   */
  public static Report compareJvp(VectorFunction f, double[] analytic, double[] x, double[] v) {
    return compareJvp(f, analytic, x, v, Scheme.RICHARDSON);
  }

  /**
   * As {@link #compareJvp(VectorFunction, double[], double[], double[])}, with the numerical
   * product computed by the given scheme.
   *
   * @param f the function; must not modify its argument
   * @param analytic the product to check, one entry per output of {@code f}
   * @param x the point; perturbed during the call and restored exactly afterwards
   * @param v the direction, of the length of {@code x}
   * @param scheme how to compute the numerical product
   * @return the comparison
   * @throws NullPointerException if an argument is {@code null}
   * @throws IllegalArgumentException if {@code v} and {@code x} differ in length, or {@code f}
   *     does not return {@code analytic.length} values
   */
  public static Report compareJvp(
      VectorFunction f, double[] analytic, double[] x, double[] v, Scheme scheme) {
    Objects.requireNonNull(f, "f");
    Objects.requireNonNull(analytic, "analytic");
    Objects.requireNonNull(x, "x");
    Objects.requireNonNull(v, "v");
    Objects.requireNonNull(scheme, "scheme");
    int m = analytic.length;
    requireOutputs(f, x, m, "analytic has length " + m);
    VectorFunction.Into into = VectorEvaluation.adapt(f, m, "one per entry of analytic");
    double[] numeric = Jacobians.jvp(into, m, x, v, scheme);
    return new Report(
        ReportTable.Labels.of("JVP check", GradientCheck.title("JVP check (J v)", scheme)),
        indexed("Jv", m),
        analytic.clone(),
        numeric,
        null);
  }

  /**
   * Compares an analytic vector-Jacobian product {@code wᵀJ} (a generated pullback with seed
   * {@code w}) with the numerical one, the gradient of {@code ⟨w, f⟩} at {@code x} by Richardson
   * extrapolation ({@link Jacobians#vjpRichardson(VectorFunction, double[], double[])}).
   * Components are named {@code wJ[j]}.
   *
   * @param f the function; must not modify its argument; must return {@code w.length} values
   * @param analytic the product to check, one entry per entry of {@code x}
   * @param x the point; perturbed during the call and restored exactly afterwards
   * @param w the weights of the outputs (the seed)
   * @return the comparison
   * @throws NullPointerException if an argument is {@code null}
   * @throws IllegalArgumentException if {@code analytic} and {@code x} differ in length, or
   *     {@code f} does not return {@code w.length} values
   */
  public static Report compareVjp(VectorFunction f, double[] analytic, double[] x, double[] w) {
    return compareVjp(f, analytic, x, w, Scheme.RICHARDSON);
  }

  /**
   * As {@link #compareVjp(VectorFunction, double[], double[], double[])}, with the numerical
   * product computed by the given scheme.
   *
   * @param f the function; must not modify its argument; must return {@code w.length} values
   * @param analytic the product to check, one entry per entry of {@code x}
   * @param x the point; perturbed during the call and restored exactly afterwards
   * @param w the weights of the outputs (the seed)
   * @param scheme how to compute the numerical product
   * @return the comparison
   * @throws NullPointerException if an argument is {@code null}
   * @throws IllegalArgumentException if {@code analytic} and {@code x} differ in length, or
   *     {@code f} does not return {@code w.length} values
   */
  public static Report compareVjp(
      VectorFunction f, double[] analytic, double[] x, double[] w, Scheme scheme) {
    Objects.requireNonNull(f, "f");
    Objects.requireNonNull(analytic, "analytic");
    Objects.requireNonNull(x, "x");
    Objects.requireNonNull(w, "w");
    Objects.requireNonNull(scheme, "scheme");
    if (analytic.length != x.length) {
      throw new IllegalArgumentException(
          "analytic has length " + analytic.length + " but x has length " + x.length);
    }
    requireOutputs(f, x, w.length, "w has length " + w.length);
    double[] numeric = Jacobians.vjp(f, x, w, scheme);
    return new Report(
        ReportTable.Labels.of("VJP check", GradientCheck.title("VJP check (w^T J)", scheme)),
        indexed("wJ", x.length),
        analytic.clone(),
        numeric,
        null);
  }

  /**
   * The dot-product test between forward and reverse mode: for any {@code v} and {@code w},
   * {@code ⟨w, J·v⟩ = ⟨Jᵀw, v⟩}, so a tangent {@code jv = J·v} and a pullback {@code wJ = wᵀJ}
   * computed by two different sweeps must agree on these two numbers to rounding. No finite
   * differences are involved, so the test is exact up to the rounding of the two modes and of the
   * dot products, and a tolerance of {@code 1e-12} is realistic.
   *
   * <p>The report has one component, {@code <w, J v>} as "analytic" and {@code <J^T w, v>} as
   * "numeric". Its relative error is {@code |⟨w, J·v⟩ - ⟨Jᵀw, v⟩| / max(1, Σ|w_i (J·v)_i|,
   * Σ|(Jᵀw)_j v_j|)}: relative to the magnitude of the terms summed, which bounds the rounding of
   * the dot products even when they cancel. Draw {@code v} and {@code w} at random (of order one)
   * so that no error hides in a direction they miss.
   *
   * @param v the direction of the tangent, {@code n} values
   * @param jv the tangent {@code J·v}, {@code m} values
   * @param w the seed of the pullback, {@code m} values
   * @param wJ the pullback {@code wᵀJ}, {@code n} values
   * @return the comparison, one component
   * @throws NullPointerException if an argument is {@code null}
   * @throws IllegalArgumentException if {@code jv} and {@code w}, or {@code v} and {@code wJ},
   *     differ in length
   */
  public static Report dotProductTest(double[] v, double[] jv, double[] w, double[] wJ) {
    Objects.requireNonNull(v, "v");
    Objects.requireNonNull(jv, "jv");
    Objects.requireNonNull(w, "w");
    Objects.requireNonNull(wJ, "wJ");
    return dotProductTest(
        "dot-product test",
        "Dot-product test of forward and reverse mode",
        "<w, J v>",
        "<J^T w, v>",
        v,
        jv,
        w,
        wJ);
  }

  /**
   * The dot-product test {@code ⟨w, Av⟩ = ⟨Aᵀw, v⟩} of the products {@code av = Av} and {@code
   * aw = Aᵀw} of one linear map, with the given texts.
   */
  static Report dotProductTest(
      String check,
      String title,
      String left,
      String right,
      double[] v,
      double[] av,
      double[] w,
      double[] aw) {
    if (av.length != w.length) {
      throw new IllegalArgumentException(
          "the product of v has length " + av.length + " but w has length " + w.length);
    }
    if (aw.length != v.length) {
      throw new IllegalArgumentException(
          "the product of w has length " + aw.length + " but v has length " + v.length);
    }
    double leftSum = 0;
    double leftScale = 0;
    for (int i = 0; i < w.length; i++) {
      leftSum += w[i] * av[i];
      leftScale += Math.abs(w[i] * av[i]);
    }
    double rightSum = 0;
    double rightScale = 0;
    for (int j = 0; j < v.length; j++) {
      rightSum += aw[j] * v[j];
      rightScale += Math.abs(aw[j] * v[j]);
    }
    String definition =
        "rel error = |"
            + left
            + " - "
            + right
            + "| / max(1, sum of |terms| of either dot product)";
    ReportTable.Labels labels =
        new ReportTable.Labels(check, title, left, right, definition, List.of());
    return new Report(
        labels,
        List.of(left + " vs " + right),
        new double[] {leftSum},
        new double[] {rightSum},
        new double[] {Math.max(leftScale, rightScale)});
  }

  // --- Helpers --------------------------------------------------------------------------------

  /** How a type error in a Jacobian record's components is explained. */
  private static final String BLOCKS_MUST = "a Jacobian record's blocks";

  private static Report compareBlocks(
      RecordParts blocks, int m, Packing layout, VectorFunction f, double[] x, Scheme scheme) {
    requireOutputs(f, x, m, blocks.describe("the blocks") + " have " + m + " rows");
    double[][] numeric = jacobian(f, m, x, scheme, "one per row of the record's blocks");
    List<String> names = new ArrayList<>();
    List<Double> analyticValues = new ArrayList<>();
    List<Double> numericValues = new ArrayList<>();
    int column = 0;
    for (int p = 0; p < blocks.values.size(); p++) {
      String name = blocks.names.get(p);
      Object block = blocks.values.get(p);
      int width = layout.size(p);
      for (int i = 0; i < m; i++) {
        for (int k = 0; k < width; k++) {
          if (block instanceof double[][] matrix) {
            names.add(name + "[" + i + "][" + k + "]");
            analyticValues.add(matrix[i][k]);
          } else {
            names.add(name + "[" + i + "]");
            analyticValues.add(((double[]) block)[i]);
          }
          numericValues.add(numeric[i][column + k]);
        }
      }
      column += width;
    }
    String title = GradientCheck.title("Jacobian check of " + blocks.type.getSimpleName(), scheme);
    return new Report(
        ReportTable.Labels.of("Jacobian check", title),
        names,
        analyticValues.stream().mapToDouble(Double::doubleValue).toArray(),
        numericValues.stream().mapToDouble(Double::doubleValue).toArray(),
        null);
  }

  private static double[][] jacobian(
      VectorFunction f, int m, double[] x, Scheme scheme, String expected) {
    return Jacobians.jacobian(VectorEvaluation.adapt(f, m, expected), m, x, scheme);
  }

  /**
   * Evaluates {@code f} once at {@code x} to check that it returns {@code m} values, so that a
   * mismatch is reported plainly even where no perturbed point would be evaluated; {@code
   * analytic} says what holds {@code m}, e.g. "analytic has 2 rows".
   */
  private static void requireOutputs(VectorFunction f, double[] x, int m, String analytic) {
    int length = VectorEvaluation.lengthAt(f, x);
    if (length != m) {
      throw new IllegalArgumentException(
          "f returns " + length + " values at x but " + analytic + " (one per output)");
    }
  }

  /** The number of outputs the blocks say: the length of a double[] or rows of a double[][]. */
  private static int rowsOf(RecordParts blocks) {
    int m = -1;
    for (int p = 0; p < blocks.values.size(); p++) {
      Object block = blocks.values.get(p);
      if (!(block instanceof double[]) && !(block instanceof double[][])) {
        throw new IllegalArgumentException(
            "component "
                + blocks.names.get(p)
                + " of "
                + blocks.type.getName()
                + " is a double; "
                + BLOCKS_MUST
                + " are double[m] or double[m][k]");
      }
      int rows = block instanceof double[] vector ? vector.length : ((double[][]) block).length;
      if (m >= 0 && rows != m) {
        throw new IllegalArgumentException(
            blocks.describe("the blocks")
                + " do not all have the same number of rows (one per output)");
      }
      m = rows;
    }
    return Math.max(m, 0);
  }

  private static int widthOf(double[][] matrix) {
    return matrix.length == 0 ? 0 : matrix[0].length;
  }

  private static boolean hasShape(double[][] matrix, int rows, int columns) {
    if (matrix.length != rows) {
      return false;
    }
    for (double[] row : matrix) {
      if (row.length != columns) {
        return false;
      }
    }
    return true;
  }

  /**
   * Checks that every row of {@code matrix} is non-null and has length {@code columns}; {@code
   * why}, if not null, says where that length comes from.
   */
  static void requireMatrix(double[][] matrix, String what, int columns, String why) {
    for (int i = 0; i < matrix.length; i++) {
      if (matrix[i] == null) {
        throw new NullPointerException("row " + i + " of " + what + " is null");
      }
      if (matrix[i].length != columns) {
        throw new IllegalArgumentException(
            "row "
                + i
                + " of "
                + what
                + " has length "
                + matrix[i].length
                + (why == null ? " but row 0 has length " + columns : " but " + why));
      }
    }
  }

  static double[] flatten(double[][] matrix) {
    return Packing.flatten((Object) matrix);
  }

  static List<String> indexed(String name, int n) {
    List<String> names = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      names.add(name + "[" + i + "]");
    }
    return names;
  }
}
