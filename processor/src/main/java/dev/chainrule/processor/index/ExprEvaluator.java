package dev.chainrule.processor.index;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.function.IntToDoubleFunction;
import java.util.function.ToDoubleFunction;

/**
 * Evaluates an expression of the index ({@link ExprJson}'s form, parsed into lists, strings,
 * numbers and booleans by any JSON reader) in {@code double} arithmetic, as the generated code
 * would: the build plugin puts values on a graph's edges this way, and tests evaluate the
 * closed-form partials. Static methods and constants are found by name in {@code loader}.
 */
public final class ExprEvaluator {
  private final ToDoubleFunction<String> variables;
  private final IntToDoubleFunction nodes;
  private final ClassLoader loader;

  /**
   * @param variables a parameter's value by name
   * @param nodes a graph node's value by id
   * @param loader where the classes named by calls and constants are
   */
  public ExprEvaluator(ToDoubleFunction<String> variables, IntToDoubleFunction nodes, ClassLoader loader) {
    this.variables = variables;
    this.nodes = nodes;
    this.loader = loader;
  }

  /** The value of {@code e}; booleans are 1 and 0. */
  public double evaluate(Object e) {
    if (e instanceof Number n) {
      return n.doubleValue();
    }
    if (e instanceof Boolean b) {
      return b ? 1 : 0;
    }
    if (e instanceof String s) {
      return Double.parseDouble(s); // "NaN", "Infinity"
    }
    List<?> list = (List<?>) e;
    String op = (String) list.get(0);
    switch (op) {
      case "node":
        return nodes.applyAsDouble(((Number) list.get(1)).intValue());
      case "var":
        return variables.applyAsDouble((String) list.get(1));
      case "field":
        return field((String) list.get(1), (String) list.get(2));
      case "neg":
        return -evaluate(list.get(1));
      case "not":
        return evaluate(list.get(1)) != 0 ? 0 : 1;
      case "?":
        return evaluate(list.get(1)) != 0 ? evaluate(list.get(2)) : evaluate(list.get(3));
      case "cast":
        return cast((String) list.get(1), evaluate(list.get(2)));
      case "call":
        return call((String) list.get(1), (String) list.get(2), list.subList(3, list.size()));
      case "&&":
        return evaluate(list.get(1)) != 0 && evaluate(list.get(2)) != 0 ? 1 : 0;
      case "||":
        return evaluate(list.get(1)) != 0 || evaluate(list.get(2)) != 0 ? 1 : 0;
      default:
        return binary(op, evaluate(list.get(1)), evaluate(list.get(2)));
    }
  }

  private static double binary(String op, double a, double b) {
    return switch (op) {
      case "+" -> a + b;
      case "-" -> a - b;
      case "*" -> a * b;
      case "/" -> a / b;
      case "%" -> a % b;
      case "<" -> a < b ? 1 : 0;
      case "<=" -> a <= b ? 1 : 0;
      case ">" -> a > b ? 1 : 0;
      case ">=" -> a >= b ? 1 : 0;
      case "==" -> a == b ? 1 : 0;
      case "!=" -> a != b ? 1 : 0;
      default -> throw new IllegalArgumentException("cannot evaluate the operator " + op);
    };
  }

  private static double cast(String type, double v) {
    return switch (type) {
      case "int" -> (int) v;
      case "long" -> (long) v;
      default -> v;
    };
  }

  private double field(String owner, String name) {
    try {
      java.lang.reflect.Field field = Class.forName(owner, true, loader).getDeclaredField(name);
      field.setAccessible(true); // a package-private constant
      return ((Number) field.get(null)).doubleValue();
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new IllegalArgumentException("cannot read " + owner + "." + name + ": " + e, e);
    }
  }

  private double call(String owner, String name, List<?> args) {
    double[] values = new double[args.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = evaluate(args.get(i));
    }
    Method target = null;
    try {
      for (Method m : Class.forName(owner, true, loader).getDeclaredMethods()) {
        if (m.getName().equals(name) && Modifier.isStatic(m.getModifiers()) && m.getParameterCount() == values.length
            && (target == null || prefersDouble(m, target))) {
          target = m;
        }
      }
      if (target == null) {
        throw new IllegalArgumentException("no static method " + owner + "." + name + " with " + values.length + " parameters");
      }
      target.setAccessible(true); // a package-private custom derivative
      Object[] boxed = new Object[values.length];
      Class<?>[] types = target.getParameterTypes();
      for (int i = 0; i < values.length; i++) {
        boxed[i] = types[i] == int.class ? (Object) (int) values[i] : types[i] == long.class ? (Object) (long) values[i]
            : types[i] == float.class ? (Object) (float) values[i] : (Object) values[i];
      }
      Object result = target.invoke(null, boxed);
      return result instanceof Boolean b ? (b ? 1 : 0) : ((Number) result).doubleValue();
    } catch (ClassNotFoundException | IllegalAccessException | RuntimeException e) {
      throw new IllegalArgumentException("cannot call " + owner + "." + name + ": " + e, e);
    } catch (InvocationTargetException e) {
      throw new IllegalArgumentException(owner + "." + name + " threw " + e.getCause(), e.getCause());
    }
  }

  /** Among overloads ({@code Math.abs(int)}, {@code abs(double)}), the one taking doubles. */
  private static boolean prefersDouble(Method candidate, Method current) {
    long a = java.util.Arrays.stream(candidate.getParameterTypes()).filter(t -> t == double.class).count();
    long b = java.util.Arrays.stream(current.getParameterTypes()).filter(t -> t == double.class).count();
    return a > b;
  }
}
