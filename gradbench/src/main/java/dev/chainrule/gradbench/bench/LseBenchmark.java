package dev.chainrule.gradbench.bench;

import dev.chainrule.gradbench.evals.Lse;
import dev.chainrule.gradbench.evals.LseDerivatives;
import java.util.Random;
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
 * lse at n = 10⁴ and 10⁶, x uniform on [0, 1) as GradBench's eval makes it: the primal, its
 * generated gradient, the gradient with the shift's gradient stopped ({@link LseVariants}), and
 * a hand-written adjoint (the manual C++ tool's algorithm: exp once, stored, then divided) as the
 * yardstick within one JVM.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class LseBenchmark {
  @Param({"10000", "1000000"})
  public int n;

  private double[] x;
  private double[] gradient;
  private LseDerivatives.LogSumExpAdjoint adjoint;
  private LseVariantsDerivatives.StoppedShiftAdjoint stopped;

  @Setup
  public void setup() {
    Random r = new Random(31337);
    x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = r.nextDouble();
    }
    gradient = new double[n];
    adjoint = new LseDerivatives.LogSumExpAdjoint(new double[n]);
    stopped = new LseVariantsDerivatives.StoppedShiftAdjoint(new double[n]);
  }

  @Benchmark
  public double primal() {
    return Lse.logSumExp(x);
  }

  @Benchmark
  public double gradient() {
    adjoint.clear();
    return LseDerivatives.logSumExpPullback(x, 1.0, adjoint);
  }

  @Benchmark
  public double gradientStoppedShift() {
    stopped.clear();
    return LseVariantsDerivatives.stoppedShiftPullback(x, 1.0, stopped);
  }

  @Benchmark
  public double[] handWritten() {
    return softmax(x, gradient);
  }

  /** ∇LSE(x) = softmax(x), as the manual C++ tool computes it. */
  static double[] softmax(double[] x, double[] out) {
    double a = x[0];
    for (int i = 1; i < x.length; i++) {
      a = Math.max(a, x[i]);
    }
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      out[i] = Math.exp(x[i] - a);
      s += out[i];
    }
    for (int i = 0; i < x.length; i++) {
      out[i] /= s;
    }
    return out;
  }
}
