package dev.chainrule.benchmarks;

import dev.chainrule.numeric.FiniteDifferences;
import java.util.concurrent.TimeUnit;
import org.hipparchus.analysis.differentiation.Gradient;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Workload 1: value and ten partials of {@link BlackScholes#call}. */
@State(Scope.Thread)
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

  /** Builds the buffers and checks once that every variant agrees. */
  @Setup
  public void setup() {
    packed = new double[] {spot, strike, rate, dividend, repo, vol, time, notional, fx, spread};
    adjoint = new BlackScholesDerivatives.CallAdjoint();
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
