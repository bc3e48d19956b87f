package dev.chainrule.spark;

import java.util.Locale;

/**
 * One L-BFGS iteration as {@link LbfgsTrainer} reports it: the objective (mean loss plus the
 * regularisation), the norm of its gradient, how long the iteration took and how many distributed
 * evaluations of the loss (Spark jobs) it needed, line search included.
 *
 * @param index the iteration, 0 for the initial point
 * @param loss the objective at the iteration's point
 * @param gradientNorm the Euclidean norm of the objective's gradient there
 * @param seconds the wall-clock time of the iteration
 * @param evaluations the loss evaluations (each one a pass over the data) the iteration made
 */
public record Iteration(int index, double loss, double gradientNorm, double seconds,
    int evaluations) {
  /** The progress line: {@code iteration 3  loss 0.4812…  |gradient| 1.2e-03  0.42 s  1 pass}. */
  @Override
  public String toString() {
    return String.format(Locale.ROOT, "iteration %3d  loss %.12f  |gradient| %.3e  %6.2f s  %d pass%s",
        index, loss, gradientNorm, seconds, evaluations, evaluations == 1 ? "" : "es");
  }
}
