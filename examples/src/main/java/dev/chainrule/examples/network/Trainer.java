package dev.chainrule.examples.network;

import dev.chainrule.examples.digits.Digits;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Mini-batch training of a {@link Network} with {@link Adam}, the gradient of each mini-batch
 * loss coming from the generated pullback {@code TwoLayerNetDerivatives.lossPullback}.
 *
 * <p>One adjoint (and so one set of gradient arrays and one workspace) is reused for every step,
 * and every mini-batch has the same size (the few examples left over after the last full batch
 * of an epoch wait for the next epoch's shuffle), so a training step allocates nothing.
 */
public final class Trainer {
  private Trainer() {}

  /**
   * How to train.
   *
   * @param epochs passes over the training set
   * @param batchSize examples per mini-batch, at most the training set's size
   * @param learningRate Adam's step size
   * @param weightDecay λ of the L2 penalty
   * @param seed seeds the shuffles of the training set
   */
  public record Settings(
      int epochs, int batchSize, double learningRate, double weightDecay, long seed) {}

  /**
   * The state after one epoch.
   *
   * @param epoch the epoch, from 1
   * @param loss the mean mini-batch loss during the epoch
   * @param trainAccuracy the accuracy on the training set after the epoch
   * @param testAccuracy the accuracy on the test set after the epoch
   * @param elapsedSeconds seconds since training started
   */
  public record Epoch(
      int epoch, double loss, double trainAccuracy, double testAccuracy, double elapsedSeconds) {}

  /**
   * Trains {@code network} in place.
   *
   * @param network the parameters, updated in place
   * @param train the training set
   * @param test the held-out set, only for reporting accuracy
   * @param settings how to train
   * @param progress told after each epoch
   * @return one entry per epoch
   * @throws IllegalArgumentException if the batch size is not between 1 and the training set's
   *     size
   */
  public static List<Epoch> train(
      Network network, Digits train, Digits test, Settings settings, Consumer<Epoch> progress) {
    int batchSize = settings.batchSize();
    if (batchSize < 1 || batchSize > train.size()) {
      throw new IllegalArgumentException(
          "batch size " + batchSize + " is not between 1 and the training set's size "
              + train.size());
    }
    Random random = new Random(settings.seed());
    TwoLayerNetDerivatives.LossAdjoint gradient =
        new TwoLayerNetDerivatives.LossAdjoint(
            new double[network.inputs()][network.hidden()],
            new double[network.hidden()],
            new double[network.hidden()][network.classes()],
            new double[network.classes()]);
    Adam adam = new Adam(network, settings.learningRate());
    int[] order = identity(train.size());
    double[][] batchInputs = new double[batchSize][];
    double[][] batchTargets = new double[batchSize][];
    // Row k is the one-hot target of class k; the mini-batches share these rows.
    double[][] oneHotRows = new double[Digits.CLASSES][Digits.CLASSES];
    for (int k = 0; k < Digits.CLASSES; k++) {
      oneHotRows[k][k] = 1;
    }
    int batches = train.size() / batchSize;
    List<Epoch> history = new ArrayList<>();
    long start = System.nanoTime();
    for (int epoch = 1; epoch <= settings.epochs(); epoch++) {
      Shuffle.shuffle(order, random);
      double lossSum = 0;
      for (int b = 0; b < batches; b++) {
        for (int n = 0; n < batchSize; n++) {
          int example = order[b * batchSize + n];
          batchInputs[n] = train.inputs()[example];
          batchTargets[n] = oneHotRows[train.labels()[example]];
        }
        gradient.clear();
        lossSum +=
            TwoLayerNetDerivatives.lossPullback(
                network.w1, network.b1, network.w2, network.b2,
                batchInputs, batchTargets, settings.weightDecay(), 1.0, gradient);
        adam.step(network, gradient);
      }
      Epoch result =
          new Epoch(
              epoch,
              lossSum / batches,
              network.accuracy(train),
              network.accuracy(test),
              (System.nanoTime() - start) / 1e9);
      history.add(result);
      progress.accept(result);
    }
    return history;
  }

  private static int[] identity(int size) {
    int[] order = new int[size];
    for (int i = 0; i < size; i++) {
      order[i] = i;
    }
    return order;
  }
}
