package dev.chainrule.processor.forward;

import static dev.chainrule.processor.ir.Build.field;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.NameAllocator;
import dev.chainrule.processor.analysis.Plan;
import dev.chainrule.processor.diagnostics.Message;
import dev.chainrule.processor.diagnostics.Problem;
import dev.chainrule.processor.ir.Callee;
import dev.chainrule.processor.ir.Expr;
import dev.chainrule.processor.ir.Naming;
import dev.chainrule.processor.ir.Param;
import dev.chainrule.processor.ir.Pos;
import dev.chainrule.processor.ir.Stmt;
import dev.chainrule.processor.ir.Type;
import dev.chainrule.processor.ir.Walk;
import dev.chainrule.processor.ir.WorkField;
import dev.chainrule.processor.reverse.Pullback;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Forward over reverse: the {@link Tangents} transform applied to a method's pullback, which gives
 * the pullback's own derivative along a direction of the inputs — with seed 1, the gradient and the
 * Hessian-vector product in one forward and one reverse sweep. The pullback is generated code, so
 * the transform meets what the reverse stage wrote: tapes (each double tape gets a tangent tape,
 * pushed and popped in step with it), the adjoint's fields (each partial {@code adjoint.p} gets a
 * public tangent field {@code adjoint.pTangent}, each buffer a private tangent buffer), calls of the
 * callees' pullbacks (which become calls of their pullback tangents, so a callee needs them too) and
 * of the callees themselves (their pushforwards).
 */
public final class PullbackTangentBuilder {
  private static final ClassName WORKSPACE = ClassName.get("dev.chainrule.runtime", "Workspace");

  private final Pullback pullback;
  private final Plan plan;
  private final boolean multi;
  private final Predicate<String> withoutForward;
  private final Predicate<String> withoutSecondOrder;
  private final FreshNames names;
  private final Map<String, String> tangentParams = new LinkedHashMap<>();
  private final String seedTangent;
  private final String directions;
  private final NameAllocator fieldNames = new NameAllocator();
  /** The partials' public tangent fields, by parameter. */
  private final Map<String, String> adjointTangents = new LinkedHashMap<>();
  /** Private tangent storage, by the field it is the tangent of (or a suggestion). */
  private final Map<String, WorkField> tangentFields = new LinkedHashMap<>();
  /** The differentiated parameters of the callee whose adjoint a CALLEE field holds. */
  private final Map<String, List<Param>> calleeParams = new HashMap<>();
  private final Set<String> contextTangents = new HashSet<>();
  private final Set<String> paramFields = new HashSet<>();

  private PullbackTangentBuilder(Pullback pullback, boolean multi, Predicate<String> withoutForward,
      Predicate<String> withoutSecondOrder) {
    this.pullback = pullback;
    this.plan = pullback.plan();
    this.multi = multi;
    this.withoutForward = withoutForward;
    this.withoutSecondOrder = withoutSecondOrder;
    Set<String> reserved = new HashSet<>(plan.method().identifiers());
    reserved.add(pullback.seedName());
    reserved.add(pullback.adjointName());
    plan.method().parameters().forEach(p -> reserved.add(p.name()));
    this.names = new FreshNames(pullback.body(), reserved);
    List<Param> params = plan.method().parameters();
    for (Param p : plan.method().differentiated()) {
      tangentParams.put(p.name(), fresh(Naming.tangentParameter(p.name())));
      paramFields.add(p.name());
      fieldNames.newName(p.name(), "param:" + p.name());
    }
    for (Param p : plan.method().differentiated()) {
      String f = Naming.adjointTangentField(p.name(), params, false);
      String g = Naming.adjointTangentField(p.name(), params, true);
      fieldNames.newName(f, "tangent:" + p.name());
      fieldNames.newName(g, "tangents:" + p.name());
      adjointTangents.put(p.name(), multi ? g : f);
    }
    for (WorkField w : pullback.workFields()) {
      fieldNames.newName(w.name(), "work:" + w.name());
    }
    this.seedTangent = fresh(pullback.seedName() + "Tangent");
    this.directions = multi ? fresh("directions") : null;
    Walk.forEachStmt(pullback.body(), s -> Walk.expressions(s).forEach(e -> Walk.forEach(e, x -> {
      if (x instanceof Expr.Call c && c.callee() instanceof Callee.Pullback pb
          && c.args().get(c.args().size() - 1) instanceof Expr.Field w) {
        calleeParams.put(w.name(), pb.target().parameters());
      }
    })));
  }

  /**
   * @param withoutForward methods ({@code Owner#name}) without a pushforward
   * @param withoutSecondOrder methods without a pullback tangent
   */
  public static PullbackTangent build(Pullback pullback, Predicate<String> withoutForward,
      Predicate<String> withoutSecondOrder) {
    return new PullbackTangentBuilder(pullback, false, withoutForward, withoutSecondOrder).build();
  }

  /** The same with k directions per sweep (each tangent one rank more): how the Hessian is built. */
  public static PullbackTangent buildMulti(Pullback pullback, Predicate<String> withoutForward,
      Predicate<String> withoutSecondOrder) {
    return new PullbackTangentBuilder(pullback, true, withoutForward, withoutSecondOrder).build();
  }

  private String fresh(String base) {
    return names.fresh(base);
  }

  private String temp(String base) {
    return names.temp(base);
  }

  /** The suffix of private tangent storage: the two widths share the adjoint class. */
  private String suffix() {
    return multi ? "Tangents" : "Tangent";
  }

  private Type tangentType(Type type) {
    return multi ? type.arrayOf() : type;
  }

  private Expr directionCount() {
    return new Expr.Local(directions, Type.INT);
  }

  private void checkSupported() {
    Walk.forEachStmt(plan.body(), s -> Walk.expressions(s).forEach(e -> Walk.forEach(e, x -> {
      if (x instanceof Expr.Call c && c.callee() instanceof Callee.Derivative n) {
        throw new Problem(Message.NESTED_CALL, plan.method().posOf(c, s.pos()), n.owner().simpleName() + "."
            + n.name(), "second derivatives of a method that calls a derivative (third order) are not supported");
      }
      if (x instanceof Expr.Call c && c.callee() instanceof Callee.Custom custom
          && c.args().stream().anyMatch(plan::isVaried)) {
        throw new Problem(Message.SECOND_ORDER_CUSTOM, plan.method().posOf(c, s.pos()),
            custom.owner().simpleName() + "." + custom.name());
      }
      if (x instanceof Expr.Call c && c.callee() instanceof Callee.StaticMethod m && plan.method().numericFallback()
          && c.args().stream().anyMatch(plan::isVaried)) {
        throw new Problem(Message.SECOND_ORDER_NUMERIC, plan.method().posOf(c, s.pos()),
            m.owner().simpleName() + "." + m.name());
      }
    })));
  }

  private PullbackTangent build() {
    checkSupported();
    Set<String> inputs = new HashSet<>(tangentParams.keySet());
    inputs.add(pullback.seedName());
    Set<String> outputs = new HashSet<>();
    for (String p : tangentParams.keySet()) {
      outputs.add(pullback.adjointName() + "." + p);
    }
    Varied varied = Varied.of(pullback.body(), inputs, outputs);
    Tangents.Result r = Tangents.transform(pullback.body(), varied, new Context());
    List<Stmt> body = r.body();
    if (multi) {
      Set<String> tangentNames = new HashSet<>(r.tangentNames());
      tangentNames.addAll(tangentParams.values());
      tangentNames.add(seedTangent);
      tangentNames.addAll(contextTangents);
      tangentNames.addAll(adjointTangents.values());
      tangentFields.values().forEach(f -> tangentNames.add(f.name()));
      calleeParams.values().forEach(ps -> ps.forEach(p -> tangentNames.add(Naming.adjointTangentField(p.name(), ps, true))));
      body = Directions.widen(body, r.tangentStatements(), tangentNames, directionCount(), this::temp,
          new Directions.Buffers() {
            @Override
            public List<Stmt> declare(String tangentLocal) {
              Expr buffer = tangentField("local:" + tangentLocal, tangentLocal + "s", Type.DOUBLE_ARRAY);
              return List.of(new Stmt.Assign(buffer, null, new Expr.Call(new Callee.StaticMethod(WORKSPACE, "scratch"),
                  List.of(buffer, directionCount()), Type.DOUBLE_ARRAY), Pos.NONE),
                  new Stmt.Declare(tangentLocal, Type.DOUBLE_ARRAY, buffer, Pos.NONE));
            }

            @Override
            public Expr column(Type type) {
              return tangentField(names.temp("column"), "columns", Type.DOUBLE_ARRAY);
            }
          });
    }
    body = new ArrayList<>(body);
    body.addAll(0, WorkField.ensure(pullback.adjointName(), List.copyOf(tangentFields.values())));
    return new PullbackTangent(pullback, tangentParams, seedTangent, directions, adjointTangents, body,
        List.copyOf(tangentFields.values()));
  }

  /** A private field of the adjoint for tangent storage, the same one for the same key. */
  private Expr tangentField(String key, String suggestion, Type type) {
    WorkField f = tangentFields.computeIfAbsent(key, k -> new WorkField(fieldNames.newName(suggestion),
        kindOf(type), null));
    return field(pullback.adjointName(), f.name(), type);
  }

  private Expr tapeField(String key, String suggestion, WorkField.Kind kind) {
    WorkField f = tangentFields.computeIfAbsent(key, k -> new WorkField(fieldNames.newName(suggestion), kind, null));
    return field(pullback.adjointName(), f.name(), null);
  }

  private Expr calleeField(String key, String suggestion, ClassName calleeClass) {
    WorkField f = tangentFields.computeIfAbsent(key, k -> new WorkField(fieldNames.newName(suggestion),
        WorkField.Kind.CALLEE, calleeClass));
    return field(pullback.adjointName(), f.name(), null);
  }

  private static WorkField.Kind kindOf(Type type) {
    return switch (type) {
      case DOUBLE_ARRAY -> WorkField.Kind.DOUBLE_ARRAY;
      case DOUBLE_MATRIX -> WorkField.Kind.DOUBLE_MATRIX;
      case DOUBLE_TENSOR -> WorkField.Kind.DOUBLE_TENSOR;
      default -> throw new IllegalStateException("no tangent buffer of " + type);
    };
  }

  private WorkField work(String name) {
    return pullback.workFields().stream().filter(w -> w.name().equals(name)).findFirst().orElse(null);
  }

  private final class Context implements Tangents.Context {
    private final CalleeCalls calls = new CalleeCalls((suggestion, kind, calleeClass, type) -> {
        return kind == WorkField.Kind.CALLEE ? calleeField("callee:" + suggestion + ":" + calleeClass,
            suggestion + (multi ? "MultiForward" : "Forward"), calleeClass)
            : tangentField("buffer:" + suggestion, suggestion + suffix(), type);
      }, names, this::posOf, multi ? directionCount() : null, withoutForward, contextTangents);

    @Override
    public Expr tangentOfInput(Expr place) {
      if (place instanceof Expr.Local l) {
        if (tangentParams.containsKey(l.name())) {
          return new Expr.Local(tangentParams.get(l.name()), l.type());
        }
        return l.name().equals(pullback.seedName()) ? new Expr.Local(seedTangent, Type.DOUBLE) : null;
      }
      if (!(place instanceof Expr.Field f)) {
        return null;
      }
      if (f.target() instanceof Expr.ObjectRef o && o.name().equals(pullback.adjointName())) {
        if (paramFields.contains(f.name())) {
          return field(o.name(), adjointTangents.get(f.name()), f.type());
        }
        WorkField w = work(f.name());
        if (w == null) {
          return null;
        }
        return switch (w.kind()) {
          case DOUBLE_STACK -> tapeField("work:" + w.name(), w.name() + suffix(), WorkField.Kind.DOUBLE_STACK);
          case POOL -> tapeField("work:" + w.name(), w.name() + suffix(), WorkField.Kind.POOL);
          case DOUBLE_ARRAY, DOUBLE_MATRIX -> tangentField("work:" + w.name(), w.name() + suffix(),
              tangentType(f.type()));
          default -> null;
        };
      }
      if (f.target() instanceof Expr.Field w && calleeParams.containsKey(w.name())) {
        return new Expr.Field(w, Naming.adjointTangentField(f.name(), calleeParams.get(w.name()), multi), f.type());
      }
      return null;
    }

    @Override
    public FreshNames names() {
      return names;
    }

    @Override
    public List<Stmt> newArray(String name, Expr.NewArray init, String tangent, Pos pos) {
      if (tangent != null) {
        throw new IllegalStateException("a pullback allocates no array with a tangent");
      }
      return List.of(new Stmt.Declare(name, init.type(), init, pos));
    }

    @Override
    public List<Stmt> onReturn(Expr value, Expr tangent, Pos pos) {
      return List.of(new Stmt.Return(value, pos));
    }

    @Override
    public Tangents.Lin call(Expr.Call call, List<Tangents.Lin> args, List<Stmt> out, Pos pos) {
      if (call.callee() instanceof Callee.Pullback p) {
        Callee.Differentiable callee = p.target();
        if (withoutSecondOrder.test(callee.owner().canonicalName() + "#" + callee.name())) {
          throw new Problem(Message.CALLS_WITHOUT_SECOND_ORDER, pos, callee.owner().simpleName() + "." + callee.name());
        }
        return calls.pullbackTangent(call, args, out, pos);
      }
      return calls.pushforward(call, args, out, pos);
    }

    @Override
    public Pos posOf(Expr e) {
      return plan.method().posOf(e, plan.method().pos());
    }

    @Override
    public boolean numericFallback() {
      return false;
    }

    @Override
    public boolean comments() {
      return false;
    }

    @Override
    public boolean isPool(Expr field) {
      WorkField w = field instanceof Expr.Field f ? work(f.name()) : null;
      return w != null && w.kind() == WorkField.Kind.POOL;
    }

    @Override
    public Expr sized(Expr sizing) {
      if (!multi) {
        return sizing;
      }
      if (sizing instanceof Expr.Invoke i) { // a pool's array
        if (i.method().startsWith("previous")) {
          return new Expr.Invoke(i.target(), i.type() == Type.DOUBLE_ARRAY ? "previousMatrix" : "previousTensor",
              List.of(), i.type());
        }
        if (i.type() != Type.DOUBLE_ARRAY && i.type() != Type.DOUBLE_MATRIX) {
          throw new IllegalStateException("no multi-directional tangents of a pool of " + i.type());
        }
        List<Expr> args = new ArrayList<>(i.args());
        args.add(directionCount());
        return new Expr.Invoke(i.target(), i.method(), args, i.type());
      }
      if (!(sizing instanceof Expr.Call buffer) || !(buffer.callee() instanceof Callee.StaticMethod m)) {
        return sizing;
      }
      List<Expr> args = new ArrayList<>(buffer.args());
      String name = m.name();
      if (name.equals("scratch")) {
        name = "zeros";
      }
      if (name.equals("copy")) {
        throw new IllegalStateException("no multi-directional copy of a buffer");
      }
      args.add(directionCount());
      return new Expr.Call(new Callee.StaticMethod(m.owner(), name), args, buffer.type());
    }
  }
}
