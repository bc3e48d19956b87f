package dev.chainrule.processor.reverse;

import dev.chainrule.processor.ir.Callee;
import dev.chainrule.processor.ir.Expr;
import dev.chainrule.processor.ir.Pos;
import dev.chainrule.processor.ir.Stmt;
import dev.chainrule.processor.ir.Type;
import dev.chainrule.processor.ir.UnaryOp;
import dev.chainrule.processor.ir.Walk;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Names the intermediate values of an expression: every compound sub-expression gets a local
 * ({@code t0, t1, ...}) in evaluation order. The branches of a ternary are left alone (only one
 * of them runs); they are named when the reverse sweep enters the branch.
 */
final class Linearizer {
  private final PullbackScope scope;
  final List<Stmt> temps = new ArrayList<>();
  final Set<String> tempNames = new LinkedHashSet<>();
  private final Map<Expr, Expr> values = new IdentityHashMap<>();
  private final Map<Expr, Expr> rewrittenRoots = new IdentityHashMap<>();
  /** Equal pure sub-expressions share one local (common sub-expression elimination). */
  private final Map<Expr, Expr.Local> common = new HashMap<>();

  Linearizer(PullbackScope scope) {
    this.scope = scope;
  }

  Expr rewrite(Expr e, boolean isRoot) {
    Expr known = values.get(e);
    if (known != null) {
      return known;
    }
    Expr.Local shared = isRoot ? null : common.get(e);
    if (shared != null) {
      values.put(e, shared);
      return shared;
    }
    if (isRoot && rewrittenRoots.containsKey(e)) {
      return rewrittenRoots.get(e);
    }
    if (isSimple(e)) {
      values.put(e, e);
      return e;
    }
    Expr rewritten = rewriteChildren(e);
    if (isRoot) {
      rewrittenRoots.put(e, rewritten);
      return rewritten;
    }
    Expr.Local t = new Expr.Local(scope.temp("t"), e.type());
    temps.add(new Stmt.Declare(t.name(), e.type(), rewritten, Pos.NONE));
    tempNames.add(t.name());
    values.put(e, t);
    if (isPure(e)) {
      common.put(e, t);
    }
    return t;
  }

  private boolean isPure(Expr e) {
    boolean[] opaque = {false};
    Walk.forEach(e, x -> opaque[0] |= x instanceof Expr.Call c && c.callee() instanceof Callee.StaticMethod);
    return !opaque[0];
  }

  private Expr rewriteChildren(Expr e) {
    if (e instanceof Expr.Unary u) {
      return new Expr.Unary(u.op(), rewrite(u.operand(), false), u.type());
    } else if (e instanceof Expr.Binary b) {
      return b.op().isLogical() ? b : new Expr.Binary(b.op(), rewrite(b.left(), false), rewrite(b.right(), false), b.type());
    } else if (e instanceof Expr.Conditional c) {
      return new Expr.Conditional(rewrite(c.condition(), false), c.ifTrue(), c.ifFalse(), c.type());
    } else if (e instanceof Expr.Cast c) {
      return new Expr.Cast(c.type(), rewrite(c.operand(), false));
    } else if (e instanceof Expr.ArrayRead r) {
      return new Expr.ArrayRead(rewrite(r.array(), false), rewrite(r.index(), false), r.type());
    } else if (e instanceof Expr.Call c) {
      List<Expr> args = new ArrayList<>();
      for (Expr a : c.args()) {
        args.add(rewrite(a, false));
      }
      return new Expr.Call(c.callee(), args, c.type());
    }
    return e;
  }

  /** The value of a node: its local, or itself when simple (named now if it was not yet). */
  Expr value(Expr e) {
    Expr v = values.get(e);
    return v != null ? v : rewrite(e, false);
  }

  /** A root expression in terms of its operands' values (to compute its result again). */
  Expr rewritten(Expr e) {
    Expr v = values.get(e);
    return v != null ? v : rewrite(e, true);
  }

  /** Whether an expression is cheap and safe to evaluate again wherever its value is needed. */
  private static boolean isSimple(Expr e) {
    if (e.type() == Type.BOOLEAN) {
      return !Walk.contains(e, Expr.Call.class);
    }
    if (e instanceof Expr.Local || e instanceof Expr.Literal || e instanceof Expr.StaticField
        || e instanceof Expr.Length) {
      return true;
    }
    if (e instanceof Expr.ArrayRead r) {
      return isSimple(r.array()) && !Walk.contains(r.index(), Expr.Call.class);
    }
    if (e instanceof Expr.Cast c) {
      return isSimple(c.operand());
    }
    if (e instanceof Expr.Unary u) {
      return (u.op() == UnaryOp.NEGATE || u.op() == UnaryOp.PLUS) && isSimple(u.operand());
    }
    if (e instanceof Expr.Binary b) {
      return b.type().isIntegral() && !Walk.contains(b, Expr.Call.class);
    }
    return false;
  }
}
