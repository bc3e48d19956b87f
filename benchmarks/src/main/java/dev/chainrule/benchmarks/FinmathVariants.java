package dev.chainrule.benchmarks;

import java.util.Map;
import net.finmath.montecarlo.automaticdifferentiation.RandomVariableDifferentiable;
import net.finmath.montecarlo.automaticdifferentiation.backward.RandomVariableDifferentiableAADFactory;
import net.finmath.stochastic.RandomVariable;

/**
 * The workloads in finmath-lib's backward AAD, on scalar random variables (one path): every
 * operation creates a node of an operator tree; {@code getGradient()} walks it backwards.
 */
public final class FinmathVariants {
  private static final RandomVariableDifferentiableAADFactory FACTORY =
      new RandomVariableDifferentiableAADFactory();

  private FinmathVariants() {}

  private static RandomVariableDifferentiable variable(double value) {
    return FACTORY.createRandomVariable(0.0, value);
  }

  /** Reads the partials of {@code f} with respect to {@code inputs} into {@code g}. */
  private static void partials(RandomVariable f, RandomVariableDifferentiable[] inputs, double[] g) {
    Map<Long, RandomVariable> gradient = ((RandomVariableDifferentiable) f).getGradient();
    for (int i = 0; i < inputs.length; i++) {
      RandomVariable partial = gradient.get(inputs[i].getID());
      g[i] = partial == null ? 0.0 : partial.get(0);
    }
  }

  /**
   * @param v the ten inputs of {@link BlackScholes#call}
   * @param g receives the ten partials
   * @return the value
   */
  public static double blackScholes(double[] v, double[] g) {
    RandomVariableDifferentiable[] in = new RandomVariableDifferentiable[v.length];
    for (int i = 0; i < v.length; i++) {
      in[i] = variable(v[i]);
    }
    RandomVariable spot = in[0];
    RandomVariable strike = in[1];
    RandomVariable rate = in[2];
    RandomVariable dividend = in[3];
    RandomVariable repo = in[4];
    RandomVariable vol = in[5];
    RandomVariable time = in[6];
    RandomVariable notional = in[7];
    RandomVariable fx = in[8];
    RandomVariable spread = in[9];
    RandomVariable sqrtTime = time.sqrt();
    RandomVariable forward = spot.mult(rate.sub(dividend).sub(repo).mult(time).exp());
    RandomVariable stdDev = vol.mult(sqrtTime);
    RandomVariable d1 = forward.div(strike).log().add(stdDev.squared().mult(0.5)).div(stdDev);
    RandomVariable d2 = d1.sub(stdDev);
    RandomVariable discount = rate.add(spread).mult(time).mult(-1.0).exp();
    RandomVariable price = notional.mult(fx).mult(discount)
        .mult(forward.mult(normalCdf(d1)).sub(strike.mult(normalCdf(d2))));
    partials(price, in, g);
    return price.get(0);
  }

  private static RandomVariable normalCdf(RandomVariable x) {
    RandomVariable z = x.abs();
    RandomVariable t = z.mult(BlackScholes.P).add(1.0).invert();
    RandomVariable poly = t.mult(BlackScholes.B5).add(BlackScholes.B4).mult(t)
        .add(BlackScholes.B3).mult(t).add(BlackScholes.B2).mult(t)
        .add(BlackScholes.B1).mult(t);
    RandomVariable tail = z.squared().mult(-0.5).exp().mult(BlackScholes.INV_SQRT_2PI).mult(poly);
    return x.get(0) >= 0 ? tail.mult(-1.0).add(1.0) : tail;
  }

  /**
   * @param x the point
   * @param g receives the gradient of {@link Rosenbrock#value}
   * @return the value
   */
  public static double rosenbrock(double[] x, double[] g) {
    int n = x.length;
    RandomVariableDifferentiable[] v = new RandomVariableDifferentiable[n];
    for (int i = 0; i < n; i++) {
      v[i] = variable(x[i]);
    }
    RandomVariable sum = variable(0.0);
    for (int i = 0; i < n - 1; i++) {
      RandomVariable a = v[i + 1].sub(v[i].squared());
      RandomVariable b = v[i].mult(-1.0).add(1.0);
      sum = sum.add(a.squared().mult(100.0).add(b.squared()));
    }
    partials(sum, v, g);
    return sum.get(0);
  }

  /**
   * @param g receives ∂/∂w then ∂/∂b ({@code w.length + 1} values)
   * @return the value of {@link Logistic#loss}
   */
  public static double logistic(double[] w, double b, double[][] x, double[] y, double[] g) {
    int d = w.length;
    RandomVariableDifferentiable[] v = new RandomVariableDifferentiable[d + 1];
    for (int j = 0; j < d; j++) {
      v[j] = variable(w[j]);
    }
    v[d] = variable(b);
    RandomVariable total = variable(0.0);
    for (int i = 0; i < x.length; i++) {
      double[] xi = x[i];
      RandomVariable z = v[d];
      for (int j = 0; j < d; j++) {
        z = z.addProduct(v[j], xi[j]);
      }
      RandomVariable softplus = z.get(0) > 0
          ? z.add(z.mult(-1.0).exp().add(1.0).log())
          : z.exp().add(1.0).log();
      total = total.add(softplus.sub(z.mult(y[i])));
    }
    RandomVariable mean = total.div(x.length);
    partials(mean, v, g);
    return mean.get(0);
  }
}
