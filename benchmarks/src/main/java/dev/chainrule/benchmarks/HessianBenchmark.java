package dev.chainrule.benchmarks;

import dev.chainrule.numeric.Hessians;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.hipparchus.analysis.differentiation.DSFactory;
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
 * The dense Hessian of {@link Rosenbrock#value} (value, gradient and n × n Hessian): generated
 * ({@code valueHessian} with a reused workspace, and the record form), by hand, by Hipparchus
 * {@code DerivativeStructure} of order 2, and by central differences of the generated gradient
 * (core's {@link Hessians#hessianFromGradient}, 2n gradients).
 */
@State(Scope.Thread)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class HessianBenchmark {
  @Param({"100"})
  public int n;

  double[] x;
  RosenbrockDerivatives.ValueHessianWork work;
  double[] handGradient;
  double[][] handHessian;
  DSFactory factory;
  int[][] dsIndex;
  double[][] dsHessian;

  /** Builds the point and the buffers, and checks once that the variants agree. */
  @Setup
  public void setup() {
    x = Data.uniform(new Random(44 + n), n, -1.5, 1.5);
    work = new RosenbrockDerivatives.ValueHessianWork();
    handGradient = new double[n];
    handHessian = new double[n][n];
    factory = new DSFactory(n, 2);
    dsIndex = SecondOrderVariants.hessianIndex(factory);
    dsHessian = new double[n][n];
    check();
  }

  /** Every variant's Hessian (and value and gradient) against the hand-written one. */
  public void check() {
    double value = handHessian();
    double[] reference = flatten(handHessian);
    String what = "Rosenbrock Hessian n=" + n + ", ";
    double generated = generatedHessian();
    Agreement.require(what + "generated", value, reference, generated, flatten(work.hessian),
        Agreement.EXACT);
    Agreement.require(what + "generated gradient", value, handGradient, generated, work.gradient,
        Agreement.EXACT);
    RosenbrockDerivatives.ValueHessian record = generatedHessianRecord();
    Agreement.require(what + "generated (record)", value, reference, record.value(),
        flatten(record.hessian()), Agreement.EXACT);
    double ds = hipparchus();
    Agreement.require(what + "DerivativeStructure", value, reference, ds, flatten(dsHessian),
        Agreement.EXACT);
    // Differences of an exact gradient: about 1e-9 relative (Hessians' documentation).
    Agreement.require(what + "differences of the gradient", value, reference, value,
        flatten(finiteDifferences()), 1e-6);
  }

  private static double[] flatten(double[][] h) {
    double[] flat = new double[h.length * h.length];
    for (int i = 0; i < h.length; i++) {
      System.arraycopy(h[i], 0, flat, i * h.length, h.length);
    }
    return flat;
  }

  /** The generated Hessian into a reused workspace. */
  @Benchmark
  public double generatedHessian() {
    return RosenbrockDerivatives.valueHessian(x, work);
  }

  /** The generated Hessian's record form: fresh arrays per call. */
  @Benchmark
  public RosenbrockDerivatives.ValueHessian generatedHessianRecord() {
    return RosenbrockDerivatives.valueHessian(x);
  }

  /** The tridiagonal closed form, written into a dense n × n array. */
  @Benchmark
  public double handHessian() {
    return SecondOrderVariants.rosenbrockHessian(x, handGradient, handHessian);
  }

  /** Hipparchus forward mode, order 2, then the Hessian out of the structure. */
  @Benchmark
  public double hipparchus() {
    org.hipparchus.analysis.differentiation.DerivativeStructure f =
        SecondOrderVariants.rosenbrock(factory, x);
    SecondOrderVariants.hessian(f, dsIndex, dsHessian);
    return f.getValue();
  }

  /** Central differences of the generated gradient (the record API), symmetrized: 2n gradients. */
  @Benchmark
  public double[][] finiteDifferences() {
    return Hessians.hessianFromGradient(q -> RosenbrockDerivatives.valueGradient(q).x(), x);
  }
}
