package dev.chainrule.maven.check;

import dev.chainrule.maven.index.ClassIndex;
import dev.chainrule.maven.index.MethodIndex;
import dev.chainrule.maven.index.MethodIndex.Parameter;
import dev.chainrule.numeric.Packing;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The method under check, as a function of its differentiated parameters flattened in declaration
 * order (arrays row by row) to its result flattened the same way: a {@code double}, a returned
 * {@code double[]} or {@code double[][]}, or what it writes into its {@code @Out} parameter (which
 * gets a fresh copy of the point's array at every call). Also the names of the inputs and outputs
 * the failure messages use ({@code v[1]}, {@code polar[0]}, {@code xy[1]}).
 */
final class Subject {
  final ClassIndex owner;
  final MethodIndex m;
  final Method target;
  /** The {@code @Out} parameter's position, or -1. */
  final int out;

  Subject(ClassIndex owner, MethodIndex m, Method target) {
    this.owner = owner;
    this.m = m;
    this.target = target;
    this.out = m.outIndex();
  }

  boolean vector() {
    return !m.isScalar();
  }

  /** The result at {@code args}: a {@code Double}, or the returned or written array. */
  Object result(Object[] args) {
    Object[] call = Types.copy(args);
    Object r;
    try {
      r = target.invoke(null, call);
    } catch (InvocationTargetException e) {
      throw new IllegalStateException(owner.simpleName() + "." + m.name() + "(" + describe(args) + ") threw " + e.getCause(),
          e.getCause());
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
    return out >= 0 ? call[out] : r;
  }

  double scalar(Object[] args) {
    return (double) result(args);
  }

  /** The result flattened. */
  double[] values(Object[] args) {
    return Shapes.flatten(result(args));
  }

  /** The differentiated parameters' values, flattened in order (arrays row by row). */
  double[] flatten(Object[] args) {
    return Packing.flatten(parts(args));
  }

  /** The differentiated parameters' values, in order. */
  Object[] parts(Object[] args) {
    List<Object> parts = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      if (m.parameters().get(i).differentiated()) {
        parts.add(args[i]);
      }
    }
    return parts.toArray();
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

  /** {@code v} in the shapes of the differentiated parameters (directions, tangents), in order. */
  Object[] shapedParts(Object[] args, double[] v) {
    return parts(with(args, v));
  }

  /** The names of the flattened inputs: {@code x}, {@code v[1]}, {@code w[0][2]}. */
  List<String> inputNames(Object[] args) {
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

  /** The names of the flattened outputs: {@code price}; {@code polar[1]}; {@code xy[1]} for {@code @Out xy}. */
  List<String> outputNames(Object result) {
    String base = out >= 0 ? m.out() : m.name();
    List<String> names = new ArrayList<>();
    if (result instanceof double[] a) {
      for (int i = 0; i < a.length; i++) {
        names.add(base + "[" + i + "]");
      }
    } else if (result instanceof double[][] a) {
      for (int r = 0; r < a.length; r++) {
        for (int j = 0; j < a[r].length; j++) {
          names.add(base + "[" + r + "][" + j + "]");
        }
      }
    } else {
      names.add(base);
    }
    return names;
  }

  /** The arguments, as text; an {@code @Out} parameter by its shape only. */
  String describe(Object[] args) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < args.length; i++) {
      text.append(i > 0 ? ", " : "").append(m.parameters().get(i).name()).append('=');
      Object a = args[i];
      if (i == out) {
        text.append(a instanceof double[][] v ? "@Out double[" + v.length + "][" + (v.length == 0 ? 0 : v[0].length) + "]"
            : a instanceof double[] v ? "@Out double[" + v.length + "]" : "@Out");
      } else {
        text.append(Shapes.text(a));
      }
    }
    return text.toString();
  }

  /** A copy of the arguments followed by {@code extra}. */
  Object[] call(Object[] args, Object... extra) {
    Object[] call = Arrays.copyOf(Types.copy(args), args.length + extra.length);
    System.arraycopy(extra, 0, call, args.length, extra.length);
    return call;
  }

  /** What a call left in the {@code @Out} parameter, or what it returned. */
  Object valueOf(Object returned, Object[] call) {
    return out >= 0 ? call[out] : returned;
  }

  /** The parameter types, followed by {@code extra}. */
  Class<?>[] types(Class<?>... extra) {
    Class<?>[] types = Types.of(m.parameters());
    Class<?>[] all = Arrays.copyOf(types, types.length + extra.length);
    System.arraycopy(extra, 0, all, types.length, extra.length);
    return all;
  }

  /** The types of the differentiated parameters, in order; with {@code extraDimension}, one more dimension each. */
  List<Class<?>> differentiatedTypes(boolean extraDimension) {
    List<Class<?>> types = new ArrayList<>();
    for (Parameter p : m.differentiated()) {
      Class<?> t = Types.type(p.type());
      types.add(extraDimension ? t.arrayType() : t);
    }
    return types;
  }

  /** The first argument (other than the {@code @Out} one) a call changed, or null. */
  String changedArgument(Object[] pristine, Object[] call) {
    for (int i = 0; i < pristine.length; i++) {
      if (i != out && !Arrays.deepEquals(new Object[] {pristine[i]}, new Object[] {call[i]})) {
        return m.parameters().get(i).name();
      }
    }
    return null;
  }
}
