package dev.chainrule.benchmarks;

import java.io.File;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs every benchmark of the module with JMH and the GC profiler, then prints the ratio tables.
 *
 * <p>Arguments: {@code --quick} for a smoke configuration (fork 1, one 200 ms warm-up and two
 * 200 ms measurements: numbers only indicative); any other arguments are JMH's own command line
 * ({@code -f}, {@code -wi}, {@code -w}, {@code -i}, {@code -r}, a benchmark regex, ...), which
 * override the defaults: 1 fork; 3 warm-up iterations of 1 s (8 for the Jacobians, whose large
 * generated methods take longer to compile), 5 measurement iterations of 1 s.
 */
public final class Main {
  private Main() {}

  /**
   * @param args {@code --quick} and/or JMH options
   * @throws RunnerException if JMH fails
   */
  public static void main(String[] args) throws RunnerException {
    boolean quick = false;
    List<String> jmhArgs = new ArrayList<>();
    for (String a : args) {
      if (a.equals("--quick")) {
        quick = true;
      } else {
        jmhArgs.add(a);
      }
    }
    CommandLineOptions cmd;
    try {
      cmd = new CommandLineOptions(jmhArgs.toArray(new String[0]));
    } catch (CommandLineOptionException e) {
      System.err.println("benchmarks: " + e.getMessage());
      System.err.println("usage: java -jar benchmarks/target/benchmarks.jar [--quick] [JMH options]"
          + " [benchmark regex]   (JMH options: java -jar benchmarks/target/benchmarks.jar -h)");
      System.exit(2);
      return;
    }
    if (cmd.shouldHelp()) {
      System.out.println("java -jar benchmarks/target/benchmarks.jar [--quick] [JMH options]\n"
          + "  --quick  a smoke run: 1 x 200 ms warm-up, 2 x 200 ms measurement\n"
          + "Without options: 1 fork, 3 x 1 s warm-up (8 x 1 s for the Jacobians), 5 x 1 s"
          + " measurement,\nGC profiler, ratio tables.\n"
          + "JMH options:");
      try {
        cmd.showHelp();
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      return;
    }
    ChainedOptionsBuilder b = new OptionsBuilder().parent(cmd);
    if (cmd.getIncludes().isEmpty()) {
      // Not the *AnatomyBenchmark classes: they are run on request only.
      b.include("dev\\.chainrule\\.benchmarks\\."
          + "(BlackScholes|Rosenbrock|RosenbrockPeers|Logistic|TwoLayerNet"
          + "|Reprojection|Resection|Ode|Hvp|Hessian)Benchmark\\..*");
    }
    if (!cmd.getForkCount().hasValue()) {
      b.forks(1);
    }
    // Without --quick, each class's @Warmup and @Measurement decide (3 or 8 warm-up seconds).
    if (quick && !cmd.getWarmupIterations().hasValue()) {
      b.warmupIterations(1);
    }
    if (quick && !cmd.getWarmupTime().hasValue()) {
      b.warmupTime(TimeValue.milliseconds(200));
    }
    if (quick && !cmd.getMeasurementIterations().hasValue()) {
      b.measurementIterations(2);
    }
    if (quick && !cmd.getMeasurementTime().hasValue()) {
      b.measurementTime(TimeValue.milliseconds(200));
    }
    if (!cmd.getTimeUnit().hasValue()) {
      b.timeUnit(TimeUnit.NANOSECONDS);
    }
    if (!cmd.getResult().hasValue()) {
      File target = new File("benchmarks/target");
      b.result(new File(target.isDirectory() ? target : new File("."), "jmh-result.json")
          .getPath());
      b.resultFormat(ResultFormatType.JSON);
    }
    b.addProfiler(GCProfiler.class);
    long start = System.nanoTime();
    Collection<RunResult> results = new Runner(b.build()).run();
    printTables(results, System.out);
    System.out.printf(Locale.ROOT, "%nJVM %s (%s), %d processors, %.1f min%n",
        System.getProperty("java.vm.version"), System.getProperty("java.vm.name"),
        Runtime.getRuntime().availableProcessors(), (System.nanoTime() - start) / 60e9);
  }

  /** The variants, in table order. */
  static final String[] VARIANTS = {
    "primal", "generatedGradient", "generatedPullback", "handAdjoint", "hipparchus", "finmath",
    "finiteDifferences"
  };

  /** One measurement: average time per operation and allocation per operation. */
  record Cell(double nanos, double nanosError, double bytes) {}

  /** Workload and size → variant → cell, in a stable order. */
  static Map<String, Map<String, Cell>> collect(Collection<RunResult> results) {
    Map<String, Map<String, Cell>> rows = new TreeMap<>(Main::compareRows);
    for (RunResult r : results) {
      String full = r.getParams().getBenchmark();
      String method = full.substring(full.lastIndexOf('.') + 1);
      String cls = full.substring(0, full.lastIndexOf('.'));
      cls = cls.substring(cls.lastIndexOf('.') + 1);
      String workload = cls.replace("PeersBenchmark", "").replace("Benchmark", "");
      StringBuilder size = new StringBuilder();
      for (String key : r.getParams().getParamsKeys()) {
        if (size.length() > 0) {
          size.append(' ');
        }
        size.append(key).append('=').append(r.getParams().getParam(key));
      }
      Result<?> primary = r.getPrimaryResult();
      double scale = nanosPerUnit(r.getParams().getTimeUnit());
      double bytes = Double.NaN;
      for (String key : r.getSecondaryResults().keySet()) {
        if (key.endsWith("gc.alloc.rate.norm")) {
          bytes = r.getSecondaryResults().get(key).getScore();
        }
      }
      rows.computeIfAbsent(workload + "\t" + size, k -> new TreeMap<>())
          .put(method, new Cell(primary.getScore() * scale, primary.getScoreError() * scale, bytes));
    }
    return rows;
  }

  private static int compareRows(String a, String b) {
    String[] pa = a.split("\t", 2);
    String[] pb = b.split("\t", 2);
    int c = Integer.compare(workloadOrder(pa[0]), workloadOrder(pb[0]));
    if (c != 0) {
      return c;
    }
    c = Long.compare(firstNumber(pa[1]), firstNumber(pb[1]));
    return c != 0 ? c : a.compareTo(b);
  }

  private static int workloadOrder(String w) {
    List<String> order = List.of("BlackScholes", "Rosenbrock", "Logistic", "TwoLayerNet",
        "Reprojection", "Resection", "Ode");
    int i = order.indexOf(w);
    return i < 0 ? order.size() : i;
  }

  private static long firstNumber(String s) {
    String digits = s.replaceAll("^[^0-9]*([0-9]+).*$", "$1");
    try {
      return Long.parseLong(digits);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static double nanosPerUnit(TimeUnit unit) {
    return unit.toNanos(1);
  }

  /** Prints the Markdown tables: times, ratios, allocation; then {@link ForwardTables}. */
  static void printTables(Collection<RunResult> results, PrintStream out) {
    Map<String, Map<String, Cell>> all = collect(results);
    Map<String, Map<String, Cell>> rows = new TreeMap<>(Main::compareRows);
    all.forEach((row, cells) -> {
      if (cells.containsKey("generatedPullback")) {
        rows.put(row, cells); // the gradient workloads
      }
    });
    out.println();
    out.println("Time per operation (mean ± JMH's 99.9% half-interval is in the JMH output above):");
    out.println();
    printPerVariant(rows, out, c -> time(c.nanos()));
    out.println();
    out.println("Ratios of mean times (generated = the pullback with a reused adjoint, unless "
        + "marked record):");
    out.println();
    out.println("| workload | size | gen ÷ primal | record ÷ primal | gen ÷ hand | record ÷ hand "
        + "| Hipparchus ÷ gen | finmath ÷ gen | FD ÷ gen |");
    out.println("|---|---|--:|--:|--:|--:|--:|--:|--:|");
    for (Map.Entry<String, Map<String, Cell>> row : rows.entrySet()) {
      Map<String, Cell> c = row.getValue();
      out.println("| " + row.getKey().replace("\t", " | ")
          + " | " + ratio(c, "generatedPullback", "primal")
          + " | " + ratio(c, "generatedGradient", "primal")
          + " | " + ratio(c, "generatedPullback", "handAdjoint")
          + " | " + ratio(c, "generatedGradient", "handAdjoint")
          + " | " + ratio(c, "hipparchus", "generatedPullback")
          + " | " + ratio(c, "finmath", "generatedPullback")
          + " | " + ratio(c, "finiteDifferences", "generatedPullback") + " |");
    }
    out.println();
    out.println("Allocation, B/op (gc.alloc.rate.norm):");
    out.println();
    printPerVariant(rows, out, c -> bytes(c.bytes()));
    ForwardTables.print(all, out);
  }

  /** A table with one column per variant, each cell {@code cell} of its measurement. */
  private static void printPerVariant(Map<String, Map<String, Cell>> rows, PrintStream out,
      Function<Cell, String> cell) {
    out.println("| workload | size | primal | generated (record) | generated (pullback) "
        + "| hand adjoint | Hipparchus | finmath | finite diff. |");
    out.println("|---|---|--:|--:|--:|--:|--:|--:|--:|");
    for (Map.Entry<String, Map<String, Cell>> row : rows.entrySet()) {
      StringBuilder line = new StringBuilder("| " + row.getKey().replace("\t", " | ") + " |");
      for (String v : VARIANTS) {
        Cell c = row.getValue().get(v);
        line.append(' ').append(c == null ? "—" : cell.apply(c)).append(" |");
      }
      out.println(line);
    }
  }

  static String ratio(Map<String, Cell> row, String num, String den) {
    Cell a = row.get(num);
    Cell b = row.get(den);
    if (a == null || b == null) {
      return "—";
    }
    double r = a.nanos() / b.nanos();
    if (r >= 100) {
      return String.format(Locale.ROOT, "%,.0f", r);
    }
    return String.format(Locale.ROOT, r >= 10 ? "%.1f" : "%.2f", r);
  }

  static String time(double nanos) {
    if (nanos < 1e3) {
      return String.format(Locale.ROOT, "%.1f ns", nanos);
    } else if (nanos < 1e6) {
      return String.format(Locale.ROOT, "%.2f µs", nanos / 1e3);
    } else if (nanos < 1e9) {
      return String.format(Locale.ROOT, "%.2f ms", nanos / 1e6);
    }
    return String.format(Locale.ROOT, "%.2f s", nanos / 1e9);
  }

  static String bytes(double b) {
    if (Double.isNaN(b)) {
      return "?";
    }
    if (b < 0.5) {
      return "0";
    }
    return String.format(Locale.ROOT, "%,.0f", b);
  }
}
