package dev.chainrule.processor.analysis;

import dev.chainrule.processor.diagnostics.Message;
import dev.chainrule.processor.diagnostics.Problem;
import dev.chainrule.processor.ir.Callee;
import dev.chainrule.processor.ir.Expr;
import dev.chainrule.processor.ir.Method;
import dev.chainrule.processor.ir.Param;
import dev.chainrule.processor.ir.Stmt;
import dev.chainrule.processor.ir.Walk;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Calls that change arrays where the reverse sweep cannot see it, refused (issue 13, items 3 and
 * 6): other code that may write into an array holding differentiated values — whether or not the
 * call's result is used — or that numeric differentiation would call again; and a
 * {@code @Differentiable} callee that writes into one of its array parameters (itself, through
 * other code it passes the array to, or through its own callees), whose forward sweep
 * the caller's reverse sweep runs again (inside the callee's pullback) on an array the first run
 * has already changed.
 */
public final class SideEffects {
  private SideEffects() {}

  /**
   * The reverse sweep evaluates intermediate values again (inside loops and branches, in the
   * branches of a conditional expression, in compound assignments and in the arguments of calls it
   * differentiates): a call of other code that may write into an array argument must be the whole
   * value of a declaration or assignment ({@code double v = g(c);}), whose value the reverse sweep
   * restores rather than computes again, so that it runs once, as in the method. Conditions of ifs
   * and loops may hold one too (they are recorded, not evaluated again).
   */
  static void checkNestedCallsWithSideEffects(Method method, List<Stmt> body) {
    check(method, body, true);
  }

  private static void check(Method method, List<Stmt> block, boolean nested) {
    for (Stmt s : block) {
      Expr whole = s instanceof Stmt.Declare d ? d.init()
          : s instanceof Stmt.Assign a && a.compound() == null && a.target() instanceof Expr.Local ? a.value() : null;
      // Conditions of ifs and loops are exempt: with a call in them they are recorded, not
      // evaluated again (Analyzer.stable).
      boolean condition = s instanceof Stmt.If || Walk.isLoop(s);
      for (Expr e : condition ? List.<Expr>of() : Walk.expressions(s)) {
        check(method, s, e, whole, nested);
      }
      for (List<Stmt> inner : Walk.blocks(s)) {
        check(method, inner, true);
      }
    }
  }

  /** Refuses a writing call in {@code e} that is evaluated again: anywhere if {@code again}, except {@code whole}. */
  private static void check(Method method, Stmt s, Expr e, Expr whole, boolean again) {
    if (e instanceof Expr.Conditional c) {
      check(method, s, c.condition(), whole, again);
      check(method, s, c.ifTrue(), whole, true);
      check(method, s, c.ifFalse(), whole, true);
      return;
    }
    if (again && e != whole && e instanceof Expr.Call c && c.callee() instanceof Callee.StaticMethod m
        && m.source() != null) {
      for (int k = 0; k < c.args().size(); k++) {
        if (c.args().get(k).type().isArray() && m.source().writes().get(k)) {
          throw new Problem(Message.NESTED_CALL_WITH_SIDE_EFFECT, method.posOf(c, s.pos()),
              m.source().signature(), describe(method, c.args().get(k)), m.name());
        }
      }
    }
    for (Expr child : Walk.children(e)) {
      check(method, s, child, whole, again);
    }
  }

  /** Calls of other code (not {@code @Differentiable}, no custom derivative). */
  static void checkOtherCode(Method method, List<Stmt> body, Activity activity) {
    Walk.forEachStmt(body, s -> Walk.expressions(s).forEach(e -> Walk.forEach(e, x -> {
      if (!(x instanceof Expr.Call c) || !(c.callee() instanceof Callee.StaticMethod m) || m.source() == null) {
        return;
      }
      String name = m.source().signature();
      boolean again = method.numericFallback() && activity.isVaried(c);
      for (int k = 0; k < c.args().size(); k++) {
        Expr arg = c.args().get(k);
        if (!arg.type().isArray() || !m.source().writes().get(k)) {
          continue;
        }
        if (activity.isVaried(arg)) {
          throw new Problem(Message.ARRAY_CHANGED_BY_OTHER_CODE, method.posOf(arg, method.posOf(c, s.pos())),
              describe(method, arg), name);
        }
        if (again) {
          throw new Problem(Message.NUMERIC_FALLBACK_SIDE_EFFECT, method.posOf(c, s.pos()), name,
              describe(method, arg));
        }
      }
    })));
  }

  /**
   * Calls of {@code @Differentiable} methods of this compilation that write into an array
   * parameter, where the call is differentiated (its pullback runs the callee's forward sweep
   * again).
   *
   * @param bodies the methods of this compilation, or null for one from a class file
   */
  public static void checkCallees(Plan plan, Function<Callee.Differentiable, Method> bodies) {
    Method caller = plan.method();
    Walk.forEachStmt(plan.body(), s -> Walk.expressions(s).forEach(e -> Walk.forEach(e, x -> {
      if (!(x instanceof Expr.Call c) || !(c.callee() instanceof Callee.Differentiable d) || !plan.isVaried(c)) {
        return;
      }
      Method callee = bodies.apply(d);
      if (callee == null) {
        return;
      }
      Set<String> written = writtenParameters(callee, bodies, new HashSet<>());
      for (int k = 0; k < c.args().size() && k < callee.parameters().size(); k++) {
        Param p = callee.parameters().get(k);
        if (p.type().isArray() && written.contains(p.name())) {
          throw new Problem(Message.CALLEE_WRITES_ARRAY, caller.posOf(c, s.pos()), caller.name(),
              d.name(), p.name(), d.name(), p.name());
        }
      }
    })));
  }

  /**
   * The array parameters {@code m} may write into: directly or through a row or alias variable, by
   * passing them to other code that may write into them, or to a {@code @Differentiable} method
   * of this compilation that does (transitively).
   */
  static Set<String> writtenParameters(Method m, Function<Callee.Differentiable, Method> bodies, Set<String> visiting) {
    Map<String, String> roots = new HashMap<>();
    for (Param p : m.parameters()) {
      if (p.type().isArray()) {
        roots.put(p.name(), p.name());
      }
    }
    Set<String> written = new HashSet<>();
    if (!visiting.add(m.owner().canonicalName() + "#" + m.name())) {
      return written;
    }
    Walk.forEachStmt(m.body(), s -> {
      if (s instanceof Stmt.Declare d && d.type().isArray() && d.init() != null) {
        String from = Walk.root(d.init());
        if (from != null && roots.containsKey(from)) {
          roots.put(d.name(), roots.get(from));
        }
      } else if (s instanceof Stmt.Assign a && a.target() instanceof Expr.ArrayRead) {
        String root = roots.get(Walk.root(a.target()));
        if (root != null) {
          written.add(root);
        }
      }
      Walk.expressions(s).forEach(e -> Walk.forEach(e, x -> {
        if (!(x instanceof Expr.Call c)) {
          return;
        }
        Set<Integer> writes = new HashSet<>();
        if (c.callee() instanceof Callee.StaticMethod other && other.source() != null) {
          for (int k = 0; k < c.args().size(); k++) {
            if (other.source().writes().get(k)) {
              writes.add(k);
            }
          }
        } else if (c.callee() instanceof Callee.Differentiable d && bodies.apply(d) != null) {
          Method callee = bodies.apply(d);
          Set<String> inner = writtenParameters(callee, bodies, visiting);
          for (int k = 0; k < callee.parameters().size() && k < c.args().size(); k++) {
            if (inner.contains(callee.parameters().get(k).name())) {
              writes.add(k);
            }
          }
        }
        for (int k : writes) {
          String root = roots.get(Walk.root(c.args().get(k)));
          if (root != null) {
            written.add(root);
          }
        }
      }));
    });
    visiting.remove(m.owner().canonicalName() + "#" + m.name());
    return written;
  }

  private static String describe(Method method, Expr arg) {
    if (arg instanceof Expr.Local l) {
      return l.name();
    }
    String excerpt = method.posOf(arg, dev.chainrule.processor.ir.Pos.NONE).excerpt();
    return excerpt.isEmpty() ? "argument" : excerpt;
  }
}
