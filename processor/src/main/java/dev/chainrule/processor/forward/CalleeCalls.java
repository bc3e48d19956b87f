package dev.chainrule.processor.forward;

import static dev.chainrule.processor.ir.Build.lit;

import com.palantir.javapoet.ClassName;
import dev.chainrule.processor.diagnostics.Message;
import dev.chainrule.processor.diagnostics.Problem;
import dev.chainrule.processor.ir.Callee;
import dev.chainrule.processor.ir.Expr;
import dev.chainrule.processor.ir.Naming;
import dev.chainrule.processor.ir.Param;
import dev.chainrule.processor.ir.Pos;
import dev.chainrule.processor.ir.Stmt;
import dev.chainrule.processor.ir.Type;
import dev.chainrule.processor.ir.WorkField;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * How forward-mode code calls the derivatives of the differentiable methods it calls: a call of
 * the method itself becomes a call of its pushforward (one direction, or k), and — in forward over
 * reverse — a call of its pullback becomes a call of its pullback's tangent. Each callee's workspace
 * is a field of the caller's, so nothing is allocated per call; a tangent is read into a local (a
 * buffer with k directions) right after the call, since a later call reuses the callee's workspace.
 */
final class CalleeCalls {
  private static final ClassName WORKSPACE = ClassName.get("dev.chainrule.runtime", "Workspace");
  private static final Pos NONE = Pos.NONE;

  /** Where the calls' workspaces come from. */
  interface Storage {
    /** A field of the caller's workspace (the same field for the same suggestion and kind). */
    Expr field(String suggestion, WorkField.Kind kind, ClassName calleeClass, Type type);
  }

  private final Storage storage;
  private final FreshNames names;
  private final java.util.function.Function<Expr, Pos> positions;
  /** The number of directions in multi-directional mode, else null. */
  private final Expr directions;
  private final Predicate<String> withoutForward;
  /** Receives the names of the tangent locals declared here. */
  private final Set<String> tangentLocals;
  private int buffers;

  CalleeCalls(Storage storage, FreshNames names, java.util.function.Function<Expr, Pos> positions, Expr directions,
      Predicate<String> withoutForward, Set<String> tangentLocals) {
    this.storage = storage;
    this.names = names;
    this.positions = positions;
    this.directions = directions;
    this.withoutForward = withoutForward;
    this.tangentLocals = tangentLocals;
  }

  private boolean multi() {
    return directions != null;
  }

  private Type tangentType(Type type) {
    return multi() ? type.arrayOf() : type;
  }

  private static String describe(Callee.Differentiable callee) {
    return callee.owner().simpleName() + "." + callee.name();
  }

  /** {@code f(args)} in forward mode: {@code f}'s pushforward along the arguments' tangents. */
  Tangents.Lin pushforward(Expr.Call call, List<Tangents.Lin> args, List<Stmt> out, Pos pos) {
    Callee.Differentiable callee = (Callee.Differentiable) call.callee();
    if (withoutForward.test(callee.owner().canonicalName() + "#" + callee.name())) {
      throw new Problem(Message.CALLS_WITHOUT_FORWARD, pos, describe(callee));
    }
    ClassName workClass = callee.companion().nestedClass(
        multi() ? Naming.multiTangentWork(callee.name()) : Naming.tangentWork(callee.name()));
    Expr calleeWork = storage.field(callee.name(), WorkField.Kind.CALLEE, workClass, null);
    List<Expr> callArgs = new ArrayList<>(values(call, callee, args, out));
    callArgs.addAll(tangents(call, callee, args, out));
    if (multi()) {
      callArgs.add(directions);
    }
    callArgs.add(calleeWork);
    Expr.Local value = new Expr.Local(names.temp("t"), Type.DOUBLE);
    String method = multi() ? Naming.multiPushforwardMethod(callee.name()) : Naming.pushforwardMethod(callee.name());
    out.add(new Stmt.Declare(value.name(), Type.DOUBLE, new Expr.Call(
        new Callee.StaticMethod(callee.companion(), method), callArgs, Type.DOUBLE), NONE));
    return new Tangents.Lin(value, readTangent(value.name(), new Expr.Field(calleeWork, "tangent",
        tangentType(Type.DOUBLE)), out));
  }

  /**
   * {@code fPullback(args, seed, work)} in forward over reverse: {@code fPullbackTangent(args,
   * argTangents, seed, seedTangent, work)}, which also leaves the tangents of the partials in the
   * work's tangent fields.
   */
  Tangents.Lin pullbackTangent(Expr.Call call, List<Tangents.Lin> args, List<Stmt> out, Pos pos) {
    Callee.Differentiable callee = ((Callee.Pullback) call.callee()).target();
    int n = callee.parameters().size();
    List<Expr> callArgs = new ArrayList<>(values(call, callee, args.subList(0, n), out));
    callArgs.addAll(tangents(call, callee, args.subList(0, n), out));
    Tangents.Lin seed = args.get(n);
    callArgs.add(seed.value());
    callArgs.add(seed.tangent() == null ? zero(Type.DOUBLE, null, out) : seed.tangent());
    if (multi()) {
      callArgs.add(directions);
    }
    callArgs.add(args.get(n + 1).value());
    String method = multi() ? Naming.multiPullbackTangentMethod(callee.name())
        : Naming.pullbackTangentMethod(callee.name());
    out.add(new Stmt.Eval(new Expr.Call(new Callee.StaticMethod(callee.companion(), method), callArgs,
        Type.DOUBLE), NONE));
    return new Tangents.Lin(lit(0), null);
  }

  /**
   * A nested derivative in forward mode: one call of f's pullback tangent along the arguments'
   * tangents (seed 1) gives f's gradient in its adjoint's partial fields and H·tangents in its
   * tangent fields. The block p of the gradient is then the value and the block p of H·tangents its
   * tangent; for ∇f·v the value is ⟨v, ∇f⟩ and the tangent ⟨v, H·tangents⟩ + ⟨∇f, v's tangents⟩.
   */
  Tangents.Lin derivative(Expr.Call call, List<Tangents.Lin> args, List<Stmt> out, Pos pos) {
    if (multi()) {
      throw new IllegalStateException("no multi-directional nested derivative");
    }
    Callee.Derivative nested = (Callee.Derivative) call.callee();
    Callee.Differentiable f = nested.of();
    List<Param> params = f.parameters();
    int n = params.size();
    ClassName adjointClass = f.companion().nestedClass(Naming.adjointClass(f.name()));
    Expr work = storage.field(f.name() + "Nested", WorkField.Kind.CALLEE, adjointClass, null);
    List<Expr> callArgs = new ArrayList<>(values(call, f, args.subList(0, n), out));
    callArgs.addAll(tangents(call, f, args.subList(0, n), out));
    for (Param q : params) {
      if (!q.differentiated()) {
        continue;
      }
      Expr partial = new Expr.Field(work, q.name(), q.type());
      Expr tangent = new Expr.Field(work, Naming.adjointTangentField(q.name(), params, false), q.type());
      if (q.type() == Type.DOUBLE) {
        out.add(new Stmt.Assign(partial, null, lit(0), NONE));
        out.add(new Stmt.Assign(tangent, null, lit(0), NONE));
      } else {
        Expr like = callArgs.get(params.indexOf(q));
        out.add(new Stmt.Assign(partial, null, zeros(q.type(), like, out), NONE));
        out.add(new Stmt.Assign(tangent, null, zeros(q.type(), like, out), NONE));
      }
    }
    callArgs.add(lit(1));
    callArgs.add(lit(0));
    callArgs.add(work);
    out.add(new Stmt.Eval(new Expr.Call(new Callee.StaticMethod(f.companion(), Naming.pullbackTangentMethod(f.name())),
        callArgs, Type.DOUBLE), NONE));
    if (nested.kind() == Callee.Derivative.Kind.GRADIENT) {
      Param p = params.get(nested.component());
      Expr value = new Expr.Field(work, p.name(), p.type());
      Expr tangent = new Expr.Field(work, Naming.adjointTangentField(p.name(), params, false), p.type());
      if (p.type() == Type.DOUBLE) {
        Expr.Local v = new Expr.Local(names.temp("t"), Type.DOUBLE);
        out.add(new Stmt.Declare(v.name(), Type.DOUBLE, value, NONE));
        Expr.Local t = new Expr.Local(names.fresh(v.name() + "_dot"), Type.DOUBLE);
        out.add(new Stmt.Declare(t.name(), Type.DOUBLE, tangent, NONE));
        return new Tangents.Lin(v, t);
      }
      // The work's arrays are reused by the next call: the caller keeps copies.
      Expr valueBuffer = storage.field("nested" + buffers++, PushforwardBuilder.kindOf(p.type()), null, p.type());
      Expr tangentBuffer = storage.field("nested" + buffers++, PushforwardBuilder.kindOf(p.type()), null, p.type());
      out.add(new Stmt.Assign(valueBuffer, null, copy(valueBuffer, value), NONE));
      out.add(new Stmt.Assign(tangentBuffer, null, copy(tangentBuffer, tangent), NONE));
      return new Tangents.Lin(valueBuffer, tangentBuffer);
    }
    Expr value = null;
    Expr tangent = null;
    int d = n;
    for (Param q : params) {
      if (!q.differentiated()) {
        continue;
      }
      Tangents.Lin v = args.get(d++);
      Expr gradient = new Expr.Field(work, q.name(), q.type());
      Expr hessian = new Expr.Field(work, Naming.adjointTangentField(q.name(), params, false), q.type());
      value = sum(value, dot(v.value(), gradient));
      tangent = sum(tangent, dot(v.value(), hessian));
      if (v.tangent() != null) {
        tangent = sum(tangent, dot(gradient, v.tangent()));
      }
    }
    Expr.Local y = new Expr.Local(names.temp("t"), Type.DOUBLE);
    out.add(new Stmt.Declare(y.name(), Type.DOUBLE, value == null ? lit(0) : value, NONE));
    Expr.Local t = new Expr.Local(names.fresh(y.name() + "_dot"), Type.DOUBLE);
    out.add(new Stmt.Declare(t.name(), Type.DOUBLE, tangent == null ? lit(0) : tangent, NONE));
    return new Tangents.Lin(y, t);
  }

  private static Expr sum(Expr a, Expr b) {
    return a == null ? b : dev.chainrule.processor.ir.Build.add(a, b);
  }

  /** a·b for doubles, ⟨a, b⟩ for arrays. */
  private static Expr dot(Expr a, Expr b) {
    if (a.type() == null || !a.type().isArray()) {
      return dev.chainrule.processor.ir.Build.mul(a, b);
    }
    return new Expr.Call(new Callee.StaticMethod(ClassName.get("dev.chainrule.runtime", "JacobianBlocks"), "dot"),
        List.of(a, b), Type.DOUBLE);
  }

  private static Expr copy(Expr buffer, Expr from) {
    return new Expr.Call(new Callee.StaticMethod(WORKSPACE, "copy"), List.of(buffer, from), buffer.type());
  }

  /** A zeroed buffer of the workspace shaped like {@code like}. */
  private Expr zeros(Type type, Expr like, List<Stmt> out) {
    Expr buffer = storage.field("nested" + buffers++, PushforwardBuilder.kindOf(type), null, type);
    out.add(new Stmt.Assign(buffer, null, new Expr.Call(new Callee.StaticMethod(WORKSPACE,
        type == Type.DOUBLE_ARRAY ? "zeros" : "zerosLike"), List.of(buffer,
        type == Type.DOUBLE_ARRAY ? new Expr.Length(like) : like), type), NONE));
    return buffer;
  }

  /** The arguments' values, a compound scalar in a local first (the call reads it several times). */
  private List<Expr> values(Expr.Call call, Callee.Differentiable callee, List<Tangents.Lin> args, List<Stmt> out) {
    List<Expr> values = new ArrayList<>();
    for (int i = 0; i < callee.parameters().size(); i++) {
      Param p = callee.parameters().get(i);
      Expr v = args.get(i).value();
      if (!p.type().isArray() && !Tangents.isSimple(v)) {
        Expr.Local t = new Expr.Local(names.temp("t"), v.type());
        out.add(new Stmt.Declare(t.name(), v.type(), v, NONE));
        v = t;
      }
      values.add(v);
    }
    return values;
  }

  /** A direction per differentiated parameter of the callee: the argument's tangent, or zero. */
  private List<Expr> tangents(Expr.Call call, Callee.Differentiable callee, List<Tangents.Lin> args, List<Stmt> out) {
    List<Expr> tangents = new ArrayList<>();
    for (int i = 0; i < callee.parameters().size(); i++) {
      Param p = callee.parameters().get(i);
      Tangents.Lin a = args.get(i);
      if (a.tangent() != null && !p.differentiated()) {
        Expr arg = call.args().get(i);
        throw new Problem(Message.LOST_DERIVATIVE, positions.apply(arg),
            arg instanceof Expr.Local l ? l.name() : "argument " + (i + 1), callee.name(), p.name(), describe(callee));
      }
      if (p.differentiated()) {
        tangents.add(a.tangent() != null ? a.tangent() : zero(p.type(), a.value(), out));
      }
    }
    return tangents;
  }

  /** The callee's tangent, read into a local now (copied, in multi-directional mode). */
  private Expr readTangent(String value, Expr calleeTangent, List<Stmt> out) {
    Expr.Local tangent = new Expr.Local(names.fresh(value + "_dot"), tangentType(Type.DOUBLE));
    Expr source = calleeTangent;
    if (multi()) {
      Expr buffer = storage.field(tangent.name(), WorkField.Kind.DOUBLE_ARRAY, null, Type.DOUBLE_ARRAY);
      out.add(new Stmt.Assign(buffer, null, new Expr.Call(new Callee.StaticMethod(WORKSPACE, "copy"),
          List.of(buffer, calleeTangent), Type.DOUBLE_ARRAY), NONE));
      source = buffer;
    }
    out.add(new Stmt.Declare(tangent.name(), tangentType(Type.DOUBLE), source, NONE));
    tangentLocals.add(tangent.name());
    return new Expr.Local(tangent.name(), Type.DOUBLE);
  }

  /** A zero direction for a differentiated parameter whose argument is constant. */
  private Expr zero(Type type, Expr arg, List<Stmt> out) {
    if (type == Type.DOUBLE && !multi()) {
      return lit(0);
    }
    Type t = tangentType(type);
    Expr buffer = storage.field("zeros" + buffers++, PushforwardBuilder.kindOf(t), null, t);
    List<Expr> zerosArgs = new ArrayList<>();
    zerosArgs.add(buffer);
    String fn = "zeros";
    if (type == Type.DOUBLE) {
      zerosArgs.add(directions);
    } else if (type == Type.DOUBLE_ARRAY) {
      zerosArgs.add(new Expr.Length(arg));
      if (multi()) {
        zerosArgs.add(directions);
      }
    } else {
      fn = "zerosLike";
      zerosArgs.add(arg);
      if (multi()) {
        zerosArgs.add(directions);
      }
    }
    out.add(new Stmt.Assign(buffer, null, new Expr.Call(new Callee.StaticMethod(WORKSPACE, fn), zerosArgs, t), NONE));
    return buffer;
  }
}
