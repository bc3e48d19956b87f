package dev.chainrule.processor.behaviour;

import dev.chainrule.numeric.FiniteDifferences.Scheme;
import dev.chainrule.numeric.GradientCheck;
import dev.chainrule.numeric.Packing;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The behaviour every generated gradient must have at a point, checked against the original
 * method: its {@code value()} is bit-for-bit the original's result, its components are the
 * differentiated parameters with their shapes, it leaves the arguments untouched, and its partials
 * agree with finite differences of the original method.
 */
final class GradientOracle {
  /** The relative tolerance of the gradient checks (relative to {@code max(1, |partial|)}). */
  static final double TOLERANCE = 1e-6;

  private GradientOracle() {}

  /** Checks with Richardson extrapolation as the numerical side. */
  static Record check(Differentiated m, Object... args) {
    return check(m, Scheme.RICHARDSON, args);
  }

  /**
   * Checks the generated gradient of {@code m} at {@code args} and returns it.
   *
   * @param scheme the finite-difference scheme; {@link Scheme#CENTRAL} (step {@code 6e-6 ×
   *     max(1, |x|)}) for functions with a kink or a discontinuity within Richardson's initial step
   *     ({@code 0.1 × max(1, |x|)}) of the point
   */
  static Record check(Differentiated m, Scheme scheme, Object... args) {
    String where = m.label() + " at " + describe(args);
    Object[] pristine = Differentiated.deepCopy(args);
    double expectedValue = m.value(Differentiated.deepCopy(args));
    Record gradient = m.gradient(args);
    if (!Arrays.deepEquals(pristine, args)) {
      throw new AssertionError(where + ": the gradient changed its arguments to " + describe(args));
    }
    double value = Differentiated.recordValue(gradient);
    if (Double.doubleToRawLongBits(value) != Double.doubleToRawLongBits(expectedValue)) {
      throw new AssertionError(
          where + ": value() is " + value + " but the original method returns " + expectedValue);
    }
    checkShape(m, gradient, args, where);
    Packing packing = m.pack(args);
    GradientCheck.Report report =
        GradientCheck.compareRecord(
            gradient, v -> m.value(m.substitute(args, packing, v)), packing, scheme);
    if (!report.within(TOLERANCE)) {
      throw new AssertionError(where + ": gradient disagrees with finite differences\n" + report);
    }
    TangentOracle.check(m, scheme, args, gradient, where);
    return gradient;
  }

  /**
   * The record is {@code value} then one component per differentiated parameter, of the
   * parameter's type and shape (a fresh array, not the argument).
   */
  static void checkShape(Differentiated m, Record gradient, Object[] args, String where) {
    List<String> expected = new ArrayList<>();
    expected.add("value");
    expected.addAll(m.wrt());
    List<String> actual = Differentiated.componentNames(gradient);
    if (!expected.equals(actual)) {
      throw new AssertionError(where + ": record components are " + actual + ", expected " + expected);
    }
    Object[] parts = m.recordParts(gradient);
    Class<?>[] types = m.wrtTypes();
    Object[] arguments = m.wrtArgs(args);
    for (int k = 0; k < parts.length; k++) {
      String component = m.wrt().get(k);
      if (parts[k] == null || parts[k].getClass() != box(types[k])) {
        throw new AssertionError(
            where + ": component " + component + " is " + parts[k] + ", expected a " + types[k]);
      }
      if (!(parts[k] instanceof Double) && parts[k] == arguments[k]) {
        throw new AssertionError(where + ": component " + component + " is the argument array itself");
      }
      if (!sameShape(parts[k], arguments[k])) {
        throw new AssertionError(
            where + ": component " + component + " does not have the parameter's shape: "
                + shape(parts[k]) + " vs " + shape(arguments[k]));
      }
    }
  }

  private static Class<?> box(Class<?> type) {
    return type == double.class ? Double.class : type;
  }

  static boolean sameShape(Object a, Object b) {
    return shape(a).equals(shape(b));
  }

  /** "double", "double[3]" or "double[2][3, 3]" (row lengths listed). */
  static String shape(Object o) {
    if (o instanceof double[] v) {
      return "double[" + v.length + "]";
    }
    if (o instanceof double[][] m) {
      StringBuilder s = new StringBuilder("double[" + m.length + "][");
      for (int r = 0; r < m.length; r++) {
        s.append(r == 0 ? "" : ", ").append(m[r] == null ? "null" : m[r].length);
      }
      return s.append(']').toString();
    }
    return o instanceof Double ? "double" : String.valueOf(o);
  }

  /** The arguments, readable (arrays shown in full, at most 200 characters). */
  static String describe(Object[] args) {
    String text = Arrays.deepToString(args);
    return text.length() <= 200 ? text : text.substring(0, 200) + "...]";
  }
}
