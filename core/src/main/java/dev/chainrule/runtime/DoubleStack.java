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

  public int size() {
    return size;
  }

  /** Forgets every value (keeps the storage). */
  public void clear() {
    size = 0;
  }
}
