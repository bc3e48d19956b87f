package dev.chainrule.processor.forward;

import static dev.chainrule.processor.ir.Build.add;
import static dev.chainrule.processor.ir.Build.div;
import static dev.chainrule.processor.ir.Build.lit;
import static dev.chainrule.processor.ir.Build.mul;
import static dev.chainrule.processor.ir.Build.neg;
import static dev.chainrule.processor.ir.Build.sub;

import dev.chainrule.processor.analysis.Activity;
import dev.chainrule.processor.diagnostics.Message;
import dev.chainrule.processor.diagnostics.Problem;
import dev.chainrule.processor.ir.BinaryOp;
import dev.chainrule.processor.ir.Build;
import dev.chainrule.processor.ir.Callee;
import dev.chainrule.processor.ir.Expr;
import dev.chainrule.processor.ir.MathFn;
import dev.chainrule.processor.ir.Pos;
import dev.chainrule.processor.ir.Stmt;
import dev.chainrule.processor.ir.Type;
import dev.chainrule.processor.ir.UnaryOp;
import dev.chainrule.processor.ir.Walk;
import dev.chainrule.processor.rules.NumericStencil;
import dev.chainrule.processor.rules.Rules;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * The forward transform: the chain rule applied forwards. Each statement that writes a value
 * carrying a tangent is preceded by the statement that computes that tangent from the tangents of
 * its operands ({@code y = x * z} gives {@code y_dot = x_dot * z + x * z_dot}), using the same table
 * of local partials as the reverse transform ({@link Rules}). Control flow is copied as it is: no
 * tape is needed, since every tangent is computed where its value is.
 *
 * <p>The transform reads any IR — a method as the frontend read it, or code another transform
 * generated — and writes IR with one tangent per tangent-carrying place, at scalar width (one
 * direction). {@link Directions} widens the result to k directions. What differs between uses
 * (how parameters' tangents are named, where buffers live, what a {@code return} does, how another
 * method's derivative is called) is left to a {@link Context}.
 */
public final class Tangents {
  /** The key under which {@link Varied} collects the values of {@code return} statements. */
  static final String RETURNED = "<returned>";
  private static final Pos NONE = Pos.NONE;

  /** What the transform asks of its user. */
  public interface Context {
    /** The tangent of a place that the transform did not declare itself (a parameter, a field). */
    Expr tangentOfInput(Expr place);

    /** The names the transform gives (none that the code has). */
    FreshNames names();

    /**
     * The statements that declare a local array {@code name} of the transformed code allocated with
     * {@code init}, and, if {@code tangent} is not null, the local array holding its tangent.
     */
    List<Stmt> newArray(String name, Expr.NewArray init, String tangent, Pos pos);

    /** What {@code return value} becomes, given the value and its tangent (null if constant). */
    List<Stmt> onReturn(Expr value, Expr tangent, Pos pos);

    /**
     * A call of another differentiable method on arguments of which some carry tangents:
     * statements (added to {@code out}) that compute its value and tangent, and the two results.
     */
    Lin call(Expr.Call call, List<Lin> args, List<Stmt> out, Pos pos);

    /** Where an expression comes from, for diagnostics. */
    Pos posOf(Expr e);

    /** Whether calls of opaque code may be differentiated numerically. */
    boolean numericFallback();

    /**
     * A call that sizes a tangent buffer like a value's ({@code Workspace.zeros(tangentBuffer, n)}),
     * as the context keeps tangents: with k directions, one dimension more.
     */
    default Expr sized(Expr buffer) {
      return buffer;
    }

    /** Whether a field of generated code is a pool of arrays (one per loop iteration). */
    default boolean isPool(Expr field) {
      return false;
    }

    /** Whether to write {@code // line N:} comments (not when the code read has its own). */
    default boolean comments() {
      return true;
    }
  }

  /** A value and its tangent (null when the value is constant to the derivative). */
  public record Lin(Expr value, Expr tangent) {}

  private final Varied varied;
  private final Context context;
  /** The tangent statements this transform wrote, by identity (for {@link Directions}). */
  private final Set<Stmt> tangentStatements = Collections.newSetFromMap(new IdentityHashMap<>());
  /** Names of the tangent locals this transform declared (local variable name → tangent local). */
  private final java.util.Map<String, String> tangentLocals = new java.util.HashMap<>();

  private Tangents(Varied varied, Context context) {
    this.varied = varied;
    this.context = context;
  }

  /**
   * The transformed code, the statements in it that compute tangents, each local's tangent local,
   * and the names of every tangent local it declared.
   */
  public record Result(List<Stmt> body, Set<Stmt> tangentStatements, java.util.Map<String, String> tangentLocals,
      Set<String> tangentNames) {}

  public static Result transform(List<Stmt> body, Varied varied, Context context) {
    Tangents t = new Tangents(varied, context);
    List<Stmt> out = t.block(body);
    Set<String> names = new java.util.HashSet<>(t.tangentLocals.values());
    for (Stmt s : t.tangentStatements) {
      if (s instanceof Stmt.Declare d) {
        names.add(d.name());
      }
    }
    return new Result(out, t.tangentStatements, t.tangentLocals, names);
  }

  // ---------------------------------------------------------------- places

  private boolean carries(String local) {
    return varied.carries(local);
  }

  /** The tangent of a place: a local's tangent local, an element of an array's tangent, or the context's. */
  private Expr tangentOf(Expr place) {
    if (place instanceof Expr.Local l) {
      String t = tangentLocals.get(l.name());
      return t != null ? new Expr.Local(t, l.type()) : context.tangentOfInput(place);
    } else if (place instanceof Expr.ArrayRead r) {
      Expr array = tangentOf(r.array());
      return array == null ? null : new Expr.ArrayRead(array, r.index(), r.type());
    }
    return context.tangentOfInput(place);
  }

  private String declareTangent(String local) {
    String t = tangentLocals.get(local);
    if (t == null) {
      t = context.names().fresh(local + "_dot");
      tangentLocals.put(local, t);
    }
    return t;
  }

  private Stmt tangentStatement(Stmt s) {
    tangentStatements.add(s);
    return s;
  }

  // ---------------------------------------------------------------- statements

  private List<Stmt> block(List<Stmt> stmts) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : stmts) {
      List<Stmt> code = new ArrayList<>();
      statement(s, code);
      Pos pos = s.pos();
      boolean control = s instanceof Stmt.If || Walk.isLoop(s);
      if (context.comments() && pos.isKnown() && pos.line() >= 0 && !(s instanceof Stmt.Block)
          && (control || code.size() > 1)) {
        out.add(new Stmt.Comment("line " + pos.line() + ": " + pos.excerpt()));
      }
      out.addAll(code);
    }
    return out;
  }

  private void statement(Stmt s, List<Stmt> out) {
    if (s instanceof Stmt.Declare d) {
      declaration(d, out);
    } else if (s instanceof Stmt.Assign a) {
      assignment(a, out);
    } else if (s instanceof Stmt.If f) {
      out.add(new Stmt.If(f.condition(), block(f.thenPart()), block(f.elsePart()), f.pos()));
    } else if (s instanceof Stmt.While w) {
      out.add(new Stmt.While(w.condition(), block(w.body()), w.pos()));
    } else if (s instanceof Stmt.DoWhile d) {
      out.add(new Stmt.DoWhile(block(d.body()), d.condition(), d.pos()));
    } else if (s instanceof Stmt.For f) {
      out.add(new Stmt.For(block(f.init()), f.condition(), block(f.update()), block(f.body()), f.pos()));
    } else if (s instanceof Stmt.Block b) {
      out.add(new Stmt.Block(block(b.body()), b.pos()));
    } else if (s instanceof Stmt.Return r) {
      if (r.value() == null) {
        out.addAll(context.onReturn(null, null, r.pos()));
      } else {
        Lin v = lin(r.value(), out);
        out.addAll(context.onReturn(v.value(), v.tangent(), r.pos()));
      }
    } else if (s instanceof Stmt.Eval e) {
      evaluation(e, out);
    } else {
      out.add(s); // break, continue, comments
    }
  }

  /**
   * A statement of generated code evaluated for its effect: a push onto a tape that carries
   * tangents pushes the tangent onto the tape's tangent tape too (0 for a value without one, so the
   * two tapes stay in step), clearing a tape clears both, and a call of another method's pullback
   * becomes a call of its tangent (forward over reverse).
   */
  private void evaluation(Stmt.Eval e, List<Stmt> out) {
    if (e.expr() instanceof Expr.Invoke i && i.target() instanceof Expr.Field pool && i.method().equals("clear")
        && context.isPool(pool)) {
      Expr t = context.tangentOfInput(pool);
      out.add(e);
      if (t != null) { // a pool of arrays, whose tangents have a pool of their own
        out.add(new Stmt.Eval(new Expr.Invoke(t, "clear", List.of(), null), NONE));
      }
      return;
    }
    if (e.expr() instanceof Expr.Invoke i && i.target() instanceof Expr.Field tape
        && (i.method().equals("push") || i.method().equals("clear")) && tapeCarries(tape)) {
      out.add(e);
      Expr tangentTape = context.tangentOfInput(tape);
      if (i.method().equals("clear")) {
        out.add(new Stmt.Eval(new Expr.Invoke(tangentTape, "clear", List.of(), null), NONE));
      } else {
        List<Stmt> temps = new ArrayList<>();
        Lin v = lin(i.args().get(0), temps);
        out.addAll(temps);
        out.add(tangentStatement(new Stmt.Eval(new Expr.Invoke(tangentTape, "push",
            List.of(v.tangent() == null ? lit(0) : v.tangent()), null), NONE)));
      }
      return;
    }
    if (e.expr() instanceof Expr.Call c && c.callee() instanceof Callee.Pullback) {
      lin(c, out); // the context writes the call of the callee's pullback tangent
      return;
    }
    if (e.expr() instanceof Expr.Call c && c.callee() instanceof Callee.StaticMethod m
        && c.args().stream().anyMatch(a -> a.type() != null && a.type().isArray() && varied.carries(a))) {
      throw new IllegalStateException("no tangent rule for " + m.owner().simpleName() + "." + m.name());
    }
    out.add(e);
  }

  private boolean tapeCarries(Expr tape) {
    String key = Varied.key(tape);
    return key != null && varied.tapeCarries(key);
  }

  /** A pop from a tape that carries tangents. */
  private boolean isTangentPop(Expr e) {
    return e instanceof Expr.Invoke i && i.method().equals("pop") && i.target() instanceof Expr.Field
        && tapeCarries(i.target());
  }

  /**
   * The tangent of an array-valued expression of generated code: the tangent array of a variable,
   * a buffer of the workspace sized like the value's ({@code Workspace.zeros(buffer, n)} gives
   * {@code Workspace.zeros(tangentBuffer, n)}), or null when it has none.
   */
  private Expr arrayTangent(Expr value) {
    if (value instanceof Expr.Invoke i && i.target() instanceof Expr.Field pool
        && (i.method().startsWith("next") || i.method().startsWith("previous"))) {
      // An array of a pool (one per loop iteration): its tangent comes from the tangent pool.
      Expr t = tangentOf(pool);
      return t == null ? null : context.sized(new Expr.Invoke(t, i.method(), i.args(), i.type()));
    }
    if (value instanceof Expr.Local || value instanceof Expr.Field || value instanceof Expr.ArrayRead) {
      return varied.carries(value) || value instanceof Expr.Field ? tangentOf(value) : null;
    }
    if (value instanceof Expr.Call c && c.callee() instanceof Callee.StaticMethod m && !c.args().isEmpty()) {
      Expr first = c.args().get(0);
      if (m.name().equals("requireNonNull")) {
        Expr t = tangentOf(first);
        if (t == null) {
          return null;
        }
        String text = t instanceof Expr.Field f && f.target() instanceof Expr.ObjectRef o ? o.name() + "." + f.name()
            : "tangent";
        return new Expr.Call(m, List.of(t, new Expr.Literal(text, null, "\"" + text + "\"")), c.type());
      }
      if (m.name().startsWith("zeros") || m.name().equals("scratch") || m.name().equals("copy")) {
        Expr t = tangentOf(first);
        if (t == null) {
          return null;
        }
        List<Expr> args = new ArrayList<>(c.args());
        args.set(0, t);
        if (m.name().equals("copy")) {
          Expr from = tangentOf(c.args().get(1));
          if (from == null) {
            return null;
          }
          args.set(1, from);
        }
        return context.sized(new Expr.Call(m, args, c.type()));
      }
    }
    return null;
  }

  private void declaration(Stmt.Declare d, List<Stmt> out) {
    boolean carries = carries(d.name());
    if (d.type().isArray()) {
      if (d.init() instanceof Expr.NewArray n) {
        out.addAll(context.newArray(d.name(), n, carries ? declareTangent(d.name()) : null, d.pos()));
      } else if (d.init() instanceof Expr.Call c && c.callee() instanceof Callee.Derivative) {
        Lin v = lin(c, out); // a block of another method's gradient, and its tangent
        out.add(new Stmt.Declare(d.name(), d.type(), v.value(), d.pos()));
        if (carries) {
          out.add(tangentStatement(new Stmt.Declare(declareTangent(d.name()), d.type(),
              v.tangent() != null ? v.tangent() : new Expr.Literal(null, d.type(), "null"), NONE)));
        }
      } else {
        out.add(d);
        if (carries && d.init() != null) {
          Expr t = arrayTangent(d.init());
          out.add(tangentStatement(new Stmt.Declare(declareTangent(d.name()), d.type(),
              t != null ? t : new Expr.Literal(null, d.type(), "null"), NONE)));
        }
      }
      return;
    }
    if (!carries || d.type() != Type.DOUBLE) {
      out.add(d);
      return;
    }
    String t = declareTangent(d.name());
    if (d.init() == null) {
      out.add(new Stmt.Declare(d.name(), d.type(), lit(0), d.pos()));
      out.add(tangentStatement(new Stmt.Declare(t, Type.DOUBLE, lit(0), NONE)));
      return;
    }
    List<Stmt> temps = new ArrayList<>();
    Lin v = lin(d.init(), temps);
    Expr value = v.value();
    Expr tangent = v.tangent() == null ? lit(0) : v.tangent();
    // double t3 = Math.exp(x); double y = t3;  reads better as  double y = Math.exp(x);  with the
    // tangent reading y: the last temporary is the value itself.
    if (!temps.isEmpty() && value instanceof Expr.Local tmp
        && temps.get(temps.size() - 1) instanceof Stmt.Declare last && last.name().equals(tmp.name())) {
      temps.remove(temps.size() - 1);
      value = last.init();
      tangent = rename(tangent, tmp.name(), d.name());
    }
    out.addAll(temps);
    out.add(new Stmt.Declare(d.name(), d.type(), value, d.pos()));
    out.add(tangentStatement(new Stmt.Declare(t, Type.DOUBLE, tangent, NONE)));
  }

  /** {@code e} with the local {@code from} read as {@code to}. */
  static Expr rename(Expr e, String from, String to) {
    if (e instanceof Expr.Local l) {
      return l.name().equals(from) ? new Expr.Local(to, l.type()) : l;
    }
    List<Expr> children = Walk.children(e);
    if (children.isEmpty() || e instanceof Expr.Field || e instanceof Expr.Invoke) {
      return e;
    }
    List<Expr> renamed = new ArrayList<>();
    for (Expr c : children) {
      renamed.add(rename(c, from, to));
    }
    return Walk.withChildren(e, renamed);
  }

  private void assignment(Stmt.Assign a, List<Stmt> out) {
    Expr target = a.target();
    String key = varied.keyOf(target);
    if (target.type() != null && target.type().isArray() && a.compound() == null) {
      // Generated code names a buffer or an adjoint array: its tangent names the matching one.
      out.add(a);
      Expr t = key != null && varied.carries(key) ? arrayTangent(a.value()) : null;
      if (t != null) {
        out.add(tangentStatement(new Stmt.Assign(tangentOf(target), null, t, NONE)));
      }
      return;
    }
    boolean carries = target.type() == Type.DOUBLE && key != null && varied.carries(key);
    if (!carries) {
      if (isTangentPop(a.value())) { // keep the tangent tape in step with the values'
        out.add(tangentStatement(new Stmt.Eval(new Expr.Invoke(
            context.tangentOfInput(((Expr.Invoke) a.value()).target()), "pop", List.of(), Type.DOUBLE), NONE)));
      }
      out.add(a);
      return;
    }
    Expr targetTangent = tangentOf(target);
    List<Stmt> temps = new ArrayList<>();
    BinaryOp op = a.compound();
    boolean increment = (op == BinaryOp.ADD || op == BinaryOp.SUBTRACT) && !reads(a.value(), key);
    if (increment) {
      Lin v = lin(a.value(), temps);
      out.addAll(temps);
      if (v.tangent() != null) {
        out.add(tangentStatement(new Stmt.Assign(targetTangent, op, v.tangent(), NONE)));
      }
      out.add(new Stmt.Assign(target, op, v.value(), a.pos()));
      return;
    }
    Lin v = lin(a.effectiveValue(), temps);
    out.addAll(temps);
    // The tangent reads the old values, so it is computed before the target changes.
    out.add(tangentStatement(new Stmt.Assign(targetTangent, null, v.tangent() == null ? lit(0) : v.tangent(), NONE)));
    out.add(new Stmt.Assign(target, null, v.value(), a.pos()));
  }

  /** Whether {@code e} reads the place class {@code key}. */
  private boolean reads(Expr e, String key) {
    boolean[] found = {false};
    Walk.forEach(e, x -> {
      if (x instanceof Expr.Local || x instanceof Expr.Field) {
        String k = varied.keyOf(x);
        found[0] |= key.equals(k);
      }
    });
    return found[0];
  }

  // ---------------------------------------------------------------- expressions

  /** Whether an expression is cheap and pure enough to be evaluated again where its value is needed. */
  static boolean isSimple(Expr e) {
    if (e instanceof Expr.Local || e instanceof Expr.Literal || e instanceof Expr.StaticField
        || e instanceof Expr.Length || e instanceof Expr.Field || e instanceof Expr.ObjectRef) {
      return true;
    }
    if (e instanceof Expr.ArrayRead r) {
      return isSimple(r.array()) && isSimpleIndex(r.index());
    }
    if (e instanceof Expr.Cast c) {
      return isSimple(c.operand());
    }
    if (e instanceof Expr.Unary u) {
      return (u.op() == UnaryOp.NEGATE || u.op() == UnaryOp.PLUS) && isSimple(u.operand());
    }
    return false;
  }

  private static boolean isSimpleIndex(Expr e) {
    return e.type() != null && e.type().isIntegral() && !Walk.contains(e, Expr.Call.class)
        && !Walk.contains(e, Expr.Invoke.class);
  }

  /** {@code e} as an operand that may be read twice: itself if simple, else a new local holding it. */
  private Expr atom(Expr e, List<Stmt> out) {
    if (isSimple(e)) {
      return e;
    }
    Expr.Local t = new Expr.Local(context.names().temp("t"), e.type());
    out.add(new Stmt.Declare(t.name(), e.type(), e, NONE));
    return t;
  }

  /**
   * The value and tangent of {@code e}. Values that the tangent reads are put in locals (added to
   * {@code out}) so nothing is evaluated twice; the returned value expression, evaluated after
   * {@code out}, is the value of {@code e}.
   */
  Lin lin(Expr e, List<Stmt> out) {
    if (!varied.carries(e)) {
      return new Lin(e, null);
    }
    if (e instanceof Expr.Local || e instanceof Expr.Field) {
      return new Lin(e, tangentOf(e));
    } else if (e instanceof Expr.ArrayRead r) {
      Expr index = isSimpleIndex(r.index()) ? r.index() : atom(r.index(), out);
      Expr read = new Expr.ArrayRead(r.array(), index, r.type());
      return new Lin(read, tangentOf(read));
    } else if (e instanceof Expr.Unary u) {
      Lin o = lin(u.operand(), out);
      return u.op() == UnaryOp.NEGATE
          ? new Lin(new Expr.Unary(UnaryOp.NEGATE, o.value(), u.type()), neg(o.tangent()))
          : new Lin(new Expr.Unary(u.op(), o.value(), u.type()), o.tangent());
    } else if (e instanceof Expr.Cast c) {
      Lin o = lin(c.operand(), out);
      return new Lin(new Expr.Cast(c.type(), o.value()), o.tangent());
    } else if (e instanceof Expr.Binary b) {
      return binary(b, out);
    } else if (e instanceof Expr.Conditional c) {
      return conditional(c, out);
    } else if (e instanceof Expr.Call c) {
      return call(c, out);
    } else if (isTangentPop(e)) {
      Expr.Invoke pop = (Expr.Invoke) e;
      return new Lin(e, new Expr.Invoke(context.tangentOfInput(pop.target()), "pop", List.of(), Type.DOUBLE));
    }
    throw new IllegalStateException("cannot differentiate " + e);
  }

  private static Expr plus(Expr a, Expr b) {
    return a == null ? b : b == null ? a : add(a, b);
  }

  private static Expr minus(Expr a, Expr b) {
    return b == null ? a : a == null ? neg(b) : sub(a, b);
  }

  private Lin binary(Expr.Binary b, List<Stmt> out) {
    if (b.op() == BinaryOp.REMAINDER) {
      throw new Problem(Message.ACTIVE_REMAINDER, context.posOf(b));
    }
    Lin l = lin(b.left(), out);
    if (b.op() == BinaryOp.MULTIPLY && b.left().equals(b.right()) && l.tangent() != null) {
      Expr u = atom(l.value(), out); // u * u: its tangent is 2 u u'
      return new Lin(new Expr.Binary(BinaryOp.MULTIPLY, u, u, b.type()), mul(mul(lit(2), u), l.tangent()));
    }
    Lin r = lin(b.right(), out);
    switch (b.op()) {
      case ADD:
        return new Lin(new Expr.Binary(BinaryOp.ADD, l.value(), r.value(), b.type()), plus(l.tangent(), r.tangent()));
      case SUBTRACT:
        return new Lin(new Expr.Binary(BinaryOp.SUBTRACT, l.value(), r.value(), b.type()), minus(l.tangent(), r.tangent()));
      case MULTIPLY: {
        Expr lv = r.tangent() != null ? atom(l.value(), out) : l.value();
        Expr rv = l.tangent() != null ? atom(r.value(), out) : r.value();
        Expr t = plus(l.tangent() == null ? null : mul(l.tangent(), rv), r.tangent() == null ? null : mul(lv, r.tangent()));
        return new Lin(new Expr.Binary(BinaryOp.MULTIPLY, lv, rv, b.type()), t);
      }
      case DIVIDE: {
        Expr rv = atom(r.value(), out);
        if (r.tangent() == null) {
          return new Lin(new Expr.Binary(BinaryOp.DIVIDE, l.value(), rv, b.type()), div(l.tangent(), rv));
        }
        Expr q = atom(new Expr.Binary(BinaryOp.DIVIDE, l.value(), rv, b.type()), out);
        // (a / b)' = (a' - q b') / b
        return new Lin(q, div(minus(l.tangent(), mul(q, r.tangent())), rv));
      }
      default:
        return new Lin(b, null);
    }
  }

  /** A ternary whose branches carry tangents: each branch is linearized inside an {@code if}. */
  private Lin conditional(Expr.Conditional c, List<Stmt> out) {
    Expr.Local value = new Expr.Local(context.names().temp("t"), c.type());
    Expr.Local tangent = new Expr.Local(context.names().fresh(value.name() + "_dot"), Type.DOUBLE);
    out.add(new Stmt.Declare(value.name(), c.type(), lit(0), NONE));
    out.add(tangentStatement(new Stmt.Declare(tangent.name(), Type.DOUBLE, lit(0), NONE)));
    tangentLocals.put(value.name(), tangent.name());
    List<Stmt> whenTrue = new ArrayList<>();
    List<Stmt> whenFalse = new ArrayList<>();
    for (boolean which : new boolean[] {true, false}) {
      List<Stmt> into = which ? whenTrue : whenFalse;
      Lin branch = lin(which ? c.ifTrue() : c.ifFalse(), into);
      into.add(new Stmt.Assign(value, null, branch.value(), NONE));
      into.add(tangentStatement(new Stmt.Assign(tangent, null, branch.tangent() == null ? lit(0) : branch.tangent(), NONE)));
    }
    out.add(new Stmt.If(c.condition(), whenTrue, whenFalse, NONE));
    return new Lin(value, tangent);
  }

  private Lin call(Expr.Call c, List<Stmt> out) {
    Callee callee = c.callee();
    if (callee instanceof Callee.StopGradient) {
      return new Lin(c, null);
    }
    if (callee instanceof Callee.MathFunction m) {
      return mathCall(c, m, out);
    }
    List<Lin> args = new ArrayList<>();
    for (Expr a : c.args()) {
      args.add(a.type() != null && a.type().isArray() ? new Lin(a, tangentOfArray(a)) : lin(a, out));
    }
    if (callee instanceof Callee.Differentiable || callee instanceof Callee.Pullback
        || callee instanceof Callee.Derivative) {
      // A callee's direction is a variable: a computed tangent is named first.
      List<Lin> named = new ArrayList<>();
      for (Lin a : args) {
        Expr t = a.tangent();
        if (t != null && t.type() == Type.DOUBLE && !(t instanceof Expr.Local) && !isTangentLeafRead(t)) {
          Expr.Local local = new Expr.Local(context.names().fresh(context.names().temp("t") + "_dot"), Type.DOUBLE);
          out.add(tangentStatement(new Stmt.Declare(local.name(), Type.DOUBLE, t, NONE)));
          t = local;
        }
        named.add(new Lin(a.value(), t));
      }
      return context.call(c, named, out, context.posOf(c));
    }
    if (callee instanceof Callee.Custom custom) {
      return customCall(c, custom, args, out);
    }
    if (callee instanceof Callee.StaticMethod m && m.owner().equals(HelperTangents.PARTIALS)) {
      return HelperTangents.lin(c, m, args, out, this::atom);
    }
    return opaqueCall(c, args, out);
  }

  /** An element of a tangent array ({@code xTangent[i]}): already a variable of the tangents. */
  private static boolean isTangentLeafRead(Expr t) {
    return t instanceof Expr.ArrayRead r && isSimpleIndex(r.index())
        && (r.array() instanceof Expr.Local || r.array() instanceof Expr.ArrayRead);
  }

  /** The tangent of an array-valued argument, or null when it is constant. */
  private Expr tangentOfArray(Expr a) {
    if (!varied.carries(a)) {
      return null;
    }
    return tangentOf(a);
  }

  private Lin mathCall(Expr.Call c, Callee.MathFunction m, List<Stmt> out) {
    MathFn fn = m.function();
    if (Activity.hasZeroDerivative(fn)) {
      return new Lin(c, null);
    }
    List<Lin> args = new ArrayList<>();
    for (Expr a : c.args()) {
      args.add(lin(a, out));
    }
    List<Expr> in = new ArrayList<>();
    for (Lin a : args) {
      in.add(atom(a.value(), out));
    }
    Expr value = new Expr.Call(m, in, c.type());
    if (fn == MathFn.MAX || fn == MathFn.MIN) {
      BinaryOp firstWins = fn == MathFn.MAX ? BinaryOp.GREATER_EQUAL : BinaryOp.LESS_EQUAL;
      Expr t0 = args.get(0).tangent() == null ? lit(0) : args.get(0).tangent();
      Expr t1 = args.get(1).tangent() == null ? lit(0) : args.get(1).tangent();
      return new Lin(value, Build.conditional(Build.cmp(firstWins, in.get(0), in.get(1)), t0, t1));
    }
    Expr output = null;
    boolean capped = Rules.capsOverflow(fn);
    if (Rules.usesOutput(c)) {
      output = atom(value, out);
      value = output;
    }
    Expr tangent = null;
    for (int k = 0; k < args.size(); k++) {
      if (args.get(k).tangent() != null) {
        tangent = plus(tangent, mul(Rules.partial(m.owner(), fn, k, in, output), args.get(k).tangent()));
      }
    }
    if (capped && tangent != null) {
      tangent = Rules.cappedTangent(tangent);
    }
    return new Lin(value, tangent);
  }

  /** A method with user-supplied partials: the tangent is the sum of each partial times its argument's tangent. */
  private Lin customCall(Expr.Call c, Callee.Custom callee, List<Lin> args, List<Stmt> out) {
    List<Expr> in = new ArrayList<>();
    for (Lin a : args) {
      in.add(a.value().type() != null && a.value().type().isArray() ? a.value() : atom(a.value(), out));
    }
    Expr value = new Expr.Call(callee, in, c.type());
    Expr output = null;
    if (callee.usesResult()) {
      output = atom(value, out);
      value = output;
    }
    Expr tangent = null;
    for (int k = 0; k < args.size(); k++) {
      if (args.get(k).tangent() == null) {
        continue;
      }
      Callee.Partial partial = callee.tangentFor(k);
      String paramName = callee.parameters().get(k).name();
      if (partial == null && callee.partialFor(k) != null) {
        throw new Problem(Message.CUSTOM_NO_TANGENT, context.posOf(c), callee.owner().simpleName() + "."
            + callee.name(), paramName);
      }
      if (partial == null) {
        throw new Problem(Message.MISSING_PARTIAL, context.posOf(c.args().get(k)), describe(c.args().get(k)),
            callee.owner().simpleName() + "." + callee.name(), paramName, paramName);
      }
      List<Expr> partialArgs = new ArrayList<>(in);
      if (partial.takesResult()) {
        partialArgs.add(output);
      }
      Callee.StaticMethod derivative = new Callee.StaticMethod(partial.owner(), partial.method());
      if (partial.array()) { // a directional derivative already: partial(args..., tangent)
        partialArgs.add(args.get(k).tangent());
        Expr.Local t = new Expr.Local(context.names().fresh(context.names().temp("t") + "_dot"), Type.DOUBLE);
        out.add(tangentStatement(new Stmt.Declare(t.name(), Type.DOUBLE,
            new Expr.Call(derivative, partialArgs, Type.DOUBLE), NONE)));
        tangent = plus(tangent, t);
      } else {
        tangent = plus(tangent, mul(atom(new Expr.Call(derivative, partialArgs, Type.DOUBLE), out), args.get(k).tangent()));
      }
    }
    return new Lin(value, tangent);
  }

  /** A call of code ChainRule cannot read, on values that carry tangents: numeric fallback or an error. */
  private Lin opaqueCall(Expr.Call c, List<Lin> args, List<Stmt> out) {
    String name = c.callee().owner().simpleName() + "." + c.callee().name();
    for (int k = 0; k < args.size(); k++) {
      if (args.get(k).tangent() != null && c.args().get(k).type().isArray()) {
        throw new Problem(Message.ARRAY_TO_OTHER_CODE, context.posOf(c.args().get(k)),
            describe(c.args().get(k)), name, name);
      }
    }
    if (!context.numericFallback()) {
      boolean math = c.callee().owner().packageName().equals("java.lang")
          && (c.callee().owner().simpleName().equals("Math") || c.callee().owner().simpleName().equals("StrictMath"));
      throw new Problem(math ? Message.NO_RULE : Message.NOT_DIFFERENTIABLE_CALL, context.posOf(c), name,
          c.callee().name());
    }
    List<Expr> in = new ArrayList<>();
    for (Lin a : args) {
      in.add(atom(a.value(), out));
    }
    Expr value = atom(new Expr.Call(c.callee(), in, c.type()), out);
    Expr tangent = null;
    for (int k = 0; k < args.size(); k++) {
      if (args.get(k).tangent() == null) {
        continue;
      }
      Expr partial = NumericStencil.partial(c.callee(), in, k, out, context.names()::temp);
      tangent = plus(tangent, mul(partial, args.get(k).tangent()));
    }
    return new Lin(value, tangent);
  }

  private String describe(Expr arg) {
    if (arg instanceof Expr.Local l) {
      return l.name();
    }
    String excerpt = context.posOf(arg).excerpt();
    return excerpt.isEmpty() ? "argument" : excerpt;
  }
}
