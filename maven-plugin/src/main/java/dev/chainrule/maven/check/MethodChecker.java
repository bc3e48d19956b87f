package dev.chainrule.maven.check;

import dev.chainrule.maven.check.MethodResult.Failure;
import dev.chainrule.maven.check.MethodResult.Status;
import dev.chainrule.maven.index.ClassIndex;
import dev.chainrule.maven.index.MethodIndex;
import dev.chainrule.maven.index.MethodIndex.Derivative;
import dev.chainrule.maven.index.MethodIndex.Parameter;
import dev.chainrule.numeric.FiniteDifferences;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Checks every derivative the index lists for one method against finite differences of the method
 * itself: central differences first, and Richardson extrapolation (core's FiniteDifferences) for a
 * component that misses the tolerance, before it counts as a failure.
 *
 * <p>{@code gradient}: the record's value must equal the method's exactly, and each partial the
 * numeric one. {@code pullback}: starting from an adjoint pre-filled with 0.25, after one call with
 * seed 1.5 each field must hold 0.25 + 1.5 × the numeric partial, and the returned value the
 * method's. {@code tangent} and {@code pushforward} (forward mode, per the naming contract): the
 * tangent along a random direction must equal the numeric directional derivative, and the value the
 * method's. Kinds this version cannot check
 * ({@code jacobian}, {@code hvp}, {@code hessian}) are listed as unchecked, never skipped silently.
 */
public final class MethodChecker {
  private static final double PREFILL = 0.25;
  private static final double SEED = 1.5;
  private static final int MAX_FAILURES_PER_DERIVATIVE = 5;
  private static final List<String> CHECKED_KINDS = List.of("gradient", "pullback", "tangent", "pushforward");

  private final double tolerance;
  private final long seed;
  private final int defaultCount;

  public MethodChecker(double tolerance, long seed, int defaultCount) {
    this.tolerance = tolerance;
    this.seed = seed;
    this.defaultCount = defaultCount;
  }

  public MethodResult check(ClassIndex c, MethodIndex m, ClassLoader loader) throws CheckException {
    long start = System.nanoTime();
    Class<?> owner = load(loader, c.owner());
    Class<?> companion = load(loader, c.companion());
    Method target = find(owner, m.name(), Types.of(m.parameters()));
    Points.Drawn drawn = m.isScalar() ? Points.of(m, owner, seed, defaultCount)
        : new Points.Drawn(List.of(), "its result is " + (m.out() != null ? "written into @Out " + m.out() : m.result())
            + ": this plugin version checks methods with a double result only");
    List<String> checked = new ArrayList<>();
    List<String> unchecked = new ArrayList<>();
    for (Derivative d : m.derivatives()) {
      if (!CHECKED_KINDS.contains(d.kind())) {
        unchecked.add(d.method() + ": this plugin version has no check for " + d.kind() + " derivatives");
      }
    }
    if (drawn.unchecked() != null) {
      return new MethodResult(c.owner(), m.name(), Status.UNCHECKED, drawn.unchecked(), 0, null, List.of(),
          unchecked, 0, 0, List.of(), millis(start));
    }
    Run run = new Run(c, m, target);
    int points = 0;
    String firstPoint = null;
    for (Object[] args : drawn.points()) {
      double value = run.value(args);
      if (!Double.isFinite(value)) {
        continue;
      }
      points++;
      firstPoint = firstPoint == null ? run.describe(args) : firstPoint;
      double[] x = run.flatten(args);
      double[] numeric = FiniteDifferences.gradient(v -> run.value(run.with(args, v)), x);
      for (Derivative d : m.derivatives()) {
        switch (d.kind()) {
          case "gradient" -> run.gradient(companion, d, args, value, x, numeric);
          case "pullback" -> run.pullback(companion, d, args, value, x, numeric);
          case "tangent", "pushforward" -> run.tangent(companion, d, args, value, x, numeric, unchecked);
          default -> { }
        }
        if (!checked.contains(d.method()) && !unchecked.stream().anyMatch(u -> u.startsWith(d.method() + ":"))
            && CHECKED_KINDS.contains(d.kind())) {
          checked.add(d.method());
        }
      }
    }
    if (points == 0) {
      return new MethodResult(c.owner(), m.name(), Status.UNCHECKED,
          "the method is not finite at any of the " + drawn.points().size() + " points: give a domain with @CheckPoints(min, max)",
          0, null, List.of(), unchecked, 0, 0, List.of(), millis(start));
    }
    Status status = run.failures.isEmpty() ? Status.PASSED : Status.FAILED;
    return new MethodResult(c.owner(), m.name(), status, null, points, firstPoint, checked, unchecked, run.components,
        run.maxError, run.failures, millis(start));
  }

  private static long millis(long start) {
    return (System.nanoTime() - start) / 1_000_000;
  }

  /** The state of one method's check. */
  private final class Run {
    final ClassIndex owner;
    final MethodIndex m;
    final Method target;
    final List<Failure> failures = new ArrayList<>();
    int components;
    double maxError;
    private final java.util.Map<String, Integer> failuresPerDerivative = new java.util.HashMap<>();

    Run(ClassIndex owner, MethodIndex m, Method target) {
      this.owner = owner;
      this.m = m;
      this.target = target;
    }

    double value(Object[] args) {
      try {
        return (double) target.invoke(null, Types.copy(args));
      } catch (InvocationTargetException e) {
        throw new IllegalStateException(owner.simpleName() + "." + m.name() + "(" + describe(args) + ") threw " + e.getCause(), e.getCause());
      } catch (IllegalAccessException e) {
        throw new IllegalStateException(e);
      }
    }

    void gradient(Class<?> companion, Derivative d, Object[] args, double value, double[] x, double[] numeric) {
      Method method = find(companion, d.method(), Types.of(m.parameters()));
      Object record = invoke(method, d, args, Types.copy(args));
      double recordValue = (double) read(record, "value", d);
      if (Double.compare(recordValue, value) != 0) {
        fail(d, "value", args, recordValue, value, Double.NaN, "the value " + recordValue + " is not " + m.name()
            + "'s own " + value);
      }
      List<Double> generated = new ArrayList<>();
      for (Parameter p : m.differentiated()) {
        flattenInto(read(record, p.name(), d), generated);
      }
      compare(d, args, x, generated, numeric);
    }

    void pullback(Class<?> companion, Derivative d, Object[] args, double value, double[] x, double[] numeric) {
      if (d.type() == null) {
        throw new IllegalStateException(d.method() + " has no adjoint class in the index");
      }
      Class<?> adjointType = loadNested(companion, d.type());
      Object adjoint = newAdjoint(adjointType, args);
      Class<?>[] types = Types.of(m.parameters());
      Class<?>[] withSeed = java.util.Arrays.copyOf(types, types.length + 2);
      withSeed[types.length] = double.class;
      withSeed[types.length + 1] = adjointType;
      Object[] call = java.util.Arrays.copyOf(Types.copy(args), args.length + 2);
      call[args.length] = SEED;
      call[args.length + 1] = adjoint;
      double returned = (double) invoke(find(companion, d.method(), withSeed), d, args, call);
      if (Double.compare(returned, value) != 0) {
        fail(d, "value", args, returned, value, Double.NaN, "it returns " + returned + ", not " + m.name() + "'s own " + value);
      }
      List<Double> accumulated = new ArrayList<>();
      for (Parameter p : m.differentiated()) {
        try {
          Field f = adjointType.getField(p.name());
          flattenInto(f.get(adjoint), accumulated);
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException(d.type() + " has no public field " + p.name(), e);
        }
      }
      List<Double> perSeed = new ArrayList<>();
      for (double a : accumulated) {
        perSeed.add((a - PREFILL) / SEED);
      }
      compare(d, args, x, perSeed, numeric); // the partials, per unit of seed
    }

    void tangent(Class<?> companion, Derivative d, Object[] args, double value, double[] x, double[] numeric,
        List<String> unchecked) {
      List<Parameter> diff = m.differentiated();
      Class<?>[] types = Types.of(m.parameters());
      boolean pushforward = d.kind().equals("pushforward");
      Class<?> workType = pushforward && d.type() != null ? loadNested(companion, d.type()) : null;
      Class<?>[] all = java.util.Arrays.copyOf(types, types.length + diff.size() + (pushforward ? 1 : 0));
      for (int i = 0; i < diff.size(); i++) {
        all[types.length + i] = Types.type(diff.get(i).type());
      }
      if (pushforward) {
        all[all.length - 1] = workType;
      }
      Method method;
      try {
        method = companion.getMethod(d.method(), all);
      } catch (NoSuchMethodException e) {
        String why = d.method() + ": no form (parameters..., one tangent per differentiated parameter"
            + (pushforward ? ", workspace" : "") + ") to check";
        if (!unchecked.contains(why)) {
          unchecked.add(why);
        }
        return;
      }
      Random random = new Random(seed + components);
      double[] direction = new double[x.length];
      for (int i = 0; i < direction.length; i++) {
        direction[i] = 2 * random.nextDouble() - 1;
      }
      Object[] call = java.util.Arrays.copyOf(Types.copy(args), all.length);
      Object[] shaped = with(args, direction);
      int k = args.length;
      for (int i = 0; i < m.parameters().size(); i++) {
        if (m.parameters().get(i).differentiated()) {
          call[k++] = shaped[i];
        }
      }
      Object work = null;
      if (pushforward) {
        try {
          work = workType.getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException("cannot make a " + d.type() + ": " + e, e);
        }
        call[call.length - 1] = work;
      }
      Object result = invoke(method, d, args, call);
      double recordValue = pushforward ? (double) result : (double) read(result, "value", d);
      if (Double.compare(recordValue, value) != 0) {
        fail(d, "value", args, recordValue, value, Double.NaN, "the value " + recordValue + " is not " + m.name()
            + "'s own " + value);
      }
      double tangent;
      try {
        tangent = pushforward ? workType.getField("tangent").getDouble(work) : (double) read(result, "tangent", d);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(d.type() + " has no public field tangent", e);
      }
      double expected = 0;
      for (int i = 0; i < x.length; i++) {
        expected += numeric[i] * direction[i];
      }
      components++;
      double error = relative(tangent, expected);
      maxError = Math.max(maxError, Double.isNaN(error) ? 0 : error);
      if (error > tolerance) {
        fail(d, "the tangent along " + java.util.Arrays.toString(direction), args, tangent, expected, error, null);
      }
    }

    /** Compares generated partials with numeric ones, retrying a miss with Richardson extrapolation. */
    private void compare(Derivative d, Object[] args, double[] x, List<Double> generated, double[] numeric) {
      if (generated.size() != x.length) {
        throw new IllegalStateException(d.method() + " gives " + generated.size() + " partials for " + x.length + " inputs");
      }
      List<String> names = componentNames(args);
      for (int i = 0; i < x.length; i++) {
        double g = generated.get(i);
        double n = numeric[i];
        if (Double.isNaN(n) && !Double.isFinite(g)) {
          continue; // not finite nearby: nothing to compare
        }
        double error = relative(g, n);
        if (!(error <= tolerance)) {
          int at = i;
          n = FiniteDifferences.derivativeRichardson(t -> {
            double[] v = x.clone();
            v[at] = t;
            return value(with(args, v));
          }, x[i]);
          if (Double.isNaN(n) && !Double.isFinite(g)) {
            continue;
          }
          error = relative(g, n);
        }
        components++;
        if (!Double.isNaN(error)) {
          maxError = Math.max(maxError, error);
        }
        if (!(error <= tolerance)) {
          String partial = "∂" + m.name() + "/∂" + names.get(i);
          fail(d, partial, args, g, n, error, null);
        }
      }
    }

    private void fail(Derivative d, String partial, Object[] args, double generated, double numeric, double error,
        String what) {
      int count = failuresPerDerivative.merge(d.method(), 1, Integer::sum);
      if (count > MAX_FAILURES_PER_DERIVATIVE) {
        return;
      }
      String point = describe(args);
      String message = owner.simpleName() + "." + m.name() + " at (" + point + "): " + partial + " from " + d.method() + " is "
          + generated + (what != null ? ": " + what
              : ", but finite differences give " + numeric + " (relative error " + String.format("%.3g", error)
                  + " > tolerance " + tolerance + ")");
      failures.add(new Failure(d.method(), partial, point, generated, numeric, error, message));
    }

    /** The differentiated parameters' values, flattened in order (arrays row-major). */
    double[] flatten(Object[] args) {
      List<Double> out = new ArrayList<>();
      for (int i = 0; i < args.length; i++) {
        if (m.parameters().get(i).differentiated()) {
          flattenInto(args[i], out);
        }
      }
      return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** A copy of {@code args} with the differentiated parameters taken from {@code v}. */
    Object[] with(Object[] args, double[] v) {
      Object[] out = Types.copy(args);
      int k = 0;
      for (int i = 0; i < args.length; i++) {
        if (!m.parameters().get(i).differentiated()) {
          continue;
        }
        if (out[i] instanceof double[] a) {
          for (int j = 0; j < a.length; j++) {
            a[j] = v[k++];
          }
        } else if (out[i] instanceof double[][] a) {
          for (double[] row : a) {
            for (int j = 0; j < row.length; j++) {
              row[j] = v[k++];
            }
          }
        } else {
          out[i] = v[k++];
        }
      }
      return out;
    }

    List<String> componentNames(Object[] args) {
      List<String> names = new ArrayList<>();
      for (int i = 0; i < args.length; i++) {
        Parameter p = m.parameters().get(i);
        if (!p.differentiated()) {
          continue;
        }
        if (args[i] instanceof double[] a) {
          for (int j = 0; j < a.length; j++) {
            names.add(p.name() + "[" + j + "]");
          }
        } else if (args[i] instanceof double[][] a) {
          for (int r = 0; r < a.length; r++) {
            for (int j = 0; j < a[r].length; j++) {
              names.add(p.name() + "[" + r + "][" + j + "]");
            }
          }
        } else {
          names.add(p.name());
        }
      }
      return names;
    }

    String describe(Object[] args) {
      StringBuilder out = new StringBuilder();
      for (int i = 0; i < args.length; i++) {
        out.append(i > 0 ? ", " : "").append(m.parameters().get(i).name()).append('=');
        Object a = args[i];
        out.append(a instanceof double[] v ? java.util.Arrays.toString(v) : a instanceof double[][] v
            ? java.util.Arrays.deepToString(v) : a instanceof int[] v ? java.util.Arrays.toString(v)
            : a instanceof int[][] v ? java.util.Arrays.deepToString(v) : String.valueOf(a));
      }
      return out.toString();
    }

    private Object newAdjoint(Class<?> type, Object[] args) {
      List<Object> buffers = new ArrayList<>();
      List<Class<?>> bufferTypes = new ArrayList<>();
      for (int i = 0; i < args.length; i++) {
        Parameter p = m.parameters().get(i);
        if (p.differentiated() && args[i] instanceof double[] a) {
          double[] b = new double[a.length];
          java.util.Arrays.fill(b, PREFILL);
          buffers.add(b);
          bufferTypes.add(double[].class);
        } else if (p.differentiated() && args[i] instanceof double[][] a) {
          double[][] b = new double[a.length][];
          for (int r = 0; r < a.length; r++) {
            b[r] = new double[a[r].length];
            java.util.Arrays.fill(b[r], PREFILL);
          }
          buffers.add(b);
          bufferTypes.add(double[][].class);
        }
      }
      try {
        Constructor<?> constructor = type.getConstructor(bufferTypes.toArray(new Class<?>[0]));
        Object adjoint = constructor.newInstance(buffers.toArray());
        for (Parameter p : m.differentiated()) {
          if (p.type().equals("double")) {
            type.getField(p.name()).setDouble(adjoint, PREFILL);
          }
        }
        return adjoint;
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot make a " + type.getSimpleName() + ": " + e, e);
      }
    }

    private Object invoke(Method method, Derivative d, Object[] args, Object[] call) {
      try {
        return method.invoke(null, call);
      } catch (InvocationTargetException e) {
        throw new IllegalStateException(d.method() + "(" + describe(args) + ") threw " + e.getCause(), e.getCause());
      } catch (IllegalAccessException e) {
        throw new IllegalStateException(e);
      }
    }

    private Object read(Object record, String component, Derivative d) {
      try {
        Method accessor = record.getClass().getMethod(component);
        return accessor.invoke(record);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(d.method() + "'s result has no component " + component, e);
      }
    }
  }

  static double relative(double generated, double numeric) {
    if (Double.compare(generated, numeric) == 0) {
      return 0;
    }
    return Math.abs(generated - numeric) / Math.max(1, Math.max(Math.abs(generated), Math.abs(numeric)));
  }

  private static void flattenInto(Object value, List<Double> out) {
    if (value instanceof Double d) {
      out.add(d);
    } else if (value instanceof double[] a) {
      for (double v : a) {
        out.add(v);
      }
    } else if (value instanceof double[][] a) {
      for (double[] row : a) {
        flattenInto(row, out);
      }
    } else {
      throw new IllegalStateException("not a partial: " + value);
    }
  }

  static Class<?> load(ClassLoader loader, String name) throws CheckException {
    try {
      return Class.forName(name, true, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      throw new CheckException("cannot load " + name + " from the project's classes: " + e);
    }
  }

  private static Class<?> loadNested(Class<?> companion, String simple) {
    for (Class<?> nested : companion.getClasses()) {
      if (nested.getSimpleName().equals(simple)) {
        return nested;
      }
    }
    throw new IllegalStateException(companion.getName() + " has no public nested class " + simple);
  }

  static Method find(Class<?> owner, String name, Class<?>[] types) {
    try {
      Method m = owner.getDeclaredMethod(name, types);
      m.setAccessible(true);
      return m;
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException(owner.getName() + " has no method " + name + java.util.Arrays.toString(types)
          + ": rebuild, the index and the classes disagree", e);
    }
  }
}
