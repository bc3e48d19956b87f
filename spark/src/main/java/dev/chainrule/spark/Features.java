package dev.chainrule.spark;

import java.util.Arrays;

/**
 * Spark's vectors as the {@code double[]} a generated pullback reads, without allocating: a dense
 * vector's own array, or a sparse vector scattered into the caller's scratch array (a sparse vector
 * with no scratch array, {@code null}, gives {@code null}: the caller allocates scratch then).
 */
final class Features {
  private Features() {}

  /** An MLlib vector ({@code org.apache.spark.mllib.linalg}) as a dense array. */
  static double[] dense(org.apache.spark.mllib.linalg.Vector v, double[] scratch) {
    if (v instanceof org.apache.spark.mllib.linalg.DenseVector d) {
      return d.values();
    }
    if (v instanceof org.apache.spark.mllib.linalg.SparseVector s) {
      return scatter(s.size(), s.indices(), s.values(), scratch);
    }
    throw new IllegalArgumentException("unsupported vector " + v.getClass().getName());
  }

  /** An ML vector ({@code org.apache.spark.ml.linalg}, the Dataset API's) as a dense array. */
  static double[] dense(org.apache.spark.ml.linalg.Vector v, double[] scratch) {
    if (v instanceof org.apache.spark.ml.linalg.DenseVector d) {
      return d.values();
    }
    if (v instanceof org.apache.spark.ml.linalg.SparseVector s) {
      return scatter(s.size(), s.indices(), s.values(), scratch);
    }
    throw new IllegalArgumentException("unsupported vector " + v.getClass().getName());
  }

  private static double[] scatter(int size, int[] indices, double[] values, double[] scratch) {
    if (scratch == null) {
      return null;
    }
    if (scratch.length != size) {
      throw new IllegalArgumentException(
          "a sparse vector of size " + size + " where " + scratch.length + " was expected");
    }
    Arrays.fill(scratch, 0.0);
    for (int k = 0; k < indices.length; k++) {
      scratch[indices[k]] = values[k];
    }
    return scratch;
  }
}
