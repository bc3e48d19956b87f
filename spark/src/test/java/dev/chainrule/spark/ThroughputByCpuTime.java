package dev.chainrule.spark;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A companion to {@link PartitionThroughputBenchmark} for a loaded machine: the same variants on the
 * same partition, interleaved round by round, each timed by the thread's CPU time rather than the
 * wall clock, so time the thread spends descheduled by other processes does not count. Prints the
 * median examples per CPU-second of each variant and its ratio to MLlib's. Not JMH; docs/spark.md
 * reports both and says which is which.
 *
 * <p>{@code mvn -B -q -pl spark -am test-compile exec:exec@cputime} (arguments: rounds, default 40).
 */
public final class ThroughputByCpuTime {
  private ThroughputByCpuTime() {}

  /**
   * Runs the comparison at 20 and 100 features.
   *
   * @param args optionally the number of measured rounds
   */
  public static void main(String[] args) {
    int rounds = args.length > 0 && !args[0].isBlank() ? Integer.parseInt(args[0].strip()) : 40;
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    for (int features : new int[] {20, 100}) {
      PartitionThroughputBenchmark b = new PartitionThroughputBenchmark();
      b.features = features;
      b.setup();
      Map<String, Supplier<LossAndGradient>> variants = new LinkedHashMap<>();
      variants.put("mllibLogisticGradient", b::mllibLogisticGradient);
      variants.put("chainRuleGradient", b::chainRuleGradient);
      variants.put("chainRulePerExample", b::chainRulePerExample);
      variants.put("chainRuleBatch", b::chainRuleBatch);
      variants.put("chainRuleBatchFourSums", b::chainRuleBatchFourSums);
      double[][] rates = new double[variants.size()][rounds];
      for (int warm = 0; warm < 20; warm++) {
        variants.values().forEach(Supplier::get);
      }
      for (int r = 0; r < rounds; r++) {
        int v = 0;
        for (Supplier<LossAndGradient> variant : variants.values()) {
          long t = threads.getCurrentThreadCpuTime();
          variant.get();
          rates[v++][r] = PartitionThroughputBenchmark.ROWS
              / ((threads.getCurrentThreadCpuTime() - t) / 1e9);
        }
      }
      double mllib = median(rates[0]);
      int v = 0;
      for (String name : variants.keySet()) {
        double m = median(rates[v++]);
        System.out.printf(Locale.ROOT, "features %3d  %-24s %6.2f M examples/CPU-s  %5.2f x MLlib%n",
            features, name, m / 1e6, m / mllib);
      }
    }
  }

  private static double median(double[] values) {
    double[] s = values.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }
}
