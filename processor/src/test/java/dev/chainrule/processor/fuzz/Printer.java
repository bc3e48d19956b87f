package dev.chainrule.processor.fuzz;

import dev.chainrule.processor.fuzz.Ast.*;
import java.util.List;

/** Prints generated methods as Java source. */
final class Printer {
  private Printer() {}

  /** A compilation unit {@code package pkg; public final class cls { methods }}. */
  static String unit(String pkg, String cls, List<Method> methods) {
    StringBuilder out = new StringBuilder();
    out.append("package ").append(pkg).append(";\n\n");
    out.append("import dev.chainrule.Differentiable;\n\n");
    out.append("public final class ").append(cls).append(" {\n");
    for (Method m : methods) {
      method(out, m);
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
    out.append("  @Differentiable\n  public static double ").append(m.name()).append('(');
    for (int i = 0; i < m.params().size(); i++) {
      Param p = m.params().get(i);
      out.append(i == 0 ? "" : ", ").append(p.matrix() ? "double[][] " : p.array() ? "double[] " : "double ").append(p.name());
    }
    out.append(") {\n");
    block(out, m.body(), 2);
    out.append("  }\n\n");
  }

  private static void block(StringBuilder out, List<St> body, int indent) {
    for (St s : body) {
      st(out, s, indent);
    }
  }

  private static void line(StringBuilder out, int indent, String text) {
    out.append("  ".repeat(indent)).append(text).append('\n');
  }

  private static void st(StringBuilder out, St s, int n) {
    if (s instanceof Decl d) {
      line(out, n, (d.var() ? "var " : "double ") + d.name() + " = " + ex(d.e()) + ";");
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
    if (e instanceof Lit l) {
      return lit(l.v());
    } else if (e instanceof Ref r) {
      return r.name();
    } else if (e instanceof IntScaled s) {
      return "(" + lit(s.k()) + " * " + idx(s.i()) + ")";
    } else if (e instanceof Get g) {
      return g.arr() + "[" + idx(g.idx()) + "]";
    } else if (e instanceof Bin b) {
      return "(" + ex(b.a()) + " " + b.op() + " " + ex(b.b()) + ")";
    } else if (e instanceof Neg ng) {
      return "(-" + ex(ng.a()) + ")";
    } else if (e instanceof Fn f) {
      StringBuilder out = new StringBuilder(f.owner()).append('.').append(f.fn()).append('(');
      for (int i = 0; i < f.args().size(); i++) {
        out.append(i == 0 ? "" : ", ").append(ex(f.args().get(i)));
      }
      return out.append(')').toString();
    } else if (e instanceof Tern t) {
      return "(" + cond(t.c()) + " ? " + ex(t.a()) + " : " + ex(t.b()) + ")";
    } else if (e instanceof Call c) {
      StringBuilder out = new StringBuilder(c.method()).append('(');
      for (int i = 0; i < c.args().size(); i++) {
        Object a = c.args().get(i);
        out.append(i == 0 ? "" : ", ").append(a instanceof ArrArg r ? r.arr() : ex((Ex) a));
      }
      return out.append(')').toString();
    }
    throw new IllegalArgumentException(String.valueOf(e));
  }

  static String cond(Cond c) {
    if (c instanceof Cmp m) {
      return ex(m.a()) + " " + m.op() + " " + ex(m.b());
    } else if (c instanceof ICmp m) {
      return idx(m.a()) + " " + m.op() + " " + m.k();
    } else if (c instanceof And a) {
      return "(" + cond(a.a()) + " && " + cond(a.b()) + ")";
    } else if (c instanceof Or o) {
      return "(" + cond(o.a()) + " || " + cond(o.b()) + ")";
    } else if (c instanceof Not n) {
      return "!(" + cond(n.a()) + ")";
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
