package dev.chainrule.examples.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.examples.digits.Digits;
import dev.chainrule.examples.digits.DigitsLoader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A short training run on the bundled digits at a fixed seed. */
class TrainerTest {
  private static final long SEED = 42;
  private static Shuffle.Split split;

  @BeforeAll
  static void load() throws Exception {
    split = Shuffle.split(DigitsLoader.loadBundled(), 0.2, SEED);
  }

  private static List<Trainer.Epoch> train(int epochs, List<Trainer.Epoch> reported) {
    Network net = Network.initialised(Digits.PIXELS, 32, Digits.CLASSES, new Random(SEED));
    return Trainer.train(
        net, split.train(), split.test(), new Trainer.Settings(epochs, 32, 0.01, 1e-4, SEED),
        reported::add);
  }

  @Test
  void lossFallsAndAccuracyIsFarAboveChance() {
    List<Trainer.Epoch> reported = new ArrayList<>();
    List<Trainer.Epoch> history = train(5, reported);
    assertEquals(history, reported, "one progress report per epoch");
    assertEquals(5, history.size());
    for (int e = 1; e < history.size(); e++) {
      assertTrue(history.get(e).loss() < history.get(0).loss(), "loss below epoch 1's: " + history);
    }
    Trainer.Epoch last = history.get(history.size() - 1);
    // The initial loss is about ln 10 = 2.3 (chance); after 5 epochs it is well below.
    assertTrue(last.loss() < 0.5, "final loss " + last.loss());
    assertTrue(last.trainAccuracy() > 0.85, "train accuracy " + last.trainAccuracy());
    assertTrue(last.testAccuracy() > 0.85, "test accuracy " + last.testAccuracy());
  }

  @Test
  void theSameSeedGivesTheSameRun() {
    List<Trainer.Epoch> first = train(2, new ArrayList<>());
    List<Trainer.Epoch> second = train(2, new ArrayList<>());
    for (int e = 0; e < first.size(); e++) {
      assertEquals(first.get(e).loss(), second.get(e).loss(), 0.0);
      assertEquals(first.get(e).testAccuracy(), second.get(e).testAccuracy(), 0.0);
    }
  }

  @Test
  void splitKeepsEveryImageOnce() {
    assertEquals(1438, split.train().size());
    assertEquals(359, split.test().size());
    Set<double[]> rows = Collections.newSetFromMap(new IdentityHashMap<>());
    rows.addAll(Arrays.asList(split.train().inputs()));
    rows.addAll(Arrays.asList(split.test().inputs()));
    assertEquals(1797, rows.size());
  }

  @Test
  void rejectsABatchLargerThanTheTrainingSet() {
    Network net = Network.initialised(Digits.PIXELS, 4, Digits.CLASSES, new Random(1));
    Digits small = split.train().range(0, 10);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Trainer.train(net, small, small, new Trainer.Settings(1, 11, 0.01, 0, 1),
                epoch -> {}));
    assertTrue(e.getMessage().contains("11"), e.getMessage());
  }
}
