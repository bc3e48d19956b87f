package dev.chainrule.processor.ir;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** Traversals of the IR shared by the stages. */
public final class Walk {
  private Walk() {}

  /** The direct sub-expressions of {@code e}. */
  public static List<Expr> children(Expr e) {
    if (e instanceof Expr.Unary u) {
      return List.of(u.operand());
    } else if (e instanceof Expr.Binary b) {
      return List.of(b.left(), b.right());
    } else if (e instanceof Expr.Conditional c) {
      return List.of(c.condition(), c.ifTrue(), c.ifFalse());
    } else if (e instanceof Expr.Cast c) {
      return List.of(c.operand());
    } else if (e instanceof Expr.ArrayRead r) {
      return List.of(r.array(), r.index());
    } else if (e instanceof Expr.Length l) {
      return List.of(l.array());
    } else if (e instanceof Expr.Call c) {
      return c.args();
    } else if (e instanceof Expr.NewArray n) {
      return n.dimensions();
    } else if (e instanceof Expr.Field f) {
      return List.of(f.target());
    } else if (e instanceof Expr.Invoke i) {
      List<Expr> all = new ArrayList<>();
      all.add(i.target());
      all.addAll(i.args());
      return all;
    }
    return List.of();
  }

  /** A node like {@code e} with other children (in {@link #children} order). */
  public static Expr withChildren(Expr e, List<Expr> c) {
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

  /** Visits {@code e} and every sub-expression, parents first. */
  public static void forEach(Expr e, Consumer<Expr> visitor) {
    visitor.accept(e);
    for (Expr child : children(e)) {
      forEach(child, visitor);
    }
  }

  /** The names of the locals {@code e} reads. */
  public static Set<String> locals(Expr e) {
    Set<String> names = new LinkedHashSet<>();
    forEach(e, x -> {
      if (x instanceof Expr.Local l) {
        names.add(l.name());
      }
    });
    return names;
  }

  public static boolean contains(Expr e, Class<? extends Expr> kind) {
    boolean[] found = {false};
    forEach(e, x -> found[0] |= kind.isInstance(x));
    return found[0];
  }

  /** The expressions a statement evaluates itself (not those of nested statements). */
  public static List<Expr> expressions(Stmt s) {
    List<Expr> out = new ArrayList<>();
    if (s instanceof Stmt.Declare d) {
      if (d.init() != null) {
        out.add(d.init());
      }
    } else if (s instanceof Stmt.Assign a) {
      out.add(a.target());
      out.add(a.value());
    } else if (s instanceof Stmt.If f) {
      out.add(f.condition());
    } else if (s instanceof Stmt.While w) {
      out.add(w.condition());
    } else if (s instanceof Stmt.DoWhile d) {
      out.add(d.condition());
    } else if (s instanceof Stmt.For f) {
      if (f.condition() != null) {
        out.add(f.condition());
      }
    } else if (s instanceof Stmt.Return r) {
      out.add(r.value());
    } else if (s instanceof Stmt.Eval e) {
      out.add(e.expr());
    }
    return out;
  }

  /** The statement lists directly nested in {@code s}, in execution order. */
  public static List<List<Stmt>> blocks(Stmt s) {
    if (s instanceof Stmt.If f) {
      return List.of(f.thenPart(), f.elsePart());
    } else if (s instanceof Stmt.While w) {
      return List.of(w.body());
    } else if (s instanceof Stmt.DoWhile d) {
      return List.of(d.body());
    } else if (s instanceof Stmt.For f) {
      return List.of(f.init(), f.body(), f.update());
    } else if (s instanceof Stmt.Block b) {
      return List.of(b.body());
    }
    return List.of();
  }

  /** Visits every statement in {@code stmts} and nested in them, parents first. */
  public static void forEachStmt(List<Stmt> stmts, Consumer<Stmt> visitor) {
    for (Stmt s : stmts) {
      visitor.accept(s);
      for (List<Stmt> block : blocks(s)) {
        forEachStmt(block, visitor);
      }
    }
  }

  /** {@code s} with each nested statement list replaced by {@code f} of it (other statements unchanged). */
  public static Stmt rebuild(Stmt s, java.util.function.UnaryOperator<List<Stmt>> f) {
    if (s instanceof Stmt.If i) {
      return new Stmt.If(i.condition(), f.apply(i.thenPart()), f.apply(i.elsePart()), i.pos());
    } else if (s instanceof Stmt.Block b) {
      return new Stmt.Block(f.apply(b.body()), b.pos());
    } else if (s instanceof Stmt.While w) {
      return new Stmt.While(w.condition(), f.apply(w.body()), w.pos());
    } else if (s instanceof Stmt.DoWhile d) {
      return new Stmt.DoWhile(f.apply(d.body()), d.condition(), d.pos());
    } else if (s instanceof Stmt.For l) {
      return new Stmt.For(l.init(), l.condition(), l.update(), f.apply(l.body()), l.pos());
    }
    return s;
  }

  /** The body of a loop statement. */
  public static List<Stmt> loopBody(Stmt loop) {
    if (loop instanceof Stmt.While w) {
      return w.body();
    } else if (loop instanceof Stmt.DoWhile d) {
      return d.body();
    }
    return ((Stmt.For) loop).body();
  }

  /** The condition of a loop statement (null for {@code for (;;)}). */
  public static Expr loopCondition(Stmt loop) {
    if (loop instanceof Stmt.While w) {
      return w.condition();
    } else if (loop instanceof Stmt.DoWhile d) {
      return d.condition();
    }
    return ((Stmt.For) loop).condition();
  }

  public static boolean isLoop(Stmt s) {
    return s instanceof Stmt.While || s instanceof Stmt.DoWhile || s instanceof Stmt.For;
  }

  /** The variable a statement itself declares or assigns (none for other statements). */
  public static Set<String> written(Stmt s) {
    if (s instanceof Stmt.Declare d) {
      return Set.of(d.name());
    } else if (s instanceof Stmt.Assign a && root(a.target()) != null) {
      return Set.of(root(a.target()));
    }
    return Set.of();
  }

  /** The variable a write to {@code target} changes: {@code x} for {@code x}, {@code a[i]}, {@code a[i][j]}. */
  public static String root(Expr target) {
    if (target instanceof Expr.Local l) {
      return l.name();
    } else if (target instanceof Expr.ArrayRead r) {
      return root(r.array());
    }
    return null;
  }
}
