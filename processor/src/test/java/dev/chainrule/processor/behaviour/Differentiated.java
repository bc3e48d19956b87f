package dev.chainrule.processor.behaviour;

import dev.chainrule.numeric.Packing;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One {@code @Differentiable} method of a compiled source, seen from a test: the original method
 * and its generated gradient, pullback and adjoint, all called reflectively.
 *
 * <p>The test states which parameters it expects to be differentiated ({@code wrt}); everything
 * here is keyed on those names, so a generated record or adjoint with other components fails the
 * test instead of silently defining what is checked.
 */
final class Differentiated {
  private final String owner;
  private final String name;
  private final Method original;
  private final Method gradient;
  private final Method pullback;
  private final Method tangent;
  private final Class<?> adjointType;
  private final List<String> wrt;
  private final int[] wrtIndex;

  private Differentiated(
      CompiledSources sources, String owner, String companion, String name, List<String> wrt) {
    this.owner = owner;
    this.name = name;
    this.original = sources.method(owner, name);
    this.gradient = sources.method(companion, name + "Gradient");
    this.pullback = sources.method(companion, name + "Pullback");
    this.tangent = sources.method(companion, name + "Tangent");
    this.adjointType = sources.type(companion + "$" + capitalized(name) + "Adjoint");
    this.wrt = List.copyOf(wrt);
    Parameter[] params = original.getParameters();
    this.wrtIndex = new int[wrt.size()];
    for (int k = 0; k < wrt.size(); k++) {
      wrtIndex[k] = -1;
      for (int i = 0; i < params.length; i++) {
        if (params[i].getName().equals(wrt.get(k))) {
          wrtIndex[k] = i;
        }
      }
      if (wrtIndex[k] < 0) {
        throw new AssertionError(owner + "." + name + " has no parameter " + wrt.get(k));
      }
    }
  }

  /**
   * The method {@code owner.name} (a top-level class: its companion is {@code ownerDerivatives}),
   * expected to be differentiated with respect to the parameters named {@code wrt}, in order.
   */
  static Differentiated of(CompiledSources sources, String owner, String name, String... wrt) {
    return new Differentiated(sources, owner, owner + "Derivatives", name, Arrays.asList(wrt));
  }

  /**
   * The method {@code name} of a nested class, given by binary name ({@code p.Outer$Inner}), whose
   * companion is {@code companion} ({@code p.Outer_InnerDerivatives}).
   */
  static Differentiated nested(
      CompiledSources sources, String owner, String companion, String name, String... wrt) {
    return new Differentiated(sources, owner, companion, name, Arrays.asList(wrt));
  }

  /** E.g. {@code p.Scalars.sinOf}. */
  String label() {
    return owner + "." + name;
  }

  List<String> wrt() {
    return wrt;
  }

  Method originalMethod() {
    return original;
  }

  /** The value of the original method at {@code args}. */
  double value(Object... args) {
    return (double) CompiledSources.invoke(original, args);
  }

  /** The generated gradient record at {@code args}. */
  Record gradient(Object... args) {
    return (Record) CompiledSources.invoke(gradient, args);
  }

  /**
   * The generated forward mode's record at {@code args} in the direction {@code directions} (one
   * per differentiated parameter, of its shape).
   */
  Record tangent(Object[] args, Object[] directions) {
    Object[] all = Arrays.copyOf(args, args.length + directions.length);
    System.arraycopy(directions, 0, all, args.length, directions.length);
    return (Record) CompiledSources.invoke(tangent, all);
  }

  /** Calls the generated pullback with {@code args}, then {@code seed} and {@code adjoint}. */
  double pullback(Object[] args, double seed, Object adjoint) {
    Object[] all = Arrays.copyOf(args, args.length + 2);
    all[args.length] = seed;
    all[args.length + 1] = adjoint;
    return (double) CompiledSources.invoke(pullback, all);
  }

  /**
   * A fresh adjoint: for methods with differentiated array parameters, built by the constructor
   * that takes the caller's buffers (zeroed arrays of the arguments' shapes); otherwise by the
   * no-argument constructor.
   */
  Object newAdjoint(Object[] args) {
    List<Object> buffers = new ArrayList<>();
    List<Class<?>> types = new ArrayList<>();
    for (int i : wrtIndex) {
      Object arg = args[i];
      if (arg instanceof double[] vector) {
        buffers.add(new double[vector.length]);
        types.add(double[].class);
      } else if (arg instanceof double[][] matrix) {
        double[][] zero = new double[matrix.length][];
        for (int r = 0; r < matrix.length; r++) {
          zero[r] = new double[matrix[r].length];
        }
        buffers.add(zero);
        types.add(double[][].class);
      }
    }
    try {
      Constructor<?> constructor = adjointType.getConstructor(types.toArray(new Class<?>[0]));
      return constructor.newInstance(buffers.toArray());
    } catch (NoSuchMethodException | InstantiationException | IllegalAccessException e) {
      throw new AssertionError("cannot construct " + adjointType.getName() + " with " + types, e);
    } catch (InvocationTargetException e) {
      throw new AssertionError(adjointType.getName() + " constructor threw", e.getCause());
    }
  }

  /**
   * Replaces the adjoint's fields: {@code parts} holds one value per differentiated parameter, in
   * order ({@link Double} for a {@code double} field, the array itself for an array field).
   */
  void setAdjointParts(Object adjoint, Object... parts) {
    for (int k = 0; k < parts.length; k++) {
      try {
        adjointType.getField(wrt.get(k)).set(adjoint, parts[k]);
      } catch (ReflectiveOperationException e) {
        throw new AssertionError("cannot set " + wrt.get(k) + " of " + adjointType.getName(), e);
      }
    }
  }

  /** A fresh adjoint from the no-argument constructor (array fields left for the caller to set). */
  Object newEmptyAdjoint() {
    try {
      return adjointType.getConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      throw new AssertionError("no public no-argument constructor in " + adjointType.getName(), e);
    }
  }

  /** Calls {@code clear()} on an adjoint. */
  void clear(Object adjoint) {
    try {
      adjointType.getMethod("clear").invoke(adjoint);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError("clear() of " + adjointType.getName(), e);
    }
  }

  /** The adjoint's public fields named after the differentiated parameters, in order. */
  Object[] adjointParts(Object adjoint) {
    Object[] parts = new Object[wrt.size()];
    for (int k = 0; k < parts.length; k++) {
      try {
        Field field = adjointType.getField(wrt.get(k));
        parts[k] = field.get(adjoint);
      } catch (ReflectiveOperationException e) {
        throw new AssertionError(adjointType.getName() + " has no public field " + wrt.get(k), e);
      }
    }
    return parts;
  }

  /** The record's partials named after the differentiated parameters, in order. */
  Object[] recordParts(Record record) {
    Object[] parts = new Object[wrt.size()];
    for (int k = 0; k < parts.length; k++) {
      parts[k] = component(record, wrt.get(k));
    }
    return parts;
  }

  /** The names of the record's components, in declaration order. */
  static List<String> componentNames(Record record) {
    List<String> names = new ArrayList<>();
    for (RecordComponent c : record.getClass().getRecordComponents()) {
      names.add(c.getName());
    }
    return names;
  }

  /** The {@code value} component of a gradient record. */
  static double recordValue(Record record) {
    return (double) component(record, "value");
  }

  static Object component(Record record, String componentName) {
    for (RecordComponent c : record.getClass().getRecordComponents()) {
      if (c.getName().equals(componentName)) {
        try {
          return c.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
          throw new AssertionError("cannot read " + componentName + " of " + record, e);
        }
      }
    }
    throw new AssertionError(record.getClass().getName() + " has no component " + componentName);
  }

  /** The differentiated arguments, in the order of {@link #wrt()}. */
  Object[] wrtArgs(Object[] args) {
    Object[] parts = new Object[wrtIndex.length];
    for (int k = 0; k < parts.length; k++) {
      parts[k] = args[wrtIndex[k]];
    }
    return parts;
  }

  /** The differentiated arguments packed in parameter order: the point for finite differences. */
  Packing pack(Object[] args) {
    return Packing.of(wrtArgs(args));
  }

  /** A copy of {@code args} whose differentiated arguments are taken from the flat vector {@code v}. */
  Object[] substitute(Object[] args, Packing packing, double[] v) {
    Object[] out = args.clone();
    for (int k = 0; k < wrtIndex.length; k++) {
      Object arg = args[wrtIndex[k]];
      if (arg instanceof Double) {
        out[wrtIndex[k]] = packing.scalar(v, k);
      } else if (arg instanceof double[]) {
        out[wrtIndex[k]] = packing.vector(v, k);
      } else {
        out[wrtIndex[k]] = packing.matrix(v, k);
      }
    }
    return out;
  }

  /** The declared types of the differentiated parameters, in order. */
  Class<?>[] wrtTypes() {
    Class<?>[] types = new Class<?>[wrtIndex.length];
    for (int k = 0; k < types.length; k++) {
      types[k] = original.getParameterTypes()[wrtIndex[k]];
    }
    return types;
  }

  /** A deep copy of arguments (arrays of primitives, one or two levels), for mutation checks. */
  static Object[] deepCopy(Object[] args) {
    Object[] copy = args.clone();
    for (int i = 0; i < copy.length; i++) {
      Object a = copy[i];
      if (a instanceof double[] v) {
        copy[i] = v.clone();
      } else if (a instanceof int[] v) {
        copy[i] = v.clone();
      } else if (a instanceof double[][] m) {
        double[][] c = m.clone();
        for (int r = 0; r < c.length; r++) {
          c[r] = c[r].clone();
        }
        copy[i] = c;
      } else if (a instanceof int[][] m) {
        int[][] c = m.clone();
        for (int r = 0; r < c.length; r++) {
          c[r] = c[r].clone();
        }
        copy[i] = c;
      }
    }
    return copy;
  }

  private static String capitalized(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
