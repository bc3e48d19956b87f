package dev.chainrule.benchmarks;

import java.util.Arrays;
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
 * Not part of the default run ({@code java -jar benchmarks.jar RosenbrockAnatomy}): hand-written
 * Rosenbrock adjoints that take on, one at a time, the structure of the generated pullback, to
 * attribute the gap between {@link HandAdjoints#rosenbrock} and the generated code.
 */
@State(Scope.Thread)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RosenbrockAnatomyBenchmark {
  @Param({"1000", "10000"})
  public int n;

  double[] x;
  double[] g;
  RosenbrockDerivatives.ValueAdjoint adjoint;

  /** Builds the point (as in {@link RosenbrockBenchmark}) and checks the variants agree. */
  @Setup
  public void setup() {
    x = Data.uniform(new Random(42 + n), n, -1.5, 1.5);
    g = new double[n];
    adjoint = new RosenbrockDerivatives.ValueAdjoint(new double[n]);
    double[] reference = new double[n];
    double value = HandAdjoints.rosenbrock(x, reference);
    Agreement.require("anatomy, clear + accumulate", value, reference, clearAccumulate(),
        g.clone(), Agreement.EXACT);
    Agreement.require("anatomy, two sweeps", value, reference, twoSweeps(), g.clone(),
        Agreement.EXACT);
    Agreement.require("anatomy, generated", value, reference, generatedPullback(),
        adjoint.x.clone(), Agreement.EXACT);
  }

  /** The hand adjoint: one sweep, each partial written once. */
  @Benchmark
  public double hand() {
    return HandAdjoints.rosenbrock(x, g);
  }

  /** One sweep, but the partials are cleared first and accumulated with {@code +=}. */
  @Benchmark
  public double clearAccumulate() {
    Arrays.fill(g, 0.0);
    double sum = 0;
    for (int i = 0; i < x.length - 1; i++) {
      double xi = x[i];
      double a = x[i + 1] - xi * xi;
      double b = 1 - xi;
      sum += 100 * a * a + b * b;
      g[i] += -400 * a * xi - 2 * b;
      g[i + 1] += 200 * a;
    }
    return sum;
  }

  /**
   * The generated pullback's structure written by hand: clear, a forward sweep for the value,
   * then a downward reverse sweep that recomputes a and b and accumulates.
   */
  @Benchmark
  public double twoSweeps() {
    Arrays.fill(g, 0.0);
    double sum = 0;
    for (int i = 0; i < x.length - 1; i++) {
      double a = x[i + 1] - x[i] * x[i];
      double b = 1 - x[i];
      sum += 100 * a * a + b * b;
    }
    for (int i = x.length - 2; i >= 0; i--) {
      double xi = x[i];
      double a = x[i + 1] - xi * xi;
      double b = 1 - xi;
      g[i] += -400 * a * xi - 2 * b;
      g[i + 1] += 200 * a;
    }
    return sum;
  }

  /** The generated pullback, as in {@link RosenbrockBenchmark}. */
  @Benchmark
  public double generatedPullback() {
    adjoint.clear();
    return RosenbrockDerivatives.valuePullback(x, 1.0, adjoint);
  }
}
