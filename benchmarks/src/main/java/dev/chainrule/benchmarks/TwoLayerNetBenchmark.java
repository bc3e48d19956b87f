package dev.chainrule.benchmarks;

import dev.chainrule.examples.network.TwoLayerNet;
import dev.chainrule.examples.network.TwoLayerNetDerivatives;
import dev.chainrule.numeric.FiniteDifferences;
import dev.chainrule.numeric.Packing;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
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
 * Workload 4: the gradient of {@link TwoLayerNet#loss} (batch × inputs → hidden → classes) with
 * respect to all weights and biases. Hipparchus and finmath are not run: forward mode would carry
 * a vector of all 3760 partials through the ~750 000 operations of one loss (about 2.8·10⁹
 * multiply-adds and 22 GB of allocation per gradient), and an operator-tree AAD would record as
 * many nodes.
 */
@State(Scope.Thread)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TwoLayerNetBenchmark {
  @Param({"100"})
  public int batch;

  @Param({"64"})
  public int inputs;

  @Param({"50"})
  public int hidden;

  @Param({"10"})
  public int classes;

  double weightDecay = 1e-3;
  double[][] w1;
  double[] b1;
  double[][] w2;
  double[] b2;
  double[][] x;
  double[][] t;

  double[][] hw1;
  double[] hb1;
  double[][] hw2;
  double[] hb2;
  HandAdjoints.NetworkWorkspace workspace;
  TwoLayerNetDerivatives.LossAdjoint adjoint;
  Packing packing;
  double[] packed;
  ToDoubleFunction<double[]> packedLoss;

  /** Builds the network, the mini-batch and the buffers, and checks once that the variants agree. */
  @Setup
  public void setup() {
    Random random = new Random(11);
    w1 = Data.gaussian(random, inputs, hidden, 0.3);
    b1 = Data.uniform(random, hidden, -0.1, 0.1);
    w2 = Data.gaussian(random, hidden, classes, 0.3);
    b2 = Data.uniform(random, classes, -0.1, 0.1);
    x = Data.uniform(random, batch, inputs, 0, 1);
    t = new double[batch][classes];
    for (int n = 0; n < batch; n++) {
      t[n][random.nextInt(classes)] = 1;
    }
    hw1 = new double[inputs][hidden];
    hb1 = new double[hidden];
    hw2 = new double[hidden][classes];
    hb2 = new double[classes];
    workspace = new HandAdjoints.NetworkWorkspace(batch, hidden, classes);
    adjoint = new TwoLayerNetDerivatives.LossAdjoint(
        new double[inputs][hidden], new double[hidden], new double[hidden][classes],
        new double[classes]);
    packing = Packing.of(w1, b1, w2, b2);
    packed = packing.flatten();
    packedLoss = v -> TwoLayerNet.loss(packing.matrix(v, 0), packing.vector(v, 1),
        packing.matrix(v, 2), packing.vector(v, 3), x, t, weightDecay);
    check(true);
  }

  /**
   * Runs the variants once and compares them with the hand-written adjoint.
   *
   * @param withFiniteDifferences also check the finite differences (seconds at full size)
   */
  public void check(boolean withFiniteDifferences) {
    double value = handAdjoint();
    double[] reference = Packing.flatten(hw1, hb1, hw2, hb2);
    require("primal", value, reference, primal(), reference, 0);
    TwoLayerNetDerivatives.LossGradient g = generatedGradient();
    require("generated gradient", value, reference, g.value(),
        Packing.flatten(g.w1(), g.b1(), g.w2(), g.b2()), Agreement.EXACT);
    generatedPullback();
    double pv = generatedPullback();
    require("generated pullback", value, reference, pv,
        Packing.flatten(adjoint.w1, adjoint.b1, adjoint.w2, adjoint.b2), Agreement.EXACT);
    if (withFiniteDifferences) {
      Agreement.requireFiniteDifferences("two-layer net, finite differences", value, reference,
          finiteDifferences(), packed);
    }
  }

  private void require(String what, double rv, double[] r, double v, double[] c, double tol) {
    Agreement.require("two-layer net, " + what, rv, r, v, c, tol);
  }

  @Benchmark
  public double primal() {
    return TwoLayerNet.loss(w1, b1, w2, b2, x, t, weightDecay);
  }

  @Benchmark
  public TwoLayerNetDerivatives.LossGradient generatedGradient() {
    return TwoLayerNetDerivatives.lossGradient(w1, b1, w2, b2, x, t, weightDecay);
  }

  @Benchmark
  public double generatedPullback() {
    adjoint.clear();
    return TwoLayerNetDerivatives.lossPullback(w1, b1, w2, b2, x, t, weightDecay, 1.0, adjoint);
  }

  @Benchmark
  public double handAdjoint() {
    return HandAdjoints.network(w1, b1, w2, b2, x, t, weightDecay, hw1, hb1, hw2, hb2, workspace);
  }

  @Benchmark
  public double[] finiteDifferences() {
    return FiniteDifferences.gradient(packedLoss, packed);
  }
}
