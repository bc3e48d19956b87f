package dev.chainrule.spark;

import java.io.Serializable;
import org.apache.spark.mllib.linalg.Vector;
import org.apache.spark.mllib.linalg.Vectors;
import org.apache.spark.mllib.regression.LabeledPoint;
import org.apache.spark.sql.Row;
import scala.Tuple2;

/**
 * How to read one example (label and features) from an element of a data set: MLlib's {@link
 * LabeledPoint}, the {@code (label, features)} pairs {@code LBFGS.runLBFGS} takes, or a Dataset's
 * {@link Row} of label and vector columns.
 *
 * @param <T> the element type
 */
interface RowReader<T> extends Serializable {
  /** The example's label. */
  double label(T row);

  /**
   * The example's features as a dense array: a dense vector's own array, or a sparse one scattered
   * into {@code scratch} ({@code null} if {@code scratch} is {@code null} and the vector is sparse).
   */
  double[] features(T row, double[] scratch);

  /** The features as an MLlib vector, for MLlib's own {@code Gradient}s. */
  Vector vector(T row);

  /** Reads {@link LabeledPoint}s. */
  RowReader<LabeledPoint> LABELED_POINTS = new RowReader<>() {
    private static final long serialVersionUID = 1L;

    @Override
    public double label(LabeledPoint row) {
      return row.label();
    }

    @Override
    public double[] features(LabeledPoint row, double[] scratch) {
      return Features.dense(row.features(), scratch);
    }

    @Override
    public Vector vector(LabeledPoint row) {
      return row.features();
    }
  };

  /** Reads the {@code (label, features)} pairs of MLlib's optimisers. */
  RowReader<Tuple2<Object, Vector>> PAIRS = new RowReader<>() {
    private static final long serialVersionUID = 1L;

    @Override
    public double label(Tuple2<Object, Vector> row) {
      return ((Number) row._1()).doubleValue();
    }

    @Override
    public double[] features(Tuple2<Object, Vector> row, double[] scratch) {
      return Features.dense(row._2(), scratch);
    }

    @Override
    public Vector vector(Tuple2<Object, Vector> row) {
      return row._2();
    }
  };

  /**
   * Reads rows whose column 0 is the label (any number) and column 1 the features (an ML vector,
   * as in Spark ML's Datasets, or an MLlib vector).
   */
  RowReader<Row> ROWS = new RowReader<>() {
    private static final long serialVersionUID = 1L;

    @Override
    public double label(Row row) {
      return ((Number) row.get(0)).doubleValue();
    }

    @Override
    public double[] features(Row row, double[] scratch) {
      Object v = row.get(1);
      if (v instanceof org.apache.spark.ml.linalg.Vector ml) {
        return Features.dense(ml, scratch);
      }
      return Features.dense((Vector) v, scratch);
    }

    @Override
    public Vector vector(Row row) {
      Object v = row.get(1);
      if (v instanceof org.apache.spark.ml.linalg.Vector ml) {
        return Vectors.fromML(ml);
      }
      return (Vector) v;
    }
  };
}
