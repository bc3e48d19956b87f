package dev.chainrule.maven.check;

import dev.chainrule.maven.index.MethodIndex.Derivative;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

/** The derivatives of one method that could not be checked, each once, with the reason. */
final class Unchecked {
  final List<String> reasons = new ArrayList<>();

  void add(Derivative d, String why) {
    String reason = d.method() + ": " + why;
    if (!reasons.contains(reason)) {
      reasons.add(reason);
    }
  }

  boolean has(Derivative d) {
    return reasons.stream().anyMatch(r -> r.startsWith(d.method() + ": "));
  }

  /** The companion's {@code d.method()(types)}, or null after listing it as unchecked. */
  Method form(Companion c, Derivative d, Class<?>... types) {
    Method m = c.form(d.method(), types);
    if (m == null) {
      add(d, Companion.noForm(d.method(), types));
    }
    return m;
  }
}
