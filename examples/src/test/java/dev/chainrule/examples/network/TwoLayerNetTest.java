package dev.chainrule.examples.network;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.examples.digits.Digits;
import dev.chainrule.examples.digits.DigitsLoader;
import dev.chainrule.numeric.GradientCheck;
import dev.chainrule.numeric.Packing;
import java.util.List;
import java.util.Random;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The network's generated gradient against Richardson finite differences and a direct loss. */
class TwoLayerNetTest {
  private static final double TOLERANCE = 1e-6;

  private static Digits digits;

  @BeforeAll
  static void load() throws Exception {
    digits = DigitsLoader.loadBundled();
  }

  @Test
  void lossIsTheMeanCrossEntropyPlusWeightDecay() {
    Network net = Network.initialised(Digits.PIXELS, 5, Digits.CLASSES, new Random(3));
    Digits batch = digits.range(0, 4);
    double lambda = 0.3;
    double crossEntropy = 0;
    for (int n = 0; n < batch.size(); n++) {
      double[] probabilities = probabilities(net, batch.inputs()[n]);
      crossEntropy -= Math.log(probabilities[batch.labels()[n]]);
    }
    double squares = 0;
    for (double[] row : net.w1) {
      for (double w : row) {
        squares += w * w;
      }
    }
    for (double[] row : net.w2) {
      for (double w : row) {
        squares += w * w;
      }
    }
    double expected = crossEntropy / batch.size() + 0.5 * lambda * squares;
    assertEquals(expected, net.loss(batch, lambda), 1e-12 * expected);
  }

  @Test
  void gradientMatchesRichardsonFiniteDifferences() {
    for (double lambda : new double[] {0.0, 0.05}) {
      Network net = Network.initialised(Digits.PIXELS, 6, Digits.CLASSES, new Random(17));
      Digits batch = digits.range(10, 15);
      Packing p = Packing.of(net.w1, net.b1, net.w2, net.b2);
      ToDoubleFunction<double[]> loss =
          v ->
              TwoLayerNet.loss(
                  p.matrix(v, 0), p.vector(v, 1), p.matrix(v, 2), p.vector(v, 3),
                  batch.inputs(), batch.oneHot(), lambda);
      GradientCheck.compareRecord(
              TwoLayerNetDerivatives.lossGradient(
                  net.w1, net.b1, net.w2, net.b2, batch.inputs(), batch.oneHot(), lambda),
              loss,
              p)
          .assertWithin(TOLERANCE);
    }
  }

  @Test
  void networkGradientCheckReportsEveryArrayWithinTolerance() {
    Network net = Network.initialised(Digits.PIXELS, 4, Digits.CLASSES, new Random(23));
    List<NetworkGradientCheck.ArrayResult> results =
        NetworkGradientCheck.check(net, digits.range(0, 3), 1e-3);
    assertEquals(List.of("W1", "b1", "W2", "b2"),
        results.stream().map(NetworkGradientCheck.ArrayResult::name).toList());
    assertEquals(List.of("64 x 4", "4", "4 x 10", "10"),
        results.stream().map(NetworkGradientCheck.ArrayResult::shape).toList());
    for (NetworkGradientCheck.ArrayResult result : results) {
      assertAll(
          result.name(),
          () -> assertTrue(result.maxRelativeError() <= TOLERANCE, "max " + result),
          () -> assertTrue(result.meanRelativeError() <= result.maxRelativeError(), "mean"));
    }
  }

  @Test
  void pullbackAddsSeedTimesTheGradientIntoReusedBuffers() {
    Network net = Network.initialised(Digits.PIXELS, 5, Digits.CLASSES, new Random(29));
    Digits batch = digits.range(20, 28);
    TwoLayerNetDerivatives.LossGradient gradient =
        TwoLayerNetDerivatives.lossGradient(
            net.w1, net.b1, net.w2, net.b2, batch.inputs(), batch.oneHot(), 0.01);
    TwoLayerNetDerivatives.LossAdjoint adjoint =
        new TwoLayerNetDerivatives.LossAdjoint(
            new double[64][5], new double[5], new double[5][10], new double[10]);
    for (int call = 0; call < 2; call++) { // the second call accumulates onto the first
      double value =
          TwoLayerNetDerivatives.lossPullback(
              net.w1, net.b1, net.w2, net.b2, batch.inputs(), batch.oneHot(), 0.01, 1.5,
              adjoint);
      assertEquals(gradient.value(), value, 0.0);
    }
    double[] expected = Packing.flatten(gradient.w1(), gradient.b1(), gradient.w2(), gradient.b2());
    double[] actual = Packing.flatten(adjoint.w1, adjoint.b1, adjoint.w2, adjoint.b2);
    for (int i = 0; i < expected.length; i++) {
      assertEquals(3 * expected[i], actual[i], 1e-12 * Math.max(1, Math.abs(expected[i])));
    }
  }

  /** The softmax of the network's scores, computed directly (no shift, no generated code). */
  private static double[] probabilities(Network net, double[] input) {
    double[] hidden = new double[net.hidden()];
    for (int j = 0; j < hidden.length; j++) {
      double a = net.b1[j];
      for (int i = 0; i < input.length; i++) {
        a += input[i] * net.w1[i][j];
      }
      hidden[j] = 1 / (1 + Math.exp(-a));
    }
    double[] exp = new double[net.classes()];
    double sum = 0;
    for (int k = 0; k < exp.length; k++) {
      double s = net.b2[k];
      for (int j = 0; j < hidden.length; j++) {
        s += hidden[j] * net.w2[j][k];
      }
      exp[k] = Math.exp(s);
      sum += exp[k];
    }
    for (int k = 0; k < exp.length; k++) {
      exp[k] /= sum;
    }
    return exp;
  }
}
