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
import dev.chainrule.processor.ir.Callee;
import dev.chainrule.processor.ir.Expr;
import dev.chainrule.processor.ir.MathFn;
import dev.chainrule.processor.ir.Type;
import java.util.List;

/**
 * The derivative rules: one entry per primitive, giving the local partial derivative of its result
 * with respect to each operand, in terms of the operands' values ({@code in}) and the result
 * ({@code out}) — so {@code exp}'s partial is its own output and {@code 1 / (1 + exp(-x))} ends up
 * as y(1 − y) without recomputing anything. Forward and reverse mode both multiply by them.
 *
 * <p>Conventions at kinks and singular points (documented in the README): {@code abs'(0) = 0};
 * {@code max}/{@code min} ties go to the first argument; {@code hypot} at the origin is 0;
 * {@code ∂pow(a, b)/∂a} is 0 where {@code b == 0} ({@code pow(a, 0) ≡ 1}, so also at 0⁰) and
 * {@code ∂pow(a, b)/∂b} is 0 where {@code a == 0} or the result is 0; everything else is what the
 * formula gives in IEEE arithmetic ({@code sqrt'(0) = +∞}, {@code log'(0) = +∞}).
 *
 * <p>The rules are as robust as the primal they differentiate (issue 13, items 2 and 5):
 * <ul>
 *   <li>where {@code exp}, {@code expm1}, {@code sinh}, {@code cosh} or {@code pow} overflow to
 *       ±∞, their partial is capped at ±{@link Double#MAX_VALUE}. A later operation that maps the
 *       overflow back to a finite value ({@code 1 / (1 + exp(-x))} at x < −709.8, {@code
 *       atan(exp(x))}, {@code exp(-exp(x))}) sends a zero adjoint, and 0 × MAX is the 0 the finite
 *       result implies, where 0 × ∞ would be NaN. Only a partial that is infinite because its own
 *       result overflowed is capped: one that overflows while the result is finite ({@code
 *       pow(1e-200, -1)}) stays infinite, because there a zero adjoint may stand for a true
 *       product of order one;
 *   <li>{@code atan2}'s partials {@code x / (x² + y²)} and {@code −y / (x² + y²)} divide by
 *       {@code hypot(x, y)} twice where {@code x² + y²} underflows (|x|, |y| below about 1e-154)
 *       or overflows (above 1e154) ({@code dev.chainrule.runtime.Partials});
 *   <li>{@code log10}'s partial is {@code (1/ln 10) / a}, finite wherever {@code 1/a} is.
 * </ul>
 *
 * <p>Public for {@code symbolic}, which differentiates straight-line methods in closed form with
 * these same rules.
 */
public final class Rules {
  private static final double LN10 = Math.log(10);
  private static final ClassName PARTIALS = ClassName.get("dev.chainrule.runtime", "Partials");

  private Rules() {}

  /** Whether the rule of {@code node} refers to its own result. */
  public static boolean usesOutput(Expr node) {
    if (node instanceof Expr.Binary b) {
      return b.op() == BinaryOp.DIVIDE;
    }
    if (node instanceof Expr.Call c && c.callee() instanceof Callee.Custom custom) {
      return custom.usesResult();
    }
    if (node instanceof Expr.Call c && c.callee() instanceof Callee.MathFunction m) {
      return switch (m.function()) {
        case TAN, TANH, EXP, EXPM1, SQRT, CBRT, POW, HYPOT, IEEE_REMAINDER -> true;
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
      case ATAN2 -> new Expr.Call(new Callee.StaticMethod(PARTIALS, k == 0 ? "atan2Y" : "atan2X"), in, Type.DOUBLE);
      case SINH -> call(math, MathFn.MIN, call(math, MathFn.COSH, a), lit(Double.MAX_VALUE));
      case COSH -> capped(math, call(math, MathFn.SINH, a));
      case TANH -> sub(lit(1), mul(out, out));
      case EXP -> call(math, MathFn.MIN, out, lit(Double.MAX_VALUE));
      case EXPM1 -> add(call(math, MathFn.MIN, out, lit(Double.MAX_VALUE)), lit(1));
      case LOG -> div(lit(1), a);
      case LOG10 -> div(lit(1 / LN10), a);
      case LOG1P -> div(lit(1), add(lit(1), a));
      case SQRT -> div(lit(0.5), out);
      case CBRT -> div(lit(1), mul(lit(3), mul(out, out)));
      case POW -> cappedWhereInfinite(k == 0 ? powBase(math, a, in.get(1)) : powExponent(math, a, out), out);
      case HYPOT -> conditional(cmp(BinaryOp.EQUAL, out, lit(0)), lit(0), div(in.get(k), out));
      case ABS -> call(math, MathFn.SIGNUM, a);
      case TO_RADIANS -> lit(Math.PI / 180);
      case TO_DEGREES -> lit(180 / Math.PI);
      case SIGNUM, FLOOR, CEIL, RINT, ROUND, ULP -> lit(0);
      case FMA -> k == 0 ? in.get(1) : k == 1 ? a : lit(1);
      // a − n·b with n the integer nearest a / b: n is (a − result) / b, rounded against its rounding
      case IEEE_REMAINDER -> k == 0 ? lit(1) : neg(call(math, MathFn.RINT, div(sub(a, out), in.get(1))));
      case SCALB -> call(math, MathFn.SCALB, lit(1), in.get(1)); // a · 2^n: n is an int
      // |a| with the sign of b: ±signum(a) (0 at a = 0, as abs), and 0 for the sign
      case COPY_SIGN -> k == 0 ? mul(call(math, MathFn.SIGNUM, a), call(math, MathFn.COPY_SIGN, lit(1), in.get(1)))
          : lit(0);
      case NEXT_UP, NEXT_DOWN -> lit(1);
      case NEXT_AFTER -> k == 0 ? lit(1) : lit(0); // one ulp from a, towards b
      case CLAMP -> clamp(k, a, in.get(1), in.get(2));
      case MAX, MIN -> throw new IllegalArgumentException(fn + " is routed, not multiplied");
    };
  }

  /**
   * {@code clamp(v, lo, hi)}: 1 for the argument the result is, the value on ties (as max and min
   * give ties to the first argument); NaN picks none.
   */
  private static Expr clamp(int k, Expr v, Expr lo, Expr hi) {
    Expr inside = new Expr.Binary(BinaryOp.CONDITIONAL_AND, cmp(BinaryOp.GREATER_EQUAL, v, lo),
        cmp(BinaryOp.LESS_EQUAL, v, hi), Type.BOOLEAN);
    Expr chosen = switch (k) {
      case 0 -> inside;
      case 1 -> cmp(BinaryOp.LESS, v, lo);
      default -> cmp(BinaryOp.GREATER, v, hi);
    };
    return conditional(chosen, lit(1), lit(0));
  }

  /** {@code p} within ±{@link Double#MAX_VALUE} (NaN stays NaN). */
  private static Expr capped(ClassName math, Expr p) {
    return call(math, MathFn.MAX, lit(-Double.MAX_VALUE), call(math, MathFn.MIN, p, lit(Double.MAX_VALUE)));
  }

  /**
   * Whether forward mode caps the tangent of {@code fn} at ±{@link Double#MAX_VALUE} where it
   * overflows: the functions whose partial is capped, for the same reason. A later operation that
   * maps a huge value back to a finite one multiplies the tangent by a partial that has underflowed
   * to 0 ({@code 3 / (1 + exp(3 * x))} at x > 237, {@code atan(exp(720 * x))} at x > 0.98, where
   * exp is finite but its tangent is not), and 0 × MAX is 0 where 0 × ∞ is NaN.
   */
  public static boolean capsOverflow(MathFn fn) {
    return switch (fn) {
      case EXP, EXPM1, SINH, COSH, POW -> true;
      default -> false;
    };
  }

  /** The tangent {@code t} within ±{@link Double#MAX_VALUE} ({@code Partials.cappedTangent}; NaN stays NaN). */
  public static Expr cappedTangent(Expr t) {
    return new Expr.Call(new Callee.StaticMethod(PARTIALS, "cappedTangent"), List.of(t), Type.DOUBLE);
  }

  /** {@code p}, capped where the result {@code out} is ±∞ (and only there). */
  private static Expr cappedWhereInfinite(Expr p, Expr out) {
    if (p instanceof Expr.Literal) {
      return p;
    }
    return new Expr.Call(new Callee.StaticMethod(PARTIALS, "cappedWhereInfinite"), List.of(p, out), Type.DOUBLE);
  }

  /**
   * ∂a^b/∂a = b·a^(b−1), folded for literal exponents (x² gives 2·x), and 0 where b is 0: a^0 is
   * 1 for every a, also at 0⁰ where the formula gives 0·∞.
   */
  private static Expr powBase(ClassName math, Expr a, Expr b) {
    if (b instanceof Expr.Literal l) {
      double e = l.doubleValue();
      if (e == 0) {
        return lit(0);
      }
      if (e == 1) {
        return lit(1);
      }
      if (e == 2) {
        return mul(lit(2), a);
      }
      return mul(lit(e), call(math, MathFn.POW, a, lit(e - 1)));
    }
    return conditional(cmp(BinaryOp.EQUAL, b, lit(0)), lit(0), mul(b, call(math, MathFn.POW, a, sub(b, lit(1)))));
  }

  /** ∂a^b/∂b = a^b·ln a, taken as 0 where a is 0 (also 0⁰, where a^b is 1) or a^b is 0. */
  private static Expr powExponent(ClassName math, Expr a, Expr out) {
    Expr zero = new Expr.Binary(BinaryOp.CONDITIONAL_OR, cmp(BinaryOp.EQUAL, a, lit(0)),
        cmp(BinaryOp.EQUAL, out, lit(0)), Type.BOOLEAN);
    return conditional(zero, lit(0), mul(out, call(math, MathFn.LOG, a)));
  }
}
