package dev.chainrule.gradbench.bench;

import dev.chainrule.gradbench.evals.Gmm;
import dev.chainrule.gradbench.evals.GmmDerivatives;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * gmm at GradBench's n = 1000 and d × k in {2, 10, 64} × {5, 25, 100}: the objective, its
 * generated gradient, and the gradients of the two rewritings in {@link GmmVariants}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class GmmBenchmark {
  @Param({"2", "10", "64"})
  public int d;

  @Param({"5", "25", "100"})
  public int k;

  private GmmData in;
  private GmmDerivatives.ObjectiveAdjoint adjoint;
  private GmmVariantsDerivatives.IndexedAdjoint indexed;
  private GmmVariantsDerivatives.PerPointAdjoint perPoint;

  @Setup
  public void setup() {
    in = new GmmData(d, k, 1000, 31337);
    adjoint = new GmmDerivatives.ObjectiveAdjoint(new double[k], new double[k][d],
        new double[k][d], new double[k][d * (d - 1) / 2]);
    indexed = new GmmVariantsDerivatives.IndexedAdjoint(new double[k], new double[k][d],
        new double[k][d], new double[k][d * (d - 1) / 2]);
    perPoint = new GmmVariantsDerivatives.PerPointAdjoint(new double[k], new double[k][d],
        new double[k][d], new double[k][d * (d - 1) / 2]);
  }

  @Benchmark
  public double objective() {
    return Gmm.objective(in.alpha, in.mu, in.q, in.l, in.x, in.m, in.gamma);
  }

  /** The primal of {@link GmmVariants#indexed}: is the primal's own cost in the li++ counter? */
  @Benchmark
  public double objectiveIndexed() {
    return GmmVariants.indexed(in.alpha, in.mu, in.q, in.l, in.x, in.m, in.gamma);
  }

  @Benchmark
  public double jacobian() {
    adjoint.clear();
    return GmmDerivatives.objectivePullback(in.alpha, in.mu, in.q, in.l, in.x, in.m, in.gamma,
        1.0, adjoint);
  }

  @Benchmark
  public double jacobianIndexed() {
    indexed.clear();
    return GmmVariantsDerivatives.indexedPullback(in.alpha, in.mu, in.q, in.l, in.x, in.m,
        in.gamma, 1.0, indexed);
  }

  @Benchmark
  public double jacobianPerPoint() {
    perPoint.clear();
    return GmmVariantsDerivatives.perPointPullback(in.alpha, in.mu, in.q, in.l, in.x, in.m,
        in.gamma, 1.0, perPoint);
  }
}
