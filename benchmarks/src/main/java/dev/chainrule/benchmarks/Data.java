package dev.chainrule.benchmarks;

import java.util.Random;

/** Deterministic inputs for the workloads. */
final class Data {
  private Data() {}

  static double[] uniform(Random random, int n, double lo, double hi) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = lo + (hi - lo) * random.nextDouble();
    }
    return v;
  }

  static double[][] uniform(Random random, int rows, int cols, double lo, double hi) {
    double[][] m = new double[rows][];
    for (int i = 0; i < rows; i++) {
      m[i] = uniform(random, cols, lo, hi);
    }
    return m;
  }

  static double[][] gaussian(Random random, int rows, int cols, double sd) {
    double[][] m = new double[rows][cols];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        m[i][j] = sd * random.nextGaussian();
      }
    }
    return m;
  }

  static double[][] copy(double[][] m) {
    double[][] c = new double[m.length][];
    for (int i = 0; i < m.length; i++) {
      c[i] = m[i].clone();
    }
    return c;
  }
}
