package dev.chainrule.examples.digits;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Reads digits from a gzipped CSV file: no header, one image per line, {@value Digits#PIXELS}
 * integer pixel values 0..{@value Digits#MAX_PIXEL} then the label 0..9, separated by commas.
 * Anything else (a wrong number of columns, a value that is not an integer or out of range, an
 * empty line, a damaged or truncated gzip stream, an empty file) is rejected with a {@link
 * DigitsFormatException} naming the file and the line.
 */
public final class DigitsLoader {
  private static final int COLUMNS = Digits.PIXELS + 1;

  private DigitsLoader() {}

  /**
   * The data set bundled with the examples.
   *
   * @return the 1,797 bundled images
   * @throws DigitsFormatException if the bundled file is missing or damaged
   */
  public static Digits loadBundled() throws DigitsFormatException {
    String name = "classpath:" + Digits.RESOURCE;
    InputStream in = DigitsLoader.class.getResourceAsStream(Digits.RESOURCE);
    if (in == null) {
      throw new DigitsFormatException(name, 0, "not found on the class path");
    }
    return read(in, name);
  }

  /**
   * Reads a gzipped CSV file.
   *
   * @param file the file
   * @return its images
   * @throws DigitsFormatException if the file cannot be opened, or is malformed or truncated
   */
  public static Digits load(Path file) throws DigitsFormatException {
    InputStream in;
    try {
      in = Files.newInputStream(file);
    } catch (NoSuchFileException e) {
      throw new DigitsFormatException(file.toString(), 0, "no such file", e);
    } catch (IOException e) {
      throw new DigitsFormatException(
          file.toString(), 0, "cannot be opened (" + e.getMessage() + ")", e);
    }
    return read(in, file.toString());
  }

  /**
   * Reads gzipped CSV from a stream, which is closed afterwards.
   *
   * @param gzipped the gzipped bytes
   * @param name the name of the source, for messages
   * @return its images
   * @throws DigitsFormatException if the content is malformed or truncated, or cannot be read
   */
  public static Digits read(InputStream gzipped, String name) throws DigitsFormatException {
    List<double[]> inputs = new ArrayList<>();
    List<Integer> labels = new ArrayList<>();
    int lineNumber = 0;
    try (InputStream raw = gzipped;
        BufferedReader reader =
            new BufferedReader(
                new InputStreamReader(new GZIPInputStream(raw), StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        lineNumber++;
        double[] pixels = new double[Digits.PIXELS];
        labels.add(parseLine(line, pixels, name, lineNumber));
        inputs.add(pixels);
      }
    } catch (IOException e) {
      // The reader fails while filling its buffer for the line after the last complete one.
      throw new DigitsFormatException(
          name,
          lineNumber + 1,
          "the gzip data ends early or is damaged (" + e.getMessage() + "); is the file truncated?",
          e);
    }
    if (labels.isEmpty()) {
      throw new DigitsFormatException(name, 0, "contains no images");
    }
    int[] labelArray = labels.stream().mapToInt(Integer::intValue).toArray();
    return new Digits(inputs.toArray(new double[0][]), labelArray);
  }

  /** Parses one line into {@code pixels} (scaled to 0..1) and returns its label. */
  private static int parseLine(String line, double[] pixels, String name, int lineNumber)
      throws DigitsFormatException {
    if (line.isBlank()) {
      throw new DigitsFormatException(name, lineNumber, "empty line");
    }
    String[] fields = line.split(",", -1);
    if (fields.length != COLUMNS) {
      throw new DigitsFormatException(
          name,
          lineNumber,
          "expected " + COLUMNS + " comma-separated values (" + Digits.PIXELS
              + " pixels and a label) but found " + fields.length);
    }
    for (int i = 0; i < Digits.PIXELS; i++) {
      int value = parseInt(fields[i], name, lineNumber, "pixel " + (i + 1));
      if (value < 0 || value > Digits.MAX_PIXEL) {
        throw new DigitsFormatException(
            name, lineNumber,
            "pixel " + (i + 1) + " is " + value + ", outside 0.." + Digits.MAX_PIXEL);
      }
      pixels[i] = (double) value / Digits.MAX_PIXEL;
    }
    int label = parseInt(fields[Digits.PIXELS], name, lineNumber, "the label");
    if (label < 0 || label >= Digits.CLASSES) {
      throw new DigitsFormatException(
          name, lineNumber, "the label is " + label + ", outside 0.." + (Digits.CLASSES - 1));
    }
    return label;
  }

  private static int parseInt(String field, String name, int lineNumber, String what)
      throws DigitsFormatException {
    try {
      return Integer.parseInt(field.strip());
    } catch (NumberFormatException e) {
      throw new DigitsFormatException(
          name, lineNumber, what + " is \"" + field + "\", not an integer");
    }
  }
}
