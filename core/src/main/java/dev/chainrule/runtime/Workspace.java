package dev.chainrule.runtime;

import java.util.Arrays;

/**
 * Buffers that generated code keeps in an adjoint between calls, so that a pullback allocates
 * nothing once it has run with the same shapes. Each method returns the buffer it was given when
 * that buffer fits, and a new one otherwise (the caller stores the result back).
 */
public final class Workspace {
  private Workspace() {}

  /** A zero-filled array of exactly {@code length} elements: {@code buffer} cleared, or a new one. */
  public static double[] zeros(double[] buffer, int length) {
    if (buffer == null || buffer.length != length) {
      return new double[length];
    }
    Arrays.fill(buffer, 0.0);
    return buffer;
  }

  /** A zero-filled {@code rows × columns} array: {@code buffer} cleared, or a new one. */
  public static double[][] zeros(double[][] buffer, int rows, int columns) {
    if (buffer == null || buffer.length != rows) {
      return new double[rows][columns];
    }
    for (int r = 0; r < rows; r++) {
      if (buffer[r] == null || buffer[r].length != columns) {
        buffer[r] = new double[columns];
      } else {
        Arrays.fill(buffer[r], 0.0);
      }
    }
    return buffer;
  }

  /** A zero-filled {@code int} array of exactly {@code length} elements. */
  public static int[] zeros(int[] buffer, int length) {
    if (buffer == null || buffer.length != length) {
      return new int[length];
    }
    Arrays.fill(buffer, 0);
    return buffer;
  }

  /** A zero-filled array with the shape of {@code like}: {@code buffer} cleared, or a new one. */
  public static double[][] zerosLike(double[][] buffer, double[][] like) {
    if (buffer == null || buffer.length != like.length) {
      buffer = new double[like.length][];
    }
    for (int r = 0; r < like.length; r++) {
      buffer[r] = zeros(buffer[r], like[r].length);
    }
    return buffer;
  }

  /** A new zero-filled array with the shape of {@code like} (rows may differ in length). */
  public static double[][] zerosLike(double[][] like) {
    return zerosLike(null, like);
  }

  /**
   * A scratch array at least {@code length} long whose contents are meaningless: where a callee's
   * pullback accumulates the adjoint of an argument nobody needs.
   */
  public static double[] scratch(double[] buffer, int length) {
    return buffer != null && buffer.length >= length ? buffer : new double[length];
  }

  /** A scratch array at least as large as {@code like} in every row; contents are meaningless. */
  public static double[][] scratch(double[][] buffer, double[][] like) {
    if (buffer == null || buffer.length < like.length) {
      double[][] grown = new double[like.length][];
      if (buffer != null) {
        System.arraycopy(buffer, 0, grown, 0, buffer.length);
      }
      buffer = grown;
    }
    for (int r = 0; r < like.length; r++) {
      buffer[r] = scratch(buffer[r], like[r].length);
    }
    return buffer;
  }

  /**
   * Copies {@code from} into {@code buffer} (reused when it has the same length, else a new array)
   * and returns it.
   */
  public static double[] copy(double[] buffer, double[] from) {
    double[] out = buffer != null && buffer.length == from.length ? buffer : new double[from.length];
    System.arraycopy(from, 0, out, 0, from.length);
    return out;
  }

  /** Copies {@code from} into {@code buffer} row by row, reusing rows of the same length, and returns it. */
  public static double[][] copy(double[][] buffer, double[][] from) {
    double[][] out = buffer != null && buffer.length == from.length ? buffer : new double[from.length][];
    for (int r = 0; r < from.length; r++) {
      out[r] = copy(out[r], from[r]);
    }
    return out;
  }

  /**
   * Copies the elements of {@code from} into {@code to}, which must have the same shape: how a
   * method with an {@code @Out} parameter leaves its result in the caller's array.
   *
   * @throws IllegalArgumentException if the shapes differ
   */
  public static void copyInto(double[] from, double[] to) {
    if (from.length != to.length) {
      throw new IllegalArgumentException("the output has length " + to.length + ", the result " + from.length);
    }
    System.arraycopy(from, 0, to, 0, from.length);
  }

  /** {@link #copyInto(double[], double[])} row by row. */
  public static void copyInto(double[][] from, double[][] to) {
    if (from.length != to.length) {
      throw new IllegalArgumentException("the output has " + to.length + " rows, the result " + from.length);
    }
    for (int r = 0; r < from.length; r++) {
      copyInto(from[r], to[r]);
    }
  }

  /**
   * Adds {@code from} into {@code into} element by element: a pullback's seed into the adjoint of
   * the array its method returns.
   *
   * @throws IllegalArgumentException if the shapes differ
   */
  public static void addInto(double[] from, double[] into) {
    if (from.length != into.length) {
      throw new IllegalArgumentException("the seed has length " + from.length + ", the result " + into.length);
    }
    for (int i = 0; i < from.length; i++) {
      into[i] += from[i];
    }
  }

  /** {@link #addInto(double[], double[])} row by row. */
  public static void addInto(double[][] from, double[][] into) {
    if (from.length != into.length) {
      throw new IllegalArgumentException("the seed has " + from.length + " rows, the result " + into.length);
    }
    for (int r = 0; r < from.length; r++) {
      addInto(from[r], into[r]);
    }
  }

  /** Sets every element of {@code array} to {@code value}. */
  public static void fill(double[] array, double value) {
    Arrays.fill(array, value);
  }

  /** Sets every element of every row of {@code array} to {@code value}. */
  public static void fill(double[][] array, double value) {
    for (double[] row : array) {
      Arrays.fill(row, value);
    }
  }

  // ---- Tangents with k directions (multi-directional forward mode): one rank more ----

  /** A zeroed {@code double[a][b][c]}: {@code buffer} when it has that shape, else a new one. */
  public static double[][][] zeros(double[][][] buffer, int a, int b, int c) {
    if (buffer == null || buffer.length != a) {
      buffer = new double[a][][];
    }
    for (int i = 0; i < a; i++) {
      buffer[i] = zeros(buffer[i], b, c);
    }
    return buffer;
  }

  /** A zeroed tangent of a {@code double[]} with k directions: {@code double[like.length][k]}. */
  public static double[][] zerosLike(double[][] buffer, double[] like, int k) {
    return zeros(buffer, like.length, k);
  }

  /** A zeroed tangent of a (possibly ragged) {@code double[][]} with k directions. */
  public static double[][][] zerosLike(double[][][] buffer, double[][] like, int k) {
    if (buffer == null || buffer.length != like.length) {
      buffer = new double[like.length][][];
    }
    for (int r = 0; r < like.length; r++) {
      buffer[r] = zeros(buffer[r], like[r].length, k);
    }
    return buffer;
  }

  /** Copies {@code from} into {@code buffer} (reusing it where the shapes agree) and returns it. */
  public static double[][][] copy(double[][][] buffer, double[][][] from) {
    double[][][] out = buffer != null && buffer.length == from.length ? buffer : new double[from.length][][];
    for (int r = 0; r < from.length; r++) {
      out[r] = copy(out[r], from[r]);
    }
    return out;
  }

  /** {@link #copyInto(double[], double[])} for tangents of matrices. */
  public static void copyInto(double[][][] from, double[][][] to) {
    if (from.length != to.length) {
      throw new IllegalArgumentException("the output has " + to.length + " rows, the result " + from.length);
    }
    for (int r = 0; r < from.length; r++) {
      copyInto(from[r], to[r]);
    }
  }

  /** Sets every element to {@code value}. */
  public static void fill(double[][][] array, double value) {
    for (double[][] m : array) {
      fill(m, value);
    }
  }

  /**
   * Direction {@code d} of a tangent with k directions ({@code t[i][d]} for every i), gathered into
   * {@code buffer}, which must hold {@code t.length} values.
   */
  public static double[] column(double[] buffer, double[][] t, int d) {
    for (int i = 0; i < t.length; i++) {
      buffer[i] = t[i][d];
    }
    return buffer;
  }

  /** As {@link #copy(double[], double[])}, for {@code int} arrays. */
  public static int[] copy(int[] buffer, int[] from) {
    int[] out = buffer != null && buffer.length == from.length ? buffer : new int[from.length];
    System.arraycopy(from, 0, out, 0, from.length);
    return out;
  }

  /** As {@link #copy(double[][], double[][])}, for {@code int} arrays. */
  public static int[][] copy(int[][] buffer, int[][] from) {
    int[][] out = buffer != null && buffer.length == from.length ? buffer : new int[from.length][];
    for (int r = 0; r < from.length; r++) {
      out[r] = copy(out[r], from[r]);
    }
    return out;
  }

  /** As {@link #copyInto(double[], double[])}, for {@code int} arrays. */
  public static void copyInto(int[] from, int[] to) {
    if (from.length != to.length) {
      throw new IllegalArgumentException("the output has length " + to.length + ", the result " + from.length);
    }
    System.arraycopy(from, 0, to, 0, from.length);
  }

  /** As {@link #copyInto(double[][], double[][])}, for {@code int} arrays. */
  public static void copyInto(int[][] from, int[][] to) {
    if (from.length != to.length) {
      throw new IllegalArgumentException("the output has " + to.length + " rows, the result " + from.length);
    }
    for (int r = 0; r < from.length; r++) {
      copyInto(from[r], to[r]);
    }
  }

  /**
   * Throws unless {@code written} and {@code differentiated} (each a {@code double[]} or
   * {@code double[][]}) share no storage: a pullback cannot tell the method's writes into a
   * non-differentiated array from changes of the differentiated one when they are the same
   * memory, so it refuses to compute a wrong gradient.
   *
   * @param message what the exception says
   */
  public static void requireUnshared(Object written, Object differentiated, String message) {
    if (shares(written, differentiated)) {
      throw new IllegalArgumentException(message);
    }
  }

  private static boolean shares(Object a, Object b) {
    if (a == b) {
      return a != null;
    }
    if (a instanceof double[][] m) {
      for (double[] row : m) {
        if (row != null && (row == b || b instanceof double[][] n && containsRow(n, row))) {
          return true;
        }
      }
      return false;
    }
    return b instanceof double[][] n && containsRow(n, a);
  }

  private static boolean containsRow(double[][] m, Object row) {
    for (double[] r : m) {
      if (r == row) {
        return true;
      }
    }
    return false;
  }
}
