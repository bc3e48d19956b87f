package dev.chainrule.examples.network;

import dev.chainrule.examples.digits.Digits;
import java.util.Random;

/** Reproducible shuffles and splits. */
public final class Shuffle {
  private Shuffle() {}

  /**
   * Shuffles {@code values} in place (Fisher–Yates).
   *
   * @param values the array to shuffle
   * @param random the source of randomness
   */
  public static void shuffle(int[] values, Random random) {
    for (int i = values.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int swap = values[i];
      values[i] = values[j];
      values[j] = swap;
    }
  }

  /**
   * Splits a data set, after shuffling it with the given seed, into a training part and a test
   * part.
   *
   * @param data the data set
   * @param testFraction the share of {@code data} held out for testing, in {@code (0, 1)}
   * @param seed seeds the shuffle
   * @return the two parts
   */
  public static Split split(Digits data, double testFraction, long seed) {
    int[] order = new int[data.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    shuffle(order, new Random(seed));
    Digits shuffled = data.select(order);
    int testSize = (int) Math.round(data.size() * testFraction);
    int trainSize = data.size() - testSize;
    return new Split(shuffled.range(0, trainSize), shuffled.range(trainSize, data.size()));
  }

  /**
   * A data set split in two.
   *
   * @param train the training part
   * @param test the held-out part
   */
  public record Split(Digits train, Digits test) {}
}
