package dev.chainrule.gradbench.bench;

import java.util.Random;

/**
 * A gmm input as GradBench's generator ({@code evals/gmm/run.py}) makes one: x, alpha, q and l
 * standard normal, mu uniform on [0, 1), m = 0, γ = 1; Java's generator instead of numpy's (the
 * values differ, the distributions and the work do not).
 */
final class GmmData {
  final double[] alpha;
  final double[][] mu;
  final double[][] q;
  final double[][] l;
  final double[][] x;
  final int m = 0;
  final double gamma = 1;

  GmmData(int d, int k, int n, long seed) {
    Random r = new Random(seed);
    x = normal(r, n, d);
    alpha = normal(r, 1, k)[0];
    mu = new double[k][d];
    for (double[] row : mu) {
      for (int j = 0; j < d; j++) {
        row[j] = r.nextDouble();
      }
    }
    q = normal(r, k, d);
    l = normal(r, k, d * (d - 1) / 2);
  }

  private static double[][] normal(Random r, int rows, int cols) {
    double[][] out = new double[rows][cols];
    for (double[] row : out) {
      for (int j = 0; j < cols; j++) {
        row[j] = r.nextGaussian();
      }
    }
    return out;
  }
}
