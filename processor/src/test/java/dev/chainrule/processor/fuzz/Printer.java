package dev.chainrule.processor.fuzz;

import dev.chainrule.processor.fuzz.Ast.*;
import java.util.List;

/**
 * Prints generated methods as Java source. A unit holds the generated class, its base class (with
 * the inherited constants {@code K0..K3}, the side-effecting helper {@code bump} and the methods
 * marked {@code inBase}) and a class whose members the generated class imports statically on
 * demand, with other values for the same names (javac's resolution picks the inherited ones).
 */
final class Printer {
  /** The values of the constants as javac resolves them in the generated classes. */
  static final java.util.Map<String, Double> CONSTANTS = java.util.Map.of(
      "K0", 1.25, "K1", Math.sqrt(2.0), "K2", -0.5, "K3", Math.log(3.0), "Q0", 0.75);

  private final boolean escapes;
  private int operators;

  private Printer(boolean escapes) {
    this.escapes = escapes;
  }

  /** A compilation unit {@code package pkg; public final class cls { methods }} and its helper classes. */
  static String unit(String pkg, String cls, List<Method> methods) {
    StringBuilder out = new StringBuilder();
    out.append("package ").append(pkg).append(";\n\n");
    out.append("import static ").append(pkg).append('.').append(cls).append("Other.*;\n\n");
    out.append("import dev.chainrule.Differentiable;\n");
    out.append("import dev.chainrule.NoDerivative;\n\n");
    out.append("public final class ").append(cls).append(" extends ").append(cls).append("Base {\n");
    for (Method m : methods) {
      if (!m.inBase()) {
        method(out, m);
      }
    }
    out.append("}\n\n");
    out.append("class ").append(cls).append("Base {\n");
    out.append("  static final double K0 = 1.25;\n");
    out.append("  static final double K1 = Math.sqrt(2.0);\n");
    out.append("  public static final double K2 = -0.5;\n");
    out.append("  public static final double K3 = Math.log(3.0);\n\n");
    out.append("  static double bump(int[] c) {\n    c[0] = c[0] + 1;\n    return c[0] * 0.5;\n  }\n\n");
    for (Method m : methods) {
      if (m.inBase()) {
        method(out, m);
      }
    }
    out.append("}\n\n");
    out.append("class ").append(cls).append("Other {\n");
    out.append("  public static final double K0 = 10.0;\n  public static final double K1 = 11.0;\n");
    out.append("  public static final double K2 = 12.0;\n  public static final double K3 = 13.0;\n");
    out.append("  public static final double Q0 = 0.75;\n\n");
    out.append("  public static double bump(int[] c) {\n    return -1;\n  }\n");
    for (Method m : methods) {
      // Decoys: the generated classes' own or inherited methods of these names must win.
      out.append("\n  public static double ").append(m.name()).append("(double v) {\n    return -1;\n  }\n");
    }
    out.append("}\n");
    return out.toString();
  }

  static String method(Method m) {
    StringBuilder out = new StringBuilder();
    method(out, m);
    return out.toString();
  }

  static void method(StringBuilder out, Method m) {
    new Printer(m.escapes()).print(out, m);
  }

  private void print(StringBuilder out, Method m) {
    out.append("  @Differentiable\n  public static double ").append(m.name()).append('(');
    for (int i = 0; i < m.params().size(); i++) {
      Param p = m.params().get(i);
      String type = switch (p.kind()) {
        case WORKSPACE -> "@NoDerivative double[] ";
        case COUNTER -> "int[] ";
        default -> p.matrix() ? "double[][] " : p.dims() == 1 ? "double[] " : "double ";
      };
      out.append(i == 0 ? "" : ", ").append(type).append(p.name());
    }
    out.append(") {\n");
    block(out, m.body(), 2);
    out.append("  }\n\n");
  }

  private void block(StringBuilder out, List<St> body, int indent) {
    for (St s : body) {
      st(out, s, indent);
    }
  }

  private static void line(StringBuilder out, int indent, String text) {
    out.append("  ".repeat(indent)).append(text).append('\n');
  }

  /** {@code " = "}, as {@code " =\u000a "} (a line break javac reads in a unicode escape) in escaping methods. */
  private String assign() {
    return escapes && operators++ % 4 == 0 ? " =\\u000a " : " = ";
  }

  private void st(StringBuilder out, St s, int n) {
    if (s instanceof Decl d) {
      line(out, n, (d.var() ? "var " : "double ") + d.name() + assign() + ex(d.e()) + ";");
    } else if (s instanceof Assign a) {
      if (a.op().equals("++") || a.op().equals("--")) {
        line(out, n, a.name() + a.op() + ";");
      } else {
        line(out, n, a.name() + " " + a.op() + " " + ex(a.e()) + ";");
      }
    } else if (s instanceof NewArr a) {
      line(out, n, "double[] " + a.name() + " = new double[" + idx(a.len()) + "];");
    } else if (s instanceof InitArr a) {
      StringBuilder e = new StringBuilder();
      for (Ex x : a.elems()) {
        e.append(e.length() == 0 ? "" : ", ").append(ex(x));
      }
      line(out, n, "double[] " + a.name() + " = {" + e + "};");
    } else if (s instanceof RowDecl d) {
      line(out, n, "double[] " + d.name() + " = " + d.matrix() + "[" + idx(d.row()) + "];");
    } else if (s instanceof SetEl a) {
      line(out, n, a.arr() + "[" + idx(a.idx()) + "] " + a.op() + " " + ex(a.e()) + ";");
    } else if (s instanceof If i) {
      line(out, n, "if (" + cond(i.c()) + ") {");
      block(out, i.then(), n + 1);
      List<St> rest = i.otherwise();
      // A lone if in the else branch prints as "else if".
      while (rest != null && rest.size() == 1 && rest.get(0) instanceof If elseIf) {
        line(out, n, "} else if (" + cond(elseIf.c()) + ") {");
        block(out, elseIf.then(), n + 1);
        rest = elseIf.otherwise();
      }
      if (rest != null) {
        line(out, n, "} else {");
        block(out, rest, n + 1);
      }
      line(out, n, "}");
    } else if (s instanceof For f) {
      String v = f.var();
      line(out, n, "for (int " + v + " = 0; " + v + " < " + idx(f.bound()) + "; " + v + "++) {");
      block(out, f.body(), n + 1);
      line(out, n, "}");
    } else if (s instanceof ForEach f) {
      line(out, n, "for (double " + f.var() + " : " + f.arr() + ") {");
      block(out, f.body(), n + 1);
      line(out, n, "}");
    } else if (s instanceof While w) {
      String test = w.var() + " < " + w.max() + (w.extra() == null ? "" : " && " + cond(w.extra()));
      line(out, n, "int " + w.var() + " = 0;");
      line(out, n, w.doWhile() ? "do {" : "while (" + test + ") {");
      line(out, n + 1, w.var() + "++;");
      block(out, w.body(), n + 1);
      line(out, n, w.doWhile() ? "} while (" + test + ");" : "}");
    } else if (s instanceof Break b) {
      line(out, n, "if (" + cond(b.c()) + ") {");
      line(out, n + 1, "break;");
      line(out, n, "}");
    } else if (s instanceof Continue c) {
      line(out, n, "if (" + cond(c.c()) + ") {");
      line(out, n + 1, "continue;");
      line(out, n, "}");
    } else if (s instanceof Ret r) {
      if (r.c() == null) {
        line(out, n, "return " + ex(r.e()) + ";");
      } else {
        line(out, n, "if (" + cond(r.c()) + ") {");
        line(out, n + 1, "return " + ex(r.e()) + ";");
        line(out, n, "}");
      }
    } else {
      throw new IllegalArgumentException(String.valueOf(s));
    }
  }

  static String lit(double v) {
    String s = Double.toString(v);
    return (v < 0 || (v == 0 && 1 / v < 0)) ? "(" + s + ")" : s;
  }

  static String ex(Ex e) {
    return new Printer(false).expr(e);
  }

  /** An operator, every third one as a unicode escape in escaping methods ({@code \u002a} for {@code *}). */
  private String op(char op) {
    if (escapes && operators++ % 3 == 0) {
      return String.format("\\u%04x", (int) op);
    }
    return String.valueOf(op);
  }

  private String expr(Ex e) {
    if (e instanceof Lit l) {
      return lit(l.v());
    } else if (e instanceof Ref r) {
      return r.name();
    } else if (e instanceof Const c) {
      return c.name();
    } else if (e instanceof IntScaled s) {
      return "(" + lit(s.k()) + " * " + idx(s.i()) + ")";
    } else if (e instanceof Get g) {
      return g.arr() + "[" + idx(g.idx()) + "]";
    } else if (e instanceof Bin b) {
      return "(" + expr(b.a()) + " " + op(b.op()) + " " + expr(b.b()) + ")";
    } else if (e instanceof Neg ng) {
      return "(-" + expr(ng.a()) + ")";
    } else if (e instanceof Fn f) {
      StringBuilder out = new StringBuilder(f.owner()).append('.').append(f.fn()).append('(');
      for (int i = 0; i < f.args().size(); i++) {
        out.append(i == 0 ? "" : ", ").append(expr(f.args().get(i)));
      }
      return out.append(')').toString();
    } else if (e instanceof Sat s) {
      String a = expr(s.a());
      return switch (s.kind()) {
        case "sigmoid" -> "(1.0 / (1.0 + Math.exp(-" + a + ")))";
        case "expexp" -> "Math.exp(-Math.exp(" + a + "))";
        case "atanexp" -> "Math.atan(Math.exp(" + a + "))";
        default -> throw new IllegalArgumentException(s.kind());
      };
    } else if (e instanceof Bump b) {
      return "bump(" + b.counter() + ")";
    } else if (e instanceof Tern t) {
      return "(" + condition(t.c()) + " ? " + expr(t.a()) + " : " + expr(t.b()) + ")";
    } else if (e instanceof Call c) {
      StringBuilder out = new StringBuilder(c.method()).append('(');
      for (int i = 0; i < c.args().size(); i++) {
        Object a = c.args().get(i);
        out.append(i == 0 ? "" : ", ").append(a instanceof ArrArg r ? r.arr() : expr((Ex) a));
      }
      return out.append(')').toString();
    }
    throw new IllegalArgumentException(String.valueOf(e));
  }

  static String cond(Cond c) {
    return new Printer(false).condition(c);
  }

  private String condition(Cond c) {
    if (c instanceof Cmp m) {
      return expr(m.a()) + " " + m.op() + " " + expr(m.b());
    } else if (c instanceof ICmp m) {
      return idx(m.a()) + " " + m.op() + " " + m.k();
    } else if (c instanceof And a) {
      return "(" + condition(a.a()) + " && " + condition(a.b()) + ")";
    } else if (c instanceof Or o) {
      return "(" + condition(o.a()) + " || " + condition(o.b()) + ")";
    } else if (c instanceof Not n) {
      return "!(" + condition(n.a()) + ")";
    }
    throw new IllegalArgumentException(String.valueOf(c));
  }

  static String idx(Idx i) {
    if (i instanceof IConst k) {
      return Integer.toString(k.k());
    } else if (i instanceof IVar v) {
      return v.name();
    } else if (i instanceof Len l) {
      return l.arr() + ".length";
    } else if (i instanceof LenMinus l) {
      return "(" + l.arr() + ".length - " + l.k() + ")";
    } else if (i instanceof ModLen m) {
      return "(" + (m.k() == 0 ? m.var() : "(" + m.var() + " + " + m.k() + ")") + " % "
          + m.arr() + ".length)";
    }
    throw new IllegalArgumentException(String.valueOf(i));
  }
}
