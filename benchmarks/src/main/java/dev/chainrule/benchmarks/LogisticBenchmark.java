package dev.chainrule.benchmarks;

import dev.chainrule.numeric.FiniteDifferences;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
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
 * Workload 3: the gradient of {@link Logistic#loss} with respect to the weights and the bias, over
 * m examples of d features (the data and labels are not differentiated).
 */
@State(Scope.Thread)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class LogisticBenchmark {
  @Param({"1000"})
  public int m;

  @Param({"100"})
  public int d;

  double[] w;
  double b;
  double[][] x;
  double[] y;
  double[] packed;
  ToDoubleFunction<double[]> packedLoss;

  double[] handW;
  double[] handB = new double[1];
  double[] generatedW;
  LogisticDerivatives.LossAdjoint adjoint;
  double[] finmath;

  /** Builds the data, the buffers, and checks once that every variant agrees. */
  @Setup
  public void setup() {
    Random random = new Random(7);
    x = Data.uniform(random, m, d, -1, 1);
    double[] truth = Data.uniform(random, d, -1, 1);
    y = new double[m];
    for (int i = 0; i < m; i++) {
      double z = 0.2;
      for (int j = 0; j < d; j++) {
        z += truth[j] * x[i][j];
      }
      y[i] = random.nextDouble() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
    }
    w = Data.uniform(random, d, -0.3, 0.3);
    b = 0.1;
    packed = new double[d + 1];
    System.arraycopy(w, 0, packed, 0, d);
    packed[d] = b;
    double[] scratch = new double[d];
    packedLoss = v -> {
      System.arraycopy(v, 0, scratch, 0, d);
      return Logistic.loss(scratch, v[d], x, y);
    };
    handW = new double[d];
    generatedW = new double[d];
    adjoint = new LogisticDerivatives.LossAdjoint(generatedW);
    finmath = new double[d + 1];
    check();
  }

  private double[] handGradient() {
    double[] g = new double[d + 1];
    System.arraycopy(handW, 0, g, 0, d);
    g[d] = handB[0];
    return g;
  }

  private static double[] join(double[] gw, double gb) {
    double[] g = new double[gw.length + 1];
    System.arraycopy(gw, 0, g, 0, gw.length);
    g[gw.length] = gb;
    return g;
  }

  /** Runs every variant once and compares it with the hand-written adjoint. */
  public void check() {
    double value = handAdjoint();
    double[] reference = handGradient();
    require("primal", value, reference, primal(), reference, 0);
    LogisticDerivatives.LossGradient g = generatedGradient();
    require("generated gradient", value, reference, g.value(), join(g.w(), g.b()),
        Agreement.EXACT);
    generatedPullback();
    double pv = generatedPullback();
    require("generated pullback", value, reference, pv, join(generatedW, adjoint.b),
        Agreement.EXACT);
    Gradient h = hipparchus();
    require("Hipparchus", value, reference, h.getValue(), h.getGradient(), Agreement.EXACT);
    double fv = finmath();
    require("finmath", value, reference, fv, finmath.clone(), Agreement.EXACT);
    Agreement.requireFiniteDifferences("logistic " + m + "x" + d + ", finite differences", value,
        reference, finiteDifferences(), packed);
  }

  private void require(String what, double rv, double[] r, double v, double[] c, double tol) {
    Agreement.require("logistic " + m + "x" + d + ", " + what, rv, r, v, c, tol);
  }

  @Benchmark
  public double primal() {
    return Logistic.loss(w, b, x, y);
  }

  @Benchmark
  public LogisticDerivatives.LossGradient generatedGradient() {
    return LogisticDerivatives.lossGradient(w, b, x, y);
  }

  @Benchmark
  public double generatedPullback() {
    adjoint.clear();
    return LogisticDerivatives.lossPullback(w, b, x, y, 1.0, adjoint);
  }

  @Benchmark
  public double handAdjoint() {
    return HandAdjoints.logistic(w, b, x, y, handW, handB);
  }

  @Benchmark
  public Gradient hipparchus() {
    return HipparchusVariants.logistic(w, b, x, y);
  }

  @Benchmark
  public double finmath() {
    return FinmathVariants.logistic(w, b, x, y, finmath);
  }

  @Benchmark
  public double[] finiteDifferences() {
    return FiniteDifferences.gradient(packedLoss, packed);
  }
}
