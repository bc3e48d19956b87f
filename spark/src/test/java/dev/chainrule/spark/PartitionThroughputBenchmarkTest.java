package dev.chainrule.spark;

import org.junit.jupiter.api.Test;

/** The benchmark's agreement check and every variant once, so `mvn verify` keeps it working. */
class PartitionThroughputBenchmarkTest {
  @Test
  void everyVariantAgreesWithMllibAndRuns() {
    for (int features : new int[] {20, 100}) {
      PartitionThroughputBenchmark b = new PartitionThroughputBenchmark();
      b.features = features;
      b.setup();
      b.mllibLogisticGradient();
      b.chainRuleGradient();
      b.chainRulePerExample();
      b.chainRuleBatch();
      b.chainRuleBatchFourSums();
    }
  }
}
