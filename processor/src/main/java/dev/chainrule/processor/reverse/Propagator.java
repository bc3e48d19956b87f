package dev.chainrule.processor.reverse;

import static dev.chainrule.processor.ir.Build.lit;
import static dev.chainrule.processor.ir.Build.mul;
import static dev.chainrule.processor.ir.Build.neg;

import com.palantir.javapoet.ClassName;
import dev.chainrule.processor.analysis.Activity;
import dev.chainrule.processor.diagnostics.Message;
import dev.chainrule.processor.diagnostics.Problem;
import dev.chainrule.processor.ir.BinaryOp;
import dev.chainrule.processor.ir.Build;
import dev.chainrule.processor.ir.Callee;
import dev.chainrule.processor.ir.Expr;
import dev.chainrule.processor.ir.MathFn;
import dev.chainrule.processor.ir.Naming;
import dev.chainrule.processor.ir.Param;
import dev.chainrule.processor.ir.Pos;
import dev.chainrule.processor.ir.Stmt;
import dev.chainrule.processor.ir.Type;
import dev.chainrule.processor.ir.UnaryOp;
import dev.chainrule.processor.ir.Walk;
import dev.chainrule.processor.ir.WorkField;
import dev.chainrule.processor.rules.NumericStencil;
import dev.chainrule.processor.rules.Rules;
import dev.chainrule.processor.simplify.Accumulations;
import dev.chainrule.processor.simplify.DeadCode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Applies the chain rule through one expression tree, emitting adjoint statements: an operator's
 * local partials come from {@link Rules}, a call goes through the callee's pullback (or pullback
 * tangent, for a nested derivative), a custom derivative, or the numeric fallback.
 */
final class Propagator {
  private final PullbackScope scope;
  private final Linearizer lin;
  private final List<Stmt> out;

  Propagator(PullbackScope scope, Linearizer lin, List<Stmt> out) {
    this.scope = scope;
    this.lin = lin;
    this.out = out;
  }

  void propagate(Expr e, Expr adj, Expr output) {
    if (!scope.plan.isVaried(e)) {
      return;
    }
    if (e instanceof Expr.Local l) {
      accumulate(scope.adjointOf(l.name(), l.type()), adj);
    } else if (e instanceof Expr.ArrayRead r) {
      accumulate(new Expr.ArrayRead(scope.adjointArray(r.array()), r.index(), r.type()), adj);
    } else if (e instanceof Expr.Unary u) {
      route(u.operand(), u.op() == UnaryOp.NEGATE ? neg(adj) : adj);
    } else if (e instanceof Expr.Cast c) {
      route(c.operand(), adj);
    } else if (e instanceof Expr.Binary b) {
      binary(b, adj, output);
    } else if (e instanceof Expr.Conditional c) {
      List<Stmt> whenTrue = new ArrayList<>();
      List<Stmt> whenFalse = new ArrayList<>();
      branch(c.ifTrue(), adj, whenTrue);
      branch(c.ifFalse(), adj, whenFalse);
      out.add(new Stmt.If(lin.value(c.condition()), whenTrue, whenFalse, Pos.NONE));
    } else if (e instanceof Expr.Call c) {
      call(c, adj, output);
    } else {
      throw new IllegalStateException("cannot differentiate " + e);
    }
  }

  /** A ternary's branch: its intermediates are named inside the branch, where they are valid. */
  private void branch(Expr e, Expr adj, List<Stmt> into) {
    Linearizer sub = new Linearizer(scope);
    sub.rewrite(e, true);
    List<Stmt> code = new ArrayList<>(sub.temps);
    Set<String> candidates = new HashSet<>(sub.tempNames);
    Expr output = null;
    if (Rules.usesOutput(e)) {
      Expr.Local y = new Expr.Local(scope.temp("y"), Type.DOUBLE);
      code.add(new Stmt.Declare(y.name(), Type.DOUBLE, sub.rewritten(e), Pos.NONE));
      candidates.add(y.name());
      output = y;
    }
    List<Stmt> adjoints = new ArrayList<>();
    new Propagator(scope, sub, adjoints).propagate(e, adj, output);
    code.addAll(Accumulations.withinStatement(adjoints));
    into.addAll(DeadCode.pruneUnused(code, candidates));
  }

  private void accumulate(Expr target, Expr adj) {
    if (adj instanceof Expr.Unary u && u.op() == UnaryOp.NEGATE) {
      out.add(new Stmt.Assign(target, BinaryOp.SUBTRACT, u.operand(), Pos.NONE));
    } else {
      out.add(new Stmt.Assign(target, BinaryOp.ADD, adj, Pos.NONE));
    }
  }

  /** Sends {@code adj} into a child: straight into a leaf's adjoint, or via a named adjoint. */
  private void route(Expr child, Expr adj) {
    if (!scope.plan.isVaried(child)) {
      return;
    }
    boolean leaf = child instanceof Expr.Local || child instanceof Expr.ArrayRead;
    // A field of a callee's adjoint must be read now: a nested call may reuse that adjoint.
    boolean named = adj instanceof Expr.Local
        || (adj instanceof Expr.Unary u && u.operand() instanceof Expr.Local);
    if (leaf || named) {
      propagate(child, adj, outputOf(child));
      return;
    }
    Expr value = lin.value(child);
    String base = value instanceof Expr.Local l ? "d_" + l.name() : null;
    String name = base != null ? scope.adjointTempName(base) : null;
    if (name == null) {
      name = scope.temp("d_t");
    }
    Expr.Local d = new Expr.Local(name, Type.DOUBLE);
    out.add(new Stmt.Declare(d.name(), Type.DOUBLE, adj, Pos.NONE));
    propagate(child, d, outputOf(child));
  }

  private Expr outputOf(Expr child) {
    return Rules.usesOutput(child) ? lin.value(child) : null;
  }

  private void binary(Expr.Binary b, Expr adj, Expr output) {
    if (b.op() == BinaryOp.REMAINDER) {
      throw new Problem(Message.ACTIVE_REMAINDER, scope.plan.method().posOf(b, scope.plan.method().pos()));
    }
    if (!b.op().isArithmetic()) {
      return;
    }
    Expr l = lin.value(b.left());
    Expr r = lin.value(b.right());
    if (b.op() == BinaryOp.MULTIPLY && b.left().equals(b.right())) {
      route(b.left(), mul(adj, mul(lit(2), l))); // u * u: one route of 2u instead of two of u
      return;
    }
    if (scope.plan.isVaried(b.left())) {
      route(b.left(), mul(adj, Rules.partial(b.op(), 0, l, r, output)));
    }
    if (scope.plan.isVaried(b.right())) {
      route(b.right(), mul(adj, Rules.partial(b.op(), 1, l, r, output)));
    }
  }

  private void call(Expr.Call c, Expr adj, Expr output) {
    Callee callee = c.callee();
    if (callee instanceof Callee.MathFunction m) {
      if (Activity.hasZeroDerivative(m.function())) {
        return;
      }
      List<Expr> in = new ArrayList<>();
      for (Expr a : c.args()) {
        in.add(lin.value(a));
      }
      if (m.function() == MathFn.MAX || m.function() == MathFn.MIN) {
        BinaryOp firstWins = m.function() == MathFn.MAX ? BinaryOp.GREATER_EQUAL : BinaryOp.LESS_EQUAL;
        List<Stmt> first = new ArrayList<>();
        List<Stmt> second = new ArrayList<>();
        new Propagator(scope, lin, first).route(c.args().get(0), adj);
        new Propagator(scope, lin, second).route(c.args().get(1), adj);
        out.add(new Stmt.If(Build.cmp(firstWins, in.get(0), in.get(1)), first, second, Pos.NONE));
        return;
      }
      for (int k = 0; k < c.args().size(); k++) {
        if (scope.plan.isVaried(c.args().get(k))) {
          route(c.args().get(k), mul(adj, Rules.partial(m.owner(), m.function(), k, in, output)));
        }
      }
    } else if (callee instanceof Callee.Differentiable d) {
      pullbackCall(c, d, adj);
    } else if (callee instanceof Callee.Derivative n) {
      derivativeCall(c, n, adj);
    } else if (callee instanceof Callee.Custom custom) {
      customCall(c, custom, adj, output);
    } else if (!(callee instanceof Callee.StopGradient)) {
      opaqueCall(c, adj);
    }
  }

  /** A call of code ChainRule cannot read, on a differentiated value. */
  private void opaqueCall(Expr.Call c, Expr adj) {
    Callee callee = c.callee();
    String name = callee.owner().simpleName() + "." + callee.name();
    for (Expr arg : c.args()) {
      if (arg.type().isArray() && scope.plan.isVaried(arg)) {
        throw new Problem(Message.ARRAY_TO_OTHER_CODE, scope.plan.method().posOf(arg, scope.positionOf(c)),
            scope.describe(arg), name, name);
      }
    }
    if (scope.plan.method().numericFallback()) {
      numericCall(c, adj);
    } else if (callee.owner().packageName().equals("java.lang")
        && (callee.owner().simpleName().equals("Math") || callee.owner().simpleName().equals("StrictMath"))) {
      throw new Problem(Message.NO_RULE, scope.positionOf(c), name, callee.name());
    } else if (callee instanceof Callee.StaticMethod s && s.source() != null
        && s.source().differentiableOverload() != null) {
      throw new Problem(Message.NOT_DIFFERENTIABLE_OVERLOAD, scope.positionOf(c), s.source().signature(),
          s.source().differentiableOverload(), callee.name());
    } else {
      String shown = callee instanceof Callee.StaticMethod s && s.source() != null ? s.source().signature() : name;
      throw new Problem(Message.NOT_DIFFERENTIABLE_CALL, scope.positionOf(c), shown, callee.name());
    }
  }

  /** A call with user-supplied derivatives: each partial is one call of the user's method. */
  private void customCall(Expr.Call c, Callee.Custom callee, Expr adj, Expr output) {
    List<Expr> in = new ArrayList<>();
    for (Expr a : c.args()) {
      in.add(lin.value(a));
    }
    for (int k = 0; k < c.args().size(); k++) {
      Expr arg = c.args().get(k);
      if (!scope.plan.isVaried(arg)) {
        continue;
      }
      Callee.Partial partial = callee.partialFor(k);
      String paramName = callee.parameters().get(k).name();
      if (partial == null && callee.tangentFor(k) != null) {
        throw new Problem(Message.CUSTOM_NO_PULLBACK, scope.positionOf(c), callee.owner().simpleName() + "."
            + callee.name(), paramName);
      }
      if (partial == null) {
        throw new Problem(Message.MISSING_PARTIAL, scope.plan.method().posOf(arg, scope.positionOf(c)), scope.describe(arg),
            callee.owner().simpleName() + "." + callee.name(), paramName, paramName);
      }
      List<Expr> args = new ArrayList<>(in);
      if (partial.takesResult()) {
        args.add(output);
      }
      Callee.StaticMethod derivative = new Callee.StaticMethod(partial.owner(), partial.method());
      if (!partial.array()) {
        route(arg, mul(adj, new Expr.Call(derivative, args, Type.DOUBLE)));
      } else {
        if (!(arg instanceof Expr.Local || arg instanceof Expr.ArrayRead)) {
          throw new Problem(Message.ARRAY_ARGUMENT, scope.plan.method().posOf(arg, scope.positionOf(c)), scope.describe(arg),
              callee.name());
        }
        args.add(adj);
        args.add(scope.adjointArray(arg));
        out.add(new Stmt.Eval(new Expr.Call(derivative, args, null), Pos.NONE));
      }
    }
  }

  /**
   * A call of opaque code, allowed by {@code numericFallback}: each partial by a five-point
   * stencil of four more calls, and a warning at the call.
   */
  private void numericCall(Expr.Call c, Expr adj) {
    String name = c.callee().owner().simpleName() + "." + c.callee().name();
    if (scope.warnedCalls.add(c)) {
      scope.warnings.add(new Problem(Message.NUMERIC_FALLBACK, scope.positionOf(c), name));
    }
    List<Expr> in = new ArrayList<>();
    for (Expr a : c.args()) {
      in.add(lin.value(a));
    }
    for (int k = 0; k < c.args().size(); k++) {
      Expr arg = c.args().get(k);
      if (!scope.plan.isVaried(arg)) {
        continue;
      }
      if (arg.type() != Type.DOUBLE) {
        throw new Problem(Message.NUMERIC_FALLBACK_ARRAY, scope.positionOf(c), name);
      }
      Expr.Local partial = NumericStencil.partial(c.callee(), in, k, out, scope::temp);
      route(arg, mul(adj, partial));
    }
  }

  /** Adjoint of a call to another differentiable method, through that method's pullback. */
  private void pullbackCall(Expr.Call c, Callee.Differentiable callee, Expr adj) {
    ClassName adjointClass = callee.companion().nestedClass(Naming.adjointClass(callee.name()));
    Expr work = scope.workField(callee.name(), WorkField.Kind.CALLEE, adjointClass, null);
    List<Expr> args = new ArrayList<>();
    for (int i = 0; i < callee.parameters().size(); i++) {
      Param p = callee.parameters().get(i);
      Expr arg = c.args().get(i);
      boolean varied = scope.plan.isVaried(arg);
      args.add(lin.value(arg));
      Pos argPos = scope.plan.method().posOf(arg, scope.plan.method().posOf(c, scope.plan.method().pos()));
      if (varied && !p.differentiated()) {
        throw new Problem(Message.LOST_DERIVATIVE, argPos, scope.describe(arg), callee.name(), p.name(),
            callee.owner().simpleName() + "." + callee.name());
      }
      if (!p.differentiated()) {
        continue;
      }
      Expr slot = new Expr.Field(work, p.name(), p.type());
      if (!p.type().isArray()) {
        out.add(new Stmt.Assign(slot, null, lit(0), Pos.NONE));
      } else if (varied) {
        if (!(arg instanceof Expr.Local || arg instanceof Expr.ArrayRead)) {
          throw new Problem(Message.ARRAY_ARGUMENT, argPos, scope.describe(arg), callee.name());
        }
        out.add(new Stmt.Assign(slot, null, scope.adjointArray(arg), Pos.NONE));
      } else {
        out.add(new Stmt.Assign(slot, null, scratch(lin.value(arg)), Pos.NONE));
      }
    }
    args.add(adj);
    args.add(work);
    List<Expr> written = scope.snapshotted.remove(c);
    List<Stmt> after = new ArrayList<>();
    if (written != null) {
      // The arrays as the call found them, for its pullback; as it left them (the pullback's own
      // result) they are not needed again: the statements before the call see them as it found them.
      out.add(new Stmt.Comment(callee.name() + " may write into " + written.stream().map(scope::describe)
          .collect(java.util.stream.Collectors.joining(", ")) + ": its pullback gets them as the call found them."));
      out.addAll(scope.popSnapshots(written));
      for (Expr array : written) {
        Expr kept = scope.workField(Walk.root(array) + "_before", PullbackScope.workKind(array.type()), null, array.type());
        out.add(new Stmt.Assign(kept, null, new Expr.Call(new Callee.StaticMethod(PullbackScope.WORKSPACE, "copy"),
            List.of(kept, array), array.type()), Pos.NONE));
        after.add(new Stmt.Eval(new Expr.Call(new Callee.StaticMethod(PullbackScope.WORKSPACE, "copyInto"),
            List.of(kept, array), null), Pos.NONE));
      }
    }
    out.add(new Stmt.Eval(new Expr.Call(new Callee.Pullback(callee), args, Type.DOUBLE), Pos.NONE));
    out.addAll(after);
    // Propagating into an argument that calls another pullback may reuse this work object, so
    // then every partial is read into a local first.
    boolean keep = c.args().stream().anyMatch(Propagator::callsDifferentiable);
    List<Expr> routedArgs = new ArrayList<>();
    List<Expr> partials = new ArrayList<>();
    for (int i = 0; i < callee.parameters().size(); i++) {
      Param p = callee.parameters().get(i);
      Expr arg = c.args().get(i);
      if (p.differentiated() && !p.type().isArray() && scope.plan.isVaried(arg)) {
        Expr partial = new Expr.Field(work, p.name(), Type.DOUBLE);
        if (keep) {
          Expr.Local kept = new Expr.Local(scope.temp("d" + p.name()), Type.DOUBLE);
          out.add(new Stmt.Declare(kept.name(), Type.DOUBLE, partial, Pos.NONE));
          partial = kept;
        }
        routedArgs.add(arg);
        partials.add(partial);
      }
    }
    for (int i = 0; i < routedArgs.size(); i++) {
      route(routedArgs.get(i), partials.get(i));
    }
  }

  /**
   * Adjoint of a nested derivative (a block of another method's gradient, or its directional
   * derivative), through that method's pullback tangent (forward over reverse): the derivative of
   * ∂f/∂p with respect to f's arguments is a row of f's Hessian, H·(adj on block p); that of
   * ∇f·v is H·v for the arguments (with seed adj) and ∇f for the directions. The tangent fields of
   * f's adjoint receive the Hessian part, its partial fields the gradient part; array fields are
   * the caller's adjoint arrays where those receive it, else scratch.
   */
  void derivativeCall(Expr.Call c, Callee.Derivative nested, Expr adj) {
    Callee.Differentiable f = nested.of();
    ClassName adjointClass = f.companion().nestedClass(Naming.adjointClass(f.name()));
    Expr work = scope.workField(f.name() + "Nested", WorkField.Kind.CALLEE, adjointClass, null);
    List<Param> params = f.parameters();
    boolean tangent = nested.kind() == Callee.Derivative.Kind.TANGENT;
    List<Expr> values = new ArrayList<>();
    for (int i = 0; i < params.size(); i++) {
      values.add(lin.value(c.args().get(i)));
    }
    List<Expr> directions = new ArrayList<>();
    int d = params.size();
    for (int i = 0; i < params.size(); i++) {
      Param q = params.get(i);
      if (!q.differentiated()) {
        if (scope.plan.isVaried(c.args().get(i))) {
          throw new Problem(Message.LOST_DERIVATIVE, scope.positionOf(c.args().get(i)), scope.describe(c.args().get(i)),
              f.name(), q.name(), f.owner().simpleName() + "." + f.name());
        }
        continue;
      }
      Expr arg = c.args().get(i);
      String tangentField = Naming.adjointTangentField(q.name(), params, false);
      Expr partialSlot = new Expr.Field(work, q.name(), q.type());
      Expr tangentSlot = new Expr.Field(work, tangentField, q.type());
      Expr direction;
      if (tangent) {
        Expr v = c.args().get(d++);
        direction = lin.value(v);
        if (q.type().isArray()) {
          out.add(new Stmt.Assign(partialSlot, null, scope.plan.isVaried(v) ? arrayArgument(v, f) : scratch(lin.value(v)), Pos.NONE));
        }
      } else if (i == nested.component()) {
        direction = adj;
        if (q.type().isArray()) {
          out.add(new Stmt.Assign(partialSlot, null, scratch(lin.value(arg)), Pos.NONE));
        }
      } else {
        direction = q.type() == Type.DOUBLE ? lit(0) : zeros(lin.value(arg));
        if (q.type().isArray()) {
          out.add(new Stmt.Assign(partialSlot, null, scratch(lin.value(arg)), Pos.NONE));
        }
      }
      if (q.type() == Type.DOUBLE) {
        out.add(new Stmt.Assign(partialSlot, null, lit(0), Pos.NONE));
        out.add(new Stmt.Assign(tangentSlot, null, lit(0), Pos.NONE));
      } else {
        out.add(new Stmt.Assign(tangentSlot, null, scope.plan.isVaried(arg) ? arrayArgument(arg, f)
            : scratch(lin.value(arg)), Pos.NONE));
      }
      directions.add(direction);
    }
    List<Expr> args = new ArrayList<>(values);
    args.addAll(directions);
    args.add(tangent ? adj : lit(1));
    args.add(lit(0));
    args.add(work);
    out.add(new Stmt.Eval(new Expr.Call(new Callee.StaticMethod(f.companion(),
        Naming.pullbackTangentMethod(f.name())), args, Type.DOUBLE), Pos.NONE));
    List<Expr> routedArgs = new ArrayList<>();
    List<Expr> partials = new ArrayList<>();
    d = params.size();
    for (int i = 0; i < params.size(); i++) {
      Param q = params.get(i);
      if (!q.differentiated()) {
        continue;
      }
      Expr arg = c.args().get(i);
      if (q.type() == Type.DOUBLE && scope.plan.isVaried(arg)) {
        routedArgs.add(arg);
        partials.add(keep(new Expr.Field(work, Naming.adjointTangentField(q.name(), params, false), Type.DOUBLE)));
      }
      if (tangent) {
        Expr v = c.args().get(d++);
        if (q.type() == Type.DOUBLE && scope.plan.isVaried(v)) {
          routedArgs.add(v);
          partials.add(keep(new Expr.Field(work, q.name(), Type.DOUBLE)));
        }
      }
    }
    for (int i = 0; i < routedArgs.size(); i++) {
      route(routedArgs.get(i), partials.get(i));
    }
  }

  /** A field of a callee's adjoint read into a local now (a later call may reuse the adjoint). */
  private Expr keep(Expr field) {
    Expr.Local kept = new Expr.Local(scope.temp("d"), Type.DOUBLE);
    out.add(new Stmt.Declare(kept.name(), Type.DOUBLE, field, Pos.NONE));
    return kept;
  }

  /** The adjoint array of an array argument (a variable or a row). */
  private Expr arrayArgument(Expr arg, Callee.Differentiable f) {
    if (!(arg instanceof Expr.Local || arg instanceof Expr.ArrayRead)) {
      throw new Problem(Message.ARRAY_ARGUMENT, scope.positionOf(arg), scope.describe(arg), f.name());
    }
    return scope.adjointArray(arg);
  }

  /** A zeroed buffer of the argument's shape: a direction that is zero. */
  private Expr zeros(Expr arg) {
    Type type = arg.type();
    boolean vector = type == Type.DOUBLE_ARRAY;
    Expr buffer = scope.freshBuffer("zeros", vector ? WorkField.Kind.DOUBLE_ARRAY : WorkField.Kind.DOUBLE_MATRIX, type);
    out.add(new Stmt.Assign(buffer, null, new Expr.Call(new Callee.StaticMethod(PullbackScope.WORKSPACE,
        vector ? "zeros" : "zerosLike"), List.of(buffer, vector ? new Expr.Length(arg) : arg), type), Pos.NONE));
    return buffer;
  }

  /** A buffer of the argument's shape for an adjoint nobody reads (the argument is constant). */
  private Expr scratch(Expr arg) {
    Type type = arg.type();
    boolean vector = type == Type.DOUBLE_ARRAY;
    Expr buffer = scope.workField("scratch", vector ? WorkField.Kind.DOUBLE_ARRAY : WorkField.Kind.DOUBLE_MATRIX, null, type);
    Expr size = vector ? new Expr.Length(arg) : arg;
    out.add(new Stmt.Assign(buffer, null, new Expr.Call(new Callee.StaticMethod(PullbackScope.WORKSPACE, "scratch"),
        List.of(buffer, size), type), Pos.NONE));
    return buffer;
  }

  private static boolean callsDifferentiable(Expr e) {
    boolean[] found = {false};
    Walk.forEach(e, x -> found[0] |= x instanceof Expr.Call call && call.callee() instanceof Callee.Differentiable);
    return found[0];
  }
}
