package dev.chainrule.spark;

import java.io.Serializable;
import java.util.Arrays;

/**
 * The loss and gradient of a data set (or of a part of it), <em>summed</em> over its examples:
 * what {@link DistributedLoss#evaluate} returns. Divide by {@link #count()} for the means MLlib's
 * optimisers minimise ({@link #meanLoss()}, {@link #meanGradient()}).
 */
public final class LossAndGradient implements Serializable {
  private static final long serialVersionUID = 1L;

  private long count;
  private double lossSum;
  private double[] gradientSum;

  /**
   * A sum over {@code count} examples.
   *
   * @param count how many examples
   * @param lossSum their summed loss
   * @param gradientSum their summed gradient (kept, not copied); {@code null} for no example
   */
  public LossAndGradient(long count, double lossSum, double[] gradientSum) {
    this.count = count;
    this.lossSum = lossSum;
    this.gradientSum = gradientSum;
  }

  /** The sum over no example: the zero of {@link #add}. */
  static LossAndGradient empty() {
    return new LossAndGradient(0, 0.0, null);
  }

  /**
   * Adds {@code b} into {@code a} and returns {@code a} (or {@code b} if {@code a} has no gradient
   * yet): the merge of Spark's {@code treeAggregate}, which allows it to reuse its first argument.
   */
  static LossAndGradient add(LossAndGradient a, LossAndGradient b) {
    if (b.gradientSum == null) {
      a.count += b.count;
      a.lossSum += b.lossSum;
      return a;
    }
    if (a.gradientSum == null) {
      b.count += a.count;
      b.lossSum += a.lossSum;
      return b;
    }
    if (a.gradientSum.length != b.gradientSum.length) {
      throw new IllegalArgumentException(
          "gradients of " + a.gradientSum.length + " and " + b.gradientSum.length + " entries");
    }
    a.count += b.count;
    a.lossSum += b.lossSum;
    for (int j = 0; j < a.gradientSum.length; j++) {
      a.gradientSum[j] += b.gradientSum[j];
    }
    return a;
  }

  /** How many examples were summed. */
  public long count() {
    return count;
  }

  /** The summed loss. */
  public double lossSum() {
    return lossSum;
  }

  /** The summed gradient with respect to the weights (a copy); empty for no example. */
  public double[] gradientSum() {
    return gradientSum == null ? new double[0] : gradientSum.clone();
  }

  /** The mean loss, {@link #lossSum()} / {@link #count()}. */
  public double meanLoss() {
    return lossSum / count;
  }

  /** The mean gradient, {@link #gradientSum()} / {@link #count()}. */
  public double[] meanGradient() {
    double[] g = gradientSum();
    for (int j = 0; j < g.length; j++) {
      g[j] /= count;
    }
    return g;
  }

  @Override
  public String toString() {
    return "LossAndGradient[count=" + count + ", lossSum=" + lossSum + ", gradientSum="
        + Arrays.toString(gradientSum) + "]";
  }
}
