package dev.chainrule.maven.check;

import dev.chainrule.maven.index.MethodIndex.Derivative;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

/** What the checks of one method share: the method, its companion, the findings, and calls. */
abstract class Checks {
  protected final Subject s;
  protected final Companion c;
  protected final Findings found;
  protected final Unchecked unchecked;

  Checks(Subject s, Companion c, Findings found, Unchecked unchecked) {
    this.s = s;
    this.c = c;
    this.found = found;
    this.unchecked = unchecked;
  }

  /** The forms of a derivative that has several (a record, a workspace): those found, and why not the others. */
  final class Forms {
    private final Derivative d;
    private int found;
    private final List<String> missing = new ArrayList<>();

    Forms(Derivative d) {
      this.d = d;
    }

    /** The form {@code d.method()(types)}, or null (noted). */
    Method find(Class<?>... types) {
      Method m = c.form(d.method(), types);
      if (m == null) {
        missing.add(Companion.noForm(d.method(), types));
      } else {
        found++;
      }
      return m;
    }

    /** Lists the derivative as unchecked if fewer forms were found than the index says it has. */
    void done() {
      if (found < Math.max(1, d.forms())) {
        unchecked.add(d, String.join("; ", missing));
      }
    }
  }

  /** A call and what it returned; {@code args} are the arguments after the call. */
  record Call(Object returned, Object[] args) {}

  /**
   * Calls {@code method} with a copy of the point's arguments followed by {@code extra}; a change to
   * an argument (other than an {@code @Out} one) is a failure of {@code label}.
   */
  Call call(Method method, String label, At at, Object... extra) {
    Object[] args = s.call(at.args, extra);
    Object returned = c.invoke(method, label, at.args, args);
    String changed = s.changedArgument(at.args, args);
    if (changed != null) {
      found.problem(label, "argument " + changed, at.point, label + " changed its argument " + changed);
    }
    return new Call(returned, args);
  }

  /** The same, and the value it returns, or writes into the {@code @Out} parameter, must be the method's own. */
  Call callForValue(Method method, String label, At at, Object... extra) {
    Call call = call(method, label, at, extra);
    found.sameValue(label, at.point, s.valueOf(call.returned(), call.args()), at.value, s.m.name());
    return call;
  }

  /** The record's {@code value} must be the method's own. */
  void sameRecordValue(String label, At at, Object record) {
    found.sameValue(label, at.point, Companion.component(record, "value", label), at.value, s.m.name());
  }

  /** The record's components named after the differentiated parameters, flattened in order. */
  double[] blocks(Object record, String label) {
    List<Object> parts = new ArrayList<>();
    for (var p : s.m.differentiated()) {
      parts.add(Companion.component(record, p.name(), label));
    }
    return Shapes.flattenParts(parts.toArray());
  }

  /** {@code ∂price/∂apple}, one per input. */
  List<String> partials(At at) {
    List<String> names = new ArrayList<>();
    for (String input : at.inputs) {
      names.add("∂" + s.m.name() + "/∂" + input);
    }
    return names;
  }

  /** {@code k} random directions over the flattened inputs. */
  static double[][] directions(At at, int k) {
    double[][] directions = new double[k][];
    for (int i = 0; i < k; i++) {
      directions[i] = at.randoms(at.x.length);
    }
    return directions;
  }

  /** Each differentiated parameter's part of k directions, with the direction as its last index. */
  Object[] multiDirections(At at, double[][] directions) {
    Object[] like = s.parts(at.args);
    Object[][] shaped = new Object[directions.length][];
    for (int k = 0; k < directions.length; k++) {
      shaped[k] = s.shapedParts(at.args, directions[k]);
    }
    Object[] out = new Object[like.length];
    for (int p = 0; p < like.length; p++) {
      Object[] parts = new Object[directions.length];
      for (int k = 0; k < directions.length; k++) {
        parts[k] = shaped[k][p];
      }
      out[p] = Shapes.withDirections(like[p], parts);
    }
    return out;
  }

  static Object[] append(Object[] parts, Object... more) {
    Object[] out = java.util.Arrays.copyOf(parts, parts.length + more.length);
    System.arraycopy(more, 0, out, parts.length, more.length);
    return out;
  }
}
