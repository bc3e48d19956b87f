package dev.chainrule.runtime;

import java.util.Arrays;

/**
 * The tape of values that generated code saves in its forward sweep and restores, last first, in
 * its reverse sweep: an unboxed {@code double} stack that grows by doubling and never shrinks, so a
 * reused tape allocates nothing once it has reached its working size.
 *
 * <p>Used by generated code only; not thread-safe (each adjoint owns its tapes).
 */
public final class DoubleStack {
  private double[] items;
  private int size;

  public DoubleStack() {
    this(16);
  }

  public DoubleStack(int initialCapacity) {
    items = new double[Math.max(1, initialCapacity)];
  }

  public void push(double value) {
    if (size == items.length) {
      items = Arrays.copyOf(items, items.length * 2);
    }
    items[size++] = value;
  }

  public double pop() {
    return items[--size];
  }

  /**
   * Saves every element of {@code array} (a snapshot taken before a call that may change it);
   * {@link #popAll(double[])} puts them back.
   */
  public void pushAll(double[] array) {
    int n = array.length;
    while (size + n > items.length) {
      items = Arrays.copyOf(items, items.length * 2);
    }
    System.arraycopy(array, 0, items, size, n);
    size += n;
  }

  /** Puts back the elements {@link #pushAll(double[])} saved, into the same array. */
  public void popAll(double[] array) {
    size -= array.length;
    System.arraycopy(items, size, array, 0, array.length);
  }

  /** Saves every row of {@code matrix}, first row first. */
  public void pushAll(double[][] matrix) {
    for (double[] row : matrix) {
      pushAll(row);
    }
  }

  /** Puts back the rows {@link #pushAll(double[][])} saved, last row first. */
  public void popAll(double[][] matrix) {
    for (int i = matrix.length - 1; i >= 0; i--) {
      popAll(matrix[i]);
    }
  }

  /** Saves every element of {@code tensor}, first matrix first. */
  public void pushAll(double[][][] tensor) {
    for (double[][] matrix : tensor) {
      pushAll(matrix);
    }
  }

  /** Puts back what {@link #pushAll(double[][][])} saved, last matrix first. */
  public void popAll(double[][][] tensor) {
    for (int i = tensor.length - 1; i >= 0; i--) {
      popAll(tensor[i]);
    }
  }

  public int size() {
    return size;
  }

  /** Forgets every value (keeps the storage). */
  public void clear() {
    size = 0;
  }
}
