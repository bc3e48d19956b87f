package dev.chainrule.processor.analysis;

import dev.chainrule.processor.diagnostics.Message;
import dev.chainrule.processor.diagnostics.Problem;
import dev.chainrule.processor.ir.Callee;
import dev.chainrule.processor.ir.Expr;
import dev.chainrule.processor.ir.Method;
import dev.chainrule.processor.ir.Naming;
import dev.chainrule.processor.ir.Param;
import dev.chainrule.processor.ir.Pos;
import dev.chainrule.processor.ir.Stmt;
import dev.chainrule.processor.ir.Walk;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Calls of vector-valued differentiable methods ({@code double[] y = f(x);} and
 * {@code g(x, out);} with an {@code @Out} parameter) are replaced by the callee's body, its locals
 * renamed, its parameters bound to the arguments (arrays by reference, as Java passes them), so
 * both transforms see one method and differentiate the callee's statements in place — no second
 * set of adjoint and tangent conventions for array results is needed, and the caller's analyses
 * decide what to save across the callee's writes.
 *
 * <p>The callee must be in this compilation. Inside a loop only an {@code @Out} method without
 * arrays of its own is inlined (a new array per iteration is outside the subset); a method that
 * returns early from inside its body is refused (its {@code return} would leave the caller).
 */
public final class VectorCalls {
  private final Function<Callee.Differentiable, Method> bodies;
  private final Set<String> taken;
  private final Map<Expr, Pos> positions;
  private final Method caller;

  private VectorCalls(Method caller, Function<Callee.Differentiable, Method> bodies) {
    this.caller = caller;
    this.bodies = bodies;
    this.taken = new HashSet<>(caller.identifiers());
    caller.parameters().forEach(p -> taken.add(p.name()));
    Walk.forEachStmt(caller.body(), s -> taken.addAll(Walk.written(s)));
    this.positions = new IdentityHashMap<>(caller.exprPositions());
  }

  /** {@code caller} with its calls of vector-valued methods inlined (itself when it has none). */
  public static Method inline(Method caller, Function<Callee.Differentiable, Method> bodies) {
    VectorCalls v = new VectorCalls(caller, bodies);
    List<Stmt> body = v.block(caller.body(), 0, new HashSet<>());
    if (body.equals(caller.body())) {
      return caller;
    }
    return new Method(caller.owner(), caller.name(), caller.parameters(), body, caller.pos(), v.positions,
        v.taken, caller.numericFallback(), caller.result(), caller.outParam());
  }

  private List<Stmt> block(List<Stmt> stmts, int loops, Set<String> inlining) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : stmts) {
      if (s instanceof Stmt.Declare d && d.init() instanceof Expr.Call c
          && c.callee() instanceof Callee.Differentiable callee && callee.isVectorValued()) {
        out.addAll(returned(d, c, callee, loops, inlining));
      } else if (s instanceof Stmt.Eval e && e.expr() instanceof Expr.Call c
          && c.callee() instanceof Callee.Differentiable callee && callee.out() >= 0) {
        out.addAll(written(e, c, callee, loops, inlining));
      } else if (Walk.isLoop(s)) {
        out.add(Walk.rebuild(rebuildFor(s, loops, inlining), b -> block(b, loops + 1, inlining)));
      } else {
        out.add(Walk.rebuild(s, b -> block(b, loops, inlining)));
      }
    }
    return out;
  }

  /** A for loop's init and update are not its body: they stay at the loop's depth. */
  private Stmt rebuildFor(Stmt s, int loops, Set<String> inlining) {
    if (s instanceof Stmt.For f) {
      return new Stmt.For(block(f.init(), loops, inlining), f.condition(), block(f.update(), loops + 1, inlining),
          f.body(), f.pos());
    }
    return s;
  }

  private String describe(Callee.Differentiable callee) {
    return callee.owner().simpleName() + "." + callee.name();
  }

  private Method body(Callee.Differentiable callee, Stmt at, Set<String> inlining) {
    String key = callee.owner().canonicalName() + "#" + callee.name();
    Method m = bodies.apply(callee);
    if (m == null) {
      throw new Problem(Message.VECTOR_CALL_BODY, at.pos(), describe(callee),
          "its body is not in this compilation (a call of a vector-valued method from another compilation is"
              + " not supported yet); declare it in the same compilation");
    }
    if (inlining.contains(key)) {
      throw new Problem(Message.VECTOR_CALL_BODY, at.pos(), describe(callee), "it calls itself");
    }
    Walk.forEachStmt(m.body().subList(0, m.body().size() - 1), s -> {
      if (s instanceof Stmt.Return) {
        throw new Problem(Message.VECTOR_CALL_BODY, at.pos(), describe(callee),
            "it returns from inside its body; end it with one return (or none, for an @Out method)");
      }
    });
    return m;
  }

  /** {@code double[] y = f(args);}: f's body, then {@code y} names the array it returns. */
  private List<Stmt> returned(Stmt.Declare d, Expr.Call c, Callee.Differentiable callee, int loops,
      Set<String> inlining) {
    Method m = body(callee, d, inlining);
    Map<String, String> names = new HashMap<>();
    List<Stmt> out = new ArrayList<>(bind(m, c.args(), -1, names, d));
    List<Stmt> body = m.body();
    Expr.Local result = (Expr.Local) ((Stmt.Return) body.get(body.size() - 1)).value();
    out.addAll(rename(body.subList(0, body.size() - 1), names, m));
    out.add(new Stmt.Declare(d.name(), d.type(), new Expr.Local(names.getOrDefault(result.name(), result.name()),
        result.type()), d.pos()));
    return nested(out, loops, inlining, callee);
  }

  /** {@code g(args, out);}: g's body writing into {@code out} directly (its output's copy dropped). */
  private List<Stmt> written(Stmt.Eval e, Expr.Call c, Callee.Differentiable callee, int loops,
      Set<String> inlining) {
    Method m = body(callee, e, inlining);
    List<Stmt> body = m.body();
    // The frontend wrote: a local copy of the output (its declaration and copy loop), the body on the
    // copy, and a return of the copy.
    Stmt.Declare copy = (Stmt.Declare) body.get(0);
    List<Stmt> inner = body.subList(2, body.size() - 1);
    Map<String, String> names = new HashMap<>();
    List<Stmt> out = new ArrayList<>(bind(m, c.args(), callee.out(), names, e));
    names.put(copy.name(), names.get(m.outParam()));
    out.addAll(rename(inner, names, m));
    return nested(out, loops, inlining, callee);
  }

  private List<Stmt> nested(List<Stmt> stmts, int loops, Set<String> inlining, Callee.Differentiable callee) {
    Set<String> deeper = new HashSet<>(inlining);
    deeper.add(callee.owner().canonicalName() + "#" + callee.name());
    return block(stmts, loops, deeper);
  }

  /** Each parameter becomes a fresh local holding its argument (an array argument: the same array). */
  private List<Stmt> bind(Method callee, List<Expr> args, int outIndex, Map<String, String> names, Stmt at) {
    List<Stmt> out = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      Param p = callee.parameters().get(i);
      Expr arg = args.get(i);
      if (p.type().isArray() && !(arg instanceof Expr.Local
          || arg instanceof Expr.ArrayRead r && r.array() instanceof Expr.Local)) {
        throw new Problem(Message.ARRAY_ARGUMENT, caller.posOf(arg, at.pos()), "argument " + (i + 1),
            callee.name());
      }
      String name = Naming.fresh(p.name(), taken);
      names.put(p.name(), name);
      out.add(new Stmt.Declare(name, p.type(), arg, at.pos()));
    }
    return out;
  }

  // ---------------------------------------------------------------- renaming

  private List<Stmt> rename(List<Stmt> stmts, Map<String, String> names, Method from) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : stmts) {
      out.add(rename(s, names, from));
    }
    return out;
  }

  private Stmt rename(Stmt s, Map<String, String> names, Method from) {
    if (s instanceof Stmt.Declare d) {
      Expr init = d.init() == null ? null : expr(d.init(), names, from);
      String name = Naming.fresh(d.name(), taken);
      names.put(d.name(), name);
      return new Stmt.Declare(name, d.type(), init, d.pos());
    } else if (s instanceof Stmt.Assign a) {
      return new Stmt.Assign(expr(a.target(), names, from), a.compound(), expr(a.value(), names, from), a.pos());
    } else if (s instanceof Stmt.If f) {
      return new Stmt.If(expr(f.condition(), names, from), rename(f.thenPart(), names, from),
          rename(f.elsePart(), names, from), f.pos());
    } else if (s instanceof Stmt.While w) {
      return new Stmt.While(expr(w.condition(), names, from), rename(w.body(), names, from), w.pos());
    } else if (s instanceof Stmt.DoWhile d) {
      List<Stmt> body = rename(d.body(), names, from);
      return new Stmt.DoWhile(body, expr(d.condition(), names, from), d.pos());
    } else if (s instanceof Stmt.For f) {
      List<Stmt> init = rename(f.init(), names, from);
      Expr condition = f.condition() == null ? null : expr(f.condition(), names, from);
      List<Stmt> update = rename(f.update(), names, from);
      return new Stmt.For(init, condition, update, rename(f.body(), names, from), f.pos());
    } else if (s instanceof Stmt.Block b) {
      return new Stmt.Block(rename(b.body(), names, from), b.pos());
    } else if (s instanceof Stmt.Eval e) {
      return new Stmt.Eval(expr(e.expr(), names, from), e.pos());
    }
    return s; // break, continue
  }

  private Expr expr(Expr e, Map<String, String> names, Method from) {
    Expr out;
    if (e instanceof Expr.Local l) {
      out = new Expr.Local(names.getOrDefault(l.name(), l.name()), l.type());
    } else if (Walk.children(e).isEmpty() || e instanceof Expr.Field || e instanceof Expr.Invoke) {
      out = e;
    } else {
      List<Expr> children = new ArrayList<>();
      for (Expr c : Walk.children(e)) {
        children.add(expr(c, names, from));
      }
      out = Walk.withChildren(e, children);
    }
    Pos p = from.exprPositions().get(e);
    if (p != null) {
      positions.put(out, p);
    }
    return out;
  }
}
