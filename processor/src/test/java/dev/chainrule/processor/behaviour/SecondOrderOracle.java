package dev.chainrule.processor.behaviour;

import dev.chainrule.numeric.FiniteDifferences.Scheme;
import dev.chainrule.numeric.GradientCheck;
import dev.chainrule.numeric.HessianCheck;
import dev.chainrule.numeric.Packing;
import dev.chainrule.numeric.VectorFunction;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The behaviour a second-order method's generated derivatives must have at a point: the Hessian's
 * value and gradient are the method's value (bit for bit) and its generated gradient; the Hessian
 * agrees with differences of the gradient (Richardson) and is symmetric to rounding; the
 * Hessian-vector product along a random v is H·v and agrees with differences of the gradient along
 * v; {@code vᵀ(H·w) = wᵀ(H·v)}; the allocation-free Hessian gives the same again with its workspace
 * reused; and nothing changes the arguments.
 */
final class SecondOrderOracle {
  static final double TOLERANCE = 1e-6;
  static final double MODES = 1e-10;

  private SecondOrderOracle() {}

  private static Method method(CompiledSources sources, String companion, String name, int arity) {
    for (Method m : sources.type(companion).getDeclaredMethods()) {
      if (m.getName().equals(name) && m.getParameterCount() == arity) {
        return m;
      }
    }
    throw new AssertionError("no " + name + " with " + arity + " parameters in " + companion);
  }

  /** Checks {@code m} at {@code args} (a top-level class's method) and returns its Hessian record. */
  static Record check(CompiledSources sources, Differentiated m, Scheme scheme, Object... args) {
    String where = m.label() + " at " + GradientOracle.describe(args);
    String owner = m.label().substring(0, m.label().lastIndexOf('.'));
    String name = m.label().substring(m.label().lastIndexOf('.') + 1);
    String companion = owner + "Derivatives";
    Object[] pristine = Differentiated.deepCopy(args);
    Record gradient = GradientOracle.check(m, scheme, Differentiated.deepCopy(args));
    Packing packing = m.pack(args);
    double[] x = Packing.flatten(m.wrtArgs(args));
    double[] g = Packing.flatten(m.recordParts(gradient));
    VectorFunction gradientAt = v -> Packing.flatten(m.recordParts(m.gradient(m.substitute(args, packing, v))));

    Record hessian = (Record) CompiledSources.invoke(method(sources, companion, name + "Hessian", args.length), args);
    if (!Arrays.deepEquals(pristine, args)) {
      throw new AssertionError(where + ": the Hessian changed its arguments");
    }
    double value = (double) Differentiated.component(hessian, "value");
    if (Double.doubleToRawLongBits(value) != Double.doubleToRawLongBits(m.value(Differentiated.deepCopy(args)))) {
      throw new AssertionError(where + ": the Hessian's value is " + value);
    }
    close(g, (double[]) Differentiated.component(hessian, "gradient"), where + ": the Hessian's gradient");
    double[][] h = (double[][]) Differentiated.component(hessian, "hessian");
    GradientCheck.Report report = HessianCheck.compareWithGradient(gradientAt, h, x, scheme);
    if (!report.within(TOLERANCE)) {
      throw new AssertionError(where + ": the Hessian disagrees with differences of the gradient\n" + report);
    }
    for (int i = 0; i < h.length; i++) {
      for (int j = 0; j < i; j++) {
        double scale = Math.max(1, Math.max(Math.abs(h[i][j]), Math.abs(h[j][i])));
        if (!(Math.abs(h[i][j] - h[j][i]) <= MODES * scale)) {
          throw new AssertionError(where + ": the Hessian is not symmetric at " + i + ", " + j + ": " + h[i][j]
              + " vs " + h[j][i]);
        }
      }
    }

    // The allocation-free Hessian, its workspace used twice.
    Object work = newInstance(sources.type(companion + "$" + cap(name) + "HessianWork"));
    Object[] withWork = Arrays.copyOf(Differentiated.deepCopy(args), args.length + 1);
    withWork[args.length] = work;
    for (int round = 0; round < 2; round++) {
      CompiledSources.invoke(method(sources, companion, name + "Hessian", args.length + 1), withWork);
      double[][] again = (double[][]) field(work, "hessian");
      for (int i = 0; i < h.length; i++) {
        close(h[i], again[i], where + ": the allocation-free Hessian (use " + (round + 1) + ")");
      }
    }

    // Hessian-vector products along two random directions.
    SplittableRandom random = new SplittableRandom(where.hashCode());
    double[] v = randoms(random, x.length);
    double[] w = randoms(random, x.length);
    double[] hv = hvp(sources, companion, name, m, args, packing, v, where, g);
    double[] hw = hvp(sources, companion, name, m, args, packing, w, where, g);
    close(times(h, v), hv, where + ": the Hessian-vector product is not H·v");
    report = HessianCheck.compareHvp(gradientAt, hv, x, v, scheme);
    if (!report.within(TOLERANCE)) {
      throw new AssertionError(where + ": the Hessian-vector product disagrees with differences of the gradient\n"
          + report);
    }
    report = HessianCheck.symmetryTest(v, hv, w, hw);
    if (!report.within(MODES)) {
      throw new AssertionError(where + ": vᵀ(H·w) ≠ wᵀ(H·v)\n" + report);
    }
    return hessian;
  }

  private static double[] hvp(CompiledSources sources, String companion, String name, Differentiated m,
      Object[] args, Packing packing, double[] v, String where, double[] g) {
    Object[] directions = m.wrtArgs(m.substitute(args, packing, v));
    Object[] all = Arrays.copyOf(Differentiated.deepCopy(args), args.length + directions.length);
    System.arraycopy(directions, 0, all, args.length, directions.length);
    Record r = (Record) CompiledSources.invoke(method(sources, companion, name + "Hvp", all.length), all);
    Object[] gradientParts = new Object[m.wrt().size()];
    Object[] hvpParts = new Object[m.wrt().size()];
    for (int k = 0; k < gradientParts.length; k++) {
      gradientParts[k] = Differentiated.component(r, m.wrt().get(k));
      hvpParts[k] = Differentiated.component(r, m.wrt().get(k) + "Hvp");
    }
    close(g, Packing.flatten(gradientParts), where + ": the HVP's gradient");
    return Packing.flatten(hvpParts);
  }

  private static double[] times(double[][] h, double[] v) {
    double[] out = new double[h.length];
    for (int i = 0; i < h.length; i++) {
      for (int j = 0; j < v.length; j++) {
        out[i] += h[i][j] * v[j];
      }
    }
    return out;
  }

  private static double[] randoms(SplittableRandom random, int n) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = random.nextDouble(-1, 1);
    }
    return v;
  }

  private static void close(double[] a, double[] b, String message) {
    if (a.length != b.length) {
      throw new AssertionError(message + ": lengths " + a.length + ", " + b.length);
    }
    double scale = 1;
    for (double d : a) {
      scale = Math.max(scale, Math.abs(d));
    }
    for (int i = 0; i < a.length; i++) {
      if (!(Math.abs(a[i] - b[i]) <= MODES * Math.max(scale, Math.abs(b[i])))) {
        throw new AssertionError(message + ": " + Arrays.toString(a) + " vs " + Arrays.toString(b));
      }
    }
  }

  private static String cap(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  private static Object newInstance(Class<?> type) {
    try {
      return type.getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      throw new AssertionError("cannot create " + type.getName(), e);
    }
  }

  private static Object field(Object target, String name) {
    try {
      return target.getClass().getField(name).get(target);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(target.getClass().getName() + " has no field " + name, e);
    }
  }
}
