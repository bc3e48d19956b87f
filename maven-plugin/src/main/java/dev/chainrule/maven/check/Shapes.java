package dev.chainrule.maven.check;

import java.util.Arrays;

/**
 * Values of the shapes derivatives take and give — a {@code Double}, {@code double[]}, {@code
 * double[][]}, and for k directions at once the same with one more dimension, the direction last
 * ({@code x[i][d]}) — flattened row by row, filled, and built from flat vectors.
 */
final class Shapes {
  private Shapes() {}

  /** The values of a {@code Double}, {@code double[]}, {@code double[][]} or {@code double[][][]}, row by row. */
  static double[] flatten(Object value) {
    if (value instanceof Double d) {
      return new double[] {d};
    }
    if (value instanceof double[] a) {
      return a.clone();
    }
    if (value instanceof double[][] a) {
      return Arrays.stream(a).flatMapToDouble(Arrays::stream).toArray();
    }
    if (value instanceof double[][][] a) {
      return Arrays.stream(a).flatMap(Arrays::stream).flatMapToDouble(Arrays::stream).toArray();
    }
    throw new IllegalStateException("not a derivative's value: " + text(value));
  }

  /** The parts' values, one after the other. */
  static double[] flattenParts(Object[] parts) {
    return Arrays.stream(parts).map(Shapes::flatten).flatMapToDouble(Arrays::stream).toArray();
  }

  /** A value of the shape of {@code like} with every entry {@code fill} ({@code Double} for a {@code Double}). */
  static Object filled(Object like, double fill) {
    if (like instanceof Double) {
      return fill;
    }
    if (like instanceof double[] a) {
      double[] b = new double[a.length];
      Arrays.fill(b, fill);
      return b;
    }
    if (like instanceof double[][] a) {
      double[][] b = new double[a.length][];
      for (int r = 0; r < a.length; r++) {
        b[r] = (double[]) filled(a[r], fill);
      }
      return b;
    }
    throw new IllegalStateException("no shape: " + text(like));
  }

  /** The entries of {@code v} in the shape of {@code like}, row by row. */
  static Object shaped(double[] v, Object like) {
    if (like instanceof Double) {
      return v[0];
    }
    if (like instanceof double[]) {
      return v.clone();
    }
    double[][] a = (double[][]) like;
    double[][] b = new double[a.length][];
    int k = 0;
    for (int r = 0; r < a.length; r++) {
      b[r] = Arrays.copyOfRange(v, k, k + a[r].length);
      k += a[r].length;
    }
    return b;
  }

  /**
   * The values of several shaped parts with an extra last dimension for {@code k} directions:
   * {@code parts[d]} holds direction {@code d}, of the shape of {@code like}.
   */
  static Object withDirections(Object like, Object[] parts) {
    int k = parts.length;
    if (like instanceof Double) {
      double[] out = new double[k];
      for (int d = 0; d < k; d++) {
        out[d] = (double) parts[d];
      }
      return out;
    }
    if (like instanceof double[] a) {
      double[][] out = new double[a.length][k];
      for (int i = 0; i < a.length; i++) {
        for (int d = 0; d < k; d++) {
          out[i][d] = ((double[]) parts[d])[i];
        }
      }
      return out;
    }
    double[][] a = (double[][]) like;
    double[][][] out = new double[a.length][][];
    for (int r = 0; r < a.length; r++) {
      out[r] = new double[a[r].length][k];
      for (int j = 0; j < a[r].length; j++) {
        for (int d = 0; d < k; d++) {
          out[r][j][d] = ((double[][]) parts[d])[r][j];
        }
      }
    }
    return out;
  }

  /** A zero array of the shape of {@code like} with an extra last dimension of {@code k}, filled with {@code fill}. */
  static Object filledWithDirections(Object like, int k, double fill) {
    Object[] parts = new Object[k];
    Arrays.fill(parts, filled(like, fill));
    return withDirections(like, parts);
  }

  /** Direction {@code d} of a value with an extra last dimension, flattened. */
  static double[] direction(Object value, int d) {
    if (value instanceof double[] a) {
      return new double[] {a[d]};
    }
    if (value instanceof double[][] a) {
      double[] out = new double[a.length];
      for (int i = 0; i < a.length; i++) {
        out[i] = a[i][d];
      }
      return out;
    }
    if (value instanceof double[][][] a) {
      return Arrays.stream(a).flatMapToDouble(row -> Arrays.stream(row).mapToDouble(e -> e[d])).toArray();
    }
    throw new IllegalStateException("not a multi-directional value: " + text(value));
  }

  /** Whether two values are the same, bit for bit (NaN equals NaN). */
  static boolean same(Object a, Object b) {
    return Arrays.deepEquals(new Object[] {a}, new Object[] {b});
  }

  /** A value as text: numbers as Java prints them, arrays in brackets. */
  static String text(Object a) {
    return a instanceof double[] v ? Arrays.toString(v) : a instanceof double[][] v ? Arrays.deepToString(v)
        : a instanceof double[][][] v ? Arrays.deepToString(v) : a instanceof int[] v ? Arrays.toString(v)
        : a instanceof int[][] v ? Arrays.deepToString(v) : String.valueOf(a);
  }

  /** {@code double[3]}, {@code double[3][2]}: a value's type and size. */
  static String shape(Object value) {
    if (value instanceof double[] a) {
      return "double[" + a.length + "]";
    }
    if (value instanceof double[][] a) {
      return "double[" + a.length + "][" + (a.length == 0 || a[0] == null ? 0 : a[0].length) + "]";
    }
    return value == null ? "null" : value.getClass().getSimpleName();
  }

  /** A short text of a vector: at most 4 digits per entry. */
  static String brief(double[] v) {
    StringBuilder out = new StringBuilder("[");
    for (int i = 0; i < v.length; i++) {
      out.append(i > 0 ? ", " : "").append(String.format(java.util.Locale.ROOT, "%.4g", v[i]));
    }
    return out.append(']').toString();
  }
}
