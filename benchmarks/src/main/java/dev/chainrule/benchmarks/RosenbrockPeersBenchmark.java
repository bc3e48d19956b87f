package dev.chainrule.benchmarks;

import dev.chainrule.numeric.FiniteDifferences;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.hipparchus.analysis.differentiation.Gradient;
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
 * Workload 2 by the peers: Hipparchus forward mode, finmath AAD and central finite differences,
 * at the same points as {@link RosenbrockBenchmark}. Not run at n = 10000: Hipparchus' forward
 * mode is quadratic there (about 9 operations on 10⁴-vectors per term, some 7 GB allocated per
 * gradient), and finite differences take 2n primal evaluations (about 0.2 s per gradient).
 */
@State(Scope.Thread)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RosenbrockPeersBenchmark {
  @Param({"10", "100", "1000"})
  public int n;

  double[] x;
  double[] finmath;

  /** Builds the point and checks once that the peers agree with the hand-written adjoint. */
  @Setup
  public void setup() {
    x = Data.uniform(new Random(42 + n), n, -1.5, 1.5);
    finmath = new double[n];
    check();
  }

  /** Hipparchus, finmath and finite differences against the hand-written adjoint. */
  public void check() {
    double[] reference = new double[n];
    double value = HandAdjoints.rosenbrock(x, reference);
    Gradient h = hipparchus();
    require("Hipparchus", value, reference, h.getValue(), h.getGradient(), Agreement.EXACT);
    double fv = finmath();
    require("finmath", value, reference, fv, finmath.clone(), Agreement.EXACT);
    Agreement.requireFiniteDifferences("Rosenbrock n=" + n + ", finite differences", value,
        reference, finiteDifferences(), x);
  }

  private void require(String what, double rv, double[] r, double v, double[] c, double tol) {
    Agreement.require("Rosenbrock n=" + n + ", " + what, rv, r, v, c, tol);
  }

  @Benchmark
  public Gradient hipparchus() {
    return HipparchusVariants.rosenbrock(x);
  }

  @Benchmark
  public double finmath() {
    return FinmathVariants.rosenbrock(x, finmath);
  }

  @Benchmark
  public double[] finiteDifferences() {
    return FiniteDifferences.gradient(Rosenbrock::value, x);
  }
}
