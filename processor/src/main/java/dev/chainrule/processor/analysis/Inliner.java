package dev.chainrule.processor.analysis;

import dev.chainrule.processor.ir.Callee;
import dev.chainrule.processor.ir.Expr;
import dev.chainrule.processor.ir.Method;
import dev.chainrule.processor.ir.Param;
import dev.chainrule.processor.ir.Pos;
import dev.chainrule.processor.ir.Stmt;
import dev.chainrule.processor.ir.Type;
import dev.chainrule.processor.ir.Walk;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Replaces calls to small differentiable methods — a single {@code return} of arithmetic and
 * {@code Math} functions of {@code double} parameters, such as {@code sigmoid(x) = 1 / (1 +
 * Math.exp(-x))} — by their body. The caller's reverse sweep then reuses the forward values of the
 * body (the sigmoid's output) instead of calling the callee's pullback, which would evaluate the
 * callee again. The value is unchanged: the same operations run in the same order.
 */
public final class Inliner {
  /** Callees larger than this (in expression nodes) are called, not inlined. */
  private static final int MAX_NODES = 40;

  private final Function<Callee.Differentiable, Method> methods;
  private final Map<Expr, Pos> positions;

  private Inliner(Function<Callee.Differentiable, Method> methods, Map<Expr, Pos> positions) {
    this.methods = methods;
    this.positions = positions;
  }

  /**
   * @param method the caller
   * @param methods the body of a differentiable callee of this compilation, or null when unknown
   */
  public static Method inline(Method method, Function<Callee.Differentiable, Method> methods) {
    Map<Expr, Pos> positions = new IdentityHashMap<>(method.exprPositions());
    Inliner inliner = new Inliner(methods, positions);
    List<Stmt> body = inliner.statements(method.body());
    return new Method(method.owner(), method.name(), method.parameters(), body, method.pos(),
        positions, method.identifiers(), method.numericFallback());
  }

  private List<Stmt> statements(List<Stmt> stmts) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : stmts) {
      out.add(statement(s));
    }
    return out;
  }

  private Stmt statement(Stmt s) {
    if (s instanceof Stmt.Declare d) {
      return d.init() == null ? d : new Stmt.Declare(d.name(), d.type(), expr(d.init()), d.pos());
    } else if (s instanceof Stmt.Assign a) {
      return new Stmt.Assign(expr(a.target()), a.compound(), expr(a.value()), a.pos());
    } else if (s instanceof Stmt.If f) {
      return new Stmt.If(expr(f.condition()), statements(f.thenPart()), statements(f.elsePart()), f.pos());
    } else if (s instanceof Stmt.While w) {
      return new Stmt.While(expr(w.condition()), statements(w.body()), w.pos());
    } else if (s instanceof Stmt.DoWhile d) {
      return new Stmt.DoWhile(statements(d.body()), expr(d.condition()), d.pos());
    } else if (s instanceof Stmt.For f) {
      return new Stmt.For(statements(f.init()), f.condition() == null ? null : expr(f.condition()),
          statements(f.update()), statements(f.body()), f.pos());
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
    for (Expr child : children) {
      Expr m = expr(child);
      mapped.add(m);
      changed |= m != child;
    }
    Expr out = changed ? withChildren(e, mapped) : e;
    if (out instanceof Expr.Call c && c.callee() instanceof Callee.Differentiable d) {
      Expr body = inlinableBody(d, c.args());
      if (body != null) {
        out = substitute(body, d.parameters(), c.args());
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

  /** The callee's returned expression, if it is small, pure and safe to evaluate in place of the call. */
  private Expr inlinableBody(Callee.Differentiable callee, List<Expr> args) {
    Method m = methods.apply(callee);
    if (m == null || m.numericFallback() || m.body().size() != 1 || !(m.body().get(0) instanceof Stmt.Return r)) {
      return null;
    }
    Map<String, Integer> uses = new HashMap<>();
    for (Param p : m.parameters()) {
      if (p.type() != Type.DOUBLE || !p.differentiated()) {
        return null;
      }
      uses.put(p.name(), 0);
    }
    int[] nodes = {0};
    boolean[] ok = {true};
    Walk.forEach(r.value(), x -> {
      nodes[0]++;
      if (x instanceof Expr.Local l) {
        ok[0] &= uses.containsKey(l.name());
        uses.merge(l.name(), 1, Integer::sum);
      } else if (x instanceof Expr.Call call) {
        ok[0] &= call.callee() instanceof Callee.MathFunction;
      } else if (x instanceof Expr.StaticField f) {
        ok[0] &= f.owner().packageName().equals("java.lang");
      } else {
        ok[0] &= x instanceof Expr.Literal || x instanceof Expr.Unary || x instanceof Expr.Binary
            || x instanceof Expr.Conditional || x instanceof Expr.Cast;
      }
    });
    if (!ok[0] || nodes[0] > MAX_NODES) {
      return null;
    }
    // An argument used more than once must be cheap to evaluate again.
    for (int i = 0; i < args.size(); i++) {
      Expr arg = args.get(i);
      if (uses.get(m.parameters().get(i).name()) > 1 && !cheap(arg)) {
        return null;
      }
    }
    return r.value();
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
    return withChildren(e, mapped);
  }

  /** A node like {@code e} with other children (in {@link Walk#children} order). */
  private static Expr withChildren(Expr e, List<Expr> c) {
    if (e instanceof Expr.Unary u) {
      return new Expr.Unary(u.op(), c.get(0), u.type());
    } else if (e instanceof Expr.Binary b) {
      return new Expr.Binary(b.op(), c.get(0), c.get(1), b.type());
    } else if (e instanceof Expr.Conditional k) {
      return new Expr.Conditional(c.get(0), c.get(1), c.get(2), k.type());
    } else if (e instanceof Expr.Cast k) {
      return new Expr.Cast(k.type(), c.get(0));
    } else if (e instanceof Expr.ArrayRead r) {
      return new Expr.ArrayRead(c.get(0), c.get(1), r.type());
    } else if (e instanceof Expr.Length) {
      return new Expr.Length(c.get(0));
    } else if (e instanceof Expr.Call k) {
      return new Expr.Call(k.callee(), c, k.type());
    } else if (e instanceof Expr.NewArray n) {
      return new Expr.NewArray(n.type(), c);
    }
    throw new IllegalStateException("no children to replace in " + e);
  }
}
