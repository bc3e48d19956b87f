package dev.chainrule.examples.speed;

import dev.chainrule.examples.digits.Digits;
import dev.chainrule.examples.network.Network;
import dev.chainrule.examples.network.TwoLayerNet;
import dev.chainrule.examples.network.TwoLayerNetDerivatives;
import dev.chainrule.numeric.FiniteDifferences;
import dev.chainrule.numeric.GradientCheck;
import dev.chainrule.numeric.Packing;
import java.util.Random;
import java.util.function.ToDoubleFunction;

/**
 * The chapter's argument for backpropagation, measured: one full gradient by central finite
 * differences (2n evaluations of the function) against one generated pullback (one forward and
 * one reverse sweep).
 */
public final class SpeedComparison {
  /** About how long to spend timing each fast measurement, in seconds. */
  private static final double MIN_SECONDS = 0.1;

  private SpeedComparison() {}

  /**
   * One measurement.
   *
   * @param n the number of variables
   * @param finiteDifferenceSeconds the time of one gradient by central differences
   * @param generatedSeconds the time of one gradient by the generated pullback
   * @param maxRelativeDifference the largest per-component difference between the two gradients,
   *     relative as in {@link GradientCheck} ({@code |a − b| / max(1, |a|, |b|)})
   */
  public record Row(
      int n, double finiteDifferenceSeconds, double generatedSeconds, double maxRelativeDifference) {
    /**
     * How many times faster the generated gradient is.
     *
     * @return finite-difference time over generated time
     */
    public double speedup() {
      return finiteDifferenceSeconds / generatedSeconds;
    }
  }

  /**
   * Times both gradients of {@link Rosenbrock#rosenbrock} at a random point in {@code [-1, 1]ⁿ}.
   *
   * @param n the number of variables
   * @param seed seeds the point
   * @return the measurement
   */
  public static Row rosenbrock(int n, long seed) {
    Random random = new Random(seed);
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = 2 * random.nextDouble() - 1;
    }
    double[] generated = new double[n];
    RosenbrockDerivatives.RosenbrockAdjoint adjoint =
        new RosenbrockDerivatives.RosenbrockAdjoint(generated);
    Runnable pullback =
        () -> {
          adjoint.clear();
          RosenbrockDerivatives.rosenbrockPullback(x, 1.0, adjoint);
        };
    double[][] numeric = new double[1][];
    Runnable differences = () -> numeric[0] = FiniteDifferences.gradient(Rosenbrock::rosenbrock, x);
    double generatedSeconds = Timing.secondsPerRun(pullback, MIN_SECONDS);
    double finiteDifferenceSeconds = Timing.secondsPerRun(differences, MIN_SECONDS);
    return new Row(
        n,
        finiteDifferenceSeconds,
        generatedSeconds,
        GradientCheck.Report.of(generated, numeric[0]).maxRelativeError());
  }

  /**
   * Times both gradients of the network's mini-batch loss with respect to all its parameters.
   * The finite differences run once (they take seconds for a real network), the pullback
   * repeatedly with one reused adjoint.
   *
   * @param network the parameters
   * @param batch the mini-batch
   * @param weightDecay λ of the L2 penalty
   * @return the measurement, with {@code n} the number of parameters
   */
  public static Row network(Network network, Digits batch, double weightDecay) {
    double[][] targets = batch.oneHot();
    TwoLayerNetDerivatives.LossAdjoint adjoint =
        new TwoLayerNetDerivatives.LossAdjoint(
            new double[network.inputs()][network.hidden()],
            new double[network.hidden()],
            new double[network.hidden()][network.classes()],
            new double[network.classes()]);
    Runnable pullback =
        () -> {
          adjoint.clear();
          TwoLayerNetDerivatives.lossPullback(
              network.w1, network.b1, network.w2, network.b2,
              batch.inputs(), targets, weightDecay, 1.0, adjoint);
        };
    double generatedSeconds = Timing.secondsPerRun(pullback, MIN_SECONDS);

    Packing packing = Packing.of(network.w1, network.b1, network.w2, network.b2);
    ToDoubleFunction<double[]> loss =
        v ->
            TwoLayerNet.loss(
                packing.matrix(v, 0), packing.vector(v, 1), packing.matrix(v, 2),
                packing.vector(v, 3), batch.inputs(), targets, weightDecay);
    double[] point = packing.flatten();
    double[][] numeric = new double[1][];
    double finiteDifferenceSeconds =
        Timing.secondsOnce(() -> numeric[0] = FiniteDifferences.gradient(loss, point));
    double[] generated = Packing.flatten(adjoint.w1, adjoint.b1, adjoint.w2, adjoint.b2);
    return new Row(
        packing.size(),
        finiteDifferenceSeconds,
        generatedSeconds,
        GradientCheck.Report.of(generated, numeric[0]).maxRelativeError());
  }
}
