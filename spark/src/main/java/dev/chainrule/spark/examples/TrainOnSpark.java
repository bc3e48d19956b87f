package dev.chainrule.spark.examples;

import dev.chainrule.spark.DistributedLoss;
import dev.chainrule.spark.LbfgsTrainer;
import java.util.Locale;
import java.util.Set;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.mllib.linalg.Vector;
import org.apache.spark.mllib.linalg.Vectors;
import org.apache.spark.mllib.optimization.Gradient;
import org.apache.spark.mllib.optimization.LBFGS;
import org.apache.spark.mllib.optimization.LeastSquaresGradient;
import org.apache.spark.mllib.optimization.SquaredL2Updater;
import org.apache.spark.mllib.regression.LabeledPoint;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * The Spark example: generates a data set of (by default) 10 million rows inside the executors,
 * caches it, and trains a ChainRule loss on it with L-BFGS, printing a progress line per
 * iteration. Runs on {@code local[*]} unless {@code spark-submit} (or {@code --master}) says
 * otherwise; README and docs/spark.md give the commands.
 *
 * <p>Options: {@code --rows} (10000000), {@code --features} (20, plus an intercept), {@code
 * --partitions} (4 per core), {@code --loss logistic|cauchy}, {@code --form batch|example|mllib}
 * ({@code mllib}: MLlib's own {@code LBFGS.runLBFGS} through the ChainRule MLlib gradient, which
 * reports only at the end), {@code --iterations} (30), {@code --reg} (1e-6), {@code --seed} (7),
 * {@code --master}.
 */
public final class TrainOnSpark {
  private static final Set<String> OPTIONS = Set.of("rows", "features", "partitions", "loss",
      "form", "iterations", "reg", "seed", "master", "scale");

  private TrainOnSpark() {}

  /**
   * Runs the example.
   *
   * @param args the options above
   */
  public static void main(String[] args) {
    Options o;
    try {
      o = Options.parse(args, OPTIONS);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    long rows = o.getLong("rows", 10_000_000L);
    int features = o.getInt("features", 20);
    String loss = o.get("loss", "logistic");
    String form = o.get("form", "batch");
    int iterations = o.getInt("iterations", 30);
    double reg = o.getDouble("reg", 1e-6);
    long seed = o.getLong("seed", 7);
    double scale = o.getDouble("scale", 0.5);
    if (!Set.of("logistic", "cauchy").contains(loss) || !Set.of("batch", "example", "mllib")
        .contains(form)) {
      System.err.println("--loss is logistic or cauchy; --form is batch, example or mllib");
      System.exit(2);
    }

    SparkConf conf = new SparkConf()
        .setAppName("ChainRule on Spark: " + loss)
        .setIfMissing("spark.master", o.get("master", "local[*]"))
        .set("spark.ui.showConsoleProgress", "false");
    try (JavaSparkContext sc = new JavaSparkContext(conf)) {
      sc.setLogLevel("WARN");
      int partitions = o.getInt("partitions", 4 * sc.defaultParallelism());
      SyntheticData.Kind kind =
          loss.equals("logistic") ? SyntheticData.Kind.LOGISTIC : SyntheticData.Kind.OUTLIERS;
      System.out.printf(Locale.ROOT, "Spark %s, master %s (%d cores), %d partitions%n",
          sc.version(), sc.master(), sc.defaultParallelism(), partitions);
      long t0 = System.nanoTime();
      JavaRDD<LabeledPoint> data =
          SyntheticData.generate(sc, kind, rows, features, partitions, seed)
              .persist(StorageLevel.MEMORY_ONLY());
      long count = data.count();
      System.out.printf(Locale.ROOT, "generated and cached %,d rows x %d features (%s) in %.1f s%n",
          count, features + 1, kind == SyntheticData.Kind.LOGISTIC ? "logistic labels"
              : "linear responses, 5% gross outliers", seconds(t0));

      double[] initial = new double[features + 1];
      long t1 = System.nanoTime();
      double[] w;
      if (form.equals("mllib")) {
        Gradient gradient = loss.equals("logistic")
            ? Losses.logisticGradient() : Losses.cauchyGradient(scale);
        Tuple2<Vector, double[]> fit = LBFGS.runLBFGS(
            data.map(p -> new Tuple2<Object, Vector>(p.label(), p.features())).rdd(),
            gradient, new SquaredL2Updater(), 10, 1e-9, iterations, reg, Vectors.dense(initial));
        w = fit._1().toArray();
        double[] history = fit._2();
        for (int i = 0; i < history.length; i++) {
          System.out.printf(Locale.ROOT, "iteration %3d  loss %.12f%n", i, history[i]);
        }
        System.out.println("(MLlib's runLBFGS reports its loss history only at the end; "
            + "--form batch or example print each iteration as it happens)");
      } else {
        DistributedLoss objective = loss.equals("logistic")
            ? (form.equals("batch") ? Losses.logisticBatched() : Losses.logisticPerExample())
            : (form.equals("batch") ? Losses.cauchyBatched(scale) : Losses.cauchyPerExample(scale));
        LbfgsTrainer.Result fit = new LbfgsTrainer(objective)
            .regularization(new SquaredL2Updater(), reg)
            .maxIterations(iterations)
            .tolerance(1e-9)
            .onIteration(System.out::println)
            .fit(data, initial);
        w = fit.weights();
        System.out.println("stopped: " + fit.convergence());
      }
      System.out.printf(Locale.ROOT, "trained in %.1f s%n", seconds(t1));
      report(data, kind, w, SyntheticData.truth(features, seed));
      data.unpersist(true);
    }
  }

  private static void report(
      JavaRDD<LabeledPoint> data, SyntheticData.Kind kind, double[] w, double[] truth) {
    double error = 0;
    double size = 0;
    for (int j = 0; j < w.length; j++) {
      error = Math.max(error, Math.abs(w[j] - truth[j]));
      size = Math.max(size, Math.abs(truth[j]));
    }
    System.out.printf(Locale.ROOT,
        "largest weight error against the true weights: %.4f (largest true weight %.3f)%n",
        error, size);
    if (kind == SyntheticData.Kind.LOGISTIC) {
      double[] model = w.clone();
      double[] known = truth.clone();
      double ours = data.filter(p -> predict(model, p) == p.label()).count() / (double) data.count();
      double best = data.filter(p -> predict(known, p) == p.label()).count() / (double) data.count();
      System.out.printf(Locale.ROOT,
          "training accuracy %.4f (the true weights reach %.4f: labels are drawn at random)%n",
          ours, best);
    } else {
      // What the robust loss buys: MLlib's least squares on the same data.
      double[] ls = LBFGS.runLBFGS(
          data.map(p -> new Tuple2<Object, Vector>(p.label(), p.features())).rdd(),
          new LeastSquaresGradient(), new SquaredL2Updater(), 10, 1e-6, 30, 0.0,
          Vectors.dense(new double[w.length]))._1().toArray();
      double lsError = 0;
      for (int j = 0; j < w.length; j++) {
        lsError = Math.max(lsError, Math.abs(ls[j] - truth[j]));
      }
      System.out.printf(Locale.ROOT,
          "MLlib's least squares (LeastSquaresGradient) on the same data: largest error %.4f%n",
          lsError);
    }
  }

  private static double predict(double[] w, LabeledPoint p) {
    double[] x = p.features().toArray();
    double z = 0;
    for (int j = 0; j < w.length; j++) {
      z += w[j] * x[j];
    }
    return z > 0 ? 1.0 : 0.0;
  }

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }
}
