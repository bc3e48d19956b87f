package dev.chainrule.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Not part of the default run ({@code java -jar benchmarks.jar NetworkAnatomy}): the hand-written
 * two-layer-net adjoint with its ∂W1 update walked column by column, as the primal's loops and the
 * generated reverse sweep walk it, to measure what the loop order alone costs.
 */
@State(Scope.Thread)
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
    return networkColumnOrder(s.w1, s.b1, s.w2, s.b2, s.x, s.t, s.weightDecay, s.hw1, s.hb1,
        s.hw2, s.hb2, s.workspace);
  }

  static double networkColumnOrder(double[][] w1, double[] b1, double[][] w2, double[] b2,
      double[][] x, double[][] t, double weightDecay, double[][] gw1, double[] gb1,
      double[][] gw2, double[] gb2, HandAdjoints.NetworkWorkspace ws) {
    int batch = x.length;
    int inputs = w1.length;
    int hidden = b1.length;
    int classes = b2.length;
    double inv = 1.0 / batch;
    double penalty = 0;
    for (int i = 0; i < inputs; i++) {
      double[] w1i = w1[i];
      double[] g1i = gw1[i];
      for (int j = 0; j < hidden; j++) {
        penalty += w1i[j] * w1i[j];
        g1i[j] = weightDecay * w1i[j];
      }
    }
    for (int j = 0; j < hidden; j++) {
      double[] w2j = w2[j];
      double[] g2j = gw2[j];
      for (int k = 0; k < classes; k++) {
        penalty += w2j[k] * w2j[k];
        g2j[k] = weightDecay * w2j[k];
      }
    }
    java.util.Arrays.fill(gb1, 0.0);
    java.util.Arrays.fill(gb2, 0.0);
    double[] p = ws.p;
    double[] dScore = ws.dScore;
    double[] dHidden = ws.dHidden;
    double total = 0;
    for (int n = 0; n < batch; n++) {
      double[] xn = x[n];
      double[] hn = ws.h[n];
      double[] tn = t[n];
      for (int j = 0; j < hidden; j++) {
        double a = b1[j];
        for (int i = 0; i < inputs; i++) {
          a += xn[i] * w1[i][j];
        }
        hn[j] = 1 / (1 + Math.exp(-a));
      }
      double max = Double.NEGATIVE_INFINITY;
      for (int k = 0; k < classes; k++) {
        double s = b2[k];
        for (int j = 0; j < hidden; j++) {
          s += hn[j] * w2[j][k];
        }
        p[k] = s;
        max = Math.max(max, s);
      }
      double sum = 0;
      double picked = 0;
      for (int k = 0; k < classes; k++) {
        double shifted = p[k] - max;
        double e = Math.exp(shifted);
        p[k] = e;
        sum += e;
        picked += tn[k] * shifted;
      }
      total += Math.log(sum) - picked;
      // Backward for this example.
      double invSum = 1 / sum;
      for (int k = 0; k < classes; k++) {
        double ds = (p[k] * invSum - tn[k]) * inv;
        dScore[k] = ds;
        gb2[k] += ds;
      }
      for (int j = 0; j < hidden; j++) {
        double[] w2j = w2[j];
        double[] g2j = gw2[j];
        double hj = hn[j];
        double dh = 0;
        for (int k = 0; k < classes; k++) {
          g2j[k] += hj * dScore[k];
          dh += w2j[k] * dScore[k];
        }
        double da = dh * hj * (1 - hj);
        dHidden[j] = da;
        gb1[j] += da;
      }
      // The primal's (and the generated reverse sweep's) loop order: column by column.
      for (int j = 0; j < hidden; j++) {
        double da = dHidden[j];
        for (int i = 0; i < inputs; i++) {
          gw1[i][j] += xn[i] * da;
        }
      }
    }
    return total * inv + 0.5 * weightDecay * penalty;
  }}
