package dev.chainrule.processor.rules;

import static dev.chainrule.processor.ir.Build.add;
import static dev.chainrule.processor.ir.Build.call;
import static dev.chainrule.processor.ir.Build.cmp;
import static dev.chainrule.processor.ir.Build.conditional;
import static dev.chainrule.processor.ir.Build.div;
import static dev.chainrule.processor.ir.Build.lit;
import static dev.chainrule.processor.ir.Build.mul;
import static dev.chainrule.processor.ir.Build.neg;
import static dev.chainrule.processor.ir.Build.sub;

import com.palantir.javapoet.ClassName;
import dev.chainrule.processor.ir.BinaryOp;
import dev.chainrule.processor.ir.Expr;
import dev.chainrule.processor.ir.MathFn;
import java.util.List;

/**
 * The derivative rules: one entry per primitive, giving the local partial derivative of its result
 * with respect to each operand, in terms of the operands' values ({@code in}) and the result
 * ({@code out}) — so {@code exp}'s partial is its own output and {@code 1 / (1 + exp(-x))} ends up
 * as y(1 − y) without recomputing anything.
 *
 * <p>Conventions at kinks and singular points (documented in the README): {@code abs'(0) = 0};
 * {@code max}/{@code min} ties go to the first argument; {@code hypot} at the origin and
 * {@code ∂pow(a, b)/∂b} where the result is 0 are 0; everything else is what the formula gives in
 * IEEE arithmetic ({@code sqrt'(0) = +∞}, {@code log'(0) = +∞}).
 *
 * <p>Public for {@code symbolic}, which differentiates straight-line methods in closed form with
 * these same rules.
 */
public final class Rules {
  private static final double LN10 = Math.log(10);

  private Rules() {}

  /** Whether the rule of {@code node} refers to its own result. */
  public static boolean usesOutput(Expr node) {
    if (node instanceof Expr.Binary b) {
      return b.op() == BinaryOp.DIVIDE;
    }
    if (node instanceof Expr.Call c && c.callee() instanceof dev.chainrule.processor.ir.Callee.Custom custom) {
      return custom.usesResult();
    }
    if (node instanceof Expr.Call c && c.callee() instanceof dev.chainrule.processor.ir.Callee.MathFunction m) {
      return switch (m.function()) {
        case TAN, TANH, EXP, EXPM1, SQRT, CBRT, POW, HYPOT -> true;
        default -> false;
      };
    }
    return false;
  }

  /** ∂(a op b)/∂operand for the arithmetic operators; {@code k} is 0 for a, 1 for b. */
  public static Expr partial(BinaryOp op, int k, Expr a, Expr b, Expr out) {
    return switch (op) {
      case ADD -> lit(1);
      case SUBTRACT -> k == 0 ? lit(1) : lit(-1);
      case MULTIPLY -> k == 0 ? b : a;
      case DIVIDE -> k == 0 ? div(lit(1), b) : neg(div(out, b));
      default -> throw new IllegalArgumentException("no derivative rule for " + op);
    };
  }

  /**
   * ∂f(in)/∂in[k] for a {@code Math} function (max and min are routed, not multiplied: see the
   * reverse builder).
   */
  public static Expr partial(ClassName math, MathFn fn, int k, List<Expr> in, Expr out) {
    Expr a = in.get(0);
    return switch (fn) {
      case SIN -> call(math, MathFn.COS, a);
      case COS -> neg(call(math, MathFn.SIN, a));
      case TAN -> add(lit(1), mul(out, out));
      case ASIN -> div(lit(1), call(math, MathFn.SQRT, sub(lit(1), mul(a, a))));
      case ACOS -> neg(div(lit(1), call(math, MathFn.SQRT, sub(lit(1), mul(a, a)))));
      case ATAN -> div(lit(1), add(lit(1), mul(a, a)));
      case ATAN2 -> {
        Expr y = in.get(0);
        Expr x = in.get(1);
        Expr r2 = add(mul(x, x), mul(y, y));
        yield k == 0 ? div(x, r2) : neg(div(y, r2));
      }
      case SINH -> call(math, MathFn.COSH, a);
      case COSH -> call(math, MathFn.SINH, a);
      case TANH -> sub(lit(1), mul(out, out));
      case EXP -> out;
      case EXPM1 -> add(out, lit(1));
      case LOG -> div(lit(1), a);
      case LOG10 -> div(lit(1), mul(a, lit(LN10)));
      case LOG1P -> div(lit(1), add(lit(1), a));
      case SQRT -> div(lit(0.5), out);
      case CBRT -> div(lit(1), mul(lit(3), mul(out, out)));
      case POW -> k == 0 ? powBase(math, a, in.get(1)) : powExponent(math, a, out);
      case HYPOT -> conditional(cmp(BinaryOp.EQUAL, out, lit(0)), lit(0), div(in.get(k), out));
      case ABS -> call(math, MathFn.SIGNUM, a);
      case TO_RADIANS -> lit(Math.PI / 180);
      case TO_DEGREES -> lit(180 / Math.PI);
      case SIGNUM, FLOOR, CEIL, RINT, ROUND -> lit(0);
      case MAX, MIN -> throw new IllegalArgumentException(fn + " is routed, not multiplied");
    };
  }

  /** ∂a^b/∂a = b·a^(b−1), folded for literal exponents (x² gives 2·x). */
  private static Expr powBase(ClassName math, Expr a, Expr b) {
    if (b instanceof Expr.Literal l) {
      double e = l.doubleValue();
      if (e == 1) {
        return lit(1);
      }
      if (e == 2) {
        return mul(lit(2), a);
      }
      return mul(lit(e), call(math, MathFn.POW, a, lit(e - 1)));
    }
    return mul(b, call(math, MathFn.POW, a, sub(b, lit(1))));
  }

  /** ∂a^b/∂b = a^b·ln a, taken as 0 where a^b is 0. */
  private static Expr powExponent(ClassName math, Expr a, Expr out) {
    return conditional(cmp(BinaryOp.EQUAL, out, lit(0)), lit(0), mul(out, call(math, MathFn.LOG, a)));
  }
}
