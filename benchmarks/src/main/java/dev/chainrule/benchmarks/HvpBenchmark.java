package dev.chainrule.benchmarks;

import dev.chainrule.numeric.Hessians;
import java.util.Random;
import java.util.concurrent.TimeUnit;
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
 * A Hessian-vector product against a gradient, both generated and with a reused adjoint, on
 * {@link Rosenbrock#value} (n = 1000) and {@link Logistic#loss} (m × d = 1000 × 100, the data of
 * {@link LogisticBenchmark}); and the same products by hand for scale.
 */
@State(Scope.Thread)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class HvpBenchmark {
  /** Rosenbrock's n. */
  static final int N = 1000;

  double[] rx;
  double[] rv;
  RosenbrockDerivatives.ValueAdjoint rosenbrockGradient;
  RosenbrockDerivatives.ValueAdjoint rosenbrockHvp;
  double[] handGradient;
  double[] handHv;

  LogisticBenchmark data;
  double[] lv;
  double lvb;
  LogisticDerivatives.LossAdjoint logisticGradient;
  LogisticDerivatives.LossAdjoint logisticHvp;
  double[] handGw;
  double[] handHvw;
  double[] handOut = new double[2];

  /** Builds the points, directions and adjoints, and checks once that the products agree. */
  @Setup
  public void setup() {
    rx = Data.uniform(new Random(45), N, -1.5, 1.5);
    rv = Data.uniform(new Random(46), N, -1, 1);
    rosenbrockGradient = new RosenbrockDerivatives.ValueAdjoint(new double[N]);
    rosenbrockHvp = new RosenbrockDerivatives.ValueAdjoint(new double[N]);
    rosenbrockHvp.xTangent = new double[N];
    handGradient = new double[N];
    handHv = new double[N];

    data = new LogisticBenchmark();
    data.m = 1000;
    data.d = 100;
    data.setup();
    lv = Data.uniform(new Random(47), data.d, -1, 1);
    lvb = 0.5;
    logisticGradient = new LogisticDerivatives.LossAdjoint(new double[data.d]);
    logisticHvp = new LogisticDerivatives.LossAdjoint(new double[data.d]);
    logisticHvp.wTangent = new double[data.d];
    handGw = new double[data.d];
    handHvw = new double[data.d];
    check();
  }

  /**
   * The generated products against the hand-written ones, and those against central differences
   * of the generated gradient (core's {@link Hessians#hvp}).
   */
  public void check() {
    double value = handRosenbrockHvp();
    double[] reference = handHv.clone();
    Agreement.require("Rosenbrock HVP, generated", value, reference, rosenbrockHvp(),
        rosenbrockHvp.xTangent.clone(), Agreement.EXACT);
    Agreement.require("Rosenbrock HVP, generated gradient", value, handGradient.clone(),
        rosenbrockGradient(), rosenbrockGradient.x.clone(), Agreement.EXACT);
    Agreement.require("Rosenbrock HVP, hand vs differences", value,
        Hessians.hvp(q -> RosenbrockDerivatives.valueGradient(q).x(), rx.clone(), rv), value,
        reference, 1e-6);

    value = handLogisticHvp();
    double[] handPacked = pack(handHvw, handOut[1]);
    Agreement.require("logistic HVP, generated", value, handPacked, logisticHvp(),
        pack(logisticHvp.wTangent, logisticHvp.bTangent), Agreement.EXACT);
    Agreement.require("logistic HVP, generated gradient", value, pack(handGw, handOut[0]),
        logisticGradient(), pack(logisticGradient.w, logisticGradient.b), Agreement.EXACT);
    int d = data.d;
    double[] at = pack(data.w, data.b);
    Agreement.require("logistic HVP, hand vs differences", value,
        Hessians.hvp(q -> {
          LogisticDerivatives.LossGradient g = LogisticDerivatives.lossGradient(
              java.util.Arrays.copyOf(q, d), q[d], data.x, data.y);
          return pack(g.w(), g.b());
        }, at, pack(lv, lvb)), value, handPacked, 1e-6);
  }

  private static double[] pack(double[] w, double b) {
    double[] p = java.util.Arrays.copyOf(w, w.length + 1);
    p[w.length] = b;
    return p;
  }

  /** The generated gradient of Rosenbrock, n = 1000: the pullback with a reused adjoint. */
  @Benchmark
  public double rosenbrockGradient() {
    rosenbrockGradient.clear();
    return RosenbrockDerivatives.valuePullback(rx, 1.0, rosenbrockGradient);
  }

  /** The generated Hessian-vector product (with the gradient), reused adjoint. */
  @Benchmark
  public double rosenbrockHvp() {
    return RosenbrockDerivatives.valueHvp(rx, rv, rosenbrockHvp);
  }

  /** The same product by hand (with the gradient). */
  @Benchmark
  public double handRosenbrockHvp() {
    return SecondOrderVariants.rosenbrockHvp(rx, rv, handGradient, handHv);
  }

  /** The generated gradient of the logistic loss: the pullback with a reused adjoint. */
  @Benchmark
  public double logisticGradient() {
    logisticGradient.clear();
    return LogisticDerivatives.lossPullback(data.w, data.b, data.x, data.y, 1.0, logisticGradient);
  }

  /** The generated Hessian-vector product (with the gradient), reused adjoint. */
  @Benchmark
  public double logisticHvp() {
    return LogisticDerivatives.lossHvp(data.w, data.b, data.x, data.y, lv, lvb, logisticHvp);
  }

  /** The same product by hand (with the gradient), one pass over the examples. */
  @Benchmark
  public double handLogisticHvp() {
    return SecondOrderVariants.logisticHvp(data.w, data.b, data.x, data.y, lv, lvb, handGw,
        handHvw, handOut);
  }
}
