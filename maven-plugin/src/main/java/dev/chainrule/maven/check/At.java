package dev.chainrule.maven.check;

import dev.chainrule.numeric.VectorFunction;
import java.util.List;
import java.util.Random;
import java.util.function.ToDoubleFunction;

/**
 * One sample point of a method's check and what every derivative is compared with there: the
 * method's value, the function of the flattened differentiated inputs, a random direction {@code v}
 * for the forward-mode derivatives and a random seed {@code w} for the pullback (entries uniform in
 * [-1, 1], drawn from the check's seed, so a build is reproducible).
 */
final class At {
  final Object[] args;
  final String point;
  final double[] x;
  /** The method's result: a {@code Double}, {@code double[]} or {@code double[][]}. */
  final Object value;
  final double[] values;
  final VectorFunction f;
  final ToDoubleFunction<double[]> scalar;
  final List<String> inputs;
  final List<String> outputs;
  final double[] v;
  final double[] w;
  private final Random random;

  /** {@code J·v} and {@code wᵀJ} as the tangent and the pullback gave them, for the dot-product test. */
  double[] jv;
  String jvFrom;
  double[] wj;
  String wjFrom;

  At(Subject s, Object[] args, Object value, long seed) {
    this.args = args;
    this.point = s.describe(args);
    this.x = s.flatten(args);
    this.value = value;
    this.values = Shapes.flatten(value);
    this.f = u -> s.values(s.with(args, u));
    this.scalar = s.vector() ? null : u -> s.scalar(s.with(args, u));
    this.inputs = s.inputNames(args);
    this.outputs = s.outputNames(value);
    this.random = new Random(seed);
    this.v = randoms(x.length);
    this.w = randoms(values.length);
  }

  double[] randoms(int n) {
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      out[i] = 2 * random.nextDouble() - 1;
    }
    return out;
  }

  /** The function's name in messages: {@code price}, or {@code polar} for all its outputs. */
  static String name(Subject s) {
    return s.out >= 0 ? s.m.out() : s.m.name();
  }
}
