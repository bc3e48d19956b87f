package dev.chainrule.numeric;

import java.util.Arrays;

/**
 * Ridders' method: Richardson extrapolation to {@code h → 0} of difference quotients whose error is
 * an even power series in the step {@code h} (central first differences, central second
 * differences), for several components at once.
 *
 * <p>The quotients {@code D(h)} are computed for the steps {@code h_k = h_0 / 1.4^k}, {@code k = 0,
 * 1, ..., 9}. A Neville tableau over these steps eliminates the {@code h²}, {@code h⁴}, ... terms
 * one after the other; each extrapolated entry comes with an error estimate (its distance to the
 * two entries it was formed from), and the entry with the smallest estimate is the tableau's
 * result. A component's tableau stops once its latest extrapolation is worse than twice its best
 * estimate (rounding error has begun to dominate), or at the first step whose quotient is not
 * finite. If a component's error estimate stays above {@code 1e-10 × max(1, |result|)}, the
 * tableau is started again at a step ten times smaller, up to four tableaus; each component keeps
 * the result with the smallest error estimate over all of them.
 *
 * <p>All components share the evaluations: one call of the quotient function at a step gives them
 * all, and a step is evaluated while any component still needs it. For one component this is
 * exactly the scalar method described in {@link FiniteDifferences#derivativeRichardson}.
 */
final class Ridders {

  /** Ratio between consecutive steps within a tableau. */
  static final double RATIO = 1.4;

  /** Number of rows (steps) of a tableau, at most. */
  static final int ROWS = 10;

  /** How many tableaus are started at most. */
  static final int STARTS = 4;

  /** The factor between the initial steps of consecutive tableaus. */
  static final double RESTART_SHRINK = 10.0;

  /**
   * A tableau stops when its newest diagonal entry differs from the previous one by this factor
   * times the best error estimate: the higher orders have started to amplify rounding error.
   */
  private static final double SAFETY = 2.0;

  /**
   * A result is accepted when its error estimate is at most this, relative to {@code max(1,
   * |result|)}; otherwise the tableau is started again at a smaller step.
   */
  private static final double ACCEPT = 1e-10;

  private Ridders() {}

  /** Difference quotients of several components at one step. */
  @FunctionalInterface
  interface Quotients {
    /**
     * Writes the quotient of every component at (approximately) the step {@code h} into {@code
     * out}, {@code NaN} where it cannot be formed from finite values.
     */
    void at(double h, double[] out);
  }

  /**
   * Extrapolates the quotients of {@code result.length} components to step zero, starting at
   * {@code h0}, and writes the results into {@code result} ({@code NaN} for a component none of
   * whose tableaus had two consecutive finite quotients).
   */
  static void extrapolate(Quotients d, double h0, double[] result) {
    int m = result.length;
    double[] bestError = new double[m];
    boolean[] accepted = new boolean[m];
    Arrays.fill(result, Double.NaN);
    Arrays.fill(bestError, Double.POSITIVE_INFINITY);
    Tableau tableau = new Tableau(m);
    double h = h0;
    int open = m;
    for (int start = 0; start < STARTS && open > 0; start++, h /= RESTART_SHRINK) {
      tableau.run(d, h, accepted);
      for (int c = 0; c < m; c++) {
        if (accepted[c]) {
          continue;
        }
        if (tableau.error[c] < bestError[c]) {
          result[c] = tableau.best[c];
          bestError[c] = tableau.error[c];
        }
        if (bestError[c] <= ACCEPT * Math.max(1.0, Math.abs(result[c]))) {
          accepted[c] = true;
          open--;
        }
      }
    }
    for (int c = 0; c < m; c++) {
      result[c] = Double.isFinite(result[c]) ? result[c] : Double.NaN;
    }
  }

  /** One Neville tableau per component, over the same steps. */
  private static final class Tableau {
    /** {@code previous[c][j]} and {@code current[c][j]}: rows k-1 and k, extrapolated j times. */
    final double[][] previous;

    final double[][] current;
    final double[] quotients;
    final boolean[] alive;

    /** Each component's entry with the smallest error estimate, and that estimate. */
    final double[] best;

    final double[] error;

    Tableau(int m) {
      previous = new double[m][ROWS];
      current = new double[m][ROWS];
      quotients = new double[m];
      alive = new boolean[m];
      best = new double[m];
      error = new double[m];
    }

    /**
     * Runs the tableaus of the components not yet {@code done} from step {@code h}; afterwards
     * {@link #best} and {@link #error} hold their results ({@code NaN} and an infinite error for a
     * component with fewer than two finite quotients).
     */
    void run(Quotients d, double h, boolean[] done) {
      int m = alive.length;
      Arrays.fill(best, Double.NaN);
      Arrays.fill(error, Double.POSITIVE_INFINITY);
      d.at(h, quotients);
      int living = 0;
      for (int c = 0; c < m; c++) {
        alive[c] = !done[c] && Double.isFinite(quotients[c]);
        previous[c][0] = quotients[c];
        living += alive[c] ? 1 : 0;
      }
      double ratioSquared = RATIO * RATIO;
      for (int k = 1; k < ROWS && living > 0; k++) {
        h /= RATIO;
        d.at(h, quotients);
        for (int c = 0; c < m; c++) {
          if (alive[c] && !extend(c, k, ratioSquared)) {
            alive[c] = false;
            living--;
          }
        }
      }
      for (int c = 0; c < m; c++) {
        if (!Double.isFinite(best[c])) {
          best[c] = Double.NaN;
          error[c] = Double.POSITIVE_INFINITY;
        }
      }
    }

    /** Adds row {@code k} to component {@code c}'s tableau; whether it should go on. */
    private boolean extend(int c, int k, double ratioSquared) {
      double[] prev = previous[c];
      double[] cur = current[c];
      cur[0] = quotients[c];
      if (!Double.isFinite(cur[0])) {
        return false;
      }
      double factor = ratioSquared;
      for (int j = 1; j <= k; j++) {
        // D_j(h) = D_{j-1}(h) + (D_{j-1}(h) - D_{j-1}(r h)) / (r^2j - 1) cancels the h^2j term.
        cur[j] = cur[j - 1] + (cur[j - 1] - prev[j - 1]) / (factor - 1);
        factor *= ratioSquared;
        double e = Math.max(Math.abs(cur[j] - cur[j - 1]), Math.abs(cur[j] - prev[j - 1]));
        if (e <= error[c] && Double.isFinite(cur[j])) {
          error[c] = e;
          best[c] = cur[j];
        }
      }
      if (Math.abs(cur[k] - prev[k - 1]) >= SAFETY * error[c]) {
        return false; // higher orders no longer improve: rounding error has taken over
      }
      previous[c] = cur;
      current[c] = prev;
      return true;
    }
  }
}
