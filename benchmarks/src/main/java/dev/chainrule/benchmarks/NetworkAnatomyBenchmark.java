package dev.chainrule.benchmarks;

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
 * Not part of the default run ({@code java -jar benchmarks.jar NetworkAnatomy}): the hand-written
 * two-layer-net adjoint with its ∂W1 update walked column by column, as the primal's loops and the
 * generated reverse sweep walk it, to measure what the loop order alone costs.
 */
@State(Scope.Thread)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class NetworkAnatomyBenchmark {
  TwoLayerNetBenchmark net = new TwoLayerNetBenchmark();

  /** The full-size network of {@link TwoLayerNetBenchmark}; checks the variant agrees. */
  @Setup
  public void setup() {
    net.batch = 100;
    net.inputs = 64;
    net.hidden = 50;
    net.classes = 10;
    net.setup();
    double value = net.handAdjoint();
    double[] reference = dev.chainrule.numeric.Packing.flatten(net.hw1, net.hb1, net.hw2, net.hb2);
    double v = columnOrder();
    Agreement.require("anatomy, column order", value, reference, v,
        dev.chainrule.numeric.Packing.flatten(net.hw1, net.hb1, net.hw2, net.hb2),
        Agreement.EXACT);
  }

  /** As {@link TwoLayerNetBenchmark#handAdjoint}. */
  @Benchmark
  public double hand() {
    return net.handAdjoint();
  }

  /** The hand adjoint with the ∂W1 update in column order. */
  @Benchmark
  public double columnOrder() {
    TwoLayerNetBenchmark s = net;
    return HandAdjoints.network(s.w1, s.b1, s.w2, s.b2, s.x, s.t, s.weightDecay, s.hw1, s.hb1,
        s.hw2, s.hb2, s.workspace, true);
  }
}
