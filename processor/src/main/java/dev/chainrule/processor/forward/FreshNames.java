package dev.chainrule.processor.forward;

import dev.chainrule.processor.ir.Naming;
import dev.chainrule.processor.ir.Stmt;
import dev.chainrule.processor.ir.Walk;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The names a forward-mode builder gives: none of them used by the code it reads or by another it gave. */
final class FreshNames {
  private final Set<String> taken = new HashSet<>();
  private int temps;

  /** Reserves every name {@code code} declares or reads, and {@code others}. */
  FreshNames(List<Stmt> code, Collection<String> others) {
    taken.addAll(others);
    Walk.forEachStmt(code, s -> {
      taken.addAll(Walk.written(s));
      Walk.expressions(s).forEach(e -> taken.addAll(Walk.locals(e)));
    });
  }

  /** {@code base}, or {@code base2}, ... */
  String fresh(String base) {
    return Naming.fresh(base, taken);
  }

  /** A numbered temporary: {@code t0}, {@code t1}, ... */
  String temp(String base) {
    return Naming.fresh(base + temps++, taken);
  }
}
