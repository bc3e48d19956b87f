package dev.chainrule.processor.fuzz;

import dev.chainrule.processor.fuzz.Ast.Method;
import dev.chainrule.processor.fuzz.Ast.Param;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * The forward-mode check of the fuzz suite: the generated {@code <m>Tangent} along a random
 * direction v must return the original's value bit for bit, leave the arguments as the original
 * leaves them, and give {@code ⟨b, v⟩} for the oracle gradient b within {@code 1e-9 · max(1, Σ
 * max(1, |b_i|)·|v_i|)}: forward mode adds the same path products as the oracle, in its own order.
 * Components the gradient comparison does not trust (cancelling paths, paths beyond 1e150) get
 * direction 0, so one of them does not hide the others.
 */
final class Pushforwards {
  private Pushforwards() {}

  /** Null when the pushforward agrees, else what is wrong. */
  static String check(Loaded loaded, String companion, Method m, Object[] args, Object[] afterMethod,
      double[] oracle, double[] magnitude, double largestPartial, double original, SplittableRandom rnd,
      Consumer<String> skip) {
    double[] v = new double[oracle.length];
    double expected = 0;
    double scale = 1;
    double sum = 0;
    for (int i = 0; i < v.length; i++) {
      boolean trusted = magnitude[i] <= FuzzDifferentialTest.CANCELLATION * Math.max(1, Math.abs(oracle[i]))
          && magnitude[i] <= FuzzDifferentialTest.HUGE;
      v[i] = trusted ? rnd.nextDouble(-1, 1) : 0;
      expected += oracle[i] * v[i];
      sum += Math.max(1, Math.abs(oracle[i])) * Math.abs(v[i]);
    }
    scale = Math.max(scale, sum);
    Object[] after = Arguments.copy(args);
    List<Object> all = new ArrayList<>(Arrays.asList(after));
    all.addAll(directions(m, args, v));
    Record tangent = (Record) Loaded.invoke(loaded.method(companion, m.name() + "Tangent"), all.toArray());
    double value = (double) FuzzDifferentialTest.component(tangent, "value");
    if (Double.compare(value, original) != 0) {
      return "value " + value + " != original " + original;
    }
    String changed = Arguments.arraysDiffer(m, afterMethod, after);
    if (changed != null) {
      return "left " + changed;
    }
    double t = (double) FuzzDifferentialTest.component(tangent, "tangent");
    if (!Double.isFinite(t) && largestPartial > FuzzDifferentialTest.HUGE) {
      skip.accept("non-finite pushforward where a local partial exceeds 1e150");
      return null;
    }
    if (!(Math.abs(t - expected) <= FuzzDifferentialTest.TOLERANCE * scale)) {
      return "tangent " + t + " along " + Arrays.toString(v) + ", oracle ⟨gradient, v⟩ = " + expected
          + " (difference " + Math.abs(t - expected) + ", scale " + scale + ")";
    }
    return null;
  }

  /** The flat direction {@code v} in the shapes of the differentiated parameters, in order. */
  private static List<Object> directions(Method m, Object[] args, double[] v) {
    List<Object> out = new ArrayList<>();
    int k = 0;
    for (int i = 0; i < args.length; i++) {
      Param p = m.params().get(i);
      if (!p.differentiated()) {
        continue;
      }
      if (args[i] instanceof double[][] mat) {
        double[][] d = new double[mat.length][];
        for (int r = 0; r < mat.length; r++) {
          d[r] = Arrays.copyOfRange(v, k, k + mat[r].length);
          k += mat[r].length;
        }
        out.add(d);
      } else if (args[i] instanceof double[] arr) {
        out.add(Arrays.copyOfRange(v, k, k + arr.length));
        k += arr.length;
      } else {
        out.add(v[k++]);
      }
    }
    return out;
  }
}
