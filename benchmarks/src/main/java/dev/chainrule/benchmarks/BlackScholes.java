package dev.chainrule.benchmarks;

import dev.chainrule.Differentiable;

/**
 * Workload 1: a Black–Scholes call with ten inputs, written once as a {@code @Differentiable}
 * method. The normal CDF is the Zelen–Severo polynomial approximation (Abramowitz &amp; Stegun
 * 26.2.17, absolute error below 7.5e-8), written as differentiable code; every variant of the
 * benchmark differentiates this same approximation.
 */
public final class BlackScholes {
  /** Names of the inputs, in the order of {@link #call}'s parameters. */
  public static final String[] INPUTS = {
    "spot", "strike", "rate", "dividend", "repo", "vol", "time", "notional", "fx", "spread"
  };

  static final double P = 0.2316419;
  static final double B1 = 0.319381530;
  static final double B2 = -0.356563782;
  static final double B3 = 1.781477937;
  static final double B4 = -1.821255978;
  static final double B5 = 1.330274429;
  static final double INV_SQRT_2PI = 0.3989422804014327;

  private BlackScholes() {}

  /**
   * The standard normal CDF, by the Zelen–Severo approximation.
   *
   * @param x the argument
   * @return an approximation of Φ(x)
   */
  @Differentiable
  public static double normalCdf(double x) {
    double z = Math.abs(x);
    double t = 1 / (1 + P * z);
    double poly = t * (B1 + t * (B2 + t * (B3 + t * (B4 + t * B5))));
    double tail = INV_SQRT_2PI * Math.exp(-0.5 * z * z) * poly;
    return x >= 0 ? 1 - tail : tail;
  }

  /**
   * The value, in the reporting currency, of {@code notional} European calls on an asset paying a
   * continuous dividend yield and a repo (borrow) cost, discounted at the rate plus a credit spread.
   *
   * @param spot the spot price
   * @param strike the strike
   * @param rate the continuously compounded risk-free rate
   * @param dividend the continuous dividend yield
   * @param repo the continuous repo (borrow) rate
   * @param vol the Black–Scholes volatility
   * @param time the time to expiry in years
   * @param notional the number of options
   * @param fx the conversion rate to the reporting currency
   * @param spread the credit spread added to the discount rate
   * @return the value
   */
  @Differentiable
  public static double call(
      double spot,
      double strike,
      double rate,
      double dividend,
      double repo,
      double vol,
      double time,
      double notional,
      double fx,
      double spread) {
    double sqrtTime = Math.sqrt(time);
    double forward = spot * Math.exp((rate - dividend - repo) * time);
    double stdDev = vol * sqrtTime;
    double d1 = (Math.log(forward / strike) + 0.5 * stdDev * stdDev) / stdDev;
    double d2 = d1 - stdDev;
    double discount = Math.exp(-(rate + spread) * time);
    return notional * fx * discount * (forward * normalCdf(d1) - strike * normalCdf(d2));
  }

  /**
   * {@link #call} as a one-element vector, so that its generated Jacobian drivers ({@code
   * callAsVectorJacobianForward}, one forward sweep per input, or multi-directional forward mode
   * where the generator has it) can compute all ten greeks at once.
   *
   * @return {@code {call(...)}}
   */
  @Differentiable
  public static double[] callAsVector(
      double spot,
      double strike,
      double rate,
      double dividend,
      double repo,
      double vol,
      double time,
      double notional,
      double fx,
      double spread) {
    return new double[] {call(spot, strike, rate, dividend, repo, vol, time, notional, fx, spread)};
  }

  /**
   * {@link #call} on packed inputs, in the order of {@link #INPUTS}.
   *
   * @param v the ten inputs
   * @return the value
   */
  public static double call(double[] v) {
    return call(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9]);
  }
}
