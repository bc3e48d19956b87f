package dev.chainrule.examples.newton;

import dev.chainrule.examples.newton.LogisticRegressionDerivatives.LossAdjoint;
import dev.chainrule.examples.newton.LogisticRegressionDerivatives.LossHessianWork;

/**
 * {@link LogisticRegression#loss} on one data set as a {@link SmoothProblem} over the flat vector
 * {@code p = (w[0], …, w[d−1], b)}, through the derivatives ChainRule generated: the pullback for
 * the gradient, {@code lossHessian} for the dense Hessian and {@code lossHvp} for Hessian-vector
 * products, each in its allocation-free form with a workspace reused from call to call (so one
 * instance serves one thread).
 */
public final class LogisticProblem implements SmoothProblem {
  private final double[][] x;
  private final double[] y;
  private final double lambda;
  private final int features;
  private final double[] w;
  private final double[] direction;
  private final LossAdjoint gradientAdjoint;
  private final LossAdjoint hvpAdjoint;
  private final LossHessianWork hessianWork = new LossHessianWork();

  /**
   * The problem for the given data.
   *
   * @param data the examples and their 0/1 labels
   * @param lambda λ, the L2 penalty on the weights
   */
  public LogisticProblem(BinaryDigits data, double lambda) {
    this.x = data.x();
    this.y = data.y();
    this.lambda = lambda;
    this.features = x[0].length;
    this.w = new double[features];
    this.direction = new double[features];
    this.gradientAdjoint = new LossAdjoint(new double[features]);
    this.hvpAdjoint = new LossAdjoint(new double[features]);
    hvpAdjoint.wTangent = new double[features];
  }

  @Override
  public int dimension() {
    return features + 1;
  }

  @Override
  public double value(double[] p) {
    System.arraycopy(p, 0, w, 0, features);
    return LogisticRegression.loss(w, p[features], x, y, lambda);
  }

  @Override
  public double gradient(double[] p, double[] gradient) {
    System.arraycopy(p, 0, w, 0, features);
    gradientAdjoint.clear();
    double value =
        LogisticRegressionDerivatives.lossPullback(w, p[features], x, y, lambda, 1.0,
            gradientAdjoint);
    System.arraycopy(gradientAdjoint.w, 0, gradient, 0, features);
    gradient[features] = gradientAdjoint.b;
    return value;
  }

  @Override
  public double hessian(double[] p, double[] gradient, double[][] hessian) {
    System.arraycopy(p, 0, w, 0, features);
    double value =
        LogisticRegressionDerivatives.lossHessian(w, p[features], x, y, lambda, hessianWork);
    System.arraycopy(hessianWork.gradient, 0, gradient, 0, features + 1);
    for (int i = 0; i <= features; i++) {
      System.arraycopy(hessianWork.hessian[i], 0, hessian[i], 0, features + 1);
    }
    return value;
  }

  @Override
  public double hessianVector(double[] p, double[] v, double[] hv) {
    System.arraycopy(p, 0, w, 0, features);
    System.arraycopy(v, 0, direction, 0, features);
    double value =
        LogisticRegressionDerivatives.lossHvp(w, p[features], x, y, lambda, direction,
            v[features], hvpAdjoint);
    System.arraycopy(hvpAdjoint.wTangent, 0, hv, 0, features);
    hv[features] = hvpAdjoint.bTangent;
    return value;
  }
}
