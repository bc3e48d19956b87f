package dev.chainrule.numeric;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * The layout of several {@code double}, {@code double[]} and {@code double[][]} values in one flat
 * vector, so that a function of arrays can be differentiated numerically as a function of a single
 * {@code double[]}.
 *
 * <p>Finite differences and {@link GradientCheck} work on functions {@code double[] → double}. To
 * check the gradient of a method with array parameters, pack its arguments once, write the function
 * over the flat vector by unpacking each part from it, and compare:
 *
 * <pre>{@code
 * // double loss(double[] w, double b, double[][] W2, Data data)
 * Packing p = Packing.of(w, b, W2);
 * ToDoubleFunction<double[]> f =
 *     v -> Loss.loss(p.vector(v, 0), p.scalar(v, 1), p.matrix(v, 2), data);
 * GradientCheck.compareRecord(LossDerivatives.lossGradient(w, b, W2, data), f, p)
 *     .assertWithin(1e-8);
 * }</pre>
 *
 * <p>The flat vector holds the parts in the order given, each matrix row-major (row 0 first); a
 * {@code double[][]} may be ragged, its rows keep their own lengths. {@link #of} records the shapes
 * <em>and</em> a copy of the values: {@link #flatten()} returns those values, as the point at which
 * to differentiate, however the original arrays change later. The unpacking methods {@link
 * #scalar}, {@link #vector} and {@link #matrix} always return fresh arrays, so the function under
 * test can neither see nor disturb the flat vector the finite differences are perturbing.
 *
 * <p>The same layout serves the other checks: a vector-valued method's Jacobian record is checked
 * with {@link JacobianCheck#compareRecord(Record, VectorFunction, Packing)}, a Hessian over the
 * flat vector with {@link HessianCheck}, where {@link #named} parts name the entries ({@code
 * H[w[0]][b]}); {@link #ofRecord} flattens a gradient record, e.g. to take differences of a
 * generated gradient ({@link Hessians#hessianFromGradient}).
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class Packing {

  /** What one part is: its kind, where it starts in the flat vector, and its row lengths. */
  private record Part(Kind kind, int offset, int size, int[] rowLengths) {}

  private enum Kind {
    SCALAR("double"),
    VECTOR("double[]"),
    MATRIX("double[][]");

    private final String typeName;

    Kind(String typeName) {
      this.typeName = typeName;
    }
  }

  private final Part[] parts;
  private final double[] values;

  /** The parts' names, or {@code null} if they have none. */
  private final String[] names;

  private Packing(Part[] parts, double[] values, String[] names) {
    this.parts = parts;
    this.values = values;
    this.names = names;
  }

  /**
   * The packing of {@code parts}, in order: each a {@link Double} (a {@code double} argument, boxed
   * automatically), a {@code double[]} or a {@code double[][]} (possibly ragged). Records the
   * shapes and copies the current values, which {@link #flatten()} returns.
   *
   * <p>A single {@code double[][]} argument is one matrix part, as intended, even though Java
   * passes it as the varargs array itself (the compiler warns about that call; {@code of((Object)
   * m)} avoids the warning).
   *
   * @param parts the values to pack; none may be {@code null}, nor a row of a {@code double[][]}
   * @return the packing
   * @throws NullPointerException if {@code parts}, one of them, or a row is {@code null}
   * @throws IllegalArgumentException if a part has another type, such as an {@link Integer} from an
   *     {@code int} literal (write {@code 1.0}, not {@code 1}), or if the total size overflows an
   *     {@code int}
   */
  public static Packing of(Object... parts) {
    Objects.requireNonNull(parts, "parts");
    if (parts instanceof double[][] matrix) {
      // A lone double[][] argument is passed as the varargs array itself; it is one matrix part.
      parts = new Object[] {matrix};
    }
    Part[] layout = new Part[parts.length];
    long total = 0;
    for (int p = 0; p < parts.length; p++) {
      Object part = parts[p];
      if (part == null) {
        throw new NullPointerException("part " + p + " is null");
      }
      int offset = (int) total;
      if (part instanceof Double) {
        layout[p] = new Part(Kind.SCALAR, offset, 1, null);
      } else if (part instanceof double[] vector) {
        layout[p] = new Part(Kind.VECTOR, offset, vector.length, null);
      } else if (part instanceof double[][] matrix) {
        int[] rowLengths = new int[matrix.length];
        long size = 0;
        for (int r = 0; r < matrix.length; r++) {
          if (matrix[r] == null) {
            throw new NullPointerException("part " + p + ", row " + r + " is null");
          }
          rowLengths[r] = matrix[r].length;
          size += rowLengths[r];
        }
        if (size > Integer.MAX_VALUE) {
          throw new IllegalArgumentException("part " + p + " has too many elements: " + size);
        }
        layout[p] = new Part(Kind.MATRIX, offset, (int) size, rowLengths);
      } else {
        throw new IllegalArgumentException(
            "part "
                + p
                + " is a "
                + part.getClass().getTypeName()
                + "; only Double (a double value), double[] and double[][] can be packed"
                + (part instanceof Number ? " (write a double literal such as 1.0)" : ""));
      }
      total += layout[p].size();
      if (total > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("the parts hold more than Integer.MAX_VALUE values");
      }
    }
    double[] values = new double[(int) total];
    for (int p = 0; p < parts.length; p++) {
      copyIn(parts[p], values, layout[p].offset());
    }
    return new Packing(layout, values, null);
  }

  /**
   * The values of {@code parts} in one flat vector: shorthand for {@code of(parts).flatten()}.
   *
   * @param parts each a {@link Double}, {@code double[]} or {@code double[][]}; see {@link #of}
   * @return a fresh array with the parts' values, in order, matrices row-major
   * @throws NullPointerException if {@code parts}, one of them, or a row is {@code null}
   * @throws IllegalArgumentException if a part has another type
   */
  public static double[] flatten(Object... parts) {
    return of(parts).flatten();
  }

  /**
   * The packing of a derivative record's components, such as the partials of a gradient record
   * ChainRule generates: every component but the one named {@code value}, in declaration order,
   * each a {@code double}, {@code double[]} or {@code double[][]}, with the parts named after the
   * components. {@code ofRecord(gradient).flatten()} is the gradient as a flat vector, e.g. for
   * {@link Hessians#hessianFromGradient}:
   *
   * <pre>{@code
   * VectorFunction gradient =
   *     v -> Packing.ofRecord(LossDerivatives.lossGradient(p.vector(v, 0), p.scalar(v, 1))).flatten();
   * }</pre>
   *
   * @param record the record
   * @return the packing of its components (other than {@code value}), named after them
   * @throws NullPointerException if {@code record}, a component or a row is {@code null}
   * @throws IllegalArgumentException if a component (other than {@code value}) has another type or
   *     cannot be read
   */
  public static Packing ofRecord(Record record) {
    Objects.requireNonNull(record, "record");
    return RecordParts.of(record, "the components Packing.ofRecord reads").packing();
  }

  /**
   * This packing with names for its parts, which name the entries of the flat vector in reports:
   * part {@code w} gives {@code w} for a {@code double}, {@code w[i]} for a {@code double[]} and
   * {@code w[r][c]} for a {@code double[][]}, as in a gradient record's report. The values and
   * shapes are this packing's.
   *
   * <pre>{@code
   * Packing p = Packing.of(w, b).named("w", "b");
   * HessianCheck.compare(f, analyticHessian, p).assertWithin(1e-8); // rows like H[w[1]][b]
   * }</pre>
   *
   * @param names one name per part, in order
   * @return a packing of the same values with these names
   * @throws NullPointerException if {@code names} or a name is {@code null}
   * @throws IllegalArgumentException if there is not exactly one name per part
   */
  public Packing named(String... names) {
    Objects.requireNonNull(names, "names");
    if (names.length != parts.length) {
      throw new IllegalArgumentException(
          names.length + " names for " + parts.length + (parts.length == 1 ? " part" : " parts"));
    }
    for (int p = 0; p < names.length; p++) {
      if (names[p] == null) {
        throw new NullPointerException("name " + p + " is null");
      }
    }
    return new Packing(parts, values, names.clone());
  }

  /**
   * The values captured by {@link #of}, as a flat vector: the natural point {@code x} at which to
   * differentiate.
   *
   * @return a fresh array of {@link #size()} values
   */
  public double[] flatten() {
    return values.clone();
  }

  /**
   * The length of the flat vector: the total number of values in all parts.
   *
   * @return the number of values
   */
  public int size() {
    return values.length;
  }

  /**
   * The number of parts packed.
   *
   * @return the number of parts
   */
  public int partCount() {
    return parts.length;
  }

  /**
   * The index in the flat vector at which part {@code part} starts.
   *
   * @param part the index of the part, from 0
   * @return its offset
   * @throws IndexOutOfBoundsException if there is no such part
   */
  public int offset(int part) {
    return parts[Objects.checkIndex(part, parts.length)].offset();
  }

  /**
   * Part {@code part} of {@code v}, which was packed from a {@code double}.
   *
   * @param v a flat vector of this packing's {@link #size()}
   * @param part the index of the part, from 0
   * @return its value
   * @throws NullPointerException if {@code v} is {@code null}
   * @throws IllegalArgumentException if {@code v} has the wrong length or the part is not a {@code
   *     double}
   * @throws IndexOutOfBoundsException if there is no such part
   */
  public double scalar(double[] v, int part) {
    return v[require(v, part, Kind.SCALAR).offset()];
  }

  /**
   * Part {@code part} of {@code v}, which was packed from a {@code double[]}, as a fresh array.
   *
   * @param v a flat vector of this packing's {@link #size()}
   * @param part the index of the part, from 0
   * @return a fresh array with its values
   * @throws NullPointerException if {@code v} is {@code null}
   * @throws IllegalArgumentException if {@code v} has the wrong length or the part is not a {@code
   *     double[]}
   * @throws IndexOutOfBoundsException if there is no such part
   */
  public double[] vector(double[] v, int part) {
    Part p = require(v, part, Kind.VECTOR);
    return Arrays.copyOfRange(v, p.offset(), p.offset() + p.size());
  }

  /**
   * Part {@code part} of {@code v}, which was packed from a {@code double[][]}, as a fresh matrix
   * whose rows have the packed rows' lengths.
   *
   * @param v a flat vector of this packing's {@link #size()}
   * @param part the index of the part, from 0
   * @return a fresh matrix (fresh rows too) with its values
   * @throws NullPointerException if {@code v} is {@code null}
   * @throws IllegalArgumentException if {@code v} has the wrong length or the part is not a {@code
   *     double[][]}
   * @throws IndexOutOfBoundsException if there is no such part
   */
  public double[][] matrix(double[] v, int part) {
    Part p = require(v, part, Kind.MATRIX);
    int[] rowLengths = p.rowLengths();
    double[][] matrix = new double[rowLengths.length][];
    int from = p.offset();
    for (int r = 0; r < rowLengths.length; r++) {
      matrix[r] = Arrays.copyOfRange(v, from, from + rowLengths[r]);
      from += rowLengths[r];
    }
    return matrix;
  }

  /**
   * Describes the layout, e.g. {@code Packing[double[3], double, double[2][4]] (12 values)}, or with
   * {@linkplain #named names} {@code Packing[w: double[3], b: double] (4 values)}.
   *
   * @return the shapes of the parts (and their names) and the total size
   */
  @Override
  public String toString() {
    StringJoiner shapes = new StringJoiner(", ", "Packing[", "]");
    for (int p = 0; p < parts.length; p++) {
      shapes.add((names == null ? "" : names[p] + ": ") + shape(p));
    }
    return shapes + " (" + values.length + (values.length == 1 ? " value)" : " values)");
  }

  /**
   * The shape of part {@code p} as a Java type with its lengths: {@code double}, {@code double[3]},
   * {@code double[2][4]}, or for a ragged matrix {@code double[2][]{3, 4}}.
   */
  String shape(int p) {
    Part part = parts[p];
    if (part.kind() == Kind.SCALAR) {
      return "double";
    }
    if (part.kind() == Kind.VECTOR) {
      return "double[" + part.size() + "]";
    }
    int[] rows = part.rowLengths();
    if (rows.length == 0 || Arrays.stream(rows).allMatch(n -> n == rows[0])) {
      return "double[" + rows.length + "][" + (rows.length == 0 ? 0 : rows[0]) + "]";
    }
    StringJoiner lengths = new StringJoiner(", ", "{", "}");
    Arrays.stream(rows).forEach(n -> lengths.add(Integer.toString(n)));
    return "double[" + rows.length + "][]" + lengths;
  }

  /** Whether {@code other} has parts of the same kinds and lengths, in the same order. */
  boolean sameShapeAs(Packing other) {
    if (parts.length != other.parts.length) {
      return false;
    }
    for (int p = 0; p < parts.length; p++) {
      Part a = parts[p];
      Part b = other.parts[p];
      if (a.kind() != b.kind()
          || a.size() != b.size()
          || !Arrays.equals(a.rowLengths(), b.rowLengths())) {
        return false;
      }
    }
    return true;
  }

  /**
   * Names for the entries of the flat vector: part {@code p} named {@code n} gives {@code n} for a
   * {@code double}, {@code n[i]} for a {@code double[]} and {@code n[i][j]} for a {@code
   * double[][]}; {@code null} if the parts have no names.
   */
  List<String> entryNames() {
    if (names == null) {
      return null;
    }
    List<String> entries = new ArrayList<>(values.length);
    for (int p = 0; p < parts.length; p++) {
      String name = names[p];
      Part part = parts[p];
      if (part.kind() == Kind.SCALAR) {
        entries.add(name);
      } else if (part.kind() == Kind.VECTOR) {
        for (int i = 0; i < part.size(); i++) {
          entries.add(name + "[" + i + "]");
        }
      } else {
        int[] rowLengths = part.rowLengths();
        for (int r = 0; r < rowLengths.length; r++) {
          for (int c = 0; c < rowLengths[r]; c++) {
            entries.add(name + "[" + r + "][" + c + "]");
          }
        }
      }
    }
    return entries;
  }

  /** Whether part {@code p} is a {@code double} (rather than an array). */
  boolean isScalar(int p) {
    return parts[p].kind() == Kind.SCALAR;
  }

  /** The number of values in part {@code p}. */
  int size(int p) {
    return parts[p].size();
  }

  /** The name of part {@code p}, or {@code null} if the parts have no names. */
  String name(int p) {
    return names == null ? null : names[p];
  }

  private Part require(double[] v, int part, Kind kind) {
    Objects.requireNonNull(v, "v");
    if (v.length != values.length) {
      throw new IllegalArgumentException(
          "v has length " + v.length + " but this packing holds " + values.length + " values");
    }
    Part p = parts[Objects.checkIndex(part, parts.length)];
    if (p.kind() != kind) {
      throw new IllegalArgumentException(
          "part " + part + " is a " + shape(part) + ", not a " + kind.typeName);
    }
    return p;
  }

  private static void copyIn(Object part, double[] into, int offset) {
    if (part instanceof Double scalar) {
      into[offset] = scalar;
    } else if (part instanceof double[] vector) {
      System.arraycopy(vector, 0, into, offset, vector.length);
    } else {
      for (double[] row : (double[][]) part) {
        System.arraycopy(row, 0, into, offset, row.length);
        offset += row.length;
      }
    }
  }
}
