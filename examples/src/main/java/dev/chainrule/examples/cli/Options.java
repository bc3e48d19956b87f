package dev.chainrule.examples.cli;

import dev.chainrule.examples.digits.Digits;
import dev.chainrule.examples.report.Format;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The examples' command-line options. Each option is written {@code --name value} or {@code
 * --name=value}; {@link #usage()} lists them.
 *
 * @param epochs passes over the training set
 * @param hidden hidden units of the network
 * @param learningRate Adam's step size
 * @param batch examples per mini-batch
 * @param weightDecay λ of the L2 penalty
 * @param seed seeds the split, the initial weights and the shuffles
 * @param output the folder for the chart
 * @param data a digits file to use instead of the bundled one, if any
 * @param fitStart which of NIST's two starting points the curve fit starts from (1 or 2)
 * @param newtonPositive the digit the Newton section's classifier labels 1
 * @param newtonNegative the digit it labels 0
 * @param onlyNewton whether to run only the Newton section ({@code --only newton})
 * @param help whether only the usage was asked for
 */
public record Options(
    int epochs,
    int hidden,
    double learningRate,
    int batch,
    double weightDecay,
    long seed,
    Path output,
    Optional<Path> data,
    int fitStart,
    int newtonPositive,
    int newtonNegative,
    boolean onlyNewton,
    boolean help) {

  /** The defaults: about a second of training to about 96% test accuracy. */
  public static final Options DEFAULTS =
      new Options(
          40, 64, 0.01, 32, 1e-4, 42, Path.of("target", "chainrule-examples"), Optional.empty(),
          1, 3, 8, false, false);

  private static final int MAX_EPOCHS = 100_000;
  private static final int MAX_HIDDEN = 1_000;
  private static final int MAX_BATCH = 1_000_000;

  /**
   * The usage text, listing every option with its default.
   *
   * @return the usage text
   */
  public static String usage() {
    return String.join(
        "\n",
        "Usage: dev.chainrule.examples.Main [options]",
        "From the repository root:",
        "  mvn -B -q -pl examples -am package exec:java -DskipTests -Dexec.args=\"[options]\"",
        "",
        "Runs the backpropagation chapter with ChainRule: the chapter's computational graphs,",
        "option greeks, a Levenberg-Marquardt curve fit with a generated Jacobian (NIST's",
        "Thurber problem), a gradient check and speed comparison, a two-layer network",
        "trained on 8x8 handwritten digits, and Newton's method with generated Hessians",
        "(logistic regression of one digit against another), with derivatives generated at",
        "compile time.",
        "",
        "Options:",
        "  --epochs N              passes over the training set (default " + DEFAULTS.epochs + ")",
        "  --hidden N              hidden units (default " + DEFAULTS.hidden + "); the gradient"
            + " check and",
        "                          the finite differences take time ~ N^2 (30 s for 200)",
        "  --lr, --learning-rate X Adam step size (default " + DEFAULTS.learningRate + ")",
        "  --batch N               examples per mini-batch (default " + DEFAULTS.batch + ")",
        "  --weight-decay X        L2 penalty strength, 0 for none (default "
            + Format.plain(DEFAULTS.weightDecay) + ")",
        "  --seed N                seeds the split, the initial weights and the shuffles",
        "                          (default " + DEFAULTS.seed + ")",
        "  --output DIR            folder for the chart (default " + DEFAULTS.output + ")",
        "  --data FILE             a gzipped CSV of digits to use instead of the bundled one",
        "                          (64 pixel values 0..16, then the label 0..9, per line)",
        "  --fit-start N           NIST's starting point 1 (far) or 2 (near) for the curve fit",
        "                          (default " + DEFAULTS.fitStart + ")",
        "  --newton-digits A,B     the two digits Newton's method tells apart (default "
            + DEFAULTS.newtonPositive + "," + DEFAULTS.newtonNegative + ")",
        "  --only newton           run only the section on Newton's method",
        "  -h, --help              print this help and exit",
        "",
        "Data: " + Digits.CREDIT_LINES[0],
        "      " + Digits.CREDIT_LINES[1],
        "      The curve fit: NIST StRD nonlinear regression data set Thurber (R. Thurber,",
        "      semiconductor electron mobility), https://www.itl.nist.gov/div898/strd/",
        "",
        "Exit status: 0 on success, 1 if the data cannot be read or the chart cannot be",
        "written, 2 for a wrong option.");
  }

  /**
   * Parses the command line.
   *
   * @param args the arguments
   * @return the options, defaults where not given
   * @throws UsageException if an option is unknown, lacks its value, or has a wrong value
   */
  public static Options parse(String... args) throws UsageException {
    int epochs = DEFAULTS.epochs;
    int hidden = DEFAULTS.hidden;
    double learningRate = DEFAULTS.learningRate;
    int batch = DEFAULTS.batch;
    double weightDecay = DEFAULTS.weightDecay;
    long seed = DEFAULTS.seed;
    Path output = DEFAULTS.output;
    Optional<Path> data = DEFAULTS.data;
    int fitStart = DEFAULTS.fitStart;
    int newtonPositive = DEFAULTS.newtonPositive;
    int newtonNegative = DEFAULTS.newtonNegative;
    boolean onlyNewton = DEFAULTS.onlyNewton;
    boolean help = false;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("-h") || arg.equals("--help")) {
        help = true;
        continue;
      }
      if (!arg.startsWith("--")) {
        throw new UsageException("unexpected argument \"" + arg + "\": options start with --");
      }
      String name = arg;
      String value;
      int equals = arg.indexOf('=');
      if (equals >= 0) {
        name = arg.substring(0, equals);
        value = arg.substring(equals + 1);
      } else if (i + 1 < args.length && !args[i + 1].startsWith("--") && isKnownWithValue(name)) {
        value = args[++i];
      } else {
        value = null;
      }
      if (!isKnownWithValue(name)) {
        throw new UsageException("unknown option " + name);
      }
      if (value == null) {
        throw new UsageException(name + " needs a value");
      }
      switch (name) {
        case "--epochs":
          epochs = parseInt(name, value, 1, MAX_EPOCHS);
          break;
        case "--hidden":
          hidden = parseInt(name, value, 1, MAX_HIDDEN);
          break;
        case "--lr":
        case "--learning-rate":
          learningRate = parsePositive(name, value);
          break;
        case "--batch":
          batch = parseInt(name, value, 1, MAX_BATCH);
          break;
        case "--weight-decay":
          weightDecay = parseNonNegative(name, value);
          break;
        case "--seed":
          seed = parseLong(name, value);
          break;
        case "--output":
          output = parsePath(name, value);
          break;
        case "--data":
          data = Optional.of(parsePath(name, value));
          break;
        case "--fit-start":
          fitStart = parseInt(name, value, 1, 2);
          break;
        case "--newton-digits":
          int[] pair = parseDigitPair(name, value);
          newtonPositive = pair[0];
          newtonNegative = pair[1];
          break;
        case "--only":
          if (!value.strip().equals("newton")) {
            throw new UsageException(
                "--only takes newton (the one section that runs alone), not \"" + value + "\"");
          }
          onlyNewton = true;
          break;
        default:
          throw new AssertionError(name);
      }
    }
    return new Options(
        epochs, hidden, learningRate, batch, weightDecay, seed, output, data, fitStart,
        newtonPositive, newtonNegative, onlyNewton, help);
  }

  private static boolean isKnownWithValue(String name) {
    switch (name) {
      case "--epochs":
      case "--hidden":
      case "--lr":
      case "--learning-rate":
      case "--batch":
      case "--weight-decay":
      case "--seed":
      case "--output":
      case "--data":
      case "--fit-start":
      case "--newton-digits":
      case "--only":
        return true;
      default:
        return false;
    }
  }

  private static int parseInt(String name, String value, int min, int max)
      throws UsageException {
    long parsed = parseLong(name, value);
    if (parsed < min || parsed > max) {
      throw new UsageException(
          name + " must be between " + min + " and " + max + ", not " + value.strip());
    }
    return (int) parsed;
  }

  private static long parseLong(String name, String value) throws UsageException {
    try {
      return Long.parseLong(value.strip());
    } catch (NumberFormatException e) {
      throw new UsageException(name + " needs a whole number, not \"" + value + "\"");
    }
  }

  private static double parseDouble(String name, String value) throws UsageException {
    double parsed;
    try {
      parsed = Double.parseDouble(value.strip());
    } catch (NumberFormatException e) {
      throw new UsageException(name + " needs a number, not \"" + value + "\"");
    }
    if (!Double.isFinite(parsed)) {
      throw new UsageException(name + " needs a finite number, not \"" + value + "\"");
    }
    return parsed;
  }

  private static double parsePositive(String name, String value) throws UsageException {
    double parsed = parseDouble(name, value);
    if (parsed <= 0) {
      throw new UsageException(name + " must be greater than 0, not " + value);
    }
    return parsed;
  }

  private static double parseNonNegative(String name, String value) throws UsageException {
    double parsed = parseDouble(name, value);
    if (parsed < 0) {
      throw new UsageException(name + " must be 0 or more, not " + value);
    }
    return parsed;
  }

  /** Two different digits 0..9 written {@code A,B}. */
  private static int[] parseDigitPair(String name, String value) throws UsageException {
    String[] parts = value.split(",", -1);
    if (parts.length != 2) {
      throw new UsageException(name + " needs two digits written A,B, not \"" + value + "\"");
    }
    int positive = parseInt(name, parts[0], 0, Digits.CLASSES - 1);
    int negative = parseInt(name, parts[1], 0, Digits.CLASSES - 1);
    if (positive == negative) {
      throw new UsageException(name + " needs two different digits, not " + value.strip());
    }
    return new int[] {positive, negative};
  }

  private static Path parsePath(String name, String value) throws UsageException {
    if (value.isBlank()) {
      throw new UsageException(name + " needs a path, not an empty string");
    }
    try {
      return Path.of(value);
    } catch (InvalidPathException e) {
      throw new UsageException(
          name + " needs a valid path, not \"" + value + "\" (" + e.getReason() + ")");
    }
  }
}
