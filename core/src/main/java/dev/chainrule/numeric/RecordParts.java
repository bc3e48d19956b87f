package dev.chainrule.numeric;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The components of a derivative record, such as ChainRule generates (a gradient, a Jacobian, a
 * Hessian), other than the one named {@code value}: their names and values, in declaration order,
 * each a {@code double}, a {@code double[]} or a {@code double[][]} without {@code null} rows.
 */
final class RecordParts {

  final Class<?> type;
  final List<String> names;
  final List<Object> values;

  private RecordParts(Class<?> type, List<String> names, List<Object> values) {
    this.type = type;
    this.names = Collections.unmodifiableList(names);
    this.values = Collections.unmodifiableList(values);
  }

  /**
   * Reads the components of {@code record}; {@code what} names them in the message of a type
   * error, e.g. "a gradient record's partials".
   */
  static RecordParts of(Record record, String what) {
    Class<?> type = record.getClass();
    List<String> names = new ArrayList<>();
    List<Object> values = new ArrayList<>();
    for (RecordComponent component : type.getRecordComponents()) {
      String name = component.getName();
      if (name.equals("value")) {
        continue;
      }
      Class<?> componentType = component.getType();
      if (componentType != double.class
          && componentType != double[].class
          && componentType != double[][].class) {
        throw new IllegalArgumentException(
            "component "
                + name
                + " of "
                + type.getName()
                + " has type "
                + componentType.getTypeName()
                + "; "
                + what
                + " must be double, double[] or double[][]");
      }
      Object value = read(record, component);
      if (value == null) {
        throw new NullPointerException("component " + name + " of " + type.getName() + " is null");
      }
      if (value instanceof double[][] matrix) {
        for (int r = 0; r < matrix.length; r++) {
          if (matrix[r] == null) {
            throw new NullPointerException(
                "row " + r + " of component " + name + " of " + type.getName() + " is null");
          }
        }
      }
      names.add(name);
      values.add(value);
    }
    return new RecordParts(type, names, values);
  }

  /** The components as a packing, named after them. */
  Packing packing() {
    return Packing.of(values.toArray()).named(names.toArray(new String[0]));
  }

  /** The value of the component {@code name}, or {@code null} if there is none. */
  Object get(String name) {
    int index = names.indexOf(name);
    return index < 0 ? null : values.get(index);
  }

  /** E.g. "the partials of PriceGradient (apple: double, w: double[3])". */
  String describe(String what) {
    StringBuilder text =
        new StringBuilder(what).append(" of ").append(type.getSimpleName()).append(" (");
    for (int p = 0; p < names.size(); p++) {
      text.append(p == 0 ? "" : ", ").append(names.get(p)).append(": ").append(shape(values.get(p)));
    }
    return text.append(')').toString();
  }

  /** The shape of a component as a Java type with its lengths, as {@link Packing} writes it. */
  static String shape(Object value) {
    return Packing.of(value).shape(0);
  }

  private static Object read(Record record, RecordComponent component) {
    Method accessor = component.getAccessor();
    try {
      if (!accessor.canAccess(record) && !accessor.trySetAccessible()) {
        throw new IllegalArgumentException(
            "cannot read component "
                + component.getName()
                + " of "
                + record.getClass().getName()
                + ": make the record public, or open its package to ChainRule");
      }
      return accessor.invoke(record);
    } catch (IllegalAccessException e) {
      throw new IllegalArgumentException(
          "cannot read component " + component.getName() + " of " + record.getClass().getName(),
          e);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(
          "accessor of component " + component.getName() + " threw", cause);
    }
  }
}
