package dev.chainrule.processor.fuzz;

import dev.chainrule.processor.fuzz.Ast.*;
import dev.chainrule.processor.fuzz.Interpreter.D;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The arguments of one point: random values for each parameter, the same values as the oracle's
 * forward-mode inputs, copies that keep which arguments are the same array, and the check that
 * after the gradient and the pullback every array argument holds what it holds after the method.
 */
final class Arguments {
  private Arguments() {}

  /**
   * Random arguments: doubles and elements in [-1.5, 1.5], arrays of 2 to 5 elements, matrices of
   * 2 to 4 rows of 2 to 4, counters starting at 0 to 3. With {@code alias}, a workspace parameter
   * is given the same array as a differentiated {@code double[]} parameter.
   */
  static Object[] random(Method m, SplittableRandom rnd, boolean alias) {
    Object[] args = new Object[m.params().size()];
    for (int i = 0; i < args.length; i++) {
      Param p = m.params().get(i);
      if (p.kind() == Kind.COUNTER) {
        args[i] = new int[] {rnd.nextInt(4)};
      } else if (p.matrix()) {
        double[][] a = new double[2 + rnd.nextInt(3)][2 + rnd.nextInt(3)];
        for (double[] row : a) {
          fill(row, rnd);
        }
        args[i] = a;
      } else if (p.dims() == 1) {
        double[] a = new double[2 + rnd.nextInt(4)];
        fill(a, rnd);
        args[i] = a;
      } else {
        args[i] = rnd.nextDouble(-1.5, 1.5);
      }
    }
    if (alias) {
      int workspace = index(m, p -> p.kind() == Kind.WORKSPACE);
      int array = index(m, Param::array);
      if (workspace >= 0 && array >= 0) {
        args[workspace] = args[array];
      }
    }
    return args;
  }

  /** Whether {@code args} pass one array for two parameters. */
  static boolean aliased(Object[] args) {
    Map<Object, Boolean> seen = new IdentityHashMap<>();
    for (Object a : args) {
      if (a != null && a.getClass().isArray() && seen.put(a, true) != null) {
        return true;
      }
    }
    return false;
  }

  private static int index(Method m, java.util.function.Predicate<Param> p) {
    for (int i = 0; i < m.params().size(); i++) {
      if (p.test(m.params().get(i))) {
        return i;
      }
    }
    return -1;
  }

  private static void fill(double[] a, SplittableRandom rnd) {
    for (int k = 0; k < a.length; k++) {
      a[k] = rnd.nextDouble(-1.5, 1.5);
    }
  }

  /** The number of differentiated inputs (array elements counted one by one). */
  static int inputs(Method m, Object[] args) {
    int n = 0;
    for (int i = 0; i < args.length; i++) {
      if (m.params().get(i).differentiated()) {
        n += flatten(args[i]).length;
      }
    }
    return n;
  }

  /** The oracle's arguments: variables for the differentiated inputs, constants for workspaces, counters copied. */
  static List<Object> forOracle(Method m, Object[] args, Interpreter it) {
    List<Object> out = new ArrayList<>();
    int v = 0;
    for (int i = 0; i < args.length; i++) {
      Param p = m.params().get(i);
      Object a = args[i];
      if (p.kind() == Kind.COUNTER) {
        out.add(((int[]) a).clone());
      } else if (p.kind() == Kind.WORKSPACE) {
        double[] arr = (double[]) a;
        D[] d = new D[arr.length];
        for (int k = 0; k < arr.length; k++) {
          d[k] = it.c(arr[k]);
        }
        out.add(d);
      } else if (a instanceof double[][] mat) {
        D[][] d = new D[mat.length][];
        for (int r = 0; r < mat.length; r++) {
          d[r] = new D[mat[r].length];
          for (int k = 0; k < mat[r].length; k++) {
            d[r][k] = it.var(v++, mat[r][k]);
          }
        }
        out.add(d);
      } else if (a instanceof double[] arr) {
        D[] d = new D[arr.length];
        for (int k = 0; k < arr.length; k++) {
          d[k] = it.var(v++, arr[k]);
        }
        out.add(d);
      } else {
        out.add(it.var(v++, (Double) a));
      }
    }
    return out;
  }

  /** A deep copy in which arguments that were the same array are again one array. */
  static Object[] copy(Object[] args) {
    Map<Object, Object> copies = new IdentityHashMap<>();
    Object[] out = args.clone();
    for (int i = 0; i < out.length; i++) {
      Object a = out[i];
      if (a != null && a.getClass().isArray()) {
        out[i] = copies.computeIfAbsent(a, Arguments::deepClone);
      }
    }
    return out;
  }

  private static Object deepClone(Object a) {
    if (a instanceof double[][] mat) {
      double[][] c = new double[mat.length][];
      for (int r = 0; r < mat.length; r++) {
        c[r] = mat[r].clone();
      }
      return c;
    } else if (a instanceof double[] v) {
      return v.clone();
    } else if (a instanceof int[] v) {
      return v.clone();
    }
    throw new IllegalArgumentException(String.valueOf(a));
  }

  /**
   * Null when every array of {@code after} holds what the same array of {@code expected} holds
   * (bit for bit), else which one differs.
   */
  static String arraysDiffer(Method m, Object[] expected, Object[] after) {
    for (int i = 0; i < after.length; i++) {
      if (after[i] != null && after[i].getClass().isArray() && !Arrays.deepEquals(new Object[] {expected[i]},
          new Object[] {after[i]})) {
        return "array " + m.params().get(i).name() + " holds " + Arrays.deepToString(new Object[] {after[i]})
            + ", but the method left " + Arrays.deepToString(new Object[] {expected[i]});
      }
    }
    return null;
  }

  /** A double, double[] or double[][] (row-major) as a flat vector. */
  static double[] flatten(Object o) {
    if (o instanceof double[][] mat) {
      return Arrays.stream(mat).flatMapToDouble(Arrays::stream).toArray();
    } else if (o instanceof double[] arr) {
      return arr;
    }
    return new double[] {(Double) o};
  }
}
