package dev.chainrule.benchmarks;

/** Flattening Jacobian blocks for {@link Agreement}. */
final class Jacobians {
  private Jacobians() {}

  /**
   * The blocks' rows joined: for each output k, its row of every block in turn (a {@code
   * double[]} block holds one value per output).
   *
   * @param blocks {@code double[m][n_p]} or {@code double[m]} blocks with the same m
   * @return the m × Σ n_p Jacobian, row-major
   */
  static double[] flatten(Object... blocks) {
    int m = blocks[0] instanceof double[][] b ? b.length : ((double[]) blocks[0]).length;
    int width = 0;
    for (Object block : blocks) {
      width += block instanceof double[][] b ? b[0].length : 1;
    }
    double[] flat = new double[m * width];
    for (int k = 0; k < m; k++) {
      int at = k * width;
      for (Object block : blocks) {
        if (block instanceof double[][] b) {
          System.arraycopy(b[k], 0, flat, at, b[k].length);
          at += b[k].length;
        } else {
          flat[at++] = ((double[]) block)[k];
        }
      }
    }
    return flat;
  }
}
