package dev.chainrule.processor.analysis;

import dev.chainrule.processor.ir.Expr;
import dev.chainrule.processor.ir.Method;
import dev.chainrule.processor.ir.Stmt;
import java.util.Map;
import java.util.Set;

/**
 * What the analyses decided for one method; the reverse stage follows it.
 *
 * @param method the method as the frontend read it
 * @param body the normalized body (no jumps)
 * @param result the variable holding the returned value
 * @param arrayRoots for each array variable, the array it names (itself, or the array it is a row or alias of)
 * @param activity which variables carry derivatives
 * @param saves writes whose overwritten value the reverse sweep needs (by identity)
 * @param replayed nested declarations the reverse sweep recomputes rather than saves (by identity)
 * @param recomputedConditions ifs whose condition the reverse sweep evaluates again (the others record it)
 * @param loops how each loop is reversed (by identity)
 * @param hoisted variables declared in nested blocks, which the generated code declares up front
 *     so the reverse sweep can see them
 * @param fusedLoop the final loop whose reverse sweep runs inside it, iteration by iteration (see
 *     {@link LoopFusion}), or null
 * @param writes which array arguments each call may write into
 */
public record Plan(
    Method method,
    java.util.List<Stmt> body,
    Expr.Local result,
    Map<String, String> arrayRoots,
    Activity activity,
    Set<Stmt> saves,
    Set<Stmt> replayed,
    Set<Stmt> recomputedConditions,
    Map<Stmt, LoopPlan> loops,
    Set<String> hoisted,
    Stmt.For fusedLoop,
    CallWrites writes) {

  /** This plan with its final loop fused. */
  Plan withFusedLoop(Stmt.For loop) {
    return new Plan(method, body, result, arrayRoots, activity, saves, replayed, recomputedConditions,
        loops, hoisted, loop, writes);
  }

  public boolean isActive(String variable) {
    return activity.isActive(variable);
  }

  /** Whether a derivative flows out of {@code e} (it reads a varied variable where derivatives flow). */
  public boolean isVaried(Expr e) {
    return activity.isVaried(e);
  }

  public String rootOf(String variable) {
    return arrayRoots.getOrDefault(variable, variable);
  }

  public boolean isCountedCounter(String variable) {
    return loops.values().stream().anyMatch(l -> l.counted() && l.counter().name().equals(variable));
  }
}
