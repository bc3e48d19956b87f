package dev.chainrule.benchmarks;

import dev.chainrule.numeric.FiniteDifferences;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Workload 2: the gradient of {@link Rosenbrock#value} in n dimensions, by ChainRule and by hand,
 * and one directional derivative by the generated pushforward (forward mode).
 * The peers (Hipparchus, finmath, finite differences) are in {@link RosenbrockPeersBenchmark},
 * which stops at n = 1000.
 */
@State(Scope.Thread)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RosenbrockBenchmark {
  @Param({"10", "100", "1000", "10000"})
  public int n;

  double[] x;
  double[] hand;
  double[] generated;
  RosenbrockDerivatives.ValueAdjoint adjoint;
  double[] direction;
  RosenbrockDerivatives.ValueTangentWork tangentWork;
  double[] handTangent = new double[1];

  /** Builds the point and the buffers, and checks once that the variants agree. */
  @Setup
  public void setup() {
    x = Data.uniform(new Random(42 + n), n, -1.5, 1.5);
    hand = new double[n];
    generated = new double[n];
    adjoint = new RosenbrockDerivatives.ValueAdjoint(generated);
    direction = Data.uniform(new Random(43 + n), n, -1, 1);
    tangentWork = new RosenbrockDerivatives.ValueTangentWork();
    check();
  }

  /** Generated (both APIs) and finite differences against the hand-written adjoint. */
  public void check() {
    double value = handAdjoint();
    double[] reference = hand.clone();
    require("primal", value, reference, primal(), reference, 0);
    RosenbrockDerivatives.ValueGradient g = generatedGradient();
    require("generated gradient", value, reference, g.value(), g.x(), Agreement.EXACT);
    generatedPullback();
    double pv = generatedPullback();
    require("generated pullback", value, reference, pv, generated.clone(), Agreement.EXACT);
    Agreement.requireFiniteDifferences("Rosenbrock n=" + n + ", finite differences", value,
        reference, FiniteDifferences.gradient(Rosenbrock::value, x), x);
    double jv = 0;
    for (int i = 0; i < n; i++) {
      jv += reference[i] * direction[i];
    }
    double tv = generatedPushforward();
    require("generated pushforward", value, new double[] {jv}, tv,
        new double[] {tangentWork.tangent}, Agreement.EXACT);
    require("hand pushforward", value, new double[] {jv}, handPushforward(),
        handTangent.clone(), Agreement.EXACT);
  }

  private void require(String what, double rv, double[] r, double v, double[] c, double tol) {
    Agreement.require("Rosenbrock n=" + n + ", " + what, rv, r, v, c, tol);
  }

  @Benchmark
  public double primal() {
    return Rosenbrock.value(x);
  }

  @Benchmark
  public RosenbrockDerivatives.ValueGradient generatedGradient() {
    return RosenbrockDerivatives.valueGradient(x);
  }

  @Benchmark
  public double generatedPullback() {
    adjoint.clear();
    return RosenbrockDerivatives.valuePullback(x, 1.0, adjoint);
  }

  /** One directional derivative by forward mode, allocation-free. */
  @Benchmark
  public double generatedPushforward() {
    return RosenbrockDerivatives.valuePushforward(x, direction, tangentWork);
  }

  /** The same directional derivative by hand. */
  @Benchmark
  public double handPushforward() {
    return HandJacobians.rosenbrockJvp(x, direction, handTangent);
  }

  @Benchmark
  public double handAdjoint() {
    return HandAdjoints.rosenbrock(x, hand);
  }
}
