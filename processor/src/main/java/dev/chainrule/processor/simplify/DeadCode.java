package dev.chainrule.processor.simplify;

import dev.chainrule.processor.ir.Stmt;
import dev.chainrule.processor.ir.Walk;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Removes generated declarations that nothing reads: an IR-to-IR clean-up shared by the transforms. */
public final class DeadCode {
  private DeadCode() {}

  /** Removes recomputed intermediates that no later statement reads. */
  public static List<Stmt> pruneUnused(List<Stmt> stmts, Set<String> candidates) {
    List<Stmt> out = new ArrayList<>(stmts);
    boolean changed = true;
    while (changed) {
      changed = false;
      Set<String> used = new HashSet<>();
      Walk.forEachStmt(out, x -> Walk.expressions(x).forEach(e -> used.addAll(Walk.locals(e))));
      for (int i = out.size() - 1; i >= 0; i--) {
        if (out.get(i) instanceof Stmt.Declare d && candidates.contains(d.name()) && !used.contains(d.name())) {
          out.remove(i);
          changed = true;
        }
      }
    }
    return out;
  }
}
