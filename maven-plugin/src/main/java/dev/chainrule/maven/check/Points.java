package dev.chainrule.maven.check;

import dev.chainrule.maven.index.MethodIndex;
import dev.chainrule.maven.index.MethodIndex.CheckPoints;
import dev.chainrule.maven.index.MethodIndex.Parameter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The points a method is checked at: the user's (a {@code @CheckPoints} provider), or drawn with a
 * fixed seed — {@code double}s uniformly in [min, max] (by default [-2, 2]), arrays of the sizes
 * {@code @CheckPoints(lengths)} gives, integers from 0 to 3.
 *
 * <p>An {@code @Out} parameter gets a zero-filled array. Its size is the one {@code lengths} gives
 * for it, like any array parameter's; {@code lengths} may also leave it out (and a method whose other
 * parameters are all {@code double}s needs no {@code @CheckPoints} at all), and a provider may give
 * {@code null} for it: then its size is found by running the method at the first point with outputs
 * of 1, 2, ... 64 elements ({@code double[][]}: 1 × 1, then growing by rows + columns up to 16 × 16),
 * and the smallest it completes with (no exception) is used at every point. A method that loops over
 * its output's length thus gets one element; one that writes {@code out[0]} and {@code out[1]} gets
 * two.
 */
public final class Points {
  static final double DEFAULT_MIN = -2;
  static final double DEFAULT_MAX = 2;
  /** The largest {@code double[]} output tried when the size is found by running the method. */
  static final int MAX_OUT_LENGTH = 64;
  /** The largest rows and columns of a {@code double[][]} output tried. */
  static final int MAX_OUT_SIDE = 16;

  /** The points, or why there can be none (the method is then unchecked). */
  public record Drawn(List<Object[]> points, String unchecked) {}

  private Points() {}

  public static Drawn of(MethodIndex m, Class<?> owner, long seed, int defaultCount) throws CheckException {
    CheckPoints cp = m.checkPoints();
    int out = m.outIndex();
    List<Object[]> points;
    if (cp != null && cp.provider() != null && !cp.provider().isEmpty()) {
      points = provided(m, owner, cp.provider());
    } else {
      Object drawn = drawn(m, cp, seed, defaultCount);
      if (drawn instanceof String why) {
        return new Drawn(List.of(), why);
      }
      @SuppressWarnings("unchecked")
      List<Object[]> list = (List<Object[]>) drawn;
      points = list;
    }
    if (out >= 0 && !points.isEmpty() && points.stream().anyMatch(p -> p[out] == null)) {
      Object[] shape = outShape(m, owner, points.get(0), out);
      if (shape[0] == null) {
        return new Drawn(List.of(), (String) shape[1]);
      }
      for (Object[] p : points) {
        if (p[out] == null) {
          p[out] = zeros(shape[0]);
        }
      }
    }
    return new Drawn(points, null);
  }

  /** Drawn points (a list), or why there can be none (a string). */
  private static Object drawn(MethodIndex m, CheckPoints cp, long seed, int defaultCount) {
    List<Integer> lengths = cp == null || cp.lengths() == null ? List.of() : cp.lengths();
    int out = m.outIndex();
    int needed = 0;
    int outDims = 0;
    for (int i = 0; i < m.parameters().size(); i++) {
      Parameter p = m.parameters().get(i);
      int dims = p.type().endsWith("[][]") ? 2 : p.type().endsWith("[]") ? 1 : 0;
      if (i == out) {
        outDims = dims;
      } else if (!p.type().equals("double") && cp == null) {
        String how = p.type().endsWith("[]")
            ? "give its size with @CheckPoints(lengths = {...}) or points with @CheckPoints(provider = \"...\")"
            : "give points with @CheckPoints(provider = \"...\") or allow drawn ones with @CheckPoints";
        return "parameter " + p.name() + " is " + p.type() + ": " + how;
      }
      needed += dims;
    }
    boolean outFromLengths = out >= 0 && lengths.size() == needed;
    if (lengths.size() != needed && !(out >= 0 && lengths.size() == needed - outDims)) {
      return "@CheckPoints(lengths) has " + lengths.size() + " entries but the array parameters need " + needed
          + " (one per double[] or int[], two per double[][] or int[][], in order"
          + (out >= 0 ? "; or " + (needed - outDims) + " without the @Out parameter " + m.out()
              + ", whose size is then found by running the method" : "") + ")";
    }
    double min = cp == null ? DEFAULT_MIN : cp.min();
    double max = cp == null ? DEFAULT_MAX : cp.max();
    int count = cp == null || cp.count() <= 0 ? defaultCount : cp.count();
    Random random = new Random(seed ^ (m.name().hashCode() * 0x9E3779B97F4A7C15L));
    List<Object[]> points = new ArrayList<>();
    for (int k = 0; k < count; k++) {
      Object[] args = new Object[m.parameters().size()];
      int next = 0;
      for (int i = 0; i < args.length; i++) {
        String type = m.parameters().get(i).type();
        if (i == out) {
          if (outFromLengths) {
            args[i] = type.equals("double[][]") ? new double[lengths.get(next++)][lengths.get(next++)]
                : new double[lengths.get(next++)];
          }
          continue; // null: its size is found by running the method
        }
        switch (type) {
          case "double" -> args[i] = min + (max - min) * random.nextDouble();
          case "int" -> args[i] = random.nextInt(4);
          case "long" -> args[i] = (long) random.nextInt(4);
          case "boolean" -> args[i] = k % 2 == 1;
          case "double[]" -> {
            double[] a = new double[lengths.get(next++)];
            for (int j = 0; j < a.length; j++) {
              a[j] = min + (max - min) * random.nextDouble();
            }
            args[i] = a;
          }
          case "int[]" -> {
            int[] a = new int[lengths.get(next++)];
            for (int j = 0; j < a.length; j++) {
              a[j] = random.nextInt(4);
            }
            args[i] = a;
          }
          case "double[][]" -> {
            double[][] a = new double[lengths.get(next++)][lengths.get(next++)];
            for (double[] row : a) {
              for (int j = 0; j < row.length; j++) {
                row[j] = min + (max - min) * random.nextDouble();
              }
            }
            args[i] = a;
          }
          case "int[][]" -> {
            int[][] a = new int[lengths.get(next++)][lengths.get(next++)];
            for (int[] row : a) {
              for (int j = 0; j < row.length; j++) {
                row[j] = random.nextInt(4);
              }
            }
            args[i] = a;
          }
          default -> {
            return "parameter " + m.parameters().get(i).name() + " has the type " + type
                + ", which this plugin cannot draw: give points with @CheckPoints(provider = \"...\")";
          }
        }
      }
      points.add(args);
    }
    return points;
  }

  /**
   * The smallest {@code @Out} shape the method completes with at {@code args} ({@code int[]} of one
   * or two sizes) and null, or null and why there is none.
   */
  private static Object[] outShape(MethodIndex m, Class<?> owner, Object[] args, int out) {
    Method method;
    try {
      method = owner.getDeclaredMethod(m.name(), Types.of(m.parameters()));
      method.setAccessible(true);
    } catch (NoSuchMethodException | RuntimeException e) {
      return new Object[] {null, "cannot call " + m.name() + " to find the size of @Out " + m.out() + ": " + e};
    }
    boolean matrix = m.parameters().get(out).type().equals("double[][]");
    List<int[]> shapes = new ArrayList<>();
    if (matrix) {
      for (int sum = 2; sum <= 2 * MAX_OUT_SIDE; sum++) {
        for (int rows = Math.max(1, sum - MAX_OUT_SIDE); rows <= Math.min(MAX_OUT_SIDE, sum - 1); rows++) {
          shapes.add(new int[] {rows, sum - rows});
        }
      }
    } else {
      for (int n = 1; n <= MAX_OUT_LENGTH; n++) {
        shapes.add(new int[] {n});
      }
    }
    Throwable last = null;
    for (int[] shape : shapes) {
      Object[] call = Types.copy(args);
      call[out] = zeros(shape);
      try {
        method.invoke(null, call);
        return new Object[] {shape, null};
      } catch (InvocationTargetException e) {
        last = e.getCause();
      } catch (IllegalAccessException e) {
        last = e;
      }
    }
    return new Object[] {null, "no @Out " + m.out() + " of " + (matrix ? "1 × 1 to " + MAX_OUT_SIDE + " × " + MAX_OUT_SIDE
        : "1 to " + MAX_OUT_LENGTH + " elements") + " lets " + m.name() + " run at the first point (the last threw " + last
        + "): give its size with @CheckPoints(lengths = {...})"};
  }

  private static Object zeros(Object shape) {
    int[] s = (int[]) shape;
    return s.length == 2 ? new double[s[0]][s[1]] : new double[s[0]];
  }

  private static List<Object[]> provided(MethodIndex m, Class<?> owner, String provider) throws CheckException {
    Method method;
    try {
      method = owner.getDeclaredMethod(provider);
    } catch (NoSuchMethodException e) {
      throw new CheckException("@CheckPoints(provider = \"" + provider + "\") of " + m.name() + ": " + owner.getName()
          + " has no method " + provider + "() without parameters");
    }
    if (!Modifier.isStatic(method.getModifiers()) || method.getReturnType() != Object[][].class) {
      throw new CheckException("@CheckPoints(provider = \"" + provider + "\") of " + m.name() + ": " + provider
          + "() must be static and return Object[][] (one row of arguments per point)");
    }
    Object[][] rows;
    try {
      method.setAccessible(true);
      rows = (Object[][]) method.invoke(null);
    } catch (ReflectiveOperationException | RuntimeException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new CheckException("@CheckPoints(provider = \"" + provider + "\") of " + m.name() + " threw " + cause);
    }
    List<Object[]> out = new ArrayList<>();
    for (int r = 0; r < rows.length; r++) {
      Object[] row = rows[r];
      if (row == null || row.length != m.parameters().size()) {
        throw new CheckException(provider + "() row " + r + " has " + (row == null ? 0 : row.length)
            + " values, but " + m.name() + " has " + m.parameters().size() + " parameters");
      }
      Object[] args = new Object[row.length];
      for (int i = 0; i < row.length; i++) {
        args[i] = coerce(row[i], m.parameters().get(i), i == m.outIndex(), provider, r);
      }
      out.add(args);
    }
    return out;
  }

  /** Numbers the user wrote as {@code 1} for a {@code double} parameter are fine. */
  private static Object coerce(Object v, Parameter p, boolean out, String provider, int row) throws CheckException {
    if (v == null && out) {
      return null; // an @Out parameter: its size is found by running the method
    }
    if (p.type().equals("double") && v instanceof Number n) {
      return n.doubleValue();
    }
    if (p.type().equals("int") && v instanceof Integer) {
      return v;
    }
    if (p.type().equals("long") && v instanceof Number n && !(v instanceof Double)) {
      return n.longValue();
    }
    if (p.type().equals("boolean") && v instanceof Boolean
        || p.type().equals("double[]") && v instanceof double[]
        || p.type().equals("double[][]") && v instanceof double[][]
        || p.type().equals("int[]") && v instanceof int[]
        || p.type().equals("int[][]") && v instanceof int[][]) {
      return v;
    }
    throw new CheckException(provider + "() row " + row + ": parameter " + p.name() + " is " + p.type() + " but the value is "
        + (v == null ? "null" : v.getClass().getSimpleName()));
  }
}
