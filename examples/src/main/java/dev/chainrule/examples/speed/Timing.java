package dev.chainrule.examples.speed;

/**
 * Wall-clock timing of short tasks, robust against a busy machine: the best of several rounds
 * counts, since other work can only make a round slower.
 */
public final class Timing {
  private static final int ROUNDS = 5;

  private Timing() {}

  /**
   * The time of one run of {@code task}: after one untimed warm-up run, {@value #ROUNDS} rounds
   * each repeat it for about {@code minSeconds / }{@value #ROUNDS} (at least once); the fastest
   * round's mean time per run is returned.
   *
   * @param task the work to time
   * @param minSeconds about how long to spend timing
   * @return seconds per run
   */
  public static double secondsPerRun(Runnable task, double minSeconds) {
    task.run();
    long budget = (long) (minSeconds * 1e9 / ROUNDS);
    double best = Double.POSITIVE_INFINITY;
    for (int round = 0; round < ROUNDS; round++) {
      long start = System.nanoTime();
      long elapsed;
      int runs = 0;
      do {
        task.run();
        runs++;
        elapsed = System.nanoTime() - start;
      } while (elapsed < budget);
      best = Math.min(best, elapsed / 1e9 / runs);
    }
    return best;
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
