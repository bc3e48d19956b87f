package dev.chainrule.processor.analysis;

import dev.chainrule.processor.ir.Callee;
import dev.chainrule.processor.ir.Expr;
import dev.chainrule.processor.ir.Method;
import dev.chainrule.processor.ir.Naming;
import dev.chainrule.processor.ir.Param;
import dev.chainrule.processor.ir.Pos;
import dev.chainrule.processor.ir.Stmt;
import dev.chainrule.processor.ir.Type;
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
 * Replaces calls to small differentiable methods of the compilation by their body, so that the
 * caller's reverse sweep reuses the callee's forward values (a sigmoid's output, a normal CDF's
 * exponential) instead of calling the callee's pullback, which would evaluate the callee again.
 *
 * <p>A callee qualifies when its parameters are all differentiated {@code double}s and its body is
 * straight-line: declarations of locals, then one {@code return}, of arithmetic, comparisons,
 * ternaries and {@code Math} functions. A single {@code return} is substituted in place. A longer
 * body becomes declarations of fresh locals before the statement that makes the call; that is done
 * only where the call would run anyway (not in a ternary's branch or to the right of {@code &&}),
 * so nothing runs that the original would not. The value is unchanged: the same operations run in
 * the same order.
 */
public final class Inliner {
  /** Callees larger than this (in expression nodes) are called, not inlined. */
  private static final int MAX_NODES = 120;

  private final Function<Callee.Differentiable, Method> methods;
  private final Map<Expr, Pos> positions;
  private final String packageName;
  private final Set<String> names;
  /** Statements to run before the statement being rewritten; null where none may be added. */
  private List<Stmt> prelude;
  private Pos statementPos = Pos.NONE;

  private Inliner(Function<Callee.Differentiable, Method> methods, Method caller) {
    this.methods = methods;
    this.positions = new IdentityHashMap<>(caller.exprPositions());
    this.packageName = caller.owner().packageName();
    this.names = new HashSet<>(caller.identifiers());
  }

  /**
   * @param method the caller
   * @param methods the body of a differentiable callee of this compilation, or null when unknown
   */
  public static Method inline(Method method, Function<Callee.Differentiable, Method> methods) {
    Inliner inliner = new Inliner(methods, method);
    List<Stmt> body = inliner.statements(method.body());
    return new Method(method.owner(), method.name(), method.parameters(), body, method.pos(),
        inliner.positions, inliner.names, method.numericFallback(), method.result(), method.outParam());
  }

  private List<Stmt> statements(List<Stmt> stmts) {
    return statements(stmts, true);
  }

  /** {@code withPrelude} false for a for loop's init and update, which take no extra statements. */
  private List<Stmt> statements(List<Stmt> stmts, boolean withPrelude) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : stmts) {
      if (withPrelude && (s instanceof Stmt.Declare || s instanceof Stmt.Assign || s instanceof Stmt.Return)) {
        prelude = new ArrayList<>();
        statementPos = s.pos();
        Stmt rewritten = statement(s);
        out.addAll(prelude);
        out.add(rewritten);
        prelude = null;
      } else {
        out.add(statement(s));
      }
    }
    return out;
  }

  private Stmt statement(Stmt s) {
    if (s instanceof Stmt.Declare d) {
      return d.init() == null ? d : new Stmt.Declare(d.name(), d.type(), expr(d.init()), d.pos());
    } else if (s instanceof Stmt.Assign a) {
      List<Stmt> keep = prelude;
      prelude = null; // the target's indices: nothing inlined before them
      Expr target = expr(a.target());
      prelude = keep;
      return new Stmt.Assign(target, a.compound(), expr(a.value()), a.pos());
    } else if (s instanceof Stmt.If f) {
      return new Stmt.If(expr(f.condition()), statements(f.thenPart()), statements(f.elsePart()), f.pos());
    } else if (s instanceof Stmt.While w) {
      return new Stmt.While(expr(w.condition()), statements(w.body()), w.pos());
    } else if (s instanceof Stmt.DoWhile d) {
      return new Stmt.DoWhile(statements(d.body()), expr(d.condition()), d.pos());
    } else if (s instanceof Stmt.For f) {
      return new Stmt.For(statements(f.init(), false), f.condition() == null ? null : expr(f.condition()),
          statements(f.update(), false), statements(f.body()), f.pos());
    } else if (s instanceof Stmt.Block b) {
      return new Stmt.Block(statements(b.body()), b.pos());
    } else if (s instanceof Stmt.Return r) {
      return new Stmt.Return(expr(r.value()), r.pos());
    }
    return s;
  }

  /** {@code e} with inlinable calls replaced; unchanged sub-trees keep their identity. */
  private Expr expr(Expr e) {
    List<Expr> children = Walk.children(e);
    List<Expr> mapped = new ArrayList<>(children.size());
    boolean changed = false;
    for (int i = 0; i < children.size(); i++) {
      Expr child = children.get(i);
      boolean conditional = e instanceof Expr.Conditional && i > 0
          || e instanceof Expr.Binary b && b.op().isLogical() && i > 0;
      List<Stmt> keep = prelude;
      if (conditional) {
        prelude = null;
      }
      Expr m = expr(child);
      prelude = keep;
      mapped.add(m);
      changed |= m != child;
    }
    Expr out = changed ? Walk.withChildren(e, mapped) : e;
    if (out instanceof Expr.Call c && c.callee() instanceof Callee.Differentiable d) {
      Method callee = methods.apply(d);
      List<Stmt> body = callee == null ? null : inlinableBody(callee);
      if (body != null && body.size() == 1 && argumentsFit(callee, c.args())) {
        out = substitute(((Stmt.Return) body.get(0)).value(), d.parameters(), c.args());
      } else if (body != null && prelude != null) {
        out = inlineStatements(callee, body, c.args());
      }
    }
    if (out != e && !positions.containsKey(out)) {
      Pos p = positions.get(e);
      if (p != null) {
        positions.put(out, p);
      }
    }
    return out;
  }

  /** The callee's straight-line body (declarations, then a return), if it can be inlined. */
  private List<Stmt> inlinableBody(Method m) {
    if (m.numericFallback() || m.body().isEmpty()
        || !(m.body().get(m.body().size() - 1) instanceof Stmt.Return)) {
      return null;
    }
    Set<String> known = new HashSet<>();
    for (Param p : m.parameters()) {
      if (p.type() != Type.DOUBLE || !p.differentiated()) {
        return null;
      }
      known.add(p.name());
    }
    int[] nodes = {0};
    boolean[] ok = {true};
    for (Stmt s : m.body()) {
      Expr value;
      if (s instanceof Stmt.Declare d && d.init() != null && !d.type().isArray()) {
        value = d.init();
      } else if (s instanceof Stmt.Return r) {
        value = r.value();
      } else {
        return null;
      }
      Walk.forEach(value, x -> {
        nodes[0]++;
        if (x instanceof Expr.Local l) {
          ok[0] &= known.contains(l.name());
        } else if (x instanceof Expr.Call call) {
          ok[0] &= call.callee() instanceof Callee.MathFunction;
        } else if (x instanceof Expr.StaticField f) {
          ok[0] &= f.owner().packageName().equals("java.lang") || f.owner().packageName().equals(packageName);
        } else {
          ok[0] &= x instanceof Expr.Literal || x instanceof Expr.Unary || x instanceof Expr.Binary
              || x instanceof Expr.Conditional || x instanceof Expr.Cast;
        }
      });
      if (s instanceof Stmt.Declare d) {
        known.add(d.name());
      }
    }
    return ok[0] && nodes[0] <= MAX_NODES ? m.body() : null;
  }

  /** Whether substituting the arguments evaluates none of them more often than the call would. */
  private static boolean argumentsFit(Method callee, List<Expr> args) {
    Expr body = ((Stmt.Return) callee.body().get(0)).value();
    for (int i = 0; i < args.size(); i++) {
      String name = callee.parameters().get(i).name();
      int[] uses = {0};
      Walk.forEach(body, x -> uses[0] += x instanceof Expr.Local l && l.name().equals(name) ? 1 : 0);
      if (uses[0] > 1 && !cheap(args.get(i))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Declares the callee's arguments (unless cheap) and locals as fresh locals of the caller, before
   * the current statement, and returns the callee's returned expression over them.
   */
  private Expr inlineStatements(Method callee, List<Stmt> body, List<Expr> args) {
    Map<String, Expr> byName = new HashMap<>();
    for (int i = 0; i < args.size(); i++) {
      Param p = callee.parameters().get(i);
      Expr arg = args.get(i).type() == p.type() ? args.get(i) : new Expr.Cast(p.type(), args.get(i));
      if (cheap(arg)) {
        byName.put(p.name(), arg);
      } else {
        Expr.Local local = new Expr.Local(fresh(callee.name() + "_" + p.name()), p.type());
        prelude.add(new Stmt.Declare(local.name(), p.type(), arg, inlinedPos(callee, "argument " + p.name())));
        byName.put(p.name(), local);
      }
    }
    for (Stmt s : body) {
      if (s instanceof Stmt.Declare d) {
        Expr.Local local = new Expr.Local(fresh(callee.name() + "_" + d.name()), d.type());
        prelude.add(new Stmt.Declare(local.name(), d.type(), copy(d.init(), byName),
            inlinedPos(callee, d.pos().excerpt())));
        byName.put(d.name(), local);
      }
    }
    return copy(((Stmt.Return) body.get(body.size() - 1)).value(), byName);
  }

  /** The calling statement's line, for diagnostics; the comment names the callee's source. */
  private Pos inlinedPos(Method callee, String excerpt) {
    return new Pos(statementPos.line(), "(" + callee.name() + ", inlined) " + excerpt, statementPos.tree());
  }

  private String fresh(String base) {
    return Naming.fresh(base, names);
  }

  /** A variable, a constant, or an element {@code x[i]}, {@code X[i][j]} of them. */
  private static boolean cheap(Expr e) {
    if (e instanceof Expr.ArrayRead r) {
      return cheap(r.array()) && cheap(r.index());
    }
    return e instanceof Expr.Local || e instanceof Expr.Literal || e instanceof Expr.StaticField;
  }

  private static Expr substitute(Expr body, List<Param> params, List<Expr> args) {
    Map<String, Expr> byName = new HashMap<>();
    for (int i = 0; i < params.size(); i++) {
      Expr arg = args.get(i);
      byName.put(params.get(i).name(), arg.type() == params.get(i).type() ? arg : new Expr.Cast(params.get(i).type(), arg));
    }
    return copy(body, byName);
  }

  private static Expr copy(Expr e, Map<String, Expr> byName) {
    if (e instanceof Expr.Local l) {
      return byName.get(l.name());
    }
    List<Expr> children = Walk.children(e);
    if (children.isEmpty()) {
      return e;
    }
    List<Expr> mapped = new ArrayList<>(children.size());
    for (Expr child : children) {
      mapped.add(copy(child, byName));
    }
    return Walk.withChildren(e, mapped);
  }
}
