package dev.chainrule.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.spark.examples.LogisticLossDerivatives;
import dev.chainrule.spark.examples.Losses;
import dev.chainrule.spark.examples.SyntheticData;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.mllib.linalg.DenseVector;
import org.apache.spark.mllib.linalg.Vector;
import org.apache.spark.mllib.linalg.Vectors;
import org.apache.spark.mllib.optimization.Gradient;
import org.apache.spark.mllib.optimization.LogisticGradient;
import org.apache.spark.mllib.regression.LabeledPoint;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * The ChainRule gradient of the logistic loss against MLlib's own hand-written {@code
 * LogisticGradient} (the independent oracle), per example and summed over a distributed data set
 * in every form this module offers.
 *
 * <p>The data keep the margins moderate (|z| &lt; 4): where |z| is large, MLlib's multiplier {@code
 * 1/(1 + exp(−z)) − label} itself loses digits to cancellation, and 1e-12 would test MLlib's
 * rounding rather than either gradient.
 */
class LogisticGradientTest {
  private static final int FEATURES = 8;
  private static final Gradient CHAIN_RULE = ChainRuleGradient.of(
      LogisticLossDerivatives::lossPullback, LogisticLossDerivatives.LossAdjoint::new);
  private static final Gradient MLLIB = new LogisticGradient();

  static double[] weights(long seed, int size) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] w = new double[size];
    for (int j = 0; j < size; j++) {
      w[j] = random.nextDouble(-0.5, 0.5);
    }
    return w;
  }

  @Test
  void perExampleGradientAndLossEqualMllibs() {
    List<LabeledPoint> data = SyntheticData.local(SyntheticData.Kind.LOGISTIC, 500, FEATURES, 3);
    Vector w = Vectors.dense(weights(5, FEATURES + 1));
    for (int i = 0; i < data.size(); i++) {
      LabeledPoint p = data.get(i);
      DenseVector ours = new DenseVector(new double[FEATURES + 1]);
      DenseVector theirs = new DenseVector(new double[FEATURES + 1]);
      double lossOurs = CHAIN_RULE.compute(p.features(), p.label(), w, ours);
      double lossTheirs = MLLIB.compute(p.features(), p.label(), w, theirs);
      Close.relative(lossTheirs, lossOurs, 1e-12, "loss of example " + i);
      Close.componentwise(theirs.values(), ours.values(), 1e-12, "gradient of example " + i);
    }
  }

  @Test
  void perExampleGradientOfSparseFeaturesEqualsMllibs() {
    Vector w = Vectors.dense(weights(6, 6));
    Vector sparse = Vectors.sparse(6, new int[] {1, 4, 5}, new double[] {0.7, -1.2, 1.0});
    for (double label : new double[] {0, 1}) {
      DenseVector ours = new DenseVector(new double[6]);
      DenseVector theirs = new DenseVector(new double[6]);
      Close.relative(MLLIB.compute(sparse, label, w, theirs),
          CHAIN_RULE.compute(sparse, label, w, ours), 1e-12, "loss, label " + label);
      Close.componentwise(theirs.values(), ours.values(), 1e-12, "gradient, label " + label);
    }
  }

  @Test
  void cumGradientAccumulatesLikeMllibs() {
    List<LabeledPoint> data = SyntheticData.local(SyntheticData.Kind.LOGISTIC, 50, FEATURES, 4);
    Vector w = Vectors.dense(weights(7, FEATURES + 1));
    DenseVector ours = new DenseVector(new double[FEATURES + 1]);
    DenseVector theirs = new DenseVector(new double[FEATURES + 1]);
    for (LabeledPoint p : data) {
      CHAIN_RULE.compute(p.features(), p.label(), w, ours);
      MLLIB.compute(p.features(), p.label(), w, theirs);
    }
    Close.normwise(theirs.values(), ours.values(), 1e-12, "accumulated gradient");
  }

  @Test
  void distributedSumsEqualMllibsSequentialSum() {
    List<LabeledPoint> data = SyntheticData.local(SyntheticData.Kind.LOGISTIC, 3000, FEATURES, 8);
    double[] w = weights(9, FEATURES + 1);
    DenseVector expected = new DenseVector(new double[FEATURES + 1]);
    double expectedLoss = 0;
    for (LabeledPoint p : data) {
      expectedLoss += MLLIB.compute(p.features(), p.label(), Vectors.dense(w), expected);
    }
    JavaRDD<LabeledPoint> rdd = LocalSpark.context().parallelize(data, 3);
    List<DistributedLoss> forms = List.of(
        DistributedLoss.of(MLLIB),
        DistributedLoss.of(CHAIN_RULE),
        DistributedLoss.perExample(
            LogisticLossDerivatives::lossPullback, LogisticLossDerivatives.LossAdjoint::new),
        DistributedLoss.batched(LogisticLossDerivatives::batchLossPullback,
            LogisticLossDerivatives.BatchLossAdjoint::new),
        DistributedLoss.batched(LogisticLossDerivatives::batchLossPullback,
            LogisticLossDerivatives.BatchLossAdjoint::new, 7).withTreeDepth(3),
        Losses.logisticBatchedFourSums());
    for (int f = 0; f < forms.size(); f++) {
      LossAndGradient s = forms.get(f).evaluate(rdd, w);
      assertEquals(data.size(), s.count(), "count, form " + f);
      Close.relative(expectedLoss, s.lossSum(), 1e-12, "summed loss, form " + f);
      Close.normwise(expected.values(), s.gradientSum(), 1e-12, "summed gradient, form " + f);
    }
  }

  @Test
  void pairsAndDatasetRowsGiveTheSameSums() {
    List<LabeledPoint> data = SyntheticData.local(SyntheticData.Kind.LOGISTIC, 1000, FEATURES, 10);
    double[] w = weights(11, FEATURES + 1);
    DistributedLoss loss = DistributedLoss.batched(LogisticLossDerivatives::batchLossPullback,
        LogisticLossDerivatives.BatchLossAdjoint::new);
    JavaRDD<LabeledPoint> points = LocalSpark.context().parallelize(data, 2);
    LossAndGradient expected = loss.evaluate(points, w);

    LossAndGradient fromPairs = loss.evaluate(
        points.map(p -> new scala.Tuple2<Object, Vector>(p.label(), p.features())).rdd(), w);
    Close.relative(expected.lossSum(), fromPairs.lossSum(), 1e-15, "loss from pairs");
    Close.normwise(expected.gradientSum(), fromPairs.gradientSum(), 1e-15, "gradient from pairs");

    List<Row> rows = new ArrayList<>();
    for (LabeledPoint p : data) {
      rows.add(RowFactory.create(p.label(), p.features().asML()));
    }
    StructType schema = new StructType()
        .add("label", DataTypes.DoubleType)
        .add("features", SQLDataTypes.VectorType());
    Dataset<Row> frame = LocalSpark.session().createDataFrame(rows, schema).repartition(2);
    LossAndGradient fromRows = loss.evaluate(frame, "label", "features", w);
    assertEquals(data.size(), fromRows.count());
    // repartition reorders the rows, so the sums differ in rounding only.
    Close.relative(expected.lossSum(), fromRows.lossSum(), 1e-12, "loss from a Dataset");
    Close.normwise(expected.gradientSum(), fromRows.gradientSum(), 1e-12, "gradient from a Dataset");
  }
}
