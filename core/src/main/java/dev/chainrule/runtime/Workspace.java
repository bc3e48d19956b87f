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
   * A copy of {@code array}'s contents in {@code buffer} (or a new array when it does not fit):
   * what a pullback keeps of an input array after its forward sweep, to give it back after the
   * reverse sweep (which restores overwritten values) with {@link #restore(int[], int[])}.
   */
  public static int[] snapshot(int[] buffer, int[] array) {
    int[] copy = buffer != null && buffer.length == array.length ? buffer : new int[array.length];
    System.arraycopy(array, 0, copy, 0, array.length);
    return copy;
  }

  /** As {@link #snapshot(int[], int[])}. */
  public static double[] snapshot(double[] buffer, double[] array) {
    double[] copy = buffer != null && buffer.length == array.length ? buffer : new double[array.length];
    System.arraycopy(array, 0, copy, 0, array.length);
    return copy;
  }

  /** As {@link #snapshot(int[], int[])}, row by row. */
  public static int[][] snapshot(int[][] buffer, int[][] array) {
    int[][] copy = buffer != null && buffer.length == array.length ? buffer : new int[array.length][];
    for (int r = 0; r < array.length; r++) {
      copy[r] = snapshot(copy[r], array[r]);
    }
    return copy;
  }

  /** As {@link #snapshot(int[], int[])}, row by row. */
  public static double[][] snapshot(double[][] buffer, double[][] array) {
    double[][] copy = buffer != null && buffer.length == array.length ? buffer : new double[array.length][];
    for (int r = 0; r < array.length; r++) {
      copy[r] = snapshot(copy[r], array[r]);
    }
    return copy;
  }

  /** Copies a {@link #snapshot(int[], int[]) snapshot} back into the array it was taken of. */
  public static void restore(int[] array, int[] snapshot) {
    System.arraycopy(snapshot, 0, array, 0, array.length);
  }

  /** As {@link #restore(int[], int[])}. */
  public static void restore(double[] array, double[] snapshot) {
    System.arraycopy(snapshot, 0, array, 0, array.length);
  }

  /** As {@link #restore(int[], int[])}, row by row. */
  public static void restore(int[][] array, int[][] snapshot) {
    for (int r = 0; r < array.length; r++) {
      restore(array[r], snapshot[r]);
    }
  }

  /** As {@link #restore(int[], int[])}, row by row. */
  public static void restore(double[][] array, double[][] snapshot) {
    for (int r = 0; r < array.length; r++) {
      restore(array[r], snapshot[r]);
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
