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

  /** Where the calls' workspaces and locals come from. */
  interface Storage {
    /** A field of the caller's workspace (the same field for the same suggestion and kind). */
    Expr field(String suggestion, WorkField.Kind kind, ClassName calleeClass, Type type);

    String temp(String base);

    String fresh(String base);

    Pos posOf(Expr e);
  }

  private final Storage storage;
  /** The number of directions in multi-directional mode, else null. */
  private final Expr directions;
  private final Predicate<String> withoutForward;
  /** Receives the names of the tangent locals declared here. */
  private final Set<String> tangentLocals;
  private int buffers;

  CalleeCalls(Storage storage, Expr directions, Predicate<String> withoutForward, Set<String> tangentLocals) {
    this.storage = storage;
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
    Expr.Local value = new Expr.Local(storage.temp("t"), Type.DOUBLE);
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

  /** The arguments' values, a compound scalar in a local first (the call reads it several times). */
  private List<Expr> values(Expr.Call call, Callee.Differentiable callee, List<Tangents.Lin> args, List<Stmt> out) {
    List<Expr> values = new ArrayList<>();
    for (int i = 0; i < callee.parameters().size(); i++) {
      Param p = callee.parameters().get(i);
      Expr v = args.get(i).value();
      if (!p.type().isArray() && !Tangents.isSimple(v)) {
        Expr.Local t = new Expr.Local(storage.temp("t"), v.type());
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
        throw new Problem(Message.LOST_DERIVATIVE, storage.posOf(arg),
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
    Expr.Local tangent = new Expr.Local(storage.fresh(value + "_dot"), tangentType(Type.DOUBLE));
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
