package dev.chainrule.gradbench;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs a prepared function as GradBench's C++ tools do ({@code cpp/gradbench/main.hpp}): at least
 * {@code min_runs} runs and until the runs add up to {@code min_seconds}, one timing per run,
 * nothing but {@link Eval.Prepared#run()} inside the timed region. Before the timed runs the JVM
 * is warmed up on the same input, untimed: runs until both {@code warmupRuns} runs and {@code
 * warmupSeconds} seconds of wall-clock time have passed.
 */
public final class Runner {
  private final int warmupRuns;
  private final double warmupSeconds;

  public Runner(int warmupRuns, double warmupSeconds) {
    this.warmupRuns = warmupRuns;
    this.warmupSeconds = warmupSeconds;
  }

  /** The JIT warm-up rule, as a sentence for the tool's start reply and the docs. */
  public String describe() {
    return "before the timed runs of each evaluate, the same function on the same input runs untimed"
        + " until " + warmupRuns + " runs and " + warmupSeconds + " s have passed";
  }

  /** Warms up, then returns the nanoseconds of each timed run. */
  public List<Long> time(Eval.Prepared prepared, int minRuns, double minSeconds) {
    long warmupStart = System.nanoTime();
    long warmupNanos = (long) (warmupSeconds * 1e9);
    for (int i = 0; i < warmupRuns || System.nanoTime() - warmupStart < warmupNanos; i++) {
      prepared.run();
    }
    List<Long> times = new ArrayList<>();
    long total = 0;
    long minNanos = (long) (minSeconds * 1e9);
    for (int i = 0; i < Math.max(1, minRuns) || total < minNanos; i++) {
      long start = System.nanoTime();
      prepared.run();
      long elapsed = System.nanoTime() - start;
      times.add(elapsed);
      total += elapsed;
    }
    return times;
  }
}
