package dev.chainrule.processor.fuzz;

import dev.chainrule.processor.fuzz.Ast.*;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The generated methods a generated method calls. */
final class Calls {
  private Calls() {}

  static Set<String> callees(Method m) {
    Set<String> out = new LinkedHashSet<>();
    stmts(m.body(), out);
    return out;
  }

  private static void stmts(List<St> body, Set<String> out) {
    if (body == null) {
      return;
    }
    for (St s : body) {
      if (s instanceof Decl d) {
        ex(d.e(), out);
      } else if (s instanceof Assign a) {
        ex(a.e(), out);
      } else if (s instanceof InitArr a) {
        a.elems().forEach(e -> ex(e, out));
      } else if (s instanceof SetEl a) {
        ex(a.e(), out);
      } else if (s instanceof If i) {
        cond(i.c(), out);
        stmts(i.then(), out);
        stmts(i.otherwise(), out);
      } else if (s instanceof For f) {
        stmts(f.body(), out);
      } else if (s instanceof ForEach f) {
        stmts(f.body(), out);
      } else if (s instanceof While w) {
        cond(w.extra(), out);
        stmts(w.body(), out);
      } else if (s instanceof Break b) {
        cond(b.c(), out);
      } else if (s instanceof Continue c) {
        cond(c.c(), out);
      } else if (s instanceof Ret r) {
        cond(r.c(), out);
        ex(r.e(), out);
      }
    }
  }

  private static void cond(Cond c, Set<String> out) {
    if (c instanceof Cmp m) {
      ex(m.a(), out);
      ex(m.b(), out);
    } else if (c instanceof And a) {
      cond(a.a(), out);
      cond(a.b(), out);
    } else if (c instanceof Or o) {
      cond(o.a(), out);
      cond(o.b(), out);
    } else if (c instanceof Not n) {
      cond(n.a(), out);
    }
  }

  private static void ex(Ex e, Set<String> out) {
    if (e instanceof Bin b) {
      ex(b.a(), out);
      ex(b.b(), out);
    } else if (e instanceof Neg n) {
      ex(n.a(), out);
    } else if (e instanceof Fn f) {
      f.args().forEach(a -> ex(a, out));
    } else if (e instanceof Sat s) {
      ex(s.a(), out);
    } else if (e instanceof Tern t) {
      cond(t.c(), out);
      ex(t.a(), out);
      ex(t.b(), out);
    } else if (e instanceof Call c) {
      out.add(c.method());
      for (Object a : c.args()) {
        if (a instanceof Ex x) {
          ex(x, out);
        }
      }
    }
  }
}
