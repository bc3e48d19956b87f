package dev.chainrule.processor.behaviour;

import dev.chainrule.numeric.FiniteDifferences;
import dev.chainrule.numeric.FiniteDifferences.Scheme;
import dev.chainrule.numeric.Packing;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The behaviour every generated pushforward must have at a point where the gradient has been
 * checked: its value is bit-for-bit the original's, it leaves the arguments untouched, and its
 * tangent in a random direction v agrees with the directional finite difference of the original
 * method along v and with ⟨gradient, v⟩ (the two modes' dot-product test).
 */
final class TangentOracle {
  /** Relative tolerance of the agreement of the two modes (both exact up to rounding). */
  static final double MODES_TOLERANCE = 1e-9;

  private TangentOracle() {}

  static void check(Differentiated m, Scheme scheme, Object[] args, Record gradient, String where) {
    Packing packing = m.pack(args);
    double[] g = Packing.flatten(m.recordParts(gradient));
    if (!Arrays.stream(g).allMatch(Double::isFinite)) {
      return; // edge cases with infinite partials are checked by their own tests
    }
    SplittableRandom random = new SplittableRandom(where.hashCode());
    double[] v = new double[g.length];
    for (int i = 0; i < v.length; i++) {
      v[i] = random.nextDouble(-1, 1);
    }
    Object[] directions = directions(m, args, packing, v);
    Object[] pristine = Differentiated.deepCopy(args);
    Record tangent = m.tangent(args, directions);
    if (!Arrays.deepEquals(pristine, args)) {
      throw new AssertionError(where + ": the pushforward changed its arguments to " + GradientOracle.describe(args));
    }
    double expectedValue = m.value(Differentiated.deepCopy(args));
    double value = (double) Differentiated.component(tangent, "value");
    if (Double.doubleToRawLongBits(value) != Double.doubleToRawLongBits(expectedValue)) {
      throw new AssertionError(where + ": the pushforward's value is " + value + " but the method returns "
          + expectedValue);
    }
    double t = (double) Differentiated.component(tangent, "tangent");
    double dot = 0;
    double scale = 1;
    for (int i = 0; i < g.length; i++) {
      dot += g[i] * v[i];
      scale = Math.max(scale, Math.abs(g[i] * v[i]));
    }
    if (!(Math.abs(t - dot) <= MODES_TOLERANCE * scale)) {
      throw new AssertionError(where + ": the pushforward's tangent " + t + " in direction " + Arrays.toString(v)
          + " is not ⟨gradient, v⟩ = " + dot);
    }
    double[] x = Packing.flatten(m.wrtArgs(args));
    java.util.function.DoubleUnaryOperator along = s -> {
      double[] moved = x.clone();
      for (int i = 0; i < moved.length; i++) {
        moved[i] += s * v[i];
      }
      return m.value(m.substitute(args, packing, moved));
    };
    double numeric = scheme == Scheme.CENTRAL
        ? FiniteDifferences.derivative(along, 0) : FiniteDifferences.derivativeRichardson(along, 0);
    double error = Math.abs(t - numeric) / Math.max(1, Math.max(Math.abs(t), Math.abs(numeric)));
    if (Double.isFinite(numeric) && !(error <= GradientOracle.TOLERANCE)) {
      throw new AssertionError(where + ": the pushforward's tangent " + t + " in direction " + Arrays.toString(v)
          + " disagrees with the directional finite difference " + numeric + " (relative error " + error + ")");
    }
  }

  /** The direction {@code v} (flat) in the shapes of the differentiated parameters. */
  private static Object[] directions(Differentiated m, Object[] args, Packing packing, double[] v) {
    Object[] moved = m.substitute(args, packing, v);
    return m.wrtArgs(moved);
  }
}
