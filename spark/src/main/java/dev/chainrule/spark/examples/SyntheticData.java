package dev.chainrule.spark.examples;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.mllib.linalg.Vectors;
import org.apache.spark.mllib.regression.LabeledPoint;

/**
 * Reproducible synthetic data sets, generated inside the executors (partition {@code p} from its
 * own random stream, so the data never passes through the driver): features uniform in [−1, 1]
 * plus a last feature fixed at 1 (the intercept), and labels from known true weights.
 */
public final class SyntheticData {
  /** The two kinds of data set. */
  public enum Kind {
    /** Labels 0/1 drawn with probability {@code sigmoid(truth·x)}. */
    LOGISTIC,
    /**
     * Responses {@code truth·x} plus Gaussian noise of deviation 0.1, of which 5% are gross
     * outliers (uniform in [−50, 50]): the case for a robust loss.
     */
    OUTLIERS
  }

  private SyntheticData() {}

  /**
   * The true weights of a data set: {@code features} weights in [−1, 1], then the intercept 0.25.
   *
   * @param features the number of random features (the weight vector has one more entry)
   * @param seed the data set's seed
   * @return the weights the labels were drawn from
   */
  public static double[] truth(int features, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] w = new double[features + 1];
    for (int j = 0; j < features; j++) {
      w[j] = random.nextDouble(-1, 1);
    }
    w[features] = 0.25;
    return w;
  }

  /**
   * A distributed data set of {@code rows} examples in {@code partitions} partitions (not cached).
   *
   * @param context the Spark context
   * @param kind logistic labels or regression responses with outliers
   * @param rows the number of examples
   * @param features the number of random features (each example has one more, the constant 1)
   * @param partitions the number of partitions
   * @param seed the data set's seed
   * @return the examples
   */
  public static JavaRDD<LabeledPoint> generate(JavaSparkContext context, Kind kind, long rows,
      int features, int partitions, long seed) {
    double[] truth = truth(features, seed);
    List<Integer> ids = IntStream.range(0, partitions).boxed().toList();
    return context.parallelize(ids, partitions).flatMap(p -> {
      long from = rows * p / partitions;
      long to = rows * (p + 1) / partitions;
      return rows(kind, truth, to - from, new SplittableRandom(seed * 1_000_003L + p));
    });
  }

  /**
   * The same kind of data on the driver (for tests and benchmarks).
   *
   * @param kind logistic labels or regression responses with outliers
   * @param rows the number of examples
   * @param features the number of random features
   * @param seed the seed
   * @return the examples
   */
  public static List<LabeledPoint> local(Kind kind, int rows, int features, long seed) {
    List<LabeledPoint> out = new ArrayList<>(rows);
    rows(kind, truth(features, seed), rows, new SplittableRandom(seed)).forEachRemaining(out::add);
    return out;
  }

  private static Iterator<LabeledPoint> rows(
      Kind kind, double[] truth, long count, SplittableRandom random) {
    int d = truth.length;
    return new Iterator<>() {
      private long made;

      @Override
      public boolean hasNext() {
        return made < count;
      }

      @Override
      public LabeledPoint next() {
        made++;
        double[] x = new double[d];
        double z = 0;
        for (int j = 0; j < d - 1; j++) {
          x[j] = random.nextDouble(-1, 1);
          z += truth[j] * x[j];
        }
        x[d - 1] = 1.0;
        z += truth[d - 1];
        double label;
        if (kind == Kind.LOGISTIC) {
          label = random.nextDouble() < 1 / (1 + Math.exp(-z)) ? 1.0 : 0.0;
        } else if (random.nextDouble() < 0.05) {
          label = random.nextDouble(-50, 50);
        } else {
          label = z + 0.1 * gaussian(random);
        }
        return new LabeledPoint(label, Vectors.dense(x));
      }
    };
  }

  /** A standard normal deviate (Box–Muller; SplittableRandom has no nextGaussian on Java 17). */
  private static double gaussian(SplittableRandom random) {
    double u = 1.0 - random.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
  }
}
