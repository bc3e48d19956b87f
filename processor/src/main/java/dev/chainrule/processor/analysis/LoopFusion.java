package dev.chainrule.processor.analysis;

import dev.chainrule.processor.ir.BinaryOp;
import dev.chainrule.processor.ir.Expr;
import dev.chainrule.processor.ir.Stmt;
import dev.chainrule.processor.ir.Walk;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Finds the loop whose reverse sweep can run inside its forward sweep, iteration by iteration — as
 * a hand-written adjoint of {@code s += f(x[i])} does, in one pass over the data instead of two.
 *
 * <p>That is sound for the last loop of the method, just before the final {@code return}, when
 * <ul>
 *   <li>the only active variables it carries from one iteration to the next are accumulators,
 *       changed only by {@code s += e} or {@code s -= e} and read nowhere else in the loop, so
 *       their adjoints stay constant during the loop's reverse sweep and the return statement's
 *       reverse sweep gives them before the loop runs;
 *   <li>it writes no array element, so no iteration's reverse sweep reads or clears an adjoint
 *       that another iteration adds into;
 *   <li>it records nothing: it is counted with bounds that cannot change, its conditions and those
 *       of its nested loops and ifs are evaluated again, and no write in it would need a save if
 *       each iteration's reverse sweep ran right after its forward sweep (values that only a later
 *       iteration overwrites, such as a per-example {@code z}, need none: that iteration's reverse
 *       sweep has already run);
 * </ul>
 * The reverse stage then fuses the loop if the return statement's reverse sweep reads nothing the
 * loop or the return statement's own forward sweep computes, and otherwise keeps two sweeps (with the
 * saves of the two-sweep analysis, which the plan keeps).
 */
public final class LoopFusion {
  private LoopFusion() {}

  /**
   * The loop that comes just before the final {@code return}, if it qualifies; otherwise null.
   *
   * @param plan the analysis for two sweeps
   * @param savesIfFused the writes inside a loop that would need a save if it were fused
   */
  static Stmt.For find(Plan plan, Function<Stmt.For, Set<Stmt>> savesIfFused) {
    List<Stmt> body = plan.body();
    int n = body.size();
    if (n < 2 || !(body.get(n - 1) instanceof Stmt.Declare d) || !d.name().equals(plan.result().name())
        || plan.replayed().contains(d) || !(body.get(n - 2) instanceof Stmt.For loop)) {
      return null;
    }
    if (!recordsNothing(plan, loop) || !writesNoArray(plan, loop) || accumulators(plan, loop).isEmpty()
        || !carriesOnlyAccumulators(plan, loop)) {
      return null;
    }
    return savesIfFused.apply(loop).isEmpty() ? loop : null;
  }

  /**
   * The active variables declared outside {@code loop} that it writes: its accumulators, once
   * {@link #find} has checked that it only adds to them.
   */
  public static Set<String> accumulators(Plan plan, Stmt.For loop) {
    Set<String> declaredInside = declaredIn(loop);
    Set<String> out = new LinkedHashSet<>();
    Walk.forEachStmt(List.of(loop), s -> {
      if (s instanceof Stmt.Assign a && a.target() instanceof Expr.Local l
          && !declaredInside.contains(l.name()) && plan.isActive(l.name())) {
        out.add(l.name());
      }
    });
    return out;
  }

  /** Counted with stable bounds, nested loops too, and every condition evaluated again. */
  private static boolean recordsNothing(Plan plan, Stmt.For loop) {
    boolean[] ok = {true};
    Walk.forEachStmt(List.of(loop), s -> {
      if (s instanceof Stmt.If && !plan.recomputedConditions().contains(s)
          || Walk.isLoop(s) && !isStableCountedLoop(plan.loops(), s)) {
        ok[0] = false;
      }
    });
    return ok[0];
  }

  private static boolean isStableCountedLoop(Map<Stmt, LoopPlan> loops, Stmt s) {
    LoopPlan plan = loops.get(s);
    return plan != null && plan.counted() && !plan.recordTrips();
  }

  private static boolean writesNoArray(Plan plan, Stmt.For loop) {
    boolean[] ok = {true};
    Walk.forEachStmt(List.of(loop), s -> {
      if (s instanceof Stmt.Assign a && !(a.target() instanceof Expr.Local)
          || s instanceof Stmt.Declare d && d.type().isArray() && d.init() instanceof Expr.NewArray) {
        ok[0] = false;
      }
      // A call that writes into an array: the reverse sweep puts it back, which the next
      // iteration's forward sweep must not see.
      Walk.expressions(s).forEach(e -> Walk.forEach(e, x -> {
        if (x instanceof Expr.Call c && !plan.writes().writtenArguments(c).isEmpty()) {
          ok[0] = false;
        }
      }));
    });
    return ok[0];
  }

  /** Every active variable from outside that the loop writes is an accumulator, read by nothing else. */
  private static boolean carriesOnlyAccumulators(Plan plan, Stmt.For loop) {
    Set<String> accumulators = accumulators(plan, loop);
    boolean[] ok = {true};
    Walk.forEachStmt(List.of(loop), s -> {
      Set<String> reads = new HashSet<>();
      if (s instanceof Stmt.Assign a) {
        boolean ownUpdate = a.target() instanceof Expr.Local l && accumulators.contains(l.name());
        if (ownUpdate && a.compound() != BinaryOp.ADD && a.compound() != BinaryOp.SUBTRACT) {
          ok[0] = false;
        }
        reads.addAll(Walk.locals(a.value()));
        if (!ownUpdate) {
          reads.addAll(Walk.locals(a.target()));
        }
      } else {
        Walk.expressions(s).forEach(e -> reads.addAll(Walk.locals(e)));
      }
      reads.retainAll(accumulators);
      ok[0] &= reads.isEmpty();
    });
    return ok[0];
  }

  private static Set<String> declaredIn(Stmt.For loop) {
    Set<String> out = new HashSet<>();
    Walk.forEachStmt(List.of(loop), s -> {
      if (s instanceof Stmt.Declare d) {
        out.add(d.name());
      }
    });
    return out;
  }
}
