package dev.chainrule.processor.forward;

import dev.chainrule.processor.ir.BinaryOp;
import dev.chainrule.processor.ir.Expr;
import dev.chainrule.processor.ir.Pos;
import dev.chainrule.processor.ir.Stmt;
import dev.chainrule.processor.ir.Type;
import dev.chainrule.processor.ir.Walk;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Widens the forward transform's code from one direction to k (multi-directional forward mode, as
 * Tapenade's {@code _dv} and Clad's vector mode): every tangent gains a last dimension of k — a
 * {@code double} tangent becomes a {@code double[k]}, a {@code double[n]} one a {@code double[n][k]}
 * — so the inner loop over directions is contiguous, and every statement that computes a tangent
 * becomes a loop over the directions. What a tangent statement multiplies the tangents by (the local
 * partials, values of the forward sweep) is computed once, before its loop.
 */
final class Directions {
  private static final Pos NONE = Pos.NONE;

  private final Set<Stmt> tangentStatements;
  private final Set<String> tangentNames;
  private final Expr directions;
  private final UnaryOperator<String> temp;
  private final List<Stmt> buffers;
  private final Buffers allocate;

  /** Where the widened code keeps its tangents: buffers of the workspace. */
  interface Buffers {
    /** Declares the buffer of a scalar tangent local: a {@code double[k]} the workspace keeps. */
    List<Stmt> declare(String tangentLocal);

    /** A buffer of the workspace for one direction of an array's tangent (a column), of the given type. */
    Expr column(Type type);
  }

  private Directions(Set<Stmt> tangentStatements, Set<String> tangentNames, Expr directions,
      UnaryOperator<String> temp, Buffers allocate) {
    this.tangentStatements = tangentStatements;
    this.tangentNames = tangentNames;
    this.directions = directions;
    this.temp = temp;
    this.buffers = new ArrayList<>();
    this.allocate = allocate;
  }

  /**
   * @param tangentStatements the statements that compute tangents (by identity)
   * @param tangentNames every local that holds a tangent (scalar width), parameters' directions included
   * @param directions the number of directions, an int expression
   * @param temp fresh numbered names for the partials computed before a loop
   * @param allocate declares the buffer behind a scalar tangent local (at the start of the method)
   * @return the widened body, the tangent buffers' declarations first
   */
  static List<Stmt> widen(List<Stmt> body, Set<Stmt> tangentStatements, Set<String> tangentNames,
      Expr directions, UnaryOperator<String> temp, Buffers allocate) {
    Directions d = new Directions(tangentStatements, tangentNames, directions, temp, allocate);
    List<Stmt> widened = d.block(body);
    List<Stmt> out = new ArrayList<>(d.buffers);
    out.addAll(widened);
    return out;
  }

  private List<Stmt> block(List<Stmt> stmts) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : stmts) {
      if (tangentStatements.contains(s)) {
        tangentStatement(s, out);
      } else {
        out.add(Walk.rebuild(s, this::block));
      }
    }
    return out;
  }

  private void tangentStatement(Stmt s, List<Stmt> out) {
    if (s instanceof Stmt.Assign a && a.compound() == null && a.target().type() != null && a.target().type().isArray()) {
      out.add(s); // a tangent buffer named (already sized for k directions by the context)
      return;
    }
    if (s instanceof Stmt.Declare d && d.type().isArray()) {
      // An alias of a tangent array (double[] r_dot = X_dot[i]): one rank more, no loop.
      out.add(new Stmt.Declare(d.name(), d.type().arrayOf(), d.init(), d.pos()));
      return;
    }
    if (s instanceof Stmt.Eval e && e.expr() instanceof Expr.Invoke pop && pop.method().equals("pop")) {
      out.add(loop(new Expr.Local(temp.apply("d"), Type.INT), false, s)); // discards one per direction
      return;
    }
    if (s instanceof Stmt.Eval e && e.expr() instanceof Expr.Invoke push) {
      // A push of a tangent onto a tape: one push per direction, in direction order.
      Expr.Local d = new Expr.Local(temp.apply("d"), Type.INT);
      List<Stmt> before = new ArrayList<>();
      Expr value = perDirection(push.args().get(0), d, before);
      out.addAll(before);
      out.add(loop(d, false, new Stmt.Eval(new Expr.Invoke(push.target(), "push", List.of(value), null), NONE)));
      return;
    }
    Expr target;
    BinaryOp op;
    Expr value;
    if (s instanceof Stmt.Declare d) {
      buffers.addAll(allocate.declare(d.name()));
      target = new Expr.Local(d.name(), Type.DOUBLE);
      op = null;
      value = d.init();
    } else {
      Stmt.Assign a = (Stmt.Assign) s;
      target = a.target();
      op = a.compound();
      value = a.value();
    }
    Expr.Local d = new Expr.Local(temp.apply("d"), Type.INT);
    List<Stmt> before = new ArrayList<>();
    if (target instanceof Expr.Field) {
      // A field holding a double's tangents (a callee's partial's, the method's own): a double[k]
      // that may not exist yet.
      before.add(new Stmt.Assign(target, null, new Expr.Call(new dev.chainrule.processor.ir.Callee.StaticMethod(
          com.palantir.javapoet.ClassName.get("dev.chainrule.runtime", "Workspace"), "scratch"),
          List.of(target, directions), Type.DOUBLE_ARRAY), NONE));
    }
    Expr perDirection = perDirection(value, d, before);
    out.addAll(before);
    Stmt update = new Stmt.Assign(new Expr.ArrayRead(target, d, Type.DOUBLE), op, perDirection, NONE);
    // Pops from a tape come back in the reverse order of the pushes: the last direction first.
    out.add(loop(d, Walk.contains(value, Expr.Invoke.class), update));
  }

  private Stmt loop(Expr.Local d, boolean downwards, Stmt body) {
    if (downwards) {
      return new Stmt.For(List.of(new Stmt.Declare(d.name(), Type.INT,
          new Expr.Binary(BinaryOp.SUBTRACT, directions, Expr.Literal.ofInt(1), Type.INT), NONE)),
          new Expr.Binary(BinaryOp.GREATER_EQUAL, d, Expr.Literal.ofInt(0), Type.BOOLEAN),
          List.of(new Stmt.Assign(d, BinaryOp.SUBTRACT, Expr.Literal.ofInt(1), NONE)), List.of(body), NONE);
    }
    return new Stmt.For(List.of(new Stmt.Declare(d.name(), Type.INT, Expr.Literal.ofInt(0), NONE)),
        new Expr.Binary(BinaryOp.LESS, d, directions, Type.BOOLEAN),
        List.of(new Stmt.Assign(d, BinaryOp.ADD, Expr.Literal.ofInt(1), NONE)), List.of(body), NONE);
  }

  /** Whether {@code e} reads a tangent. */
  private boolean readsTangent(Expr e) {
    for (String v : Walk.locals(e)) {
      if (tangentNames.contains(v)) {
        return true;
      }
    }
    return Walk.contains(e, Expr.Field.class) && fieldTangent(e);
  }

  private boolean fieldTangent(Expr e) {
    boolean[] found = {false};
    Walk.forEach(e, x -> found[0] |= x instanceof Expr.Field f && isTangentField(f));
    return found[0];
  }

  /** A callee's {@code tangent} output, or a field the caller named as holding a tangent. */
  private boolean isTangentField(Expr.Field f) {
    return f.name().equals("tangent") || tangentNames.contains(f.name());
  }

  /** A tangent leaf: a tangent local, an element of a tangent array, a callee's tangent field. */
  private boolean isLeaf(Expr e) {
    if (e instanceof Expr.Local l) {
      return tangentNames.contains(l.name());
    }
    if (e instanceof Expr.ArrayRead r) {
      Expr root = r;
      while (root instanceof Expr.ArrayRead a) {
        root = a.array();
      }
      return root instanceof Expr.Local l && tangentNames.contains(l.name())
          || root instanceof Expr.Field f && isTangentField(f);
    }
    return e instanceof Expr.Field f && isTangentField(f);
  }

  /** {@code e} for direction {@code d}: tangent leaves indexed by d, the rest computed before the loop. */
  private Expr perDirection(Expr e, Expr.Local d, List<Stmt> before) {
    if (e instanceof Expr.Invoke) {
      return e; // a pop from a tangent tape: one per direction
    }
    if (isLeaf(e) && e.type() != null && e.type().isArray()) {
      // A whole tangent array passed to a method (a custom derivative's tangent form): direction d of
      // it, gathered into a buffer.
      Expr buffer = allocate.column(e.type());
      before.add(new Stmt.Assign(buffer, null, new Expr.Call(new dev.chainrule.processor.ir.Callee.StaticMethod(
          com.palantir.javapoet.ClassName.get("dev.chainrule.runtime", "Workspace"), "scratch"),
          List.of(buffer, new Expr.Length(e)), e.type()), NONE));
      Expr column = new Expr.Call(new dev.chainrule.processor.ir.Callee.StaticMethod(
          com.palantir.javapoet.ClassName.get("dev.chainrule.runtime", "Workspace"), "column"),
          List.of(buffer, e, d), e.type());
      return column;
    }
    if (isLeaf(e)) {
      return new Expr.ArrayRead(e, d, Type.DOUBLE);
    }
    if (!readsTangent(e)) {
      if (Tangents.isSimple(e)) {
        return e;
      }
      Expr.Local t = new Expr.Local(temp.apply("c"), e.type());
      before.add(new Stmt.Declare(t.name(), e.type(), e, NONE));
      return t;
    }
    if (e instanceof Expr.Conditional c) {
      return new Expr.Conditional(perDirection(c.condition(), d, before), perDirection(c.ifTrue(), d, before),
          perDirection(c.ifFalse(), d, before), c.type());
    }
    List<Expr> children = new ArrayList<>();
    for (Expr c : Walk.children(e)) {
      children.add(perDirection(c, d, before));
    }
    return Walk.withChildren(e, children);
  }
}
