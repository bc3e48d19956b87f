package dev.chainrule.processor.symbolic;

import dev.chainrule.processor.ir.BinaryOp;
import dev.chainrule.processor.ir.Callee;
import dev.chainrule.processor.ir.Expr;
import dev.chainrule.processor.ir.Type;
import dev.chainrule.processor.ir.UnaryOp;
import dev.chainrule.processor.ir.Walk;
import dev.chainrule.processor.rules.Rules;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The partial derivative of an expression over the parameters (a straight-line method's result, see
 * {@link StraightLine}) with respect to one parameter: the chain rule applied forwards, each local
 * partial taken from {@link Rules}, the one table of derivative rules. The result is not simplified.
 */
final class Differentiate {
  private static final Expr ZERO = Expr.Literal.ofDouble(0);
  private static final Expr ONE = Expr.Literal.ofDouble(1);

  private final String parameter;
  private final Map<Expr, Expr> done = new IdentityHashMap<>();

  private Differentiate(String parameter) {
    this.parameter = parameter;
  }

  /** ∂e/∂parameter. */
  static Expr of(Expr e, String parameter) {
    return new Differentiate(parameter).d(e);
  }

  private Expr d(Expr e) {
    Expr known = done.get(e);
    if (known == null) {
      known = compute(e);
      done.put(e, known);
    }
    return known;
  }

  private Expr compute(Expr e) {
    if (e.type() != null && e.type().isIntegral() || e.type() == Type.BOOLEAN) {
      return ZERO;
    }
    if (e instanceof Expr.Local l) {
      return l.name().equals(parameter) ? ONE : ZERO;
    } else if (e instanceof Expr.Literal || e instanceof Expr.StaticField) {
      return ZERO;
    } else if (e instanceof Expr.Unary u) {
      return u.op() == UnaryOp.NEGATE ? new Expr.Unary(UnaryOp.NEGATE, d(u.operand()), Type.DOUBLE) : d(u.operand());
    } else if (e instanceof Expr.Cast c) {
      return d(c.operand());
    } else if (e instanceof Expr.Binary b && b.op().isArithmetic() && b.op() != BinaryOp.REMAINDER) {
      Expr left = chain(d(b.left()), Rules.partial(b.op(), 0, b.left(), b.right(), e));
      Expr right = chain(d(b.right()), Rules.partial(b.op(), 1, b.left(), b.right(), e));
      return sum(left, right);
    } else if (e instanceof Expr.Call c) {
      return call(c);
    }
    throw new IllegalArgumentException("no closed form for " + e.getClass().getSimpleName());
  }

  private Expr call(Expr.Call c) {
    Callee callee = c.callee();
    List<Expr> in = c.args();
    Expr total = ZERO;
    if (callee instanceof Callee.MathFunction m) {
      for (int k = 0; k < in.size(); k++) {
        total = sum(total, chain(d(in.get(k)), Rules.partial(m.owner(), m.function(), k, in, c)));
      }
      return total;
    } else if (callee instanceof Callee.Custom custom) {
      for (int k = 0; k < in.size(); k++) {
        Expr inner = d(in.get(k));
        if (isZero(inner)) {
          continue;
        }
        Callee.Partial partial = custom.partialFor(k);
        if (partial == null || partial.array()) {
          throw new IllegalArgumentException("no scalar partial of " + custom.name());
        }
        List<Expr> args = new ArrayList<>(in);
        if (partial.takesResult()) {
          args.add(c);
        }
        Expr local = new Expr.Call(new Callee.StaticMethod(partial.owner(), partial.method()), args, Type.DOUBLE);
        total = sum(total, chain(inner, local));
      }
      return total;
    } else if (callee instanceof Callee.StopGradient) {
      return ZERO;
    } else if (callee instanceof Callee.StaticMethod) {
      for (Expr arg : in) {
        if (Walk.locals(arg).contains(parameter)) {
          throw new IllegalArgumentException(callee.name() + " has no derivative rule");
        }
      }
      return ZERO;
    }
    throw new IllegalArgumentException("no closed form through " + callee.name());
  }

  /** inner · local, in the order the chain rule reads forwards (inner derivative first). */
  private static Expr chain(Expr inner, Expr local) {
    if (isZero(inner)) {
      return ZERO;
    }
    return new Expr.Binary(BinaryOp.MULTIPLY, inner, local, Type.DOUBLE);
  }

  private static Expr sum(Expr a, Expr b) {
    if (isZero(a)) {
      return b;
    }
    if (isZero(b)) {
      return a;
    }
    return new Expr.Binary(BinaryOp.ADD, a, b, Type.DOUBLE);
  }

  private static boolean isZero(Expr e) {
    return e instanceof Expr.Literal l && l.is(0);
  }
}
