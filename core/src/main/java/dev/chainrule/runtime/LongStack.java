package dev.chainrule.runtime;

import java.util.Arrays;

/**
 * The tape of values that generated code saves in its forward sweep and restores, last first, in
 * its reverse sweep: an unboxed {@code long} stack that grows by doubling and never shrinks, so a
 * reused tape allocates nothing once it has reached its working size.
 *
 * <p>Used by generated code only; not thread-safe (each adjoint owns its tapes).
 */
public final class LongStack {
  private long[] items;
  private int size;

  public LongStack() {
    this(16);
  }

  public LongStack(int initialCapacity) {
    items = new long[Math.max(1, initialCapacity)];
  }

  public void push(long value) {
    if (size == items.length) {
      items = Arrays.copyOf(items, items.length * 2);
    }
    items[size++] = value;
  }

  public long pop() {
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
