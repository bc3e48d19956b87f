package dev.chainrule.examples.newton;

/**
 * A twice differentiable function of a flat parameter vector, as the {@link Minimizers} see it:
 * its value, gradient, dense Hessian and Hessian-vector products, written into the caller's
 * buffers.
 */
public interface SmoothProblem {
  /**
   * The number of parameters.
   *
   * @return n
   */
  int dimension();

  /**
   * The value at {@code p}.
   *
   * @param p the parameters, n values
   * @return f(p)
   */
  double value(double[] p);

  /**
   * The value and the gradient at {@code p}.
   *
   * @param p the parameters, n values
   * @param gradient receives ∇f(p), n values
   * @return f(p)
   */
  double gradient(double[] p, double[] gradient);

  /**
   * The value, the gradient and the dense Hessian at {@code p}.
   *
   * @param p the parameters, n values
   * @param gradient receives ∇f(p), n values
   * @param hessian receives ∇²f(p), n × n
   * @return f(p)
   */
  double hessian(double[] p, double[] gradient, double[][] hessian);

  /**
   * The Hessian-vector product at {@code p}.
   *
   * @param p the parameters, n values
   * @param v the direction, n values
   * @param hv receives ∇²f(p) v, n values
   * @return f(p)
   */
  double hessianVector(double[] p, double[] v, double[] hv);
}
