package dev.chainrule.maven.check;

import dev.chainrule.maven.index.MethodIndex.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Adjoints as a caller makes them: a field per differentiated parameter, array fields given as the
 * caller's buffers (to the constructor, {@code new MAdjoint(dW, db)}, or set), every entry
 * pre-filled with a value so that the check sees the pullback <em>add</em> into them.
 */
final class Adjoints {
  private Adjoints() {}

  static Object make(Class<?> type, Subject s, Object[] args, double prefill) {
    List<Object> buffers = new ArrayList<>();
    List<Class<?>> bufferTypes = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      Parameter p = s.m.parameters().get(i);
      if (p.differentiated() && !(args[i] instanceof Double)) {
        buffers.add(Shapes.filled(args[i], prefill));
        bufferTypes.add(args[i].getClass());
      }
    }
    Object adjoint;
    try {
      adjoint = type.getConstructor(bufferTypes.toArray(new Class<?>[0])).newInstance(buffers.toArray());
    } catch (NoSuchMethodException e) {
      adjoint = Companion.newInstance(type);
      int k = 0;
      for (Parameter p : s.m.differentiated()) {
        if (!p.type().equals("double")) {
          Companion.set(adjoint, p.name(), buffers.get(k++));
        }
      }
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot make a " + type.getSimpleName() + ": " + e, e);
    }
    for (Parameter p : s.m.differentiated()) {
      if (p.type().equals("double")) {
        Companion.set(adjoint, p.name(), prefill);
      }
    }
    return adjoint;
  }

  /**
   * Sets the adjoint's tangent fields ({@code fields}: parameter to field) to buffers of the
   * parameters' shapes, with {@code directions} more entries per element when positive, pre-filled.
   */
  static void tangents(Object adjoint, Subject s, Object[] args, Map<String, String> fields, int directions, double prefill) {
    for (int i = 0; i < args.length; i++) {
      Parameter p = s.m.parameters().get(i);
      if (p.differentiated()) {
        Companion.set(adjoint, field(fields, p), directions > 0 ? Shapes.filledWithDirections(args[i], directions, prefill)
            : Shapes.filled(args[i], prefill));
      }
    }
  }

  /** The fields named after the differentiated parameters, flattened in order. */
  static double[] read(Object adjoint, Subject s) {
    List<Object> parts = new ArrayList<>();
    for (Parameter p : s.m.differentiated()) {
      parts.add(Companion.field(adjoint, p.name()));
    }
    return Shapes.flattenParts(parts.toArray());
  }

  /** The tangent fields, flattened in order; with {@code direction} ≥ 0, that direction of multi-directional ones. */
  static double[] readTangents(Object adjoint, Subject s, Map<String, String> fields, int direction) {
    List<Object> parts = new ArrayList<>();
    for (Parameter p : s.m.differentiated()) {
      Object value = Companion.field(adjoint, field(fields, p));
      parts.add(direction >= 0 ? Shapes.direction(value, direction) : value);
    }
    return Shapes.flattenParts(parts.toArray());
  }

  private static String field(Map<String, String> fields, Parameter p) {
    String name = fields == null ? null : fields.get(p.name());
    if (name == null) {
      throw new IllegalStateException("the index names no tangent field for " + p.name() + ": rebuild with the same ChainRule version");
    }
    return name;
  }
}
