package dev.chainrule.gradbench.evals;

import dev.chainrule.Differentiable;

/**
 * GradBench's {@code det} eval ({@code evals/det/README.md}, from cmpad's {@code det_by_minor}):
 * the determinant of an ℓ × ℓ matrix by expansion by minors, recursively as specified. Rows and
 * columns are removed from the minor without moving data: {@code r[i]} is the row after row i,
 * {@code c[i]} the column after column i, and index ℓ holds the first of each.
 *
 * <p>Both methods are {@code @Differentiable}; the {@code gradient} is ChainRule's pullback of
 * {@link #det}, through the recursion: each level of {@code detOfMinor}'s pullback has its own
 * adjoint (created on first use, reused from call to call); the forward sweep saves the index
 * arrays {@code r} and {@code c}, which each recursive call writes into, whole before the call,
 * and the reverse sweep puts them back before the callee's pullback, which so sees them as its
 * call did.
 */
public final class Det {
  private Det() {}

  @Differentiable
  public static double det(double[] a, int ell) {
    int[] r = new int[ell + 1];
    int[] c = new int[ell + 1];
    for (int i = 0; i < ell; i++) {
      r[i] = i + 1;
      c[i] = i + 1;
    }
    return detOfMinor(a, ell, ell, r, c);
  }

  /** The determinant of the m × m minor of the n × n matrix a that r and c describe. */
  @Differentiable
  public static double detOfMinor(double[] a, int n, int m, int[] r, int[] c) {
    int r0 = r[n];
    int cj = c[n];
    if (m == 1) {
      return a[r0 * n + cj];
    }
    double detM = 0;
    int sign = 1;
    // remove the minor's first row from all its sub-minors
    r[n] = r[r0];
    int previous = n;
    for (int j = 0; j < m; j++) {
      double m0j = a[r0 * n + cj];
      // remove column j: the sub-minor S without row r0 and column cj
      c[previous] = c[cj];
      double detS = detOfMinor(a, n, m - 1, r, c);
      c[previous] = cj;
      if (sign > 0) {
        detM = detM + m0j * detS;
      } else {
        detM = detM - m0j * detS;
      }
      previous = cj;
      cj = c[cj];
      sign = -sign;
    }
    r[n] = r0;
    return detM;
  }
}
