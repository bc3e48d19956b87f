package dev.chainrule.examples;

import dev.chainrule.examples.chapter.Layers;
import dev.chainrule.examples.chapter.LayersDerivatives;
import dev.chainrule.examples.chapter.PricingDerivatives;
import dev.chainrule.examples.cli.Options;
import dev.chainrule.examples.cli.UsageException;
import dev.chainrule.examples.digits.Digits;
import dev.chainrule.examples.digits.DigitsFormatException;
import dev.chainrule.examples.digits.DigitsLoader;
import dev.chainrule.examples.finance.BlackScholes;
import dev.chainrule.examples.finance.BlackScholesDerivatives;
import dev.chainrule.examples.fit.LevenbergMarquardt;
import dev.chainrule.examples.fit.Thurber;
import dev.chainrule.examples.fit.ThurberDerivatives;
import dev.chainrule.examples.fit.ThurberFit;
import dev.chainrule.examples.network.Network;
import dev.chainrule.examples.network.NetworkGradientCheck;
import dev.chainrule.examples.network.Shuffle;
import dev.chainrule.examples.network.Trainer;
import dev.chainrule.examples.newton.NewtonComparison;
import dev.chainrule.examples.newton.NewtonSection;
import dev.chainrule.examples.report.Format;
import dev.chainrule.examples.report.Table;
import dev.chainrule.examples.report.TrainingChart;
import dev.chainrule.examples.speed.SpeedComparison;
import dev.chainrule.numeric.GradientCheck;
import dev.chainrule.numeric.JacobianCheck;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.StringJoiner;

/**
 * Runs the backpropagation chapter with ChainRule: the chapter's computational graphs and layers,
 * option greeks, a curve fit with a generated Jacobian, a gradient check and a speed comparison
 * of the generated gradient, a two-layer network trained on handwritten digits, and Newton's
 * method with a generated Hessian. {@code --help} lists the options.
 */
public final class Main {
  /** The share of the data held out for testing. */
  private static final double TEST_FRACTION = 0.2;

  /** Examples in the gradient check's mini-batch, as in the chapter. */
  private static final int CHECK_BATCH = 3;

  /** The tolerance of the gradient check. */
  private static final double CHECK_TOLERANCE = 1e-6;

  /** λ of the Newton section's logistic regression. */
  private static final double NEWTON_LAMBDA = 1e-3;

  /** Where the Newton section's methods stop: ‖∇f‖ at most this. */
  private static final double NEWTON_TOLERANCE = 1e-8;

  /** The most steps of Newton and truncated Newton, and of gradient descent. */
  private static final int NEWTON_LIMIT = 50;

  private static final int DESCENT_LIMIT = 10_000;

  /** Sizes of the growing-n comparison. */
  private static final int[] SPEED_SIZES = {10, 100, 1_000, 10_000};

  private static final int WIDTH = 78;
  private static final String INDENT = "  ";

  private final Options options;
  private final PrintStream out;
  private int section;

  private Main(Options options, PrintStream out) {
    this.options = options;
    this.out = out;
  }

  /**
   * Runs the examples and exits with status 1 if the data or the chart fails, 2 for a wrong
   * option (see {@link #run}).
   *
   * @param args the command line; {@code --help} lists the options
   */
  public static void main(String[] args) {
    System.setProperty("java.awt.headless", "true");
    int status = run(args, System.out, System.err);
    if (status != 0) {
      System.exit(status);
    }
  }

  /**
   * Runs the examples, printing to {@code out} and problems (without stack traces) to {@code err}.
   *
   * @param args the command line
   * @param out where the results go
   * @param err where problems and the usage after a wrong option go
   * @return the exit status: 0 on success, 1 if the data cannot be read or the chart cannot be
   *     written, 2 for a wrong option
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    Options options;
    try {
      options = Options.parse(args);
    } catch (UsageException e) {
      err.println("error: " + e.getMessage());
      err.println();
      err.println(Options.usage());
      return 2;
    }
    if (options.help()) {
      out.println(Options.usage());
      return 0;
    }
    try {
      new Main(options, out).runAll();
      return 0;
    } catch (DigitsFormatException e) {
      err.println("error: cannot read the digits: " + e.getMessage());
      return 1;
    } catch (BatchTooLargeException e) {
      err.println("error: " + e.getMessage());
      err.println();
      err.println(Options.usage());
      return 2;
    } catch (IOException e) {
      err.println("error: cannot write the chart: " + e.getMessage());
      return 1;
    }
  }

  private void runAll() throws DigitsFormatException, BatchTooLargeException, IOException {
    long start = System.nanoTime();
    // Read the data first, so that a bad file or batch size stops the program before any output.
    Digits all = options.data().isPresent()
        ? DigitsLoader.load(options.data().get())
        : DigitsLoader.loadBundled();
    Shuffle.Split split = Shuffle.split(all, TEST_FRACTION, options.seed());
    if (options.batch() > split.train().size()) {
      throw new BatchTooLargeException(
          "--batch " + options.batch() + " is larger than the training set ("
              + split.train().size() + " images)");
    }

    out.println("ChainRule examples: the backpropagation chapter, with gradients generated at");
    out.println("compile time by an annotation processor (run with --help for the options).");
    if (options.onlyNewton()) {
      newton(split);
      out.println();
      out.println("Done in " + Format.duration((System.nanoTime() - start) / 1e9) + ".");
      return;
    }
    chapterGraphs();
    chapterLayers();
    greeks();
    curveFit();
    data(all, split);
    Network network =
        Network.initialised(Digits.PIXELS, options.hidden(), Digits.CLASSES,
            new Random(options.seed()));
    gradientCheck(network, split.train());
    speed(network, split.train());
    List<Trainer.Epoch> history = train(network, split);
    chart(history);
    newton(split);

    out.println();
    out.println("Done in " + Format.duration((System.nanoTime() - start) / 1e9) + ".");
  }

  // ---- 1. The chapter's computational graphs ----------------------------------------------

  private void chapterGraphs() {
    section("The chapter's computational graphs: buying fruit");
    priceGraph(100, 2, 1.1, 220, 2.2, 110, 200);
    out.println();
    priceGraph(200, 5, 1.1, 1100, 5.5, 220, 1000);
    out.println();
    out.println(INDENT + "price = (apple x appleCount + orange x orangeCount) x tax   (an add node)");
    out.println(INDENT + "at apple = 100, appleCount = 2, orange = 150, orangeCount = 3, tax = 1.1");
    PricingDerivatives.FruitPriceGradient fruit =
        PricingDerivatives.fruitPriceGradient(100, 2, 150, 3, 1.1);
    out.print(new Table("", "generated", "chapter", "check")
        .row("price", Format.fixed(fruit.value(), 4), "715", agrees(fruit.value(), 715))
        .row("d price / d apple", Format.fixed(fruit.apple(), 4), "2.2",
            agrees(fruit.apple(), 2.2))
        .row("d price / d appleCount", Format.fixed(fruit.appleCount(), 4), "110",
            agrees(fruit.appleCount(), 110))
        .row("d price / d orange", Format.fixed(fruit.orange(), 4), "3.3",
            agrees(fruit.orange(), 3.3))
        .row("d price / d orangeCount", Format.fixed(fruit.orangeCount(), 4), "165",
            agrees(fruit.orangeCount(), 165))
        .row("d price / d tax", Format.fixed(fruit.tax(), 4), "650", agrees(fruit.tax(), 650))
        .render(INDENT));
  }

  /** The multiply-node graph at one point, next to the chapter's value and gradient there. */
  private void priceGraph(double apple, double count, double tax, double... chapter) {
    out.println(INDENT + "price = apple x count x tax   at apple = " + Format.plain(apple)
        + ", count = " + Format.plain(count) + ", tax = " + Format.plain(tax));
    PricingDerivatives.PriceGradient g = PricingDerivatives.priceGradient(apple, count, tax);
    double[] generated = {g.value(), g.apple(), g.count(), g.tax()};
    String[] rows = {"price", "d price / d apple", "d price / d count", "d price / d tax"};
    Table table = new Table("", "generated", "chapter", "check");
    for (int k = 0; k < rows.length; k++) {
      table.row(rows[k], Format.fixed(generated[k], 4), Format.plain(chapter[k]),
          agrees(generated[k], chapter[k]));
    }
    out.print(table.render(INDENT));
  }

  // ---- A library function with a custom derivative: option greeks -------------------------

  private void greeks() {
    section("A library function with a custom derivative: option greeks");
    double spot = 100;
    double strike = 105;
    double rate = 0.03;
    double volatility = 0.2;
    double maturity = 0.5;
    out.println(INDENT + "Black-Scholes call at spot " + spot + ", strike " + strike + ", rate " + rate
        + ", volatility " + volatility + ", maturity " + maturity + ".");
    out.println(INDENT + "The normal distribution is Apache Commons Math's Erf.erf, which ChainRule cannot");
    out.println(INDENT + "read; BlackScholes.erfDerivative supplies its derivative with @CustomDerivative.");
    out.println();
    BlackScholesDerivatives.CallGradient g =
        BlackScholesDerivatives.callGradient(spot, strike, rate, volatility, maturity);
    double[] closed = BlackScholes.closedFormGreeks(spot, strike, rate, volatility, maturity);
    double[] generated = {g.spot(), g.rate(), g.volatility(), g.maturity()};
    String[] names = {"delta  = d price / d spot", "rho    = d price / d rate",
      "vega   = d price / d volatility", "-theta = d price / d maturity"};
    Table table = new Table("", "generated", "closed form", "check").alignLeft(0);
    table.row("price", Format.fixed(g.value(), 6), "", "");
    for (int i = 0; i < names.length; i++) {
      table.row(names[i], Format.fixed(generated[i], 6), Format.fixed(closed[i], 6),
          agrees(generated[i], closed[i]));
    }
    out.print(table.render(INDENT));
  }

  // ---- A vector-valued method and its Jacobian: a Levenberg-Marquardt fit ---------------

  private void curveFit() {
    section("A vector-valued method and its Jacobian: fitting NIST's Thurber data");
    double[] start = options.fitStart() == 1 ? Thurber.START_1 : Thurber.START_2;
    int m = Thurber.X.length;
    int n = start.length;
    out.println(INDENT + "NIST StRD Thurber: electron mobility y against log density x, " + m
        + " points,");
    out.println(INDENT + "fitted by y = (b1 + b2 x + b3 x^2 + b4 x^3) / (1 + b5 x + b6 x^2 + b7 x^3).");
    out.println(INDENT + "Thurber.residuals returns the " + m + " residuals as a double[]. Their"
        + " Jacobian,");
    out.println(INDENT + "ThurberDerivatives.residualsJacobian, is generated (forward mode: " + n
        + " < " + m + ").");
    out.println(INDENT + "Levenberg-Marquardt, with QR steps and Marquardt's damping, from NIST's");
    out.println(INDENT + "starting point " + options.fitStart() + ", b = "
        + vector(start, -1) + ":");
    out.println();
    GradientCheck.Report check = JacobianCheck.compareRecord(
        ThurberDerivatives.residualsJacobian(start, Thurber.X, Thurber.Y),
        v -> Thurber.residuals(v, Thurber.X, Thurber.Y), start.clone());
    String header = String.format("%s%9s  %18s  %13s  %8s  %8s", INDENT + INDENT, "iteration",
        "sum of squares", "max |step/b|", "damping", "rejected");
    out.println(header);
    out.println(INDENT + INDENT + "-".repeat(header.length() - 2 * INDENT.length()));
    List<LevenbergMarquardt.Iteration> steps = new java.util.ArrayList<>();
    long begin = System.nanoTime();
    LevenbergMarquardt.Result fit = ThurberFit.fit(start, steps::add);
    double seconds = (System.nanoTime() - begin) / 1e9;
    for (LevenbergMarquardt.Iteration it : steps) {
      int k = it.number();
      if (k <= 10 || k % 10 == 0 || k == fit.iterations()) {
        out.println(String.format("%s%9d  %18s  %13s  %8s  %8d", INDENT + INDENT, k,
            Format.fixed(it.cost(), 6), k == 0 ? "" : Format.scientific(it.step()),
            Format.scientific(it.damping()), it.rejected()));
      }
    }
    out.println(INDENT + INDENT + "(every iteration up to 10, then every 10th and the last)");
    out.println();
    out.println(INDENT + "Stopped after " + fit.iterations() + " iterations: " + stopReason(fit.stop())
        + ".");
    out.println(INDENT + fit.jacobians() + " Jacobians and " + fit.evaluations()
        + " trial evaluations took " + Format.duration(seconds) + ". The certified values:");
    out.println();
    double[] sd = ThurberFit.standardDeviations(fit);
    Table table = new Table("", "fitted", "certified", "rel. diff.", "std. dev.", "rel. diff.");
    for (int j = 0; j < n; j++) {
      table.row("b" + (j + 1), significant(fit.parameters()[j]), significant(Thurber.CERTIFIED[j]),
          Format.scientific(relative(fit.parameters()[j], Thurber.CERTIFIED[j])),
          significant(sd[j]),
          Format.scientific(relative(sd[j], Thurber.CERTIFIED_STANDARD_DEVIATION[j])));
    }
    table.row("RSS", significant(fit.cost()),
        significant(Thurber.CERTIFIED_RESIDUAL_SUM_OF_SQUARES),
        Format.scientific(relative(fit.cost(), Thurber.CERTIFIED_RESIDUAL_SUM_OF_SQUARES)), "", "");
    out.print(table.render(INDENT));
    out.println(INDENT + "RSS is the residual sum of squares; the standard deviations are s sqrt(diag");
    out.println(INDENT + "(J^T J)^-1), s^2 = RSS / (" + m + " - " + n
        + "), with the generated Jacobian J at the fit.");
    out.println(INDENT + "The generated Jacobian at the start against finite differences (Richardson):");
    out.println(INDENT + "largest relative error " + Format.scientific(check.maxRelativeError())
        + " over its " + Format.count((long) m * n) + " entries"
        + (check.within(1e-8) ? "." : ": DIFFERS."));
  }

  private static String stopReason(LevenbergMarquardt.Stop stop) {
    switch (stop) {
      case COST:
        return "the sum of squares stopped decreasing";
      case STEP:
        return "the parameters stopped moving";
      case NO_DECREASE:
        return "no damped step decreased the sum of squares";
      default:
        return "iteration limit: NOT converged";
    }
  }

  private static double relative(double a, double b) {
    return Math.abs(a - b) / Math.abs(b);
  }

  /** Nine significant digits, without an exponent. */
  private static String significant(double value) {
    return new java.math.BigDecimal(value).round(new java.math.MathContext(9)).toPlainString();
  }

  private static String agrees(double generated, double chapter) {
    return Math.abs(generated - chapter) <= 1e-9 * Math.max(1, Math.abs(chapter)) ? "ok" : "DIFFERS";
  }

  private void chapterLayers() {
    section("The chapter's layers: generated backward pass vs the chapter's formula");
    double[] reluInputs = {-1.0, 0.0, 2.0};
    double sigmoidInput = 0.5;
    double[] input = {1.0, 0.5};
    double[][] weights = {{0.1, 0.3, 0.5}, {0.2, 0.4, 0.6}};
    double[] bias = {0.1, 0.2, 0.3};
    double[] dout = {1.0, 0.5, 0.25};
    double[] scores = {0.3, 2.9, 4.0};
    double[] target = {0, 0, 1};
    out.println(INDENT + "ReLU at x = " + vector(reluInputs, 1) + "; Sigmoid at x = "
        + sigmoidInput + ";");
    out.println(INDENT + "Affine y = x.W + b at x = " + vector(input, 1) + ", W = "
        + vector(weights[0], 1) + " / " + vector(weights[1], 1) + " (rows),");
    out.println(INDENT + "  b = " + vector(bias, 1) + ", seeded with dout = " + vector(dout, 2)
        + " (loss = sum of dout[k] y[k]);");
    out.println(INDENT + "Softmax-with-loss at a = " + vector(scores, 1) + ", one-hot t = "
        + vector(target, 0) + ".");
    out.println();
    Table table =
        new Table("layer", "partial", "generated", "by the formula", "check")
            .alignLeft(1);

    double[] reluGenerated = new double[reluInputs.length];
    double[] reluFormula = new double[reluInputs.length];
    for (int i = 0; i < reluInputs.length; i++) {
      reluGenerated[i] = LayersDerivatives.reluGradient(reluInputs[i]).x();
      reluFormula[i] = reluInputs[i] > 0 ? 1 : 0;
    }
    table.row("ReLU", "dx = [x > 0]", vector(reluGenerated, 4),
        vector(reluFormula, 4), agrees(reluGenerated, reluFormula));

    double y = Layers.sigmoid(sigmoidInput);
    double sigmoidGenerated = LayersDerivatives.sigmoidGradient(sigmoidInput).x();
    table.row("Sigmoid", "dx = y (1 - y)", Format.fixed(sigmoidGenerated, 4),
        Format.fixed(y * (1 - y), 4), agrees(sigmoidGenerated, y * (1 - y)));

    LayersDerivatives.AffineGradient affine =
        LayersDerivatives.affineGradient(input, weights, bias, dout);
    double[] dx = new double[input.length];
    double[][] dw = new double[input.length][bias.length];
    for (int i = 0; i < input.length; i++) {
      for (int k = 0; k < bias.length; k++) {
        dx[i] += dout[k] * weights[i][k];
        dw[i][k] = input[i] * dout[k];
      }
    }
    table.row("Affine", "dx = dout . W^T", vector(affine.x(), 4), vector(dx, 4),
        agrees(affine.x(), dx));
    for (int i = 0; i < input.length; i++) {
      table.row("", "dW[" + i + "] = x[" + i + "] dout", vector(affine.w()[i], 4), vector(dw[i], 4),
          agrees(affine.w()[i], dw[i]));
    }
    table.row("", "db = dout", vector(affine.b(), 4), vector(dout, 4),
        agrees(affine.b(), dout));

    double[] softmax = softmax(scores);
    double[] residual = new double[scores.length];
    for (int k = 0; k < scores.length; k++) {
      residual[k] = softmax[k] - target[k];
    }
    double[] softmaxGenerated = LayersDerivatives.softmaxCrossEntropyGradient(scores, target).a();
    table.row("Softmax+loss", "da = y - t", vector(softmaxGenerated, 4),
        vector(residual, 4), agrees(softmaxGenerated, residual));
    out.print(table.render(INDENT));
  }

  private static double[] softmax(double[] scores) {
    double max = Double.NEGATIVE_INFINITY;
    for (double score : scores) {
      max = Math.max(max, score);
    }
    double[] y = new double[scores.length];
    double sum = 0;
    for (int k = 0; k < scores.length; k++) {
      y[k] = Math.exp(scores[k] - max);
      sum += y[k];
    }
    for (int k = 0; k < scores.length; k++) {
      y[k] /= sum;
    }
    return y;
  }

  private static String agrees(double[] generated, double[] formula) {
    for (int i = 0; i < generated.length; i++) {
      if (agrees(generated[i], formula[i]).equals("DIFFERS")) {
        return "DIFFERS";
      }
    }
    return "ok";
  }

  /** The values with the given number of decimals, or as Java writes them for {@code -1}. */
  private static String vector(double[] values, int decimals) {
    StringJoiner text = new StringJoiner(", ", "[", "]");
    for (double value : values) {
      text.add(decimals < 0 ? Format.plain(value) : Format.fixed(value, decimals));
    }
    return text.toString();
  }

  // ---- The network and the data ------------------------------------------------------------------------

  private void data(Digits all, Shuffle.Split split) {
    section("The data: 8x8 handwritten digits");
    out.println(INDENT + Format.count(all.size()) + " images of " + Digits.PIXELS
        + " pixels (0..16, scaled to 0..1), from "
        + options.data().map(Path::toString).orElse("the bundled digits.csv.gz"));
    if (options.data().isEmpty()) {
      out.println(INDENT + "Credit: " + Digits.CREDIT_LINES[0]);
      out.println(INDENT + "        " + Digits.CREDIT_LINES[1]);
    }
    out.println(INDENT + "Shuffled with seed " + options.seed() + " and split "
        + Format.count(split.train().size()) + " for training, "
        + Format.count(split.test().size()) + " for testing.");
  }

  private void gradientCheck(Network network, Digits train) {
    section("Gradient check of the network: generated vs finite differences");
    out.println(INDENT + "The loss of the two-layer network (64 -> " + options.hidden()
        + " sigmoid -> 10 softmax, weight decay " + Format.plain(options.weightDecay()) + ")");
    out.println(INDENT + "on " + CHECK_BATCH + " training images at the initial weights,"
        + " against finite differences by Richardson");
    out.println(INDENT + "extrapolation. Relative error per component:");
    out.println(INDENT + "|generated - numeric| / max(1, |generated|, |numeric|).");
    out.println();
    long start = System.nanoTime();
    List<NetworkGradientCheck.ArrayResult> results =
        NetworkGradientCheck.check(network, train.range(0, CHECK_BATCH), options.weightDecay());
    double seconds = (System.nanoTime() - start) / 1e9;
    Table table = new Table("array", "shape", "mean rel. error", "max rel. error", "check");
    boolean allPass = true;
    for (NetworkGradientCheck.ArrayResult result : results) {
      boolean pass = result.maxRelativeError() <= CHECK_TOLERANCE;
      allPass &= pass;
      table.row(result.name(), result.shape(), Format.scientific(result.meanRelativeError()),
          Format.scientific(result.maxRelativeError()), pass ? "ok" : "FAILS");
    }
    out.print(table.render(INDENT));
    out.println(INDENT + (allPass ? "All arrays agree within " : "NOT all arrays agree within ")
        + Format.scientific(CHECK_TOLERANCE) + " (check took " + Format.duration(seconds) + ").");
  }

  private void speed(Network network, Digits train) {
    section("Why backpropagation: time of one full gradient");
    out.println(INDENT + "Central differences need 2n evaluations of the function for n variables;");
    out.println(INDENT + "the generated pullback needs one forward and one reverse sweep.");
    out.println();
    Digits batch = train.range(0, options.batch());
    SpeedComparison.Row row = SpeedComparison.network(network, batch, options.weightDecay());
    out.println(INDENT + "The network's loss on a mini-batch of " + options.batch() + " ("
        + Format.count(row.n()) + " parameters, " + Format.count(2L * row.n())
        + " evaluations):");
    out.print(new Table("method", "time per gradient")
        .row("finite differences", Format.duration(row.finiteDifferenceSeconds()))
        .row("generated pullback", Format.duration(row.generatedSeconds()))
        .render(INDENT + INDENT));
    out.println(INDENT + INDENT + "-> the generated gradient is "
        + Format.count(Math.round(row.speedup())) + " times faster; largest difference per"
        + " component " + Format.scientific(row.maxRelativeDifference()) + ".");
    out.println();
    out.println(INDENT + "Extended Rosenbrock function of n variables (one evaluation costs O(n)):");
    Table table = new Table("n", "finite differences", "generated", "speedup",
        "max rel. difference");
    for (int n : SPEED_SIZES) {
      SpeedComparison.Row r = SpeedComparison.rosenbrock(n, options.seed());
      table.row(Format.count(n), Format.duration(r.finiteDifferenceSeconds()),
          Format.duration(r.generatedSeconds()), Format.count(Math.round(r.speedup())) + "x",
          Format.scientific(r.maxRelativeDifference()));
    }
    out.print(table.render(INDENT));
    out.println(INDENT + INDENT + "Finite differences cost O(n^2) per gradient, the generated"
        + " pullback O(n). The");
    out.println(INDENT + INDENT + "differences are mostly the finite differences' own error,"
        + " which grows with |f|.");
  }

  private List<Trainer.Epoch> train(Network network, Shuffle.Split split) {
    section("Training the network on the digits");
    out.println(INDENT + "64 -> " + options.hidden() + " (sigmoid) -> 10 (softmax), "
        + Format.count(network.parameterCount()) + " parameters; Adam, learning rate "
        + Format.plain(options.learningRate()) + ",");
    out.println(INDENT + "mini-batches of " + options.batch() + ", weight decay "
        + Format.plain(options.weightDecay()) + ", " + options.epochs() + " epochs, seed "
        + options.seed() + ".");
    out.println(INDENT + "Every gradient comes from the generated TwoLayerNetDerivatives.lossPullback.");
    out.println();
    String header = String.format("%s%5s  %9s  %10s  %9s  %10s", INDENT + INDENT, "epoch", "loss",
        "train acc.", "test acc.", "elapsed");
    out.println(header);
    out.println(INDENT + INDENT + "-".repeat(header.length() - 2 * INDENT.length()));
    List<Trainer.Epoch> history =
        Trainer.train(network, split.train(), split.test(),
            new Trainer.Settings(options.epochs(), options.batch(), options.learningRate(),
                options.weightDecay(), options.seed()),
            epoch -> out.println(String.format("%s%5d  %9s  %10s  %9s  %10s", INDENT + INDENT,
                epoch.epoch(), Format.fixed(epoch.loss(), 4), Format.percent(epoch.trainAccuracy()),
                Format.percent(epoch.testAccuracy()), Format.duration(epoch.elapsedSeconds()))));
    Trainer.Epoch last = history.get(history.size() - 1);
    out.println();
    out.println(INDENT + "Test accuracy after " + last.epoch() + " epochs: "
        + Format.percent(last.testAccuracy()) + " (" + Format.count(split.test().size())
        + " held-out images), training took " + Format.duration(last.elapsedSeconds()) + ".");
    return history;
  }

  private void chart(List<Trainer.Epoch> history) throws IOException {
    section("Chart");
    Path file = options.output().resolve("training.png");
    TrainingChart.write(history,
        "Two-layer network on 8x8 digits (hidden " + options.hidden() + ", seed "
            + options.seed() + ")", file);
    out.println(INDENT + "Loss and accuracy per epoch: " + file.toAbsolutePath().normalize());
  }

  // ---- Second order: Newton's method with the generated Hessian -------------------------

  private void newton(Shuffle.Split split) {
    section("Second order: Newton's method with the generated Hessian");
    NewtonComparison.Settings settings =
        new NewtonComparison.Settings(options.newtonPositive(), options.newtonNegative(),
            NEWTON_LAMBDA, NEWTON_TOLERANCE, NEWTON_LIMIT, DESCENT_LIMIT);
    NewtonSection.print(NewtonComparison.run(split.train(), split.test(), settings), settings, out,
        INDENT);
  }

  private void section(String title) {
    section++;
    String head = "== " + section + ". " + title + " ";
    out.println();
    out.println(head + "=".repeat(Math.max(3, WIDTH - head.length())));
    out.println();
  }

  /** A mini-batch larger than the training set: a usage error found after loading the data. */
  private static final class BatchTooLargeException extends Exception {
    private static final long serialVersionUID = 1L;

    BatchTooLargeException(String message) {
      super(message);
    }
  }
}
