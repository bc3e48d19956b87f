package dev.chainrule.processor.forward;

import dev.chainrule.processor.analysis.Activity;
import dev.chainrule.processor.ir.Callee;
import dev.chainrule.processor.ir.Expr;
import dev.chainrule.processor.ir.MathFn;
import dev.chainrule.processor.ir.Stmt;
import dev.chainrule.processor.ir.Type;
import dev.chainrule.processor.ir.UnaryOp;
import dev.chainrule.processor.ir.Walk;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Activity for the forward transform, over any IR — a method as the frontend read it, or code a
 * transform generated (a pullback, with its adjoint fields, tapes and calls of other pullbacks). A
 * <em>place</em> (a local, a field path such as {@code adjoint.dot.w}, a tape) is <em>varied</em>
 * if its value depends on a seeded input and <em>useful</em> if it reaches an output; a place
 * carries a tangent if it is both. Arrays are tracked whole, and every name of one array (an alias
 * {@code double[] r = X[i]}, a field holding it) shares one class, as in the reverse stage's
 * activity analysis; the analysis is flow-insensitive, so it may keep a tangent that is always zero,
 * never drop one that is not.
 */
public final class Varied {
  private final Map<String, String> parent = new HashMap<>();
  private final Set<String> varied = new HashSet<>();
  private final Set<String> useful = new HashSet<>();

  private Varied() {}

  /** A write of {@code sources} into {@code target} (a class key after union). */
  private record Flow(String target, Set<String> sources) {}

  /**
   * @param body the code
   * @param inputs the places seeded with a tangent (differentiated parameters)
   * @param outputs the places whose tangents are wanted (the result, adjoint fields)
   */
  public static Varied of(List<Stmt> body, Set<String> inputs, Set<String> outputs) {
    Varied v = new Varied();
    v.unionAliases(body);
    List<Flow> flows = v.flows(body);
    inputs.forEach(i -> v.varied.add(v.find(i)));
    outputs.forEach(o -> v.useful.add(v.find(o)));
    boolean changed = true;
    while (changed) {
      changed = false;
      for (Flow f : flows) {
        if (!v.varied.contains(f.target()) && f.sources().stream().anyMatch(v.varied::contains)) {
          changed |= v.varied.add(f.target());
        }
        if (v.useful.contains(f.target())) {
          changed |= v.useful.addAll(f.sources());
        }
      }
    }
    return v;
  }

  /** Whether the place named {@code key} (a local, or a field path) carries a tangent. */
  public boolean carries(String key) {
    for (String k = key; k != null; k = parentPath(k)) {
      // A field of an object a pullback call writes as a whole (a callee's adjoint) carries with it.
      String c = find(k);
      if (varied.contains(c) && useful.contains(c)) {
        return true;
      }
      if (k == key && !key.contains(".")) {
        return false;
      }
    }
    return false;
  }

  /** Whether a tape (a stack field) receives values with tangents: then every push and pop has one. */
  public boolean tapeCarries(String key) {
    return varied.contains(find(key));
  }

  /** Whether {@code e}'s value has a tangent: it reads a tangent-carrying place where derivatives flow. */
  public boolean carries(Expr e) {
    for (String s : sources(e)) {
      if (varied.contains(s) && useful.contains(s)) {
        return true;
      }
    }
    return false;
  }

  /** The class key of a place expression ({@code x}, {@code a[i]}, {@code adjoint.dot.w}), or null. */
  public String keyOf(Expr place) {
    String k = key(place);
    return k == null ? null : find(k);
  }

  static String key(Expr place) {
    if (place instanceof Expr.Local l) {
      return l.name();
    } else if (place instanceof Expr.ObjectRef o) {
      return o.name();
    } else if (place instanceof Expr.Field f) {
      String t = key(f.target());
      return t == null ? null : t + "." + f.name();
    } else if (place instanceof Expr.ArrayRead r) {
      return key(r.array());
    }
    return null;
  }

  // ---------------------------------------------------------------- aliases

  private String find(String k) {
    String p = parent.get(k);
    if (p == null || p.equals(k)) {
      return k;
    }
    String root = find(p);
    parent.put(k, root);
    return root;
  }

  private void union(String a, String b) {
    String ra = find(a);
    String rb = find(b);
    if (!ra.equals(rb)) {
      parent.put(ra, rb);
    }
  }

  private void unionAliases(List<Stmt> body) {
    Walk.forEachStmt(body, s -> {
      if (s instanceof Stmt.Declare d && d.type().isArray() && d.init() != null) {
        aliasOf(d.init()).forEach(a -> union(d.name(), a));
      } else if (s instanceof Stmt.Assign a && a.compound() == null && a.target().type() != null
          && a.target().type().isArray()) {
        String t = key(a.target());
        if (t != null) {
          aliasOf(a.value()).forEach(x -> union(t, x));
        }
      }
    });
  }

  /** The places an array-valued expression may name (none for a fresh array). */
  private static Set<String> aliasOf(Expr e) {
    Set<String> out = new LinkedHashSet<>();
    if (e instanceof Expr.Local || e instanceof Expr.Field || e instanceof Expr.ArrayRead) {
      String k = key(e);
      if (k != null) {
        out.add(k);
      }
    } else if (e instanceof Expr.Conditional c) {
      out.addAll(aliasOf(c.ifTrue()));
      out.addAll(aliasOf(c.ifFalse()));
    } else if (e instanceof Expr.Call c && c.callee() instanceof Callee.StaticMethod m) {
      // Objects.requireNonNull(x, ...) is x; Workspace.zeros(buffer, ...) may return buffer.
      if (!c.args().isEmpty() && c.args().get(0).type() != null && c.args().get(0).type().isArray()
          && (m.name().equals("requireNonNull") || m.name().startsWith("zeros") || m.name().equals("scratch"))) {
        out.addAll(aliasOf(c.args().get(0)));
      }
    }
    return out;
  }

  // ---------------------------------------------------------------- flows

  private List<Flow> flows(List<Stmt> body) {
    List<Flow> out = new java.util.ArrayList<>();
    Walk.forEachStmt(body, s -> {
      if (s instanceof Stmt.Declare d && d.init() != null) {
        out.add(new Flow(find(d.name()), sources(d.init())));
      } else if (s instanceof Stmt.Assign a) {
        String t = key(a.target());
        if (t != null) {
          out.add(new Flow(find(t), sources(a.effectiveValue())));
        }
      } else if (s instanceof Stmt.Return r && r.value() != null) {
        out.add(new Flow(find(Tangents.RETURNED), sources(r.value())));
      } else if (s instanceof Stmt.Eval e) {
        effects(e.expr(), out);
      }
    });
    return out;
  }

  /** Writes an evaluated expression makes: a push onto a tape, a call of another pullback. */
  private void effects(Expr e, List<Flow> out) {
    if (e instanceof Expr.Invoke i && i.method().equals("push") && i.args().size() == 1) {
      String tape = key(i.target());
      if (tape != null) {
        out.add(new Flow(find(tape), sources(i.args().get(0))));
      }
    } else if (e instanceof Expr.Call c && c.callee() instanceof Callee.Pullback) {
      // The callee's adjoint object (the last argument) receives seed × its partials.
      String work = key(c.args().get(c.args().size() - 1));
      Set<String> in = new LinkedHashSet<>();
      c.args().forEach(a -> in.addAll(sources(a)));
      if (work != null) {
        out.add(new Flow(find(work), in));
        in.add(find(work));
        // Its slots (the caller's adjoint arrays set into it) receive the partials.
        for (String k : parent.keySet()) {
          if (k.startsWith(work + ".")) {
            out.add(new Flow(find(k), in));
          }
        }
        // Its array slots are the caller's adjoint arrays: they receive the partials too.
        for (Expr a : c.args()) {
          if (a.type() != null && a.type().isArray()) {
            String k = key(a);
            if (k != null) {
              out.add(new Flow(find(k), in));
            }
          }
        }
      }
    }
  }

  /** The place classes whose tangent flows into the value of {@code e}. */
  Set<String> sources(Expr e) {
    Set<String> out = new LinkedHashSet<>();
    collect(e, out);
    return out;
  }

  private void collect(Expr e, Set<String> out) {
    Type type = e.type();
    if (type == null || !type.isDifferentiable()) {
      if (e instanceof Expr.Call c && c.callee() instanceof Callee.Pullback) {
        c.args().forEach(a -> collect(a, out));
      }
      return;
    }
    if (e instanceof Expr.Local || e instanceof Expr.Field || e instanceof Expr.ArrayRead) {
      String k = key(e);
      if (k != null) {
        out.add(find(k));
        // A field of a callee's adjoint object: a pullback call writes the object as a whole.
        for (String prefix = parentPath(k); prefix != null; prefix = parentPath(prefix)) {
          out.add(find(prefix));
        }
      }
      if (e instanceof Expr.ArrayRead r) {
        collect(r.array(), out);
      }
    } else if (e instanceof Expr.Invoke i) {
      if (i.method().equals("pop")) {
        String tape = key(i.target());
        if (tape != null) {
          out.add(find(tape));
        }
      }
    } else if (e instanceof Expr.Call c && c.callee() instanceof Callee.StaticMethod m
        && (m.name().startsWith("zeros") || m.name().equals("scratch"))) {
      return; // a fresh (zero) buffer
    } else {
      Activity.flowingOperands(e).forEach(o -> collect(o, out));
    }
  }

  private static String parentPath(String key) {
    int dot = key.lastIndexOf('.');
    return dot < 0 ? null : key.substring(0, dot);
  }

}
