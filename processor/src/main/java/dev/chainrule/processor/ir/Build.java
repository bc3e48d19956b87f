package dev.chainrule.processor.ir;

import com.palantir.javapoet.ClassName;
import java.util.List;

/** Builds the double-valued expressions of generated code, folding the trivial cases (×1, −−x). */
public final class Build {
  private Build() {}

  public static Expr lit(double v) {
    return Expr.Literal.ofDouble(v);
  }

  public static boolean isLiteral(Expr e, double v) {
    return e instanceof Expr.Literal l && l.is(v);
  }

  public static Expr neg(Expr e) {
    if (e instanceof Expr.Unary u && u.op() == UnaryOp.NEGATE) {
      return u.operand();
    }
    if (e instanceof Expr.Literal l && l.type() == Type.DOUBLE) {
      return lit(-l.doubleValue());
    }
    return new Expr.Unary(UnaryOp.NEGATE, e, Type.DOUBLE);
  }

  public static Expr mul(Expr a, Expr b) {
    if (isLiteral(a, 1)) {
      return b;
    }
    if (isLiteral(b, 1)) {
      return a;
    }
    if (isLiteral(a, -1)) {
      return neg(b);
    }
    if (isLiteral(b, -1)) {
      return neg(a);
    }
    if (b instanceof Expr.Unary u && u.op() == UnaryOp.NEGATE) {
      return neg(mul(a, u.operand()));
    }
    if (a instanceof Expr.Unary u && u.op() == UnaryOp.NEGATE) {
      return neg(mul(u.operand(), b));
    }
    return new Expr.Binary(BinaryOp.MULTIPLY, a, b, Type.DOUBLE);
  }

  public static Expr div(Expr a, Expr b) {
    if (isLiteral(b, 1)) {
      return a;
    }
    if (a instanceof Expr.Unary u && u.op() == UnaryOp.NEGATE) {
      return neg(div(u.operand(), b));
    }
    return new Expr.Binary(BinaryOp.DIVIDE, a, b, Type.DOUBLE);
  }

  public static Expr add(Expr a, Expr b) {
    if (a instanceof Expr.Literal l && l.is(0) && l.type().isIntegral() == b.type().isIntegral()) {
      return b;
    }
    if (b instanceof Expr.Unary u && u.op() == UnaryOp.NEGATE) {
      return sub(a, u.operand());
    }
    return new Expr.Binary(BinaryOp.ADD, a, b, Type.promote(a.type(), b.type()));
  }

  public static Expr sub(Expr a, Expr b) {
    // (z - c) - k  becomes  z - (c + k) for integer literals, so loop bounds read naturally.
    if (a instanceof Expr.Binary ab && ab.op() == BinaryOp.SUBTRACT && ab.type().isIntegral()
        && ab.right() instanceof Expr.Literal c && c.type().isIntegral()
        && b instanceof Expr.Literal k && k.type().isIntegral()) {
      long sum = ((Number) c.value()).longValue() + ((Number) k.value()).longValue();
      return new Expr.Binary(BinaryOp.SUBTRACT, ab.left(), intLit(sum, ab.type()), ab.type());
    }
    return new Expr.Binary(BinaryOp.SUBTRACT, a, b, Type.promote(a.type(), b.type()));
  }

  public static Expr cmp(BinaryOp op, Expr a, Expr b) {
    return new Expr.Binary(op, a, b, Type.BOOLEAN);
  }

  public static Expr call(ClassName math, MathFn fn, Expr... args) {
    return new Expr.Call(new Callee.MathFunction(math, fn), List.of(args), Type.DOUBLE);
  }

  public static Expr conditional(Expr condition, Expr a, Expr b) {
    return new Expr.Conditional(condition, a, b, Type.DOUBLE);
  }

  public static Expr field(String target, String name, Type type) {
    return new Expr.Field(new Expr.ObjectRef(target), name, type);
  }

  public static Expr invoke(Expr target, String method, Type type, Expr... args) {
    return new Expr.Invoke(target, method, List.of(args), type);
  }

  public static Expr intLit(long v, Type type) {
    return type == Type.LONG ? new Expr.Literal(v, Type.LONG, v + "L") : Expr.Literal.ofInt((int) v);
  }
}
