package dev.chainrule.gradbench.bench;

import dev.chainrule.Differentiable;
import dev.chainrule.gradbench.evals.Lse;

/**
 * Rewritings of {@link dev.chainrule.gradbench.evals.Gmm#objective} that isolate one cost of its
 * generated pullback each (docs/gradbench.md, "Why gmm and lse cost what they cost"). Each
 * computes the same value; ChainRule differentiates each. They are diagnostics, not the tool.
 */
public final class GmmVariants {
  private GmmVariants() {}

  /**
   * The triangular index computed from (col, row) instead of counted by {@code li++}: the
   * generated code then pushes no counter on the int tape.
   */
  @Differentiable(wrt = {"alpha", "mu", "q", "l"})
  public static double indexed(double[] alpha, double[][] mu, double[][] q, double[][] l,
      double[][] x, int m, double gamma) {
    int k = alpha.length;
    int d = mu[0].length;
    int n = x.length;
    double[] sumQ = new double[k];
    double[][] qdiag = new double[k][d];
    for (int c = 0; c < k; c++) {
      for (int j = 0; j < d; j++) {
        qdiag[c][j] = Math.exp(q[c][j]);
        sumQ[c] += q[c][j];
      }
    }
    double[] centered = new double[d];
    double[] product = new double[d];
    double[] beta = new double[k];
    double slse = 0;
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < k; c++) {
        for (int j = 0; j < d; j++) {
          centered[j] = x[i][j] - mu[c][j];
        }
        for (int j = 0; j < d; j++) {
          product[j] = qdiag[c][j] * centered[j];
        }
        for (int col = 0; col < d; col++) {
          for (int row = col + 1; row < d; row++) {
            product[row] += l[c][col * (2 * d - col - 1) / 2 + row - col - 1] * centered[col];
          }
        }
        double norm2 = 0;
        for (int j = 0; j < d; j++) {
          norm2 += product[j] * product[j];
        }
        beta[c] = alpha[c] + sumQ[c] - 0.5 * norm2;
      }
      slse += Lse.logSumExp(beta);
    }
    return slse + prior(alpha, q, l, n, d, k, m, gamma);
  }

  /**
   * The point's block in a differentiable helper: its work arrays are the helper's locals, so
   * nothing is taped across points, but the helper's forward sweep runs twice (in the caller's
   * forward sweep and again in its pullback).
   */
  @Differentiable(wrt = {"alpha", "mu", "q", "l"})
  public static double perPoint(double[] alpha, double[][] mu, double[][] q, double[][] l,
      double[][] x, int m, double gamma) {
    int k = alpha.length;
    int d = mu[0].length;
    int n = x.length;
    double slse = 0;
    for (int i = 0; i < n; i++) {
      slse += pointLogLikelihood(alpha, mu, q, l, x[i]);
    }
    return slse + prior(alpha, q, l, n, d, k, m, gamma);
  }

  /** logsumexp over components of αₖ + Σⱼ qₖⱼ − ½ ‖Qₖ (x − μₖ)‖². */
  @Differentiable(wrt = {"alpha", "mu", "q", "l"})
  public static double pointLogLikelihood(double[] alpha, double[][] mu, double[][] q,
      double[][] l, double[] x) {
    int k = alpha.length;
    int d = x.length;
    double[] beta = new double[k];
    double[] product = new double[d];
    for (int c = 0; c < k; c++) {
      double sumQ = 0;
      for (int j = 0; j < d; j++) {
        product[j] = Math.exp(q[c][j]) * (x[j] - mu[c][j]);
        sumQ += q[c][j];
      }
      for (int col = 0; col < d; col++) {
        for (int row = col + 1; row < d; row++) {
          product[row] += l[c][col * (2 * d - col - 1) / 2 + row - col - 1] * (x[col] - mu[c][col]);
        }
      }
      double norm2 = 0;
      for (int j = 0; j < d; j++) {
        norm2 += product[j] * product[j];
      }
      beta[c] = alpha[c] + sumQ - 0.5 * norm2;
    }
    return Lse.logSumExp(beta);
  }

  /** The terms of the objective outside the loop over points (as in Gmm.objective). */
  @Differentiable(wrt = {"alpha", "q", "l"})
  public static double prior(double[] alpha, double[][] q, double[][] l, int n, int d, int k,
      int m, double gamma) {
    double prior = 0;
    for (int c = 0; c < k; c++) {
      double frobenius = 0;
      double sumQ = 0;
      for (int j = 0; j < d; j++) {
        double e = Math.exp(q[c][j]);
        frobenius += e * e;
        sumQ += q[c][j];
      }
      for (int j = 0; j < l[c].length; j++) {
        frobenius += l[c][j] * l[c][j];
      }
      prior += m * sumQ - 0.5 * gamma * gamma * frobenius;
    }
    int dof = d + m + 1;
    double normalising = k * (dof * d * (Math.log(gamma) - 0.5 * Math.log(2))
        - logMultivariateGamma(0.5 * dof, d));
    return -n * (0.5 * d * Math.log(2 * Math.PI) + Lse.logSumExp(alpha)) + prior + normalising;
  }

  static double logMultivariateGamma(double a, int p) {
    double out = 0.25 * p * (p - 1) * Math.log(Math.PI);
    for (int j = 1; j <= p; j++) {
      out += org.apache.commons.math3.special.Gamma.logGamma(a + 0.5 * (1 - j));
    }
    return out;
  }
}
