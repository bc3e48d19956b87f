package dev.chainrule.benchmarks;

import dev.chainrule.numeric.FiniteDifferences;
import java.util.concurrent.TimeUnit;
import org.hipparchus.analysis.differentiation.Gradient;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Workload 1: value and ten partials of {@link BlackScholes#call}; also its forward mode: one
 * pushforward (a directional derivative) against the primal, and all ten greeks by forward mode
 * (ten pushforwards, or the Jacobian-forward driver of {@link BlackScholes#callAsVector}) against
 * one reverse sweep ({@link #generatedPullback}).
 */
@State(Scope.Thread)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class BlackScholesBenchmark {
  // Inputs are fields read in the benchmark, so that the JIT cannot fold the computation.
  double spot = 105;
  double strike = 100;
  double rate = 0.03;
  double dividend = 0.015;
  double repo = 0.005;
  double vol = 0.25;
  double time = 1.5;
  double notional = 1000;
  double fx = 1.1;
  double spread = 0.01;

  double[] packed;
  double[] hand = new double[10];
  double[] finmath = new double[10];
  BlackScholesDerivatives.CallAdjoint adjoint;
  /** A direction for the pushforward (a random mix of all ten inputs). */
  double[] direction;
  /** The unit directions, one per input. */
  double[][] units;
  double[] greeks = new double[10];
  BlackScholesDerivatives.CallTangentWork tangentWork;
  BlackScholesDerivatives.CallAsVectorJacobianWork jacobianWork;

  /** Builds the buffers and checks once that every variant agrees. */
  @Setup
  public void setup() {
    packed = new double[] {spot, strike, rate, dividend, repo, vol, time, notional, fx, spread};
    adjoint = new BlackScholesDerivatives.CallAdjoint();
    direction = Data.uniform(new java.util.Random(3), 10, -1, 1);
    units = new double[10][10];
    for (int i = 0; i < 10; i++) {
      units[i][i] = 1;
    }
    tangentWork = new BlackScholesDerivatives.CallTangentWork();
    jacobianWork = new BlackScholesDerivatives.CallAsVectorJacobianWork();
    check();
  }

  /** Runs every variant once and compares it with the hand-written adjoint. */
  public void check() {
    double value = handAdjoint();
    double[] reference = hand.clone();
    require("primal", value, reference, primal(), reference, 0);
    BlackScholesDerivatives.CallGradient g = generatedGradient();
    require("generated gradient", value, reference, g.value(), new double[] {
        g.spot(), g.strike(), g.rate(), g.dividend(), g.repo(), g.vol(), g.time(), g.notional(),
        g.fx(), g.spread()}, Agreement.EXACT);
    // Twice, to check that clear() resets the accumulation.
    generatedPullback();
    double pv = generatedPullback();
    require("generated pullback", value, reference, pv, adjointArray(), Agreement.EXACT);
    Gradient h = hipparchus();
    require("Hipparchus", value, reference, h.getValue(), h.getGradient(), Agreement.EXACT);
    double fv = finmath();
    require("finmath", value, reference, fv, finmath.clone(), Agreement.EXACT);
    Agreement.requireFiniteDifferences("Black-Scholes, finite differences", value, reference,
        finiteDifferences(), packed);
    double jv = 0;
    for (int i = 0; i < 10; i++) {
      jv += reference[i] * direction[i];
    }
    double tv = generatedPushforward();
    require("generated pushforward", value, new double[] {jv}, tv,
        new double[] {tangentWork.tangent}, Agreement.EXACT);
    require("ten pushforwards", value, reference, value, greeksByPushforwards().clone(),
        Agreement.EXACT);
    BlackScholesDerivatives.CallAsVectorJacobianWork j = greeksByJacobianForward();
    require("Jacobian-forward driver", value, reference, value, new double[] {
        j.spot[0], j.strike[0], j.rate[0], j.dividend[0], j.repo[0], j.vol[0], j.time[0],
        j.notional[0], j.fx[0], j.spread[0]}, Agreement.EXACT);
  }

  private static void require(String what, double rv, double[] r, double v, double[] c,
      double tol) {
    Agreement.require("Black-Scholes, " + what, rv, r, v, c, tol);
  }

  double[] adjointArray() {
    BlackScholesDerivatives.CallAdjoint a = adjoint;
    return new double[] {a.spot, a.strike, a.rate, a.dividend, a.repo, a.vol, a.time, a.notional,
        a.fx, a.spread};
  }

  @Benchmark
  public double primal() {
    return BlackScholes.call(spot, strike, rate, dividend, repo, vol, time, notional, fx, spread);
  }

  @Benchmark
  public BlackScholesDerivatives.CallGradient generatedGradient() {
    return BlackScholesDerivatives.callGradient(
        spot, strike, rate, dividend, repo, vol, time, notional, fx, spread);
  }

  @Benchmark
  public double generatedPullback() {
    adjoint.clear();
    return BlackScholesDerivatives.callPullback(
        spot, strike, rate, dividend, repo, vol, time, notional, fx, spread, 1.0, adjoint);
  }

  /** One directional derivative by forward mode, allocation-free. */
  @Benchmark
  public double generatedPushforward() {
    double[] d = direction;
    return BlackScholesDerivatives.callPushforward(
        spot, strike, rate, dividend, repo, vol, time, notional, fx, spread,
        d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7], d[8], d[9], tangentWork);
  }

  /** All ten greeks by forward mode: one pushforward per input. */
  @Benchmark
  public double[] greeksByPushforwards() {
    for (int i = 0; i < 10; i++) {
      double[] e = units[i];
      BlackScholesDerivatives.callPushforward(
          spot, strike, rate, dividend, repo, vol, time, notional, fx, spread,
          e[0], e[1], e[2], e[3], e[4], e[5], e[6], e[7], e[8], e[9], tangentWork);
      greeks[i] = tangentWork.tangent;
    }
    return greeks;
  }

  /** All ten greeks by the generated Jacobian's forward-mode driver. */
  @Benchmark
  public BlackScholesDerivatives.CallAsVectorJacobianWork greeksByJacobianForward() {
    BlackScholesDerivatives.callAsVectorJacobianForward(
        spot, strike, rate, dividend, repo, vol, time, notional, fx, spread, jacobianWork);
    return jacobianWork;
  }

  @Benchmark
  public double handAdjoint() {
    return HandAdjoints.blackScholes(
        spot, strike, rate, dividend, repo, vol, time, notional, fx, spread, hand);
  }

  @Benchmark
  public Gradient hipparchus() {
    return HipparchusVariants.blackScholes(packed);
  }

  @Benchmark
  public double finmath() {
    return FinmathVariants.blackScholes(packed, finmath);
  }

  @Benchmark
  public double[] finiteDifferences() {
    return FiniteDifferences.gradient(BlackScholes::call, packed);
  }
}
