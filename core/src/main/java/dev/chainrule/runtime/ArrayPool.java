package dev.chainrule.runtime;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The arrays a loop allocates, one per iteration, kept for the reverse sweep: {@code next} gives
 * the forward sweep a zeroed array (reusing one from an earlier call when it has the shape),
 * {@code previous} gives the reverse sweep the same arrays back, last first. After the first call
 * with a given number of iterations and shapes, a pullback allocates nothing.
 */
public final class ArrayPool {
  private final List<double[]> vectors = new ArrayList<>();
  private final List<double[][]> matrices = new ArrayList<>();
  private final List<int[]> ints = new ArrayList<>();
  private final List<double[][][]> tensors = new ArrayList<>();
  private int size;

  /** A zeroed {@code double[length]}, the next of this pool. */
  public double[] next(int length) {
    double[] a = size < vectors.size() ? vectors.get(size) : null;
    a = Workspace.zeros(a, length);
    put(vectors, a);
    return a;
  }

  /** A zeroed {@code double[rows][columns]}, the next of this pool. */
  public double[][] next(int rows, int columns) {
    double[][] a = size < matrices.size() ? matrices.get(size) : null;
    a = Workspace.zeros(a, rows, columns);
    put(matrices, a);
    return a;
  }

  /** A zeroed {@code double[a][b][c]} (the tangents of a matrix in k directions), the next of this pool. */
  public double[][][] next(int a, int b, int c) {
    double[][][] t = size < tensors.size() ? tensors.get(size) : null;
    t = Workspace.zeros(t, a, b, c);
    put(tensors, t);
    return t;
  }

  /** The {@code double[][][]} the forward sweep took last and has not been given back. */
  public double[][][] previousTensor() {
    return tensors.get(--size);
  }

  /** A zeroed {@code int[length]}, the next of this pool. */
  public int[] nextInts(int length) {
    int[] a = size < ints.size() ? ints.get(size) : null;
    a = Workspace.zeros(a, length);
    put(ints, a);
    return a;
  }

  private <T> void put(List<T> list, T a) {
    while (list.size() <= size) {
      list.add(null);
    }
    list.set(size++, a);
  }

  /** The {@code double[]} the forward sweep took last and has not been given back. */
  public double[] previous() {
    return vectors.get(--size);
  }

  /** The {@code double[][]} the forward sweep took last and has not been given back. */
  public double[][] previousMatrix() {
    return matrices.get(--size);
  }

  /** The {@code int[]} the forward sweep took last and has not been given back. */
  public int[] previousInts() {
    return ints.get(--size);
  }

  /** Starts over (keeps the arrays for reuse). */
  public void clear() {
    size = 0;
  }

  @Override
  public String toString() {
    return "ArrayPool[" + size + " in use, " + Arrays.asList(vectors.size(), matrices.size(), ints.size()) + " kept]";
  }
}
