package dev.chainrule.examples.digits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading the digits: the bundled file, and every kind of bad file, named by file and line. */
class DigitsLoaderTest {
  @TempDir Path folder;

  @Test
  void readsTheBundledFile() throws Exception {
    Digits digits = DigitsLoader.loadBundled();
    assertEquals(1797, digits.size());
    int[] perClass = new int[Digits.CLASSES];
    for (int n = 0; n < digits.size(); n++) {
      assertEquals(Digits.PIXELS, digits.inputs()[n].length);
      for (double pixel : digits.inputs()[n]) {
        assertTrue(pixel >= 0 && pixel <= 1, "pixel " + pixel);
      }
      perClass[digits.labels()[n]]++;
    }
    for (int count : perClass) {
      assertTrue(count > 150, Arrays.toString(perClass));
    }
    // The first row of the file: 0,0,5,13,9,1,0,0,... label 0.
    assertEquals(0, digits.labels()[0]);
    assertEquals(5.0 / 16, digits.inputs()[0][2], 0.0);
    assertEquals(13.0 / 16, digits.inputs()[0][3], 0.0);
  }

  @Test
  void readsAValidFile() throws Exception {
    Path file = gzip("ok.csv.gz", row(16, 3) + "\n" + row(0, 9) + "\n");
    Digits digits = DigitsLoader.load(file);
    assertEquals(2, digits.size());
    assertEquals(3, digits.labels()[0]);
    assertEquals(1.0, digits.inputs()[0][63], 0.0);
    assertEquals(9, digits.labels()[1]);
    assertEquals(0.0, digits.inputs()[1][0], 0.0);
  }

  @Test
  void rejectsAValueThatIsNotAnInteger() throws Exception {
    String bad = row(1, 2).replaceFirst("^1,", "x1,");
    DigitsFormatException e = loadFails("text.csv.gz", row(1, 2) + "\n" + bad + "\n");
    assertProblem(e, "text.csv.gz", 2, "pixel 1 is \"x1\", not an integer");
  }

  @Test
  void rejectsAWrongColumnCount() throws Exception {
    String shortRow = row(1, 2).substring(2); // drops the first pixel
    DigitsFormatException e =
        loadFails("columns.csv.gz", row(1, 2) + "\n" + row(1, 2) + "\n" + shortRow + "\n");
    assertProblem(e, "columns.csv.gz", 3, "expected 65 comma-separated values");
    assertTrue(e.getMessage().contains("found 64"), e.getMessage());
  }

  @Test
  void rejectsALabelOutsideZeroToNine() throws Exception {
    assertProblem(
        loadFails("label.csv.gz", row(0, 10) + "\n"), "label.csv.gz", 1,
        "the label is 10, outside 0..9");
    assertProblem(
        loadFails("negative.csv.gz", row(0, 1) + "\n" + row(0, -1) + "\n"), "negative.csv.gz", 2,
        "the label is -1");
    assertProblem(
        loadFails("fraction.csv.gz", row(0, 1).replaceFirst(",1$", ",1.5") + "\n"),
        "fraction.csv.gz", 1, "the label is \"1.5\", not an integer");
  }

  @Test
  void rejectsAPixelOutsideZeroToSixteen() throws Exception {
    assertProblem(
        loadFails("pixel.csv.gz", row(17, 1) + "\n"), "pixel.csv.gz", 1,
        "pixel 1 is 17, outside 0..16");
  }

  @Test
  void rejectsAnEmptyLineAndAnEmptyFile() throws Exception {
    assertProblem(
        loadFails("blank.csv.gz", row(0, 1) + "\n\n" + row(0, 1) + "\n"), "blank.csv.gz", 2,
        "empty line");
    DigitsFormatException e = loadFails("empty.csv.gz", "");
    assertEquals(0, e.line());
    assertTrue(e.getMessage().startsWith(folder.resolve("empty.csv.gz") + ": contains no images"),
        e.getMessage());
  }

  @Test
  void rejectsATruncatedGzipFileAtTheLineWhereItStops() throws Exception {
    byte[] whole;
    try (InputStream in = DigitsLoader.class.getResourceAsStream(Digits.RESOURCE)) {
      whole = in.readAllBytes();
    }
    Path file = folder.resolve("truncated.csv.gz");
    Files.write(file, Arrays.copyOf(whole, whole.length / 2));
    DigitsFormatException e = assertThrows(DigitsFormatException.class,
        () -> DigitsLoader.load(file));
    assertTrue(e.line() > 1 && e.line() < 1797, "line " + e.line());
    assertProblem(e, "truncated.csv.gz", e.line(), "the gzip data ends early or is damaged");
    assertTrue(e.getMessage().contains("truncated"), e.getMessage());
  }

  @Test
  void rejectsAFileThatIsNotGzip() throws Exception {
    Path file = folder.resolve("plain.csv");
    Files.writeString(file, row(0, 1) + "\n");
    DigitsFormatException e = assertThrows(DigitsFormatException.class,
        () -> DigitsLoader.load(file));
    assertProblem(e, "plain.csv", 1, "the gzip data ends early or is damaged");
  }

  @Test
  void rejectsAMissingFile() {
    Path file = folder.resolve("missing.csv.gz");
    DigitsFormatException e = assertThrows(DigitsFormatException.class,
        () -> DigitsLoader.load(file));
    assertEquals(file + ": no such file", e.getMessage());
  }

  /** A CSV row: 64 copies of {@code pixel}, then {@code label}. */
  private static String row(int pixel, int label) {
    return String.join(",", Collections.nCopies(Digits.PIXELS, String.valueOf(pixel)))
        + "," + label;
  }

  private Path gzip(String name, String content) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      out.write(content.getBytes(StandardCharsets.UTF_8));
    }
    Path file = folder.resolve(name);
    Files.write(file, bytes.toByteArray());
    return file;
  }

  private DigitsFormatException loadFails(String name, String content) throws IOException {
    Path file = gzip(name, content);
    return assertThrows(DigitsFormatException.class, () -> DigitsLoader.load(file));
  }

  private void assertProblem(DigitsFormatException e, String name, int line, String problem) {
    String file = folder.resolve(name).toString();
    assertEquals(file, e.file());
    assertEquals(line, e.line());
    String prefix = file + ", line " + line + ": ";
    assertTrue(e.getMessage().startsWith(prefix + problem),
        "expected \"" + prefix + problem + "...\" but got \"" + e.getMessage() + "\"");
  }
}
