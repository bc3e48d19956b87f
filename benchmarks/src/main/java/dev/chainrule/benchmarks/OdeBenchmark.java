package dev.chainrule.benchmarks;

import dev.chainrule.numeric.JacobianCheck;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.hipparchus.analysis.differentiation.DSFactory;
import org.hipparchus.analysis.differentiation.DerivativeStructure;
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
 * The n × n Jacobian of GradBench's ODE ({@link Ode#solve}, s RK4 steps) with respect to its n
 * coefficients: generated (default driver, both drivers), by hand ({@link HandJacobians#ode}) and
 * by Hipparchus {@link DerivativeStructure}.
 */
@State(Scope.Thread)
// Eight warm-up seconds: the generated Jacobians are large methods that C2 compiles only
// after several seconds of on-stack replacements (n = 64 reaches its steady state after ~5 s).
@Warmup(iterations = 8, time = 1)
@Measurement(iterations = 5, time = 1)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class OdeBenchmark {
  @Param({"4", "16", "64"})
  public int n;

  @Param({"10"})
  public int s;

  double[] x;
  double[] y;
  double[] handY;
  double[][] hand;
  HandJacobians.OdeWork handWork;
  OdeDerivatives.SolveJacobianWork work;
  DSFactory factory;

  /** Builds the input (uniform in [0, 1), as GradBench's eval draws it) and checks the variants. */
  @Setup
  public void setup() {
    x = Data.uniform(new Random(31337 + n), n, 0, 1);
    y = new double[n];
    handY = new double[n];
    hand = new double[n][n];
    handWork = new HandJacobians.OdeWork(n);
    work = new OdeDerivatives.SolveJacobianWork();
    factory = new DSFactory(n, 1);
    check();
  }

  /**
   * The hand-written Jacobian against finite differences (core's JacobianCheck, Richardson), then
   * every variant against the hand-written one.
   */
  public void check() {
    handJacobian();
    JacobianCheck.compare(v -> {
      double[] out = new double[n];
      Ode.solve(v, s, out);
      return out;
    }, hand, x.clone()).assertWithin(1e-8);
    double[] reference = Jacobians.flatten((Object) hand);
    Agreement.require("ODE n=" + n + ", primal", handY[0], handY, primal()[0], y.clone(),
        Agreement.EXACT);
    generatedJacobian();
    require("generated (default driver)", reference);
    generatedForward();
    require("generated forward", reference);
    generatedReverse();
    require("generated reverse", reference);
    DerivativeStructure[] ds = derivativeStructure();
    Agreement.require("ODE n=" + n + ", DerivativeStructure", handY[0], reference,
        ds[0].getValue(), DerivativeStructureVariants.jacobian(ds), Agreement.EXACT);
  }

  private void require(String what, double[] reference) {
    Agreement.require("ODE n=" + n + ", " + what, handY[0], reference, y[0],
        Jacobians.flatten((Object) work.x), Agreement.EXACT);
  }

  @Benchmark
  public double[] primal() {
    Ode.solve(x, s, y);
    return y;
  }

  /** The default driver (forward mode for a square Jacobian). */
  @Benchmark
  public OdeDerivatives.SolveJacobianWork generatedJacobian() {
    OdeDerivatives.solveJacobian(x, s, y, work);
    return work;
  }

  @Benchmark
  public OdeDerivatives.SolveJacobianWork generatedForward() {
    OdeDerivatives.solveJacobianForward(x, s, y, work);
    return work;
  }

  @Benchmark
  public OdeDerivatives.SolveJacobianWork generatedReverse() {
    OdeDerivatives.solveJacobianReverse(x, s, y, work);
    return work;
  }

  @Benchmark
  public double[][] handJacobian() {
    HandJacobians.ode(x, s, handY, hand, handWork);
    return hand;
  }

  @Benchmark
  public DerivativeStructure[] derivativeStructure() {
    return DerivativeStructureVariants.ode(factory, x, s);
  }
}
