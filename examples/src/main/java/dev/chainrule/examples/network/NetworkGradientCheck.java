package dev.chainrule.examples.network;

import dev.chainrule.examples.digits.Digits;
import dev.chainrule.numeric.GradientCheck;
import dev.chainrule.numeric.Packing;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The chapter's gradient check of the network: the generated gradient of the mini-batch loss
 * against finite differences (Richardson extrapolation), summarised per parameter array.
 */
public final class NetworkGradientCheck {
  private static final String[] NAMES = {"W1", "b1", "W2", "b2"};

  private NetworkGradientCheck() {}

  /**
   * The comparison for one parameter array.
   *
   * @param name the array's name, as in the chapter
   * @param shape its shape, e.g. {@code 64 x 50}
   * @param meanRelativeError the mean per-component relative error
   * @param maxRelativeError the largest per-component relative error
   */
  public record ArrayResult(
      String name, String shape, double meanRelativeError, double maxRelativeError) {}

  /**
   * Compares the generated gradient with finite differences at the network's current parameters.
   * Relative errors are {@code |a − n| / max(1, |a|, |n|)}, as in {@link GradientCheck}.
   *
   * @param network the parameters
   * @param batch the mini-batch (keep it small: the finite differences evaluate the loss some
   *     twenty times per parameter)
   * @param weightDecay λ of the L2 penalty
   * @return one result per parameter array: W1, b1, W2, b2
   */
  public static List<ArrayResult> check(Network network, Digits batch, double weightDecay) {
    Packing packing = Packing.of(network.w1, network.b1, network.w2, network.b2);
    double[][] targets = batch.oneHot();
    ToDoubleFunction<double[]> loss =
        v ->
            TwoLayerNet.loss(
                packing.matrix(v, 0), packing.vector(v, 1), packing.matrix(v, 2),
                packing.vector(v, 3), batch.inputs(), targets, weightDecay);
    GradientCheck.Report report =
        GradientCheck.compareRecord(
            TwoLayerNetDerivatives.lossGradient(
                network.w1, network.b1, network.w2, network.b2,
                batch.inputs(), targets, weightDecay),
            loss,
            packing);
    String[] shapes = {
      network.inputs() + " x " + network.hidden(),
      String.valueOf(network.hidden()),
      network.hidden() + " x " + network.classes(),
      String.valueOf(network.classes())
    };
    List<ArrayResult> results = new ArrayList<>();
    for (int part = 0; part < packing.partCount(); part++) {
      int from = packing.offset(part);
      int to = part + 1 < packing.partCount() ? packing.offset(part + 1) : packing.size();
      double sum = 0;
      double max = 0;
      for (int i = from; i < to; i++) {
        double error = report.relativeError(i);
        sum += error;
        max = Math.max(max, error); // NaN (no numeric value) stays NaN
      }
      results.add(new ArrayResult(NAMES[part], shapes[part], sum / (to - from), max));
    }
    return results;
  }
}
