package dev.chainrule.benchmarks;

import java.util.Arrays;
import org.hipparchus.analysis.differentiation.DSFactory;
import org.hipparchus.analysis.differentiation.DerivativeStructure;

/**
 * Second-order peers of the generated Hessians and Hessian-vector products: written by hand from
 * the closed forms, and Hipparchus' forward mode with {@link DerivativeStructure} of order 2.
 */
public final class SecondOrderVariants {
  private SecondOrderVariants() {}

  /**
   * Value, gradient and dense Hessian of {@link Rosenbrock#value} by hand: the Hessian is
   * tridiagonal, {@code ∂²f/∂x_i² = 1200 x_i² − 400 x_{i+1} + 2 (+ 200 if i > 0)}, {@code
   * ∂²f/∂x_i∂x_{i+1} = −400 x_i}; every other entry is set to 0, as a dense Hessian has them.
   *
   * @param x the point
   * @param g receives the gradient (overwritten)
   * @param h receives the Hessian, n × n (overwritten)
   * @return the value
   */
  public static double rosenbrockHessian(double[] x, double[] g, double[][] h) {
    int n = x.length;
    for (double[] row : h) {
      Arrays.fill(row, 0);
    }
    for (int i = 0; i < n - 1; i++) {
      h[i][i] += 1200 * x[i] * x[i] - 400 * x[i + 1] + 2;
      h[i + 1][i + 1] += 200;
      h[i][i + 1] = -400 * x[i];
      h[i + 1][i] = -400 * x[i];
    }
    return HandAdjoints.rosenbrock(x, g);
  }

  /**
   * The Hessian-vector product of {@link Rosenbrock#value} by hand, with the gradient.
   *
   * @param x the point
   * @param v the direction
   * @param g receives the gradient (overwritten)
   * @param hv receives H·v (overwritten)
   * @return the value
   */
  public static double rosenbrockHvp(double[] x, double[] v, double[] g, double[] hv) {
    int n = x.length;
    Arrays.fill(hv, 0);
    for (int i = 0; i < n - 1; i++) {
      double off = -400 * x[i];
      hv[i] += (1200 * x[i] * x[i] - 400 * x[i + 1] + 2) * v[i] + off * v[i + 1];
      hv[i + 1] += 200 * v[i + 1] + off * v[i];
    }
    return HandAdjoints.rosenbrock(x, g);
  }

  /**
   * The Hessian-vector product of {@link Logistic#loss} by hand: {@code X̃ᵀ (s(1 − s) ⊙ X̃ v) / m}
   * with {@code X̃ = [X 1]}, {@code s} the predicted probabilities; with the gradient {@code X̃ᵀ (s
   * − y) / m}, in one pass over the examples.
   *
   * @param vw the direction's weights part
   * @param vb the direction's bias part
   * @param gw receives ∂/∂w (overwritten)
   * @param hvw receives the weights part of H·v (overwritten)
   * @param out receives ∂/∂b in {@code out[0]} and the bias part of H·v in {@code out[1]}
   * @return the value
   */
  public static double logisticHvp(double[] w, double b, double[][] x, double[] y, double[] vw,
      double vb, double[] gw, double[] hvw, double[] out) {
    int m = x.length;
    int d = w.length;
    Arrays.fill(gw, 0);
    Arrays.fill(hvw, 0);
    double gb = 0;
    double hvb = 0;
    double total = 0;
    for (int i = 0; i < m; i++) {
      double[] xi = x[i];
      double z = b;
      double zv = vb;
      for (int j = 0; j < d; j++) {
        z += w[j] * xi[j];
        zv += vw[j] * xi[j];
      }
      double s = 1 / (1 + Math.exp(-z));
      total += (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z))) - y[i] * z;
      double r = s - y[i];
      double c = s * (1 - s) * zv;
      for (int j = 0; j < d; j++) {
        gw[j] += r * xi[j];
        hvw[j] += c * xi[j];
      }
      gb += r;
      hvb += c;
    }
    for (int j = 0; j < d; j++) {
      gw[j] /= m;
      hvw[j] /= m;
    }
    out[0] = gb / m;
    out[1] = hvb / m;
    return total / m;
  }

  /**
   * {@link Rosenbrock#value} in {@link DerivativeStructure}s of order 2 over all n variables.
   *
   * @param factory a factory for n parameters, order 2
   * @return the value with all its first and second partials
   */
  public static DerivativeStructure rosenbrock(DSFactory factory, double[] xv) {
    int n = xv.length;
    DerivativeStructure[] x = new DerivativeStructure[n];
    for (int i = 0; i < n; i++) {
      x[i] = factory.variable(i, xv[i]);
    }
    DerivativeStructure sum = factory.constant(0);
    for (int i = 0; i < n - 1; i++) {
      DerivativeStructure a = x[i + 1].subtract(x[i].multiply(x[i]));
      DerivativeStructure b = x[i].negate().add(1);
      sum = sum.add(a.multiply(a).multiply(100)).add(b.multiply(b));
    }
    return sum;
  }

  /**
   * Where each second partial sits in a {@link DerivativeStructure}'s array of all derivatives.
   *
   * @param factory the factory, order 2
   * @return {@code index[i][j]}, the position of ∂²/∂x_i∂x_j
   */
  public static int[][] hessianIndex(DSFactory factory) {
    int n = factory.getCompiler().getFreeParameters();
    int[][] index = new int[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        int[] orders = new int[n];
        orders[i]++;
        orders[j]++;
        index[i][j] = factory.getCompiler().getPartialDerivativeIndex(orders);
      }
    }
    return index;
  }

  /**
   * The Hessian out of a derivative structure of order 2.
   *
   * @param f the structure
   * @param index from {@link #hessianIndex}
   * @param h receives the Hessian (overwritten)
   */
  public static void hessian(DerivativeStructure f, int[][] index, double[][] h) {
    double[] all = f.getAllDerivatives();
    for (int i = 0; i < h.length; i++) {
      for (int j = 0; j < h.length; j++) {
        h[i][j] = all[index[i][j]];
      }
    }
  }
}
