package dev.chainrule.maven.check;

import dev.chainrule.maven.index.MethodIndex;
import dev.chainrule.maven.index.MethodIndex.CheckPoints;
import dev.chainrule.maven.index.MethodIndex.Parameter;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The points a method is checked at: the user's (a {@code @CheckPoints} provider), or drawn with a
 * fixed seed — {@code double}s uniformly in [min, max] (by default [-2, 2]), arrays of the sizes
 * {@code @CheckPoints(lengths)} gives, integers from 0 to 3.
 */
public final class Points {
  static final double DEFAULT_MIN = -2;
  static final double DEFAULT_MAX = 2;

  /** The points, or why there can be none (the method is then unchecked). */
  public record Drawn(List<Object[]> points, String unchecked) {}

  private Points() {}

  public static Drawn of(MethodIndex m, Class<?> owner, long seed, int defaultCount) throws CheckException {
    CheckPoints cp = m.checkPoints();
    if (cp != null && cp.provider() != null && !cp.provider().isEmpty()) {
      return new Drawn(provided(m, owner, cp.provider()), null);
    }
    List<Integer> lengths = cp == null || cp.lengths() == null ? List.of() : cp.lengths();
    int needed = 0;
    for (Parameter p : m.parameters()) {
      boolean scalarDouble = p.type().equals("double");
      if (!scalarDouble && cp == null) {
        String how = p.type().endsWith("[]")
            ? "give its size with @CheckPoints(lengths = {...}) or points with @CheckPoints(provider = \"...\")"
            : "give points with @CheckPoints(provider = \"...\") or allow drawn ones with @CheckPoints";
        return new Drawn(List.of(), "parameter " + p.name() + " is " + p.type() + ": " + how);
      }
      needed += p.type().endsWith("[][]") ? 2 : p.type().endsWith("[]") ? 1 : 0;
    }
    if (needed != lengths.size()) {
      return new Drawn(List.of(), "@CheckPoints(lengths) has " + lengths.size() + " entries but the array parameters need "
          + needed + " (one per double[] or int[], two per double[][] or int[][], in order)");
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
            return new Drawn(List.of(), "parameter " + m.parameters().get(i).name() + " has the type " + type
                + ", which this plugin cannot draw: give points with @CheckPoints(provider = \"...\")");
          }
        }
      }
      points.add(args);
    }
    return new Drawn(points, null);
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
        args[i] = coerce(row[i], m.parameters().get(i), provider, r);
      }
      out.add(args);
    }
    return out;
  }

  /** Numbers the user wrote as {@code 1} for a {@code double} parameter are fine. */
  private static Object coerce(Object v, Parameter p, String provider, int row) throws CheckException {
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
