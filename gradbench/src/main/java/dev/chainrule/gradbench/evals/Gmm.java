package dev.chainrule.gradbench.evals;

import dev.chainrule.Differentiable;
import org.apache.commons.math3.special.Gamma;

/**
 * GradBench's {@code gmm} eval ({@code evals/gmm/README.md}, section "Implementation"): the log
 * posterior of a Gaussian mixture with a Wishart prior on the precision matrices Qₖᵀ Qₖ, where Qₖ
 * is lower triangular with diagonal exp(qₖ) and lₖ below it, column by column.
 */
public final class Gmm {
  private Gmm() {}

  @Differentiable(wrt = {"alpha", "mu", "q", "l"})
  public static double objective(double[] alpha, double[][] mu, double[][] q, double[][] l,
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
    // Σᵢ logsumexp(βᵢ), βᵢₖ = αₖ + Σⱼ qₖⱼ − ½ ‖Qₖ (xᵢ − μₖ)‖²
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
        int li = 0;
        for (int col = 0; col < d; col++) {
          for (int row = col + 1; row < d; row++) {
            product[row] += l[c][li] * centered[col];
            li++;
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
    // log p(θ): the Wishart prior, n_W = D + m + 1 degrees of freedom, V = I / γ²
    int dof = d + m + 1;
    double prior = 0;
    for (int c = 0; c < k; c++) {
      double frobenius = 0;
      for (int j = 0; j < d; j++) {
        frobenius += qdiag[c][j] * qdiag[c][j];
      }
      for (int j = 0; j < l[c].length; j++) {
        frobenius += l[c][j] * l[c][j];
      }
      prior += m * sumQ[c] - 0.5 * gamma * gamma * frobenius;
    }
    double normalising = k * (dof * d * (Math.log(gamma) - 0.5 * Math.log(2))
        - logMultivariateGamma(0.5 * dof, d));
    return -n * (0.5 * d * Math.log(2 * Math.PI) + Lse.logSumExp(alpha)) + slse + prior
        + normalising;
  }

  /** log Γ_p(a) = p(p − 1)/4 · log π + Σⱼ₌₁..ₚ log Γ(a + (1 − j)/2), the multivariate gamma. */
  static double logMultivariateGamma(double a, int p) {
    double out = 0.25 * p * (p - 1) * Math.log(Math.PI);
    for (int j = 1; j <= p; j++) {
      out += Gamma.logGamma(a + 0.5 * (1 - j));
    }
    return out;
  }
}
