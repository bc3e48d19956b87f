package dev.chainrule.examples.fit;

/**
 * Dense linear least squares by Householder QR, accurate where the normal equations {@code JᵀJ}
 * would square the condition number (the Thurber problem's columns span five orders of magnitude).
 */
final class Householder {
  private Householder() {}

  /**
   * The Levenberg–Marquardt step: the {@code δ} minimising {@code ‖J δ + r‖² + λ ‖D δ‖²}, i.e.
   * the least-squares solution of the stacked system {@code [J; √λ D] δ = [−r; 0]}.
   *
   * @param jacobian J, m × n with m ≥ n (not modified)
   * @param residuals r, m values
   * @param scale the diagonal of D, n values
   * @param damping λ ≥ 0
   * @return δ, n values
   * @throws ArithmeticException if the stacked system is rank-deficient
   */
  static double[] dampedStep(double[][] jacobian, double[] residuals, double[] scale,
      double damping) {
    int m = jacobian.length;
    int n = scale.length;
    double[][] a = new double[m + n][n];
    double[] c = new double[m + n];
    for (int i = 0; i < m; i++) {
      System.arraycopy(jacobian[i], 0, a[i], 0, n);
      c[i] = -residuals[i];
    }
    double root = Math.sqrt(damping);
    for (int j = 0; j < n; j++) {
      a[m + j][j] = root * scale[j];
    }
    triangularize(a, c);
    return backSubstitute(a, c);
  }

  /**
   * The diagonal of {@code (JᵀJ)⁻¹}, from {@code J = QR}: {@code (JᵀJ)⁻¹ = R⁻¹ R⁻ᵀ}, so entry j
   * is the squared norm of row j of {@code R⁻¹}.
   *
   * @param jacobian J, m × n with m ≥ n (not modified)
   * @return n values
   * @throws ArithmeticException if J is rank-deficient
   */
  static double[] inverseGramDiagonal(double[][] jacobian) {
    int m = jacobian.length;
    int n = jacobian[0].length;
    double[][] a = new double[m][];
    for (int i = 0; i < m; i++) {
      a[i] = jacobian[i].clone();
    }
    triangularize(a, new double[m]);
    // Columns of R⁻¹, one back substitution per unit vector.
    double[][] inverse = new double[n][n];
    for (int k = 0; k < n; k++) {
      double[] e = new double[n];
      e[k] = 1;
      double[] column = backSubstitute(a, e);
      for (int j = 0; j < n; j++) {
        inverse[j][k] = column[j];
      }
    }
    double[] diagonal = new double[n];
    for (int j = 0; j < n; j++) {
      for (int k = 0; k < n; k++) {
        diagonal[j] += inverse[j][k] * inverse[j][k];
      }
    }
    return diagonal;
  }

  /**
   * Overwrites {@code a} (p × n, p ≥ n) with R in its upper triangle and {@code c} with {@code Qᵀc},
   * one Householder reflection per column.
   */
  private static void triangularize(double[][] a, double[] c) {
    int p = a.length;
    int n = a[0].length;
    double[] v = new double[p];
    for (int k = 0; k < n; k++) {
      double norm = 0;
      for (int i = k; i < p; i++) {
        norm = Math.hypot(norm, a[i][k]);
      }
      if (norm == 0) {
        throw new ArithmeticException("rank-deficient: column " + k + " is zero below the diagonal");
      }
      double alpha = a[k][k] > 0 ? -norm : norm;
      double vv = 0;
      for (int i = k; i < p; i++) {
        v[i] = a[i][k];
      }
      v[k] -= alpha;
      for (int i = k; i < p; i++) {
        vv += v[i] * v[i];
      }
      // H = I − 2 v vᵀ / (vᵀv), applied to the remaining columns and to c.
      for (int j = k + 1; j < n; j++) {
        double dot = 0;
        for (int i = k; i < p; i++) {
          dot += v[i] * a[i][j];
        }
        double f = 2 * dot / vv;
        for (int i = k; i < p; i++) {
          a[i][j] -= f * v[i];
        }
      }
      double dot = 0;
      for (int i = k; i < p; i++) {
        dot += v[i] * c[i];
      }
      double f = 2 * dot / vv;
      for (int i = k; i < p; i++) {
        c[i] -= f * v[i];
      }
      a[k][k] = alpha;
      for (int i = k + 1; i < p; i++) {
        a[i][k] = 0;
      }
    }
  }

  /** Solves {@code R x = c[0..n)} for the upper triangle R of {@code a}. */
  private static double[] backSubstitute(double[][] a, double[] c) {
    int n = a[0].length;
    double[] x = new double[n];
    for (int j = n - 1; j >= 0; j--) {
      double s = c[j];
      for (int k = j + 1; k < n; k++) {
        s -= a[j][k] * x[k];
      }
      x[j] = s / a[j][j];
    }
    return x;
  }
}
