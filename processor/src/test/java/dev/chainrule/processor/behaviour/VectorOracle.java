package dev.chainrule.processor.behaviour;

import dev.chainrule.numeric.FiniteDifferences.Scheme;
import dev.chainrule.numeric.GradientCheck;
import dev.chainrule.numeric.JacobianCheck;
import dev.chainrule.numeric.Packing;
import dev.chainrule.numeric.VectorFunction;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The behaviour every vector-valued method's generated derivatives must have at a point: the value
 * of each is bit-for-bit the original's; the Jacobian agrees with finite differences of the original
 * (Richardson), and its forward and reverse forms agree with each other; the pushforward in a random
 * direction v is J·v and agrees with the directional finite difference; the pullback of a random
 * seed w is wᵀJ and agrees with the finite difference of ⟨w, f⟩; ⟨w, J·v⟩ = ⟨wᵀJ, v⟩ (the dot-product
 * test of the two modes); and no derivative changes an argument (an {@code @Out} parameter receives
 * what the original leaves in it).
 */
final class VectorOracle {
  /** Against finite differences, relative to max(1, |entry|). */
  static final double TOLERANCE = 1e-6;
  /** Between the modes, which are exact up to rounding. */
  static final double MODES = 1e-10;

  private final CompiledSources sources;
  private final String owner;
  private final String companion;
  private final String name;
  private final List<String> wrt;
  private final int out;
  private final Method original;
  private final int[] wrtIndex;
  private Scheme scheme = Scheme.RICHARDSON;

  private VectorOracle(CompiledSources sources, String owner, String name, int out, List<String> wrt) {
    this.sources = sources;
    this.owner = owner;
    this.companion = owner + "Derivatives";
    this.name = name;
    this.wrt = wrt;
    this.out = out;
    this.original = sources.method(owner, name);
    java.lang.reflect.Parameter[] params = original.getParameters();
    wrtIndex = new int[wrt.size()];
    for (int k = 0; k < wrtIndex.length; k++) {
      wrtIndex[k] = -1;
      for (int i = 0; i < params.length; i++) {
        if (params[i].getName().equals(wrt.get(k))) {
          wrtIndex[k] = i;
        }
      }
      if (wrtIndex[k] < 0) {
        throw new AssertionError(owner + "." + name + " has no parameter " + wrt.get(k));
      }
    }
  }

  /** A method returning its vector result. */
  static VectorOracle of(CompiledSources sources, String owner, String name, String... wrt) {
    return new VectorOracle(sources, owner, name, -1, List.of(wrt));
  }

  /** A method writing its result into the parameter at index {@code out}. */
  static VectorOracle withOut(CompiledSources sources, String owner, String name, int out, String... wrt) {
    return new VectorOracle(sources, owner, name, out, List.of(wrt));
  }

  /** Central differences, for functions with a kink within Richardson's initial step. */
  VectorOracle central() {
    scheme = Scheme.CENTRAL;
    return this;
  }

  // ---------------------------------------------------------------- calls

  private Method companionMethod(String method, int arity) {
    for (Method m : sources.type(companion).getDeclaredMethods()) {
      if (m.getName().equals(method) && m.getParameterCount() == arity) {
        m.setAccessible(true);
        return m;
      }
    }
    throw new AssertionError("no " + method + " with " + arity + " parameters in " + companion);
  }

  private Class<?> nested(String simple) {
    return sources.type(companion + "$" + simple);
  }

  private String cap() {
    return Character.toUpperCase(name.charAt(0)) + name.substring(1);
  }

  /** The original's result at {@code args} (for an @Out method, what it writes into its output). */
  Object value(Object[] args) {
    Object[] copy = Differentiated.deepCopy(args);
    Object r = CompiledSources.invoke(original, copy);
    return out >= 0 ? copy[out] : r;
  }

  private static double[] flat(Object result) {
    return Packing.flatten(result);
  }

  private Object[] substitute(Object[] args, Packing packing, double[] v) {
    Object[] moved = Differentiated.deepCopy(args);
    for (int k = 0; k < wrtIndex.length; k++) {
      Object arg = args[wrtIndex[k]];
      moved[wrtIndex[k]] = arg instanceof Double ? packing.scalar(v, k)
          : arg instanceof double[] ? packing.vector(v, k) : packing.matrix(v, k);
    }
    return moved;
  }

  private Object[] wrtArgs(Object[] args) {
    Object[] parts = new Object[wrtIndex.length];
    for (int k = 0; k < parts.length; k++) {
      parts[k] = args[wrtIndex[k]];
    }
    return parts;
  }

  // ---------------------------------------------------------------- the check

  /** Checks every derivative at {@code args} and returns the Jacobian record. */
  Record check(Object... args) {
    String where = owner + "." + name + " at " + GradientOracle.describe(args);
    Object expected = value(args);
    Packing packing = Packing.of(wrtArgs(args)).named(wrt.toArray(String[]::new));
    double[] x = Packing.flatten(wrtArgs(args));
    VectorFunction f = v -> flat(value(substitute(args, packing, v)));

    // The Jacobian, its value and its agreement with finite differences.
    Object[] pristine = Differentiated.deepCopy(args);
    Object[] called = Differentiated.deepCopy(args);
    Record jacobian = (Record) CompiledSources.invoke(companionMethod(name + "Jacobian", args.length), called);
    unchanged(pristine, called, where, "the Jacobian");
    sameValue(expected, Differentiated.component(jacobian, "value"), where, "the Jacobian");
    if (out >= 0) {
      sameValue(expected, called[out], where, "the Jacobian's output");
    }
    GradientCheck.Report report = JacobianCheck.compareRecord(jacobian, f, packing, scheme);
    if (!report.within(TOLERANCE)) {
      throw new AssertionError(where + ": the Jacobian disagrees with finite differences\n" + report);
    }
    double[][] J = dense(jacobian, expected);

    // Both drivers give the same blocks.
    for (String mode : List.of("Forward", "Reverse")) {
      Object work = newInstance(nested(cap() + "JacobianWork"));
      Object[] withWork = Arrays.copyOf(Differentiated.deepCopy(args), args.length + 1);
      withWork[args.length] = work;
      Object value = CompiledSources.invoke(companionMethod(name + "Jacobian" + mode, args.length + 1), withWork);
      sameValue(expected, out >= 0 ? withWork[out] : value, where, "the " + mode.toLowerCase() + " Jacobian");
      double[][] other = denseFromWork(work, J.length);
      close(J, other, where + ": the " + mode.toLowerCase() + " Jacobian differs from the Jacobian");
    }

    // The pushforward in a random direction.
    SplittableRandom random = new SplittableRandom(where.hashCode());
    double[] v = randoms(random, x.length);
    Object[] directions = wrtArgs(substitute(args, packing, v));
    Object[] tangentArgs = Arrays.copyOf(Differentiated.deepCopy(args), args.length + directions.length);
    System.arraycopy(directions, 0, tangentArgs, args.length, directions.length);
    Record tangent = (Record) CompiledSources.invoke(companionMethod(name + "Tangent", tangentArgs.length), tangentArgs);
    unchanged(pristine, Arrays.copyOf(tangentArgs, args.length), where, "the pushforward");
    sameValue(expected, Differentiated.component(tangent, "value"), where, "the pushforward");
    double[] jv = flat(Differentiated.component(tangent, "tangent"));
    double[] expectedJv = times(J, v);
    closeVector(expectedJv, jv, where + ": the pushforward along " + Arrays.toString(v) + " is not J·v");
    report = JacobianCheck.compareJvp(f, jv, x, v, scheme);
    if (!report.within(TOLERANCE)) {
      throw new AssertionError(where + ": the pushforward disagrees with finite differences\n" + report);
    }

    // The pullback of a random seed.
    double[] w = randoms(random, J.length);
    Object seed = shaped(expected, w);
    Object adjoint = newAdjoint(args);
    Object[] pullbackArgs = Arrays.copyOf(Differentiated.deepCopy(args), args.length + 2);
    pullbackArgs[args.length] = seed;
    pullbackArgs[args.length + 1] = adjoint;
    Object pulled = CompiledSources.invoke(companionMethod(name + "Pullback", args.length + 2), pullbackArgs);
    sameValue(expected, out >= 0 ? pullbackArgs[out] : pulled, where, "the pullback");
    unchanged(pristine, Arrays.copyOf(pullbackArgs, args.length), where, "the pullback");
    double[] wj = adjointFlat(adjoint);
    closeVector(transposeTimes(J, w), wj, where + ": the pullback of " + Arrays.toString(w) + " is not wᵀJ");
    report = JacobianCheck.compareVjp(f, wj, x, w, scheme);
    if (!report.within(TOLERANCE)) {
      throw new AssertionError(where + ": the pullback disagrees with finite differences\n" + report);
    }
    report = JacobianCheck.dotProductTest(v, jv, w, wj);
    if (!report.within(MODES)) {
      throw new AssertionError(where + ": the two modes fail the dot-product test\n" + report);
    }
    return jacobian;
  }

  private void unchanged(Object[] pristine, Object[] args, String where, String what) {
    Object[] a = args.clone();
    Object[] p = pristine.clone();
    if (out >= 0) {
      a[out] = null;
      p[out] = null;
    }
    if (!Arrays.deepEquals(p, a)) {
      throw new AssertionError(where + ": " + what + " changed its arguments to " + GradientOracle.describe(args));
    }
  }

  private static void sameValue(Object expected, Object actual, String where, String what) {
    if (!Arrays.deepEquals(new Object[] {expected}, new Object[] {actual})) {
      throw new AssertionError(where + ": " + what + "'s value is " + Arrays.deepToString(new Object[] {actual})
          + " but the method gives " + Arrays.deepToString(new Object[] {expected}));
    }
  }

  /** The dense Jacobian (m × n, inputs in wrt order, flattened) from the record's blocks. */
  private double[][] dense(Record jacobian, Object value) {
    int m = flat(value).length;
    Object[] blocks = new Object[wrt.size()];
    for (int k = 0; k < blocks.length; k++) {
      blocks[k] = Differentiated.component(jacobian, wrt.get(k));
    }
    return dense(blocks, m);
  }

  private double[][] denseFromWork(Object work, int m) {
    Object[] blocks = new Object[wrt.size()];
    for (int k = 0; k < blocks.length; k++) {
      blocks[k] = field(work, wrt.get(k));
    }
    return dense(blocks, m);
  }

  private static double[][] dense(Object[] blocks, int m) {
    double[][] out = new double[m][];
    for (int i = 0; i < m; i++) {
      List<Double> row = new ArrayList<>();
      for (Object block : blocks) {
        if (block instanceof double[] column) {
          row.add(column[i]);
        } else {
          for (double d : ((double[][]) block)[i]) {
            row.add(d);
          }
        }
      }
      out[i] = row.stream().mapToDouble(Double::doubleValue).toArray();
    }
    return out;
  }

  private Object newAdjoint(Object[] args) {
    Object adjoint = newInstance(nested(cap() + "Adjoint"));
    for (int k = 0; k < wrtIndex.length; k++) {
      Object arg = args[wrtIndex[k]];
      if (arg instanceof double[] a) {
        setField(adjoint, wrt.get(k), new double[a.length]);
      } else if (arg instanceof double[][] a) {
        double[][] zero = new double[a.length][];
        for (int r = 0; r < a.length; r++) {
          zero[r] = new double[a[r].length];
        }
        setField(adjoint, wrt.get(k), zero);
      }
    }
    return adjoint;
  }

  private double[] adjointFlat(Object adjoint) {
    Object[] parts = new Object[wrt.size()];
    for (int k = 0; k < parts.length; k++) {
      parts[k] = field(adjoint, wrt.get(k));
    }
    return Packing.flatten(parts);
  }

  /** {@code w} in the shape of {@code like} (a double[] or a double[][]). */
  private static Object shaped(Object like, double[] w) {
    if (like instanceof double[]) {
      return w.clone();
    }
    double[][] m = (double[][]) like;
    double[][] s = new double[m.length][];
    int i = 0;
    for (int r = 0; r < m.length; r++) {
      s[r] = Arrays.copyOfRange(w, i, i + m[r].length);
      i += m[r].length;
    }
    return s;
  }

  private static double[] randoms(SplittableRandom random, int n) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = random.nextDouble(-1, 1);
    }
    return v;
  }

  private static double[] times(double[][] J, double[] v) {
    double[] out = new double[J.length];
    for (int i = 0; i < J.length; i++) {
      for (int j = 0; j < v.length; j++) {
        out[i] += J[i][j] * v[j];
      }
    }
    return out;
  }

  private static double[] transposeTimes(double[][] J, double[] w) {
    int n = J.length == 0 ? 0 : J[0].length;
    double[] out = new double[n];
    for (int i = 0; i < J.length; i++) {
      for (int j = 0; j < n; j++) {
        out[j] += w[i] * J[i][j];
      }
    }
    return out;
  }

  private static void close(double[][] a, double[][] b, String message) {
    for (int i = 0; i < a.length; i++) {
      closeVector(a[i], b[i], message + " (row " + i + ")");
    }
  }

  private static void closeVector(double[] a, double[] b, String message) {
    if (a.length != b.length) {
      throw new AssertionError(message + ": lengths " + a.length + " and " + b.length);
    }
    for (int i = 0; i < a.length; i++) {
      double scale = Math.max(1, Math.max(Math.abs(a[i]), Math.abs(b[i])));
      if (!(Math.abs(a[i] - b[i]) <= MODES * scale)) {
        throw new AssertionError(message + ": " + Arrays.toString(a) + " vs " + Arrays.toString(b));
      }
    }
  }

  private static Object newInstance(Class<?> type) {
    try {
      var c = type.getDeclaredConstructor();
      c.setAccessible(true);
      return c.newInstance();
    } catch (ReflectiveOperationException e) {
      throw new AssertionError("cannot create " + type.getName(), e);
    }
  }

  private static Object field(Object target, String name) {
    try {
      Field f = target.getClass().getField(name);
      return f.get(target);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(target.getClass().getName() + " has no public field " + name, e);
    }
  }

  private static void setField(Object target, String name, Object value) {
    try {
      target.getClass().getField(name).set(target, value);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(target.getClass().getName() + " has no public field " + name, e);
    }
  }
}
