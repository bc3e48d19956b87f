package dev.chainrule.spark.examples;

import dev.chainrule.spark.DistributedLoss;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.mllib.optimization.LogisticGradient;
import org.apache.spark.mllib.regression.LabeledPoint;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.storage.StorageLevel;

/**
 * The scaling measurement of docs/spark.md: the time of one full-batch gradient of the logistic
 * loss (one pass over a cached data set) at each Spark master and data size, for the ChainRule
 * batch form, the ChainRule per-example form and MLlib's {@code LogisticGradient} in the same
 * aggregation. Each cell is the median of {@code --repeats} passes after two warm-up passes: the
 * wall-clock time, and the CPU time the pass's tasks spent (Spark's task metric {@code
 * executorCpuTime}, summed over the tasks by a listener), which time spent descheduled by other
 * processes does not inflate.
 *
 * <p>Options: {@code --masters} (local[1],local[2]), {@code --rows} (1000000,2000000,4000000,8000000),
 * {@code --features} (20), {@code --partitions} (8, the same for every master), {@code --repeats} (5).
 */
public final class GradientScaling {
  private GradientScaling() {}

  /** Sums the tasks' CPU time and counts finished jobs (events arrive on Spark's listener bus). */
  private static final class TaskCpu extends SparkListener {
    private final AtomicLong nanos = new AtomicLong();
    private final AtomicLong jobs = new AtomicLong();

    @Override
    public void onTaskEnd(SparkListenerTaskEnd end) {
      if (end.taskMetrics() != null) {
        nanos.addAndGet(end.taskMetrics().executorCpuTime());
      }
    }

    @Override
    public synchronized void onJobEnd(SparkListenerJobEnd end) {
      jobs.incrementAndGet();
      notifyAll();
    }

    long nanos() {
      return nanos.get();
    }

    long jobs() {
      return jobs.get();
    }

    /** Waits (at most 10 s) until {@code count} jobs have ended, so their tasks are counted. */
    synchronized void awaitJobs(long count) {
      long deadline = System.currentTimeMillis() + 10_000;
      while (jobs.get() < count && System.currentTimeMillis() < deadline) {
        try {
          wait(100);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  /**
   * Runs the measurement and prints one table row per master and size.
   *
   * @param args the options above
   */
  public static void main(String[] args) {
    Options o = Options.parse(args, Set.of("masters", "rows", "features", "partitions", "repeats"));
    String[] masters = o.get("masters", "local[1],local[2]").split(",");
    long[] sizes = Arrays.stream(o.get("rows", "1000000,2000000,4000000,8000000").split(","))
        .mapToLong(s -> Long.parseLong(s.strip())).toArray();
    int features = o.getInt("features", 20);
    int partitions = o.getInt("partitions", 8);
    int repeats = o.getInt("repeats", 5);
    Map<String, DistributedLoss> forms = new LinkedHashMap<>();
    forms.put("ChainRule batch", Losses.logisticBatched());
    forms.put("ChainRule per example", Losses.logisticPerExample());
    forms.put("MLlib LogisticGradient", DistributedLoss.of(new LogisticGradient()));

    System.out.printf(Locale.ROOT, "%-10s %10s | %s%n", "master", "rows",
        String.join(" | ", forms.keySet().stream().map(k -> String.format("%22s", k)).toList()));
    for (String master : masters) {
      SparkConf conf = new SparkConf().setAppName("ChainRule gradient scaling")
          .setMaster(master.strip()).set("spark.ui.showConsoleProgress", "false");
      try (JavaSparkContext sc = new JavaSparkContext(conf)) {
        sc.setLogLevel("WARN");
        TaskCpu cpu = new TaskCpu();
        sc.sc().addSparkListener(cpu);
        for (long rows : sizes) {
          JavaRDD<LabeledPoint> data = SyntheticData.generate(
              sc, SyntheticData.Kind.LOGISTIC, rows, features, partitions, 7)
              .persist(StorageLevel.MEMORY_ONLY());
          data.count();
          double[] w = new double[features + 1];
          Arrays.fill(w, 0.01);
          List<String> cells = new ArrayList<>();
          for (DistributedLoss loss : forms.values()) {
            double[] times = new double[repeats];
            double[] cpuTimes = new double[repeats];
            loss.evaluate(data, w);
            loss.evaluate(data, w);
            for (int r = 0; r < repeats; r++) {
              long jobs = cpu.jobs();
              long cpuBefore = cpu.nanos();
              long t = System.nanoTime();
              loss.evaluate(data, w);
              times[r] = (System.nanoTime() - t) / 1e9;
              cpu.awaitJobs(jobs + 1);
              cpuTimes[r] = (cpu.nanos() - cpuBefore) / 1e9;
            }
            Arrays.sort(times);
            Arrays.sort(cpuTimes);
            cells.add(String.format(Locale.ROOT, "%6.3f s  cpu %6.3f s", times[repeats / 2],
                cpuTimes[repeats / 2]));
          }
          System.out.printf(Locale.ROOT, "%-10s %10d | %s%n", master, rows, String.join(" | ", cells));
          data.unpersist(true);
        }
      }
    }
  }
}
