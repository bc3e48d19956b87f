package dev.chainrule.examples.finance;

import dev.chainrule.CheckPoints;
import dev.chainrule.CustomDerivative;
import dev.chainrule.Differentiable;
import org.apache.commons.math3.special.Erf;

/**
 * Option greeks: the sensitivities of a Black-Scholes call price are its gradient. The normal
 * distribution comes from a library ChainRule cannot read (Apache Commons Math's {@code erf}), so
 * this class supplies erf's derivative with {@link CustomDerivative}.
 */
public final class BlackScholes {
  private BlackScholes() {}

  /** d erf(x) / dx = 2/√π · exp(−x²). */
  @CustomDerivative(of = Erf.class, method = "erf")
  static double erfDerivative(double x) {
    return 2 / Math.sqrt(Math.PI) * Math.exp(-x * x);
  }

  /**
   * The price of a European call. The gradient record's components are the greeks: delta
   * (∂/∂spot), rho (∂/∂rate), vega (∂/∂volatility) and minus theta (∂/∂maturity).
   */
  @Differentiable(wrt = {"spot", "rate", "volatility", "maturity"})
  @CheckPoints(min = 0.1, max = 2)
  public static double call(double spot, double strike, double rate, double volatility, double maturity) {
    double root = Math.sqrt(maturity);
    double d1 = (Math.log(spot / strike) + (rate + 0.5 * volatility * volatility) * maturity) / (volatility * root);
    double d2 = d1 - volatility * root;
    double n1 = 0.5 * (1 + Erf.erf(d1 / Math.sqrt(2)));
    double n2 = 0.5 * (1 + Erf.erf(d2 / Math.sqrt(2)));
    return spot * n1 - strike * Math.exp(-rate * maturity) * n2;
  }

  /** The closed-form greeks of {@link #call}, for comparison: delta, rho, vega, ∂/∂maturity. */
  public static double[] closedFormGreeks(double spot, double strike, double rate, double volatility, double maturity) {
    double root = Math.sqrt(maturity);
    double d1 = (Math.log(spot / strike) + (rate + 0.5 * volatility * volatility) * maturity) / (volatility * root);
    double d2 = d1 - volatility * root;
    double density = Math.exp(-0.5 * d1 * d1) / Math.sqrt(2 * Math.PI);
    double discount = Math.exp(-rate * maturity);
    double n2 = 0.5 * (1 + Erf.erf(d2 / Math.sqrt(2)));
    return new double[] {
      0.5 * (1 + Erf.erf(d1 / Math.sqrt(2))),
      strike * maturity * discount * n2,
      spot * density * root,
      spot * density * volatility / (2 * root) + rate * strike * discount * n2
    };
  }
}
