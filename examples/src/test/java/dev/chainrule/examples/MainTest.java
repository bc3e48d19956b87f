package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The program end to end, as a user runs it, with a small network so that it takes seconds. */
class MainTest {
  @TempDir Path folder;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return Main.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void runsEverySectionAndWritesTheChart() throws Exception {
    Path output = folder.resolve("charts");
    int status =
        run("--epochs", "2", "--hidden", "6", "--batch", "16", "--output", output.toString());
    assertEquals(0, status, err());
    assertEquals("", err());
    String text = out();
    for (String expected :
        new String[] {
          "1. The chapter's computational graphs", "2. The chapter's layers",
          "3. A library function with a custom derivative", "vega",
          "4. A vector-valued method and its Jacobian", "starting point 1, b = [1000, 1000,",
          "the sum of squares stopped decreasing", "RSS     5642.70824     5642.70824",
          "over its 259 entries.", "5. The data",
          "Alpaydin", "6. Gradient check of the network", "All arrays agree within 1.00e-06",
          "7. Why backpropagation", "10,000", "8. Training the network", "9. Chart", "Done in"
        }) {
      assertTrue(text.contains(expected), "missing \"" + expected + "\" in\n" + text);
    }
    assertFalse(text.contains("DIFFERS"), text);
    assertFalse(text.contains("FAILS"), text);
    Path chart = output.resolve("training.png");
    assertTrue(text.contains(chart.toAbsolutePath().normalize().toString()), text);
    byte[] magic = Arrays.copyOf(Files.readAllBytes(chart), 8);
    assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, magic);
  }

  @Test
  void theCurveFitStartsFromEitherOfNistsPoints() {
    assertEquals(0, run("--fit-start", "2", "--epochs", "1", "--hidden", "4", "--output",
        folder.toString()));
    assertTrue(out().contains("starting point 2, b = [1300, 1500, 500, 75, 1, 0.4, 0.05]"), out());
    assertFalse(out().contains("NOT converged"), out());
  }

  @Test
  void helpPrintsTheUsage() {
    assertEquals(0, run("--help"));
    assertTrue(out().startsWith("Usage: "), out());
    assertEquals("", err());
  }

  @Test
  void aWrongOptionPrintsTheProblemAndTheUsageAndExitsWithTwo() {
    assertEquals(2, run("--epochs", "many"));
    assertEquals("", out());
    assertTrue(err().startsWith("error: --epochs needs a whole number, not \"many\"\n"), err());
    assertTrue(err().contains("Usage: "), err());
    assertFalse(err().contains("Exception"), err());
    assertFalse(err().contains("\tat "), err());
  }

  @Test
  void aBatchLargerThanTheTrainingSetIsAUsageError() {
    assertEquals(2, run("--batch", "5000"));
    assertEquals("", out());
    assertTrue(err().startsWith("error: --batch 5000 is larger than the training set (1438"),
        err());
  }

  @Test
  void aBadDataFileIsReportedByFileAndLineWithoutAStackTrace() throws Exception {
    Path file = folder.resolve("bad.csv.gz");
    Files.write(file, new byte[] {0x1f, (byte) 0x8b, 8, 0}); // a gzip header, then nothing
    assertEquals(1, run("--data", file.toString()));
    assertEquals("", out());
    assertTrue(err().startsWith("error: cannot read the digits: " + file + ", line 1: "), err());
    assertFalse(err().contains("\tat "), err());
  }
}
