package dev.chainrule.processor.symbolic;

import dev.chainrule.processor.ir.BinaryOp;
import dev.chainrule.processor.ir.Callee;
import dev.chainrule.processor.ir.Expr;
import dev.chainrule.processor.ir.MathFn;
import dev.chainrule.processor.ir.UnaryOp;

/**
 * Prints a simplified expression in math notation: as plain Unicode text ({@code count · tax},
 * {@code exp(−x) / (1 + exp(−x))²}) for Javadoc and summaries, and as presentation MathML for the
 * report (fractions, powers, roots), which browsers render without scripts or fonts from the network.
 */
public final class Notation {
  private static final int SUM = 1;
  private static final int PRODUCT = 2;
  private static final int PREFIX = 3;
  private static final int POWER = 4;
  private static final int ATOM = 5;

  private Notation() {}

  /** The expression as Unicode text. */
  public static String text(Expr e) {
    StringBuilder out = new StringBuilder();
    text(e, out);
    return out.toString();
  }

  /** {@code <math>∂of/∂wrt = e</math>}, presentation MathML. */
  public static String mathMl(String of, String wrt, Expr e) {
    return "<math display=\"block\"><mfrac><mrow><mo>∂</mo><mi>" + escape(of) + "</mi></mrow><mrow><mo>∂</mo><mi>"
        + escape(wrt) + "</mi></mrow></mfrac><mo>=</mo>" + mathMl(e) + "</math>";
  }

  /** The expression as a MathML {@code mrow} (without the enclosing {@code math}). */
  public static String mathMl(Expr e) {
    StringBuilder out = new StringBuilder();
    ml(e, out);
    return out.toString();
  }

  // ---- text ----

  private static void text(Expr e, StringBuilder out) {
    if (e instanceof Expr.Binary b) {
      int p = precedence(e);
      boolean additive = b.op() == BinaryOp.ADD || b.op() == BinaryOp.SUBTRACT;
      operand(b.left(), p, false, out);
      out.append(switch (b.op()) {
        case ADD -> " + ";
        case SUBTRACT -> " − ";
        case MULTIPLY -> " · ";
        case DIVIDE -> " / ";
        default -> " " + b.op().symbol() + " ";
      });
      operand(b.right(), p, !additive || b.op() == BinaryOp.SUBTRACT, out);
    } else if (e instanceof Expr.Unary u) {
      out.append(u.op() == UnaryOp.NEGATE ? "−" : u.op().symbol());
      // −(a · b) reads as −a · b: only sums (and other negations) need parentheses.
      operand(u.operand(), PRODUCT, false, out);
    } else if (e instanceof Expr.Cast c) {
      text(c.operand(), out);
    } else if (e instanceof Expr.Call c) {
      call(c, out);
    } else {
      out.append(atom(e));
    }
  }

  private static void operand(Expr e, int parent, boolean strict, StringBuilder out) {
    int p = precedence(e);
    boolean parens = strict ? p <= parent : p < parent;
    if (parens) {
      out.append('(');
    }
    text(e, out);
    if (parens) {
      out.append(')');
    }
  }

  private static void call(Expr.Call c, StringBuilder out) {
    Integer power = integerPower(c);
    if (power != null) {
      operand(c.args().get(0), POWER, true, out);
      out.append(superscript(power));
      return;
    }
    if (c.callee() instanceof Callee.MathFunction m && m.function() == MathFn.SQRT) {
      out.append('√');
      operand(c.args().get(0), POWER, true, out);
      return;
    }
    if (c.callee() instanceof Callee.MathFunction m && m.function() == MathFn.ABS) {
      out.append('|');
      text(c.args().get(0), out);
      out.append('|');
      return;
    }
    out.append(functionName(c)).append('(');
    for (int i = 0; i < c.args().size(); i++) {
      if (i > 0) {
        out.append(", ");
      }
      text(c.args().get(i), out);
    }
    out.append(')');
  }

  // ---- MathML ----

  private static void ml(Expr e, StringBuilder out) {
    if (e instanceof Expr.Binary b && b.op() == BinaryOp.DIVIDE) {
      out.append("<mfrac><mrow>");
      ml(b.left(), out);
      out.append("</mrow><mrow>");
      ml(b.right(), out);
      out.append("</mrow></mfrac>");
    } else if (e instanceof Expr.Binary b) {
      int p = precedence(e);
      boolean additive = b.op() == BinaryOp.ADD || b.op() == BinaryOp.SUBTRACT;
      out.append("<mrow>");
      mlOperand(b.left(), p, false, out);
      out.append("<mo>").append(switch (b.op()) {
        case ADD -> "+";
        case SUBTRACT -> "−";
        case MULTIPLY -> "·";
        default -> escape(b.op().symbol());
      }).append("</mo>");
      mlOperand(b.right(), p, !additive || b.op() == BinaryOp.SUBTRACT, out);
      out.append("</mrow>");
    } else if (e instanceof Expr.Unary u) {
      out.append("<mrow><mo>").append(u.op() == UnaryOp.NEGATE ? "−" : escape(u.op().symbol())).append("</mo>");
      mlOperand(u.operand(), PRODUCT, false, out);
      out.append("</mrow>");
    } else if (e instanceof Expr.Cast c) {
      ml(c.operand(), out);
    } else if (e instanceof Expr.Call c) {
      mlCall(c, out);
    } else if (e instanceof Expr.Literal) {
      out.append("<mn>").append(escape(atom(e))).append("</mn>");
    } else {
      out.append("<mi>").append(escape(atom(e))).append("</mi>");
    }
  }

  private static void mlOperand(Expr e, int parent, boolean strict, StringBuilder out) {
    int p = precedence(e);
    boolean fraction = e instanceof Expr.Binary b && b.op() == BinaryOp.DIVIDE;
    boolean parens = !fraction && (strict ? p <= parent : p < parent);
    if (parens) {
      out.append("<mrow><mo>(</mo>");
    }
    ml(e, out);
    if (parens) {
      out.append("<mo>)</mo></mrow>");
    }
  }

  private static void mlCall(Expr.Call c, StringBuilder out) {
    Integer power = integerPower(c);
    if (power != null) {
      out.append("<msup>");
      boolean fraction = c.args().get(0) instanceof Expr.Binary b && b.op() == BinaryOp.DIVIDE;
      if (fraction) {
        out.append("<mrow><mo>(</mo>");
        ml(c.args().get(0), out);
        out.append("<mo>)</mo></mrow>");
      } else {
        mlOperand(c.args().get(0), POWER, true, out);
      }
      out.append("<mn>").append(power).append("</mn></msup>");
      return;
    }
    if (c.callee() instanceof Callee.MathFunction m && m.function() == MathFn.SQRT) {
      out.append("<msqrt>");
      ml(c.args().get(0), out);
      out.append("</msqrt>");
      return;
    }
    if (c.callee() instanceof Callee.MathFunction m && m.function() == MathFn.ABS) {
      out.append("<mrow><mo>|</mo>");
      ml(c.args().get(0), out);
      out.append("<mo>|</mo></mrow>");
      return;
    }
    out.append("<mrow><mi>").append(escape(functionName(c))).append("</mi><mo>&#x2061;</mo><mrow><mo>(</mo>");
    for (int i = 0; i < c.args().size(); i++) {
      if (i > 0) {
        out.append("<mo>,</mo>");
      }
      ml(c.args().get(i), out);
    }
    out.append("<mo>)</mo></mrow></mrow>");
  }

  // ---- shared ----

  private static int precedence(Expr e) {
    if (e instanceof Expr.Binary b) {
      return b.op() == BinaryOp.ADD || b.op() == BinaryOp.SUBTRACT ? SUM : PRODUCT;
    } else if (e instanceof Expr.Unary) {
      return PREFIX;
    } else if (e instanceof Expr.Cast c) {
      return precedence(c.operand());
    } else if (e instanceof Expr.Call c && integerPower(c) != null) {
      return POWER;
    } else if (e instanceof Expr.Literal l && l.doubleValue() < 0) {
      return PREFIX;
    }
    return ATOM;
  }

  /** The exponent of {@code pow(x, n)} for a small whole literal {@code n}, else null. */
  private static Integer integerPower(Expr.Call c) {
    if (c.callee() instanceof Callee.MathFunction m && m.function() == MathFn.POW
        && c.args().get(1) instanceof Expr.Literal l) {
      double n = l.doubleValue();
      if (n == Math.rint(n) && n >= 2 && n <= 99) {
        return (int) n;
      }
    }
    return null;
  }

  private static String functionName(Expr.Call c) {
    if (c.callee() instanceof Callee.MathFunction m) {
      return switch (m.function()) {
        case LOG -> "ln";
        case LOG10 -> "log₁₀";
        default -> m.function().javaName();
      };
    }
    if (c.callee() instanceof Callee.StaticMethod s && s.owner().simpleName().equals("Math")) {
      return s.name();
    }
    return c.callee().owner().simpleName() + "." + c.callee().name();
  }

  private static String atom(Expr e) {
    if (e instanceof Expr.Local l) {
      return l.name();
    } else if (e instanceof Expr.Literal l) {
      return number(l.doubleValue());
    } else if (e instanceof Expr.StaticField f) {
      if (f.owner().simpleName().equals("Math") || f.owner().simpleName().equals("StrictMath")) {
        if (f.name().equals("PI")) {
          return "π";
        }
        if (f.name().equals("E")) {
          return "e";
        }
      }
      return f.name();
    }
    return e.toString();
  }

  /** A number as short as it reads: 2, 0.5, 1.0E-8. */
  public static String number(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return (v < 0 ? "−" : "") + Long.toString(Math.abs((long) v));
    }
    String s = Double.toString(Math.abs(v));
    return (v < 0 ? "−" : "") + s;
  }

  private static String superscript(int n) {
    String digits = "⁰¹²³⁴⁵⁶⁷⁸⁹";
    StringBuilder out = new StringBuilder();
    for (char ch : Integer.toString(n).toCharArray()) {
      out.append(digits.charAt(ch - '0'));
    }
    return out.toString();
  }

  static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
