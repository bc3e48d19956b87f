package dev.chainrule.runtime;

import java.util.Arrays;

/**
 * The tape of values that generated code saves in its forward sweep and restores, last first, in
 * its reverse sweep: an unboxed {@code int} stack (trip counts, branch decisions, saved counters) that grows by doubling and never shrinks, so a
 * reused tape allocates nothing once it has reached its working size.
 *
 * <p>Used by generated code only; not thread-safe (each adjoint owns its tapes).
 */
public final class IntStack {
  private int[] items;
  private int size;

  public IntStack() {
    this(16);
  }

  public IntStack(int initialCapacity) {
    items = new int[Math.max(1, initialCapacity)];
  }

  public void push(int value) {
    if (size == items.length) {
      items = Arrays.copyOf(items, items.length * 2);
    }
    items[size++] = value;
  }

  public int pop() {
    return items[--size];
  }

  /**
   * Saves every element of {@code array} (a snapshot taken before a call that may change it);
   * {@link #popAll(int[])} puts them back.
   */
  public void pushAll(int[] array) {
    int n = array.length;
    while (size + n > items.length) {
      items = Arrays.copyOf(items, items.length * 2);
    }
    System.arraycopy(array, 0, items, size, n);
    size += n;
  }

  /** Puts back the elements {@link #pushAll(int[])} saved, into the same array. */
  public void popAll(int[] array) {
    size -= array.length;
    System.arraycopy(items, size, array, 0, array.length);
  }

  /** Saves every row of {@code matrix}, first row first. */
  public void pushAll(int[][] matrix) {
    for (int[] row : matrix) {
      pushAll(row);
    }
  }

  /** Puts back the rows {@link #pushAll(int[][])} saved, last row first. */
  public void popAll(int[][] matrix) {
    for (int i = matrix.length - 1; i >= 0; i--) {
      popAll(matrix[i]);
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
