package dev.chainrule.maven.check;

import dev.chainrule.maven.index.MethodIndex.Parameter;
import java.util.List;

/** The Java types of the index's parameter types, and copies of arguments. */
public final class Types {
  private Types() {}

  /** A copy of the arguments, arrays included, so a call cannot change the point. */
  public static Object[] copy(Object[] args) {
    Object[] out = args.clone();
    for (int i = 0; i < out.length; i++) {
      if (out[i] instanceof double[] a) {
        out[i] = a.clone();
      } else if (out[i] instanceof double[][] a) {
        double[][] b = new double[a.length][];
        for (int r = 0; r < a.length; r++) {
          b[r] = a[r].clone();
        }
        out[i] = b;
      } else if (out[i] instanceof int[] a) {
        out[i] = a.clone();
      } else if (out[i] instanceof int[][] a) {
        int[][] b = new int[a.length][];
        for (int r = 0; r < a.length; r++) {
          b[r] = a[r].clone();
        }
        out[i] = b;
      }
    }
    return out;
  }

  public static Class<?>[] of(List<Parameter> parameters) {
    return parameters.stream().map(p -> type(p.type())).toArray(Class<?>[]::new);
  }

  public static Class<?> type(String name) {
    return switch (name) {
      case "double" -> double.class;
      case "int" -> int.class;
      case "long" -> long.class;
      case "boolean" -> boolean.class;
      case "double[]" -> double[].class;
      case "double[][]" -> double[][].class;
      case "int[]" -> int[].class;
      case "int[][]" -> int[][].class;
      default -> throw new IllegalStateException("unknown parameter type " + name);
    };
  }
}
