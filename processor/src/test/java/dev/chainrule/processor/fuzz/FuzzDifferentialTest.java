package dev.chainrule.processor.fuzz;

import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.chainrule.processor.DifferentiableProcessor;
import dev.chainrule.processor.fuzz.Ast.*;
import dev.chainrule.processor.fuzz.Interpreter.D;
import java.lang.reflect.Constructor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Random-program differential test (issue 7): batches of randomly generated {@code @Differentiable}
 * methods ({@link Generator}) are printed ({@link Printer}), compiled in-process with ChainRule's
 * processor, and compared at random points with an independent forward-mode oracle: the
 * {@link Interpreter} evaluating the same syntax tree with Hipparchus {@code Gradient}s.
 *
 * <p>Per point: the compiled original must equal the interpreter's plain-double value bit for bit
 * (same operations in the same order), the gradient record's {@code value} must equal it bit for
 * bit, and every partial {@code a} of the record must satisfy {@code |a - b| / max(1, |b|) <= 1e-9}
 * against the oracle's {@code b}. For some methods the pullback is also called with a seed other
 * than 1 into an adjoint pre-filled with random values; it must return the value bit for bit and
 * leave {@code pre + seed * b} in every component, within {@code 1e-9 * max(1, |pre| + |seed*b|)}.
 * At every compared point the pushforward {@code <m>Tangent} along a random direction v must give
 * {@code ⟨b, v⟩} ({@link Pushforwards}).
 *
 * <p>Components whose chain-rule paths cancel heavily are not compared (counted): the oracle also
 * propagates {@code m >= |b|}, the sum over all chain-rule paths of the absolute path products
 * (see {@link Interpreter}). Forward and reverse mode add the same path products in different
 * orders — reverse mode adds {@code +c} and {@code -c} of {@code x - x} separately into an adjoint
 * that may hold a small value — so their rounding differs by about {@code 1e-16 * m}; where {@code
 * m > 1e6 * max(1, |b|)} that can exceed the tolerance without any bug. Components whose paths
 * exceed 1e150 are not compared either: near the range of double the two modes overflow in
 * different intermediate products.
 *
 * <p>Points where the oracle itself is not trustworthy are skipped with a counted reason: a
 * non-finite value or oracle gradient, or a point where the derivative is only defined by a
 * convention (ties in max/min, abs at 0, hypot/atan2 at the origin, pow with base 0). A non-finite
 * generated partial against a finite oracle is a mismatch, except at a point where some operation's
 * local partial exceeds 1e150 (a factor 1e200, atan2's {@code 1/r} of arguments near 1e-300): there
 * reverse mode multiplies an adjoint by that partial where forward mode multiplies an already small
 * tangent, so the reverse sweep may overflow (or subtract two overflowed paths) where the oracle does
 * not; such components are counted as skipped, and finite ones are still compared.
 *
 * <p>Counted and asserted zero: processor crashes (exceptions, "internal error" diagnostics), javac
 * errors in generated companions, refusals of generated programs (the generator only produces the
 * supported subset, so a refusal is a processor bug or a generator bug — reported with its
 * diagnostic), mismatches. {@code -Dchainrule.fuzz.programs=N -Dchainrule.fuzz.seed=S} for a soak;
 * {@code -Dchainrule.fuzz.class=C} reruns only the class a failure names ({@code seed=S class=C});
 * {@code -Dchainrule.fuzz.dump=DIR} writes the generated classes there, {@code
 * -Dchainrule.fuzz.timing=true} prints compile and check times per class.
 */
class FuzzDifferentialTest {
  static final double TOLERANCE = 1e-9;
  static final double CANCELLATION = 1e6;
  static final double HUGE = 1e150;
  private static final int PER_CLASS = 100;
  private static final int POINTS = 5;
  private static final int MAX_REPORTED = 5;

  private long compileNanos;
  private long checkNanos;
  private int programs;
  private long points;
  private long compared;
  private long pullbacks;
  private long pushforwards;
  private long aliasChecks;
  private int mismatches;
  private int crashes;
  private int rejections;
  private int refusals;
  private int invalid;
  private final Map<String, Integer> skipped = new TreeMap<>();
  private final List<String> reports = new ArrayList<>();

  @Test
  void randomProgramsMatchForwardModeOracle() {
    int total = Integer.getInteger("chainrule.fuzz.programs", 2000);
    long seed = Long.getLong("chainrule.fuzz.seed", 7L);
    long start = System.nanoTime();
    Integer only = Integer.getInteger("chainrule.fuzz.class");
    if (only != null) {
      runClass(seed, only, PER_CLASS);
    } else {
      for (int c = 0; programs < total; c++) {
        runClass(seed, c, Math.min(PER_CLASS, total - programs));
      }
    }
    long millis = (System.nanoTime() - start) / 1_000_000;
    String summary = String.format(
        "chainrule fuzz: seed=%d programs=%d points=%d compared=%d pushforwards=%d pullbacks=%d aliasedWorkspaces=%d mismatches=%d"
            + " crashes=%d javacRejections=%d refusals=%d invalidPrograms=%d skipped=%s time=%dms (compile %dms, check %dms)",
        seed, programs, points, compared, pushforwards, pullbacks, aliasChecks, mismatches, crashes, rejections, refusals,
        invalid, skipped, millis, compileNanos / 1_000_000, checkNanos / 1_000_000);
    System.out.println(summary);
    String detail = summary + "\n\n" + String.join("\n\n", reports);
    assertTrue(mismatches == 0 && crashes == 0 && rejections == 0 && refusals == 0 && invalid == 0,
        detail);
    assertTrue(compared >= points / 2, "too many skipped points: " + summary);
  }

  private void report(String text) {
    if (reports.size() < MAX_REPORTED) {
      reports.add(text);
    }
  }

  private void runClass(long seed, int c, int count) {
    Generator gen = new Generator(seed * 1_000_003L + c);
    for (int i = 0; i < count; i++) {
      gen.next("f" + i);
    }
    List<Method> methods = new ArrayList<>(gen.methods());
    programs += methods.size();
    long t0 = System.nanoTime();
    String cls = "Fuzz" + c;
    String where = "seed=" + seed + " class=" + c;
    String dump = System.getProperty("chainrule.fuzz.dump");
    if (dump != null) {
      try {
        java.nio.file.Files.createDirectories(java.nio.file.Path.of(dump));
        java.nio.file.Files.writeString(java.nio.file.Path.of(dump, cls + ".java"),
            Printer.unit("fz", cls, methods));
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
    Compilation compilation = null;
    for (int attempt = 0; attempt < 5 && compilation == null; attempt++) {
      String source = Printer.unit("fz", cls, methods);
      Compilation result;
      try {
        result = compile(cls, source, true);
      } catch (RuntimeException e) {
        crashes++;
        report(where + ": processor threw " + e + "\n" + source);
        return;
      }
      if (result.status() == Compilation.Status.SUCCESS) {
        compilation = result;
        break;
      }
      Set<String> refused = new LinkedHashSet<>();
      boolean fatal = false;
      for (Diagnostic<? extends JavaFileObject> d : result.errors()) {
        String msg = d.getMessage(null);
        String file = d.getSource() == null ? "" : d.getSource().getName();
        if (msg.toLowerCase().contains("internal error")) {
          crashes++;
          fatal = true;
          report(where + ": processor internal error: " + msg);
        } else if (file.endsWith("Derivatives.java")) {
          rejections++;
          fatal = true;
          report(where + ": javac rejects generated code at line " + d.getLineNumber() + ": "
              + msg + "\n" + generatedLine(result, d));
        } else {
          String m = methodAt(source, d.getLineNumber());
          refused.add(m);
          if (compile(cls, source, false).status() != Compilation.Status.SUCCESS) {
            invalid++;
            report(where + ": generator produced invalid Java (" + m + " line "
                + d.getLineNumber() + "): " + msg + "\n" + program(methods, m));
          } else {
            refusals++;
            report(where + ": processor refuses " + m + " (line " + d.getLineNumber() + "): "
                + msg + "\n" + program(methods, m));
          }
          fatal = fatal || m == null;
        }
      }
      if (fatal || refused.isEmpty()) {
        return;
      }
      methods = withoutCallersOf(methods, refused);
    }
    if (compilation == null) {
      return;
    }
    compileNanos += System.nanoTime() - t0;
    long t1 = System.nanoTime();
    Loaded loaded = new Loaded(compilation);
    Map<String, Method> byName = new LinkedHashMap<>();
    for (Method m : methods) {
      byName.put(m.name(), m);
    }
    SplittableRandom rnd = new SplittableRandom(seed * 31 + c);
    int index = 0;
    for (Method m : methods) {
      for (int p = 0; p < POINTS; p++) {
        checkPoint(loaded, cls, byName, m, rnd, where, p < 2 && index % 2 == 0);
      }
      index++;
    }
    checkNanos += System.nanoTime() - t1;
    if (Boolean.getBoolean("chainrule.fuzz.timing")) {
      System.out.println("class " + c + ": compile " + (t1 - t0) / 1_000_000 + "ms, check "
          + (System.nanoTime() - t1) / 1_000_000 + "ms");
    }
  }

  private static Compilation compile(String cls, String source, boolean withProcessor) {
    var compiler = javac().withOptions("-parameters", "-proc:" + (withProcessor ? "full" : "none"));
    if (withProcessor) {
      compiler = compiler.withProcessors(new DifferentiableProcessor());
    }
    return compiler.compile(JavaFileObjects.forSourceString("fz." + cls, source));
  }

  private void checkPoint(Loaded loaded, String cls, Map<String, Method> byName, Method m,
      SplittableRandom rnd, String where, boolean pullback) {
    points++;
    boolean alias = rnd.nextInt(4) == 0;
    Object[] args = Arguments.random(m, rnd, alias);
    String at = where + " " + m.name() + " at " + describe(args);
    String owner = "fz." + (m.inBase() ? cls + "Base" : cls);
    String companion = owner + "Derivatives";
    if (Arguments.aliased(args) && m.writesWorkspace()) {
      // A written @NoDerivative array shares storage with a differentiated one: refused at run time.
      aliasChecks++;
      try {
        Loaded.invoke(loaded.method(companion, m.name() + "Gradient"), Arguments.copy(args));
        mismatches++;
        report(at + ": the gradient accepted a written workspace that is a differentiated array\n" + program(byName, m));
      } catch (IllegalArgumentException expected) {
        // as documented
      } catch (RuntimeException e) {
        mismatches++;
        report(at + ": aliased workspace threw " + e + "\n" + program(byName, m));
      }
      return;
    }
    Interpreter it = new Interpreter(byName, Arguments.inputs(m, args));
    List<Object> dargs = Arguments.forOracle(m, args, it);
    D expected;
    try {
      expected = it.call(m.name(), dargs);
    } catch (RuntimeException e) {
      invalid++;
      report(at + ": the interpreter failed: " + e + "\n" + program(new ArrayList<>(byName.values()),
          m.name()));
      return;
    }
    double original;
    Record record;
    Object[] afterMethod = Arguments.copy(args);
    Object[] afterGradient = Arguments.copy(args);
    try {
      original = (double) Loaded.invoke(loaded.method(owner, m.name()), afterMethod);
      record = (Record) Loaded.invoke(loaded.method(companion, m.name() + "Gradient"), afterGradient);
    } catch (RuntimeException e) {
      mismatches++;
      report(at + ": threw " + e + "\n" + program(new ArrayList<>(byName.values()), m.name()));
      return;
    }
    if (Double.compare(original, expected.v()) != 0) {
      mismatches++;
      report(at + ": primal of the compiled original " + original + " != interpreter "
          + expected.v() + " (generator/interpreter bug)\n" + program(byName, m));
      return;
    }
    double value = (double) component(record, "value");
    if (Double.compare(value, original) != 0) {
      mismatches++;
      report(at + ": gradient record value " + value + " != original " + original + "\n"
          + program(byName, m));
      return;
    }
    String changed = Arguments.arraysDiffer(m, afterMethod, afterGradient);
    if (changed != null) {
      mismatches++;
      report(at + ": after the gradient " + changed + "\n" + program(byName, m));
      return;
    }
    double[] oracle = expected.g().getGradient();
    if (!Double.isFinite(expected.v()) || !Arrays.stream(oracle).allMatch(Double::isFinite)) {
      skip("non-finite value or oracle gradient");
      return;
    }
    if (!it.suspect.isEmpty()) {
      for (String reason : it.suspect) {
        skip(reason);
      }
      return;
    }
    double[] actual = flat(m, record);
    String mismatch = compare(m, args, actual, oracle, expected.m(), it.largestPartial);
    if (mismatch != null) {
      mismatches++;
      report(at + ": gradient " + mismatch + "\n" + program(byName, m));
      return;
    }
    compared++;
    pushforwards++;
    String t = Pushforwards.check(loaded, companion, m, args, afterMethod, oracle, expected.m(), it.largestPartial,
        original, rnd, this::skip);
    if (t != null) {
      mismatches++;
      report(at + ": pushforward " + t + "\n" + program(byName, m));
    }
    if (pullback) {
      pullbacks++;
      String p = checkPullback(loaded, companion, m, args, afterMethod, oracle, expected.m(),
          it.largestPartial, original, rnd);
      if (p != null) {
        mismatches++;
        report(at + ": pullback " + p + "\n" + program(byName, m));
      }
    }
  }

  private String checkPullback(Loaded loaded, String companion, Method m, Object[] args,
      Object[] afterMethod, double[] oracle, double[] magnitude, double largestPartial, double original,
      SplittableRandom rnd) {
    String adjointName = companion + "$" + Character.toUpperCase(m.name().charAt(0))
        + m.name().substring(1) + "Adjoint";
    Class<?> type = loaded.type(adjointName);
    List<Class<?>> types = new ArrayList<>();
    List<Object> buffers = new ArrayList<>();
    double[] pre = new double[oracle.length];
    int k = 0;
    for (int i = 0; i < args.length; i++) {
      Object a = args[i];
      if (!m.params().get(i).differentiated()) {
        continue;
      }
      if (a instanceof double[][] mat) {
        double[][] buf = new double[mat.length][];
        for (int r = 0; r < mat.length; r++) {
          buf[r] = new double[mat[r].length];
          for (int j = 0; j < buf[r].length; j++) {
            buf[r][j] = pre[k++] = rnd.nextDouble(-2, 2);
          }
        }
        types.add(double[][].class);
        buffers.add(buf);
      } else if (a instanceof double[] arr) {
        double[] buf = new double[arr.length];
        for (int j = 0; j < buf.length; j++) {
          buf[j] = pre[k++] = rnd.nextDouble(-2, 2);
        }
        types.add(double[].class);
        buffers.add(buf);
      } else {
        pre[k++] = rnd.nextDouble(-2, 2);
      }
    }
    try {
      Constructor<?> ctor = type.getConstructor(types.toArray(new Class<?>[0]));
      Object adjoint = ctor.newInstance(buffers.toArray());
      k = 0;
      for (int i = 0; i < args.length; i++) {
        Param p = m.params().get(i);
        if (!p.differentiated()) {
          continue;
        }
        if (p.matrix() || p.array()) {
          k += Arguments.flatten(args[i]).length;
        } else {
          type.getField(p.name()).setDouble(adjoint, pre[k++]);
        }
      }
      double seed = rnd.nextDouble(0.5, 3.0);
      Object[] afterPullback = Arguments.copy(args);
      Object[] all = Arrays.copyOf(afterPullback, args.length + 2);
      all[args.length] = seed;
      all[args.length + 1] = adjoint;
      double returned = (double) Loaded.invoke(loaded.method(companion, m.name() + "Pullback"),
          all);
      if (Double.compare(returned, original) != 0) {
        return "returned " + returned + " != original " + original;
      }
      String changed = Arguments.arraysDiffer(m, afterMethod, afterPullback);
      if (changed != null) {
        return "left " + changed;
      }
      double[] got = new double[oracle.length];
      k = 0;
      for (Param p : m.params()) {
        if (!p.differentiated()) {
          continue;
        }
        for (double x : Arguments.flatten(type.getField(p.name()).get(adjoint))) {
          got[k++] = x;
        }
      }
      for (int i = 0; i < got.length; i++) {
        if (illConditioned(oracle, magnitude, i) || magnitude[i] > HUGE
            || !Double.isFinite(got[i]) && largestPartial > HUGE) {
          continue;
        }
        double want = pre[i] + seed * oracle[i];
        double scale = Math.max(1, Math.abs(pre[i]) + Math.abs(seed * oracle[i]));
        if (!(Math.abs(got[i] - want) <= TOLERANCE * scale)) {
          return "with seed " + seed + ": component " + component(m, args, i) + " pre-filled "
              + pre[i] + " became " + got[i] + ", expected pre + seed * " + oracle[i] + " = "
              + want;
        }
      }
      return null;
    } catch (ReflectiveOperationException e) {
      return "reflection failed: " + e;
    }
  }

  /**
   * Whether component i is too ill-conditioned for a 1e-9 comparison: its chain-rule paths add up
   * to more than {@link #CANCELLATION} times the result, so the rounding of either mode (about
   * {@code 1e-16 * m} per addition) may exceed {@code 1e-9 * max(1, |b|)}.
   */
  private static boolean illConditioned(double[] oracle, double[] magnitude, int i) {
    return magnitude[i] > CANCELLATION * Math.max(1, Math.abs(oracle[i]));
  }

  /** Null when every component matches, else a description of the first one that does not. */
  private String compare(Method m, Object[] args, double[] actual, double[] oracle,
      double[] magnitude, double largestPartial) {
    for (int i = 0; i < oracle.length; i++) {
      if (illConditioned(oracle, magnitude, i)) {
        skip("component with cancelling paths (path magnitude > 1e6 max(1, |gradient|))");
        continue;
      }
      if (magnitude[i] > HUGE) {
        // The two modes multiply the same path products in different orders; near the range of
        // double one overflows in an intermediate product where the other does not.
        skip("component with path magnitude > 1e150 (the modes overflow in different intermediates)");
        continue;
      }
      if (!Double.isFinite(actual[i]) && largestPartial > HUGE) {
        skip("non-finite generated component where a local partial exceeds 1e150 (the reverse sweep's adjoints leave the range where the tangents do not)");
        continue;
      }
      double err = Math.abs(actual[i] - oracle[i]) / Math.max(1, Math.abs(oracle[i]));
      if (!(err <= TOLERANCE)) {
        return "component " + component(m, args, i) + ": generated " + actual[i] + ", oracle "
            + oracle[i] + " (relative error " + err + ", path magnitude " + magnitude[i] + ")";
      }
    }
    return null;
  }

  /** The name of the i-th flattened differentiated input ({@code x1} or {@code a0[2]}). */
  static String component(Method m, Object[] args, int flat) {
    int k = 0;
    for (int i = 0; i < args.length; i++) {
      if (!m.params().get(i).differentiated()) {
        continue;
      }
      if (args[i] instanceof double[][] mat) {
        for (int r = 0; r < mat.length; r++) {
          if (flat < k + mat[r].length) {
            return m.params().get(i).name() + "[" + r + "][" + (flat - k) + "]";
          }
          k += mat[r].length;
        }
      } else if (args[i] instanceof double[] arr) {
        if (flat < k + arr.length) {
          return m.params().get(i).name() + "[" + (flat - k) + "]";
        }
        k += arr.length;
      } else {
        if (flat == k) {
          return m.params().get(i).name();
        }
        k++;
      }
    }
    throw new IllegalArgumentException();
  }

  private void skip(String reason) {
    skipped.merge(reason, 1, Integer::sum);
  }

  private static double[] flat(Method m, Record record) {
    List<Double> out = new ArrayList<>();
    for (Param p : m.params()) {
      if (p.differentiated()) {
        for (double x : Arguments.flatten(component(record, p.name()))) {
          out.add(x);
        }
      }
    }
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }

  static Object component(Record record, String name) {
    for (var c : record.getClass().getRecordComponents()) {
      if (c.getName().equals(name)) {
        try {
          c.getAccessor().setAccessible(true);
          return c.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
          throw new AssertionError(e);
        }
      }
    }
    throw new AssertionError(record.getClass().getName() + " has no component " + name);
  }

  static String describe(Object[] args) {
    StringBuilder out = new StringBuilder("(");
    for (int i = 0; i < args.length; i++) {
      Object a = args[i];
      out.append(i == 0 ? "" : ", ")
          .append(a instanceof double[][] mat ? "new double[][] " + Arrays.deepToString(mat)
              .replace('[', '{').replace(']', '}')
              : a instanceof double[] arr ? "new double[] " + Arrays.toString(arr)
              .replace('[', '{').replace(']', '}')
              : a instanceof int[] ints ? "new int[] " + Arrays.toString(ints).replace('[', '{').replace(']', '}') : a);
    }
    return out.append(")").toString();
  }

  /** The source of {@code m} and of every method it calls, transitively (callees first). */
  static String program(Map<String, Method> byName, Method m) {
    return program(new ArrayList<>(byName.values()), m.name());
  }

  static String program(List<Method> methods, String name) {
    Map<String, Method> byName = new LinkedHashMap<>();
    for (Method x : methods) {
      byName.put(x.name(), x);
    }
    Set<String> needed = new HashSet<>();
    collect(byName, name, needed);
    StringBuilder out = new StringBuilder();
    for (Method x : methods) {
      if (needed.contains(x.name())) {
        out.append(Printer.method(x));
      }
    }
    return out.toString();
  }

  private static void collect(Map<String, Method> byName, String name, Set<String> out) {
    Method m = byName.get(name);
    if (m == null || !out.add(name)) {
      return;
    }
    for (String callee : Calls.callees(m)) {
      collect(byName, callee, out);
    }
  }

  private static List<Method> withoutCallersOf(List<Method> methods, Set<String> refused) {
    Set<String> gone = new HashSet<>(refused);
    List<Method> kept = new ArrayList<>();
    for (Method m : methods) {
      if (gone.contains(m.name()) || Calls.callees(m).stream().anyMatch(gone::contains)) {
        gone.add(m.name());
      } else {
        kept.add(m);
      }
    }
    return kept;
  }

  /** The method whose declaration precedes {@code line} in the printed unit. */
  private static String methodAt(String source, long line) {
    String[] lines = source.split("\n", -1);
    for (int i = (int) Math.min(line, lines.length) - 1; i >= 0; i--) {
      String l = lines[i].trim();
      if (l.startsWith("public static double ")) {
        return l.substring("public static double ".length(), l.indexOf('('));
      }
    }
    return null;
  }

  private static String generatedLine(Compilation c, Diagnostic<? extends JavaFileObject> d) {
    try {
      String[] lines = d.getSource().getCharContent(true).toString().split("\n", -1);
      int l = (int) d.getLineNumber();
      StringBuilder out = new StringBuilder();
      for (int i = Math.max(0, l - 6); i < Math.min(lines.length, l + 3); i++) {
        out.append(i + 1 == l ? ">> " : "   ").append(lines[i]).append('\n');
      }
      return out.toString();
    } catch (java.io.IOException e) {
      return "";
    }
  }
}
