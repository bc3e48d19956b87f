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
}
