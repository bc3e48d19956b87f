package dev.chainrule.examples.speed;

/** Wall-clock timing of short tasks. */
public final class Timing {
  private Timing() {}

  /**
   * The mean time of one run of {@code task}, after one untimed warm-up run, over as many runs as
   * fit in about {@code minSeconds} (at least one).
   *
   * @param task the work to time
   * @param minSeconds how long to keep repeating it
   * @return seconds per run
   */
  public static double secondsPerRun(Runnable task, double minSeconds) {
    task.run();
    long budget = (long) (minSeconds * 1e9);
    long start = System.nanoTime();
    long elapsed;
    int runs = 0;
    do {
      task.run();
      runs++;
      elapsed = System.nanoTime() - start;
    } while (elapsed < budget);
    return elapsed / 1e9 / runs;
  }

  /**
   * The time of a single run of {@code task}, for work too slow to repeat.
   *
   * @param task the work to time
   * @return seconds taken
   */
  public static double secondsOnce(Runnable task) {
    long start = System.nanoTime();
    task.run();
    return (System.nanoTime() - start) / 1e9;
  }
}
