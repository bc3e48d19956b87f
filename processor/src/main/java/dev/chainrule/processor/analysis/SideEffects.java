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
   * A call that may write into an array argument — other code, or a {@code @Differentiable} method
   * — must be the whole value of a declaration or assignment ({@code double v = g(c);}) or sit in
   * an if's condition. The reverse sweep saves the arrays before such a statement and puts them back
   * when it passes it (a callee's pullback then runs on the arrays its call saw); inside a larger
   * expression the reverse sweep may evaluate the call again, and the parts evaluated before it
   * would see the arrays it changed. A loop's condition is evaluated once per iteration, which
   * would need a save per evaluation: refused too.
   */
  static void checkCallsThatWriteArrays(Method method, List<Stmt> body, CallWrites writes) {
    for (Stmt s : body) {
      Expr whole = s instanceof Stmt.Declare d ? d.init()
          : s instanceof Stmt.Assign a && a.compound() == null ? a.value() : null;
      if (!(s instanceof Stmt.If)) { // an if's condition runs once, before the statement's save is put back
        String where = Walk.isLoop(s) ? "in a loop's condition" : "part of a larger expression";
        for (Expr e : Walk.expressions(s)) {
          check(method, s, e, whole, writes, where);
        }
      }
      for (List<Stmt> inner : Walk.blocks(s)) {
        checkCallsThatWriteArrays(method, inner, writes);
      }
    }
  }

  /** Refuses a writing call in {@code e}, unless it is {@code whole}. */
  private static void check(Method method, Stmt s, Expr e, Expr whole, CallWrites writes, String where) {
    if (e instanceof Expr.Call c && c.callee() instanceof Callee.Derivative n && !writes.writtenArguments(c).isEmpty()) {
      throw new Problem(Message.DERIVATIVE_OF_WRITING_METHOD, method.posOf(c, s.pos()), n.of().name(),
          describe(method, writes.writtenArguments(c).get(0)), n.of().name());
    }
    if (e != whole && e instanceof Expr.Call c) {
      List<Expr> written = writes.writtenArguments(c);
      if (!written.isEmpty()) {
        throw new Problem(Message.NESTED_CALL_WITH_SIDE_EFFECT, method.posOf(c, s.pos()), describe(c.callee()),
            describe(method, written.get(0)), where, name(c.callee()));
      }
    }
    for (Expr child : Walk.children(e)) {
      check(method, s, child, whole, writes, where);
    }
  }

  private static String describe(Callee callee) {
    if (callee instanceof Callee.StaticMethod m && m.source() != null) {
      return m.source().signature();
    }
    return callee instanceof Callee.Differentiable d ? d.owner().simpleName() + "." + d.name() : name(callee);
  }

  private static String name(Callee callee) {
    if (callee instanceof Callee.StaticMethod m) {
      return m.name();
    }
    return callee instanceof Callee.Differentiable d ? d.name() : "g";
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
   * Calls of {@code @Differentiable} methods that may write into an array argument that holds
   * differentiated values: what they overwrite would keep its adjoint. (The callee refuses writes
   * into its differentiated parameters and the caller a differentiated value passed where no
   * derivative is taken, so this guards what those checks let through.)
   */
  public static void checkCallees(Plan plan) {
    Method caller = plan.method();
    Walk.forEachStmt(plan.body(), s -> Walk.expressions(s).forEach(e -> Walk.forEach(e, x -> {
      if (!(x instanceof Expr.Call c) || !(c.callee() instanceof Callee.Differentiable d)) {
        return;
      }
      for (Expr arg : plan.writes().writtenArguments(c)) {
        if (plan.isVaried(arg)) {
          throw new Problem(Message.CALLEE_WRITES_ARRAY, caller.posOf(c, s.pos()), caller.name(),
              d.name(), describe(caller, arg), d.name(), describe(caller, arg));
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
