package dev.chainrule.processor.forward;

import static dev.chainrule.processor.ir.Build.field;
import static dev.chainrule.processor.ir.Build.lit;

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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds a method's pushforward (forward mode, one direction) from its analysed body: the
 * {@link Tangents} transform with the context of a generated {@code <method>Pushforward} — each
 * differentiated parameter's tangent is a parameter {@code <p>Tangent}, local arrays live in the
 * workspace (so the pushforward allocates nothing once the workspace has been used), calls of other
 * differentiable methods go through their pushforwards, and the result's tangent is left in
 * {@code work.tangent}.
 */
public final class PushforwardBuilder {
  private static final ClassName WORKSPACE = ClassName.get("dev.chainrule.runtime", "Workspace");
  private static final Pos NONE = Pos.NONE;

  private final Plan plan;
  private final java.util.function.Predicate<String> withoutForward;
  /** Whether this is the multi-directional pushforward (k directions per sweep). */
  private final boolean multi;
  /** The multi-directional pushforward's number of directions, or null. */
  private final String directions;
  /** Tangent locals the context declares itself (callees' tangents). */
  private final Set<String> contextTangents = new HashSet<>();
  private final NameAllocator fieldNames = new NameAllocator();
  private final FreshNames names;
  private final String work;
  /** The caller's buffer for the tangent of an {@code @Out} parameter's result, or null. */
  private final String outTangent;
  private final Map<String, String> tangentParams = new LinkedHashMap<>();
  private final Map<String, WorkField> workFields = new LinkedHashMap<>();
  private int zeroBuffers;

  private PushforwardBuilder(Plan plan, java.util.function.Predicate<String> withoutForward, boolean multi) {
    this.plan = plan;
    this.withoutForward = withoutForward;
    this.multi = multi;
    Set<String> reserved = new HashSet<>(plan.method().identifiers());
    reserved.add(plan.result().name());
    plan.method().parameters().forEach(p -> reserved.add(p.name()));
    this.names = new FreshNames(plan.body(), reserved);
    for (Param p : plan.method().parameters()) {
      if (p.differentiated()) {
        tangentParams.put(p.name(), fresh(Naming.tangentParameter(p.name())));
      }
    }
    String out = plan.method().outParam();
    this.outTangent = out == null ? null : fresh(Naming.tangentParameter(out));
    this.directions = multi ? fresh("directions") : null;
    this.work = fresh("work");
    fieldNames.newName("tangent", "tangent");
  }

  /** The type of the tangent of a value of type {@code type}: one rank more with k directions. */
  private Type tangentType(Type type) {
    return multi ? type.arrayOf() : type;
  }

  private Expr directionCount() {
    return new Expr.Local(directions, Type.INT);
  }

  private String fresh(String base) {
    return names.fresh(base);
  }

  private String temp(String base) {
    return names.temp(base);
  }

  /**
   * Builds the pushforward of an analysed method.
   *
   * @param withoutForward which methods ({@code Owner#name}, canonical owner name) have no forward mode
   */
  public static Pushforward build(Plan plan, java.util.function.Predicate<String> withoutForward) {
    return new PushforwardBuilder(plan, withoutForward, false).build();
  }

  /**
   * Builds the multi-directional pushforward of an analysed method: k directions per sweep, each
   * tangent with a last dimension of k.
   */
  public static Pushforward buildMulti(Plan plan, java.util.function.Predicate<String> withoutForward) {
    return new PushforwardBuilder(plan, withoutForward, true).build();
  }

  private Pushforward build() {
    Set<String> inputs = new HashSet<>(tangentParams.keySet());
    Varied varied = Varied.of(plan.body(), inputs, Set.of(plan.result().name()));
    Context context = new Context(varied);
    Tangents.Result r = Tangents.transform(plan.body(), varied, context);
    List<Stmt> body = new ArrayList<>();
    body.add(new Stmt.Comment("Forward sweep: each tangent is computed next to its value"
        + (multi ? ", in each direction d < " + directions + "." : ".")));
    List<Stmt> sweep = r.body();
    if (multi) {
      Set<String> tangentNames = new HashSet<>(r.tangentNames());
      tangentNames.addAll(tangentParams.values());
      tangentNames.addAll(contextTangents);
      sweep = Directions.widen(sweep, r.tangentStatements(), tangentNames, directionCount(), this::temp,
          new Directions.Buffers() {
            @Override
            public List<Stmt> declare(String tangentLocal) {
              Expr buffer = workField(tangentLocal, WorkField.Kind.DOUBLE_ARRAY, null, Type.DOUBLE_ARRAY);
              return List.of(scratch(buffer, directionCount()),
                  new Stmt.Declare(tangentLocal, Type.DOUBLE_ARRAY, buffer, NONE));
            }

            @Override
            public Expr column(Type type) {
              if (type != Type.DOUBLE_ARRAY) {
                throw new IllegalStateException("no column of a " + type);
              }
              return workField("column" + zeroBuffers++, WorkField.Kind.DOUBLE_ARRAY, null, type);
            }
          });
    }
    body.addAll(sweep);
    Expr.Local result = plan.result();
    String resultTangent = r.tangentLocals().get(result.name());
    if (!result.type().isArray()) {
      Expr target = field(work, "tangent", tangentType(Type.DOUBLE));
      Expr tangent;
      if (resultTangent != null) {
        tangent = new Expr.Local(resultTangent, tangentType(Type.DOUBLE));
      } else if (multi) {
        tangent = zeros(target, List.of(directionCount()));
      } else {
        tangent = lit(0);
      }
      body.add(new Stmt.Assign(target, null, tangent, NONE));
      body.add(new Stmt.Return(result, NONE));
    } else {
      vectorResult(result, resultTangent != null ? new Expr.Local(resultTangent, result.type())
          : context.tangentOfInput(result), varied, body);
    }
    body.addAll(0, WorkField.ensure(work, List.copyOf(workFields.values())));
    return new Pushforward(plan, work, tangentParams, outTangent, directions, body,
        List.copyOf(workFields.values()));
  }

  /** {@code Workspace.zeros(buffer, dims...)}. */
  private static Expr zeros(Expr buffer, List<Expr> dims) {
    List<Expr> args = new ArrayList<>();
    args.add(buffer);
    args.addAll(dims);
    return new Expr.Call(new Callee.StaticMethod(WORKSPACE, "zeros"), args, buffer.type());
  }

  /** {@code buffer = Workspace.scratch(buffer, length)}. */
  private static Stmt scratch(Expr buffer, Expr length) {
    return new Stmt.Assign(buffer, null, new Expr.Call(new Callee.StaticMethod(WORKSPACE, "scratch"),
        List.of(buffer, length), buffer.type()), NONE);
  }

  /**
   * The end of a vector-valued pushforward: the result's tangent goes into {@code work.tangent}
   * (the tangent array itself when the method allocated the result, else a copy, so the caller never
   * receives one of its own arrays), or for an {@code @Out} method both go into the caller's arrays.
   */
  private void vectorResult(Expr.Local result, Expr tangent, Varied varied, List<Stmt> body) {
    Type type = result.type();
    Type tangentType = tangentType(type);
    boolean carries = tangent != null && varied.carries(result.name());
    String out = plan.method().outParam();
    if (out != null) {
      body.add(new Stmt.Comment("The result and its tangent go into the caller's " + out + " and " + outTangent + "."));
      body.add(copyInto(result, new Expr.Local(out, type)));
      Expr outT = new Expr.Local(outTangent, tangentType);
      body.add(carries ? copyInto(retype(tangent, tangentType), outT) : new Stmt.Eval(new Expr.Call(
          new Callee.StaticMethod(WORKSPACE, "fill"), List.of(outT, lit(0)), null), NONE));
      return;
    }
    Expr target = field(work, "tangent", tangentType);
    Expr value;
    if (carries && allocatedHere(result)) {
      value = retype(tangent, tangentType);
    } else if (carries) {
      value = new Expr.Call(new Callee.StaticMethod(WORKSPACE, "copy"), List.of(target, retype(tangent, tangentType)),
          tangentType);
    } else if (multi) {
      value = new Expr.Call(new Callee.StaticMethod(WORKSPACE, "zerosLike"), List.of(target, result, directionCount()),
          tangentType);
    } else {
      Expr like = type == Type.DOUBLE_ARRAY ? new Expr.Length(result) : result;
      value = new Expr.Call(new Callee.StaticMethod(WORKSPACE, type == Type.DOUBLE_ARRAY ? "zeros" : "zerosLike"),
          List.of(target, like), type);
    }
    body.add(new Stmt.Assign(target, null, value, NONE));
    body.add(new Stmt.Return(result, NONE));
  }

  private static Expr retype(Expr e, Type type) {
    if (e instanceof Expr.Local l) {
      return new Expr.Local(l.name(), type);
    }
    return e;
  }

  private static Stmt copyInto(Expr from, Expr to) {
    return new Stmt.Eval(new Expr.Call(new Callee.StaticMethod(WORKSPACE, "copyInto"), List.of(from, to), null), NONE);
  }

  /** Whether {@code array} is a local the method allocates itself ({@code new double[n]}). */
  private boolean allocatedHere(Expr.Local array) {
    boolean[] found = {false};
    Walk.forEachStmt(plan.body(), s -> found[0] |= s instanceof Stmt.Declare d && d.name().equals(array.name())
        && d.init() instanceof Expr.NewArray);
    return found[0];
  }

  private Expr workField(String suggestion, WorkField.Kind kind, ClassName calleeWork, Type type) {
    String key = kind + ":" + suggestion + (calleeWork == null ? "" : ":" + calleeWork);
    WorkField f = workFields.computeIfAbsent(key, k -> new WorkField(fieldNames.newName(suggestion), kind, calleeWork));
    return field(work, f.name(), type);
  }

  private final class Context implements Tangents.Context {
    private final Varied varied;
    private final CalleeCalls calls;

    Context(Varied varied) {
      this.varied = varied;
      this.calls = new CalleeCalls((suggestion, kind, calleeClass, type) -> {
          return workField(suggestion, kind, calleeClass, type);
      }, names, this::posOf, multi ? directionCount() : null, withoutForward, contextTangents);
    }

    @Override
    public Expr tangentOfInput(Expr place) {
      if (place instanceof Expr.Local l && tangentParams.containsKey(l.name())) {
        return new Expr.Local(tangentParams.get(l.name()), l.type());
      }
      return null;
    }

    @Override
    public FreshNames names() {
      return names;
    }

    @Override
    public List<Stmt> newArray(String name, Expr.NewArray init, String tangent, Pos pos) {
      List<Stmt> out = new ArrayList<>();
      if (init.type() == Type.INT_MATRIX) {
        out.add(new Stmt.Declare(name, init.type(), init, pos));
        return out;
      }
      out.add(buffer(name, name, init, init.type(), List.of(), pos));
      if (tangent != null) {
        out.add(buffer(tangent, tangent, init, tangentType(init.type()),
            multi ? List.of(directionCount()) : List.of(), NONE));
      }
      return out;
    }

    /** {@code work.f = Workspace.zeros(work.f, dims..., more...); T name = work.f;} as one declaration. */
    private Stmt buffer(String local, String suggestion, Expr.NewArray init, Type type, List<Expr> more, Pos pos) {
      Expr buffer = workField(suggestion, kindOf(type), null, type);
      List<Expr> dims = new ArrayList<>();
      for (Expr d : init.dimensions()) {
        dims.add(d.type() == Type.LONG ? new Expr.Cast(Type.INT, d) : d);
      }
      dims.addAll(more);
      return new Stmt.Block(List.of(
          new Stmt.Assign(buffer, null, zeros(buffer, dims), pos),
          new Stmt.Declare(local, type, buffer, NONE)), NONE);
    }

    @Override
    public List<Stmt> onReturn(Expr value, Expr tangent, Pos pos) {
      throw new IllegalStateException("a normalized body has no return");
    }

    @Override
    public Tangents.Lin call(Expr.Call call, List<Tangents.Lin> args, List<Stmt> out, Pos pos) {
      return call.callee() instanceof Callee.Derivative ? calls.derivative(call, args, out, pos)
          : calls.pushforward(call, args, out, pos);
    }

    @Override
    public Pos posOf(Expr e) {
      return plan.method().posOf(e, plan.method().pos());
    }

    @Override
    public boolean numericFallback() {
      return plan.method().numericFallback();
    }

  }

  static WorkField.Kind kindOf(Type type) {
    return switch (type) {
      case DOUBLE_ARRAY -> WorkField.Kind.DOUBLE_ARRAY;
      case DOUBLE_MATRIX -> WorkField.Kind.DOUBLE_MATRIX;
      case DOUBLE_TENSOR -> WorkField.Kind.DOUBLE_TENSOR;
      default -> WorkField.Kind.INT_ARRAY;
    };
  }
}
