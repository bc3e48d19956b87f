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
  private final NameAllocator fieldNames = new NameAllocator();
  private final Set<String> taken = new HashSet<>();
  private final String work;
  private final Map<String, String> tangentParams = new LinkedHashMap<>();
  private final Map<String, WorkField> workFields = new LinkedHashMap<>();
  private int zeroBuffers;
  private int temps;

  private PushforwardBuilder(Plan plan, java.util.function.Predicate<String> withoutForward) {
    this.plan = plan;
    this.withoutForward = withoutForward;
    taken.addAll(plan.method().identifiers());
    taken.add(plan.result().name());
    plan.method().parameters().forEach(p -> taken.add(p.name()));
    Walk.forEachStmt(plan.body(), s -> {
      taken.addAll(Walk.written(s));
      Walk.expressions(s).forEach(e -> taken.addAll(Walk.locals(e)));
    });
    for (Param p : plan.method().parameters()) {
      if (p.differentiated()) {
        tangentParams.put(p.name(), fresh(Naming.tangentParameter(p.name())));
      }
    }
    this.work = fresh("work");
    fieldNames.newName("tangent", "tangent");
  }

  private String fresh(String base) {
    return Naming.fresh(base, taken);
  }

  private String temp(String base) {
    return Naming.fresh(base + temps++, taken);
  }

  /**
   * Builds the pushforward of an analysed method.
   *
   * @param withoutForward which methods ({@code Owner#name}, canonical owner name) have no forward mode
   */
  public static Pushforward build(Plan plan, java.util.function.Predicate<String> withoutForward) {
    return new PushforwardBuilder(plan, withoutForward).build();
  }

  private Pushforward build() {
    Set<String> inputs = new HashSet<>(tangentParams.keySet());
    Varied varied = Varied.of(plan.body(), inputs, Set.of(plan.result().name()));
    Tangents.Result r = Tangents.transform(plan.body(), varied, new Context(varied));
    List<Stmt> body = new ArrayList<>();
    body.add(new Stmt.Comment("Forward sweep: each tangent is computed next to its value."));
    body.addAll(r.body());
    Expr.Local result = plan.result();
    String resultTangent = r.tangentLocals().get(result.name());
    Expr tangent = resultTangent != null ? new Expr.Local(resultTangent, Type.DOUBLE) : lit(0);
    body.add(new Stmt.Assign(field(work, "tangent", Type.DOUBLE), null, tangent, NONE));
    body.add(new Stmt.Return(result, NONE));
    return new Pushforward(plan, work, tangentParams, body, List.copyOf(workFields.values()));
  }

  private Expr workField(String suggestion, WorkField.Kind kind, ClassName calleeWork, Type type) {
    String key = kind + ":" + suggestion + (calleeWork == null ? "" : ":" + calleeWork);
    WorkField f = workFields.computeIfAbsent(key, k -> new WorkField(fieldNames.newName(suggestion), kind, calleeWork));
    return field(work, f.name(), type);
  }

  private final class Context implements Tangents.Context {
    private final Varied varied;

    Context(Varied varied) {
      this.varied = varied;
    }

    @Override
    public Expr tangentOfInput(Expr place) {
      if (place instanceof Expr.Local l && tangentParams.containsKey(l.name())) {
        return new Expr.Local(tangentParams.get(l.name()), l.type());
      }
      return null;
    }

    @Override
    public String fresh(String base) {
      return PushforwardBuilder.this.fresh(base);
    }

    @Override
    public String temp(String base) {
      return PushforwardBuilder.this.temp(base);
    }

    @Override
    public List<Stmt> newArray(String name, Expr.NewArray init, String tangent, Pos pos) {
      List<Stmt> out = new ArrayList<>();
      if (init.type() == Type.INT_MATRIX) {
        out.add(new Stmt.Declare(name, init.type(), init, pos));
        return out;
      }
      out.add(buffer(name, name, init, pos));
      if (tangent != null) {
        out.add(buffer(tangent, tangent, init, NONE));
      }
      return out;
    }

    /** {@code work.f = Workspace.zeros(work.f, dims); T name = work.f;} as one declaration. */
    private Stmt buffer(String local, String suggestion, Expr.NewArray init, Pos pos) {
      Expr buffer = workField(suggestion, kindOf(init.type()), null, init.type());
      List<Expr> args = new ArrayList<>();
      args.add(buffer);
      for (Expr d : init.dimensions()) {
        args.add(d.type() == Type.LONG ? new Expr.Cast(Type.INT, d) : d);
      }
      Expr zeros = new Expr.Call(new Callee.StaticMethod(WORKSPACE, "zeros"), args, init.type());
      return new Stmt.Block(List.of(
          new Stmt.Assign(buffer, null, zeros, pos),
          new Stmt.Declare(local, init.type(), buffer, NONE)), NONE);
    }

    @Override
    public List<Stmt> onReturn(Expr value, Expr tangent, Pos pos) {
      throw new IllegalStateException("a normalized body has no return");
    }

    @Override
    public Tangents.Lin call(Expr.Call call, List<Tangents.Lin> args, List<Stmt> out, Pos pos) {
      Callee.Differentiable callee = (Callee.Differentiable) call.callee();
      if (withoutForward.test(callee.owner().canonicalName() + "#" + callee.name())) {
        throw new Problem(Message.CALLS_WITHOUT_FORWARD, pos, callee.owner().simpleName() + "." + callee.name());
      }
      ClassName workClass = callee.companion().nestedClass(Naming.tangentWork(callee.name()));
      Expr calleeWork = workField(callee.name(), WorkField.Kind.CALLEE, workClass, null);
      List<Expr> values = new ArrayList<>();
      List<Expr> tangents = new ArrayList<>();
      for (int i = 0; i < callee.parameters().size(); i++) {
        Param p = callee.parameters().get(i);
        Tangents.Lin a = args.get(i);
        Expr v = a.value();
        if (!p.type().isArray() && !isSimpleValue(v)) {
          Expr.Local t = new Expr.Local(temp("t"), v.type());
          out.add(new Stmt.Declare(t.name(), v.type(), v, NONE));
          v = t;
        }
        values.add(v);
        if (a.tangent() != null && !p.differentiated()) {
          throw new Problem(Message.LOST_DERIVATIVE, posOf(call.args().get(i)), describe(call.args().get(i)),
              callee.name(), p.name(), callee.owner().simpleName() + "." + callee.name());
        }
        if (p.differentiated()) {
          tangents.add(a.tangent() != null ? a.tangent() : zeroTangent(p.type(), v, out));
        }
      }
      List<Expr> callArgs = new ArrayList<>(values);
      callArgs.addAll(tangents);
      callArgs.add(calleeWork);
      Expr.Local value = new Expr.Local(temp("t"), Type.DOUBLE);
      out.add(new Stmt.Declare(value.name(), Type.DOUBLE, new Expr.Call(
          new Callee.StaticMethod(callee.companion(), Naming.pushforwardMethod(callee.name())), callArgs,
          Type.DOUBLE), NONE));
      // Read the tangent now: a later call of the same method reuses its workspace.
      Expr.Local tangent = new Expr.Local(fresh(value.name() + "_dot"), Type.DOUBLE);
      out.add(new Stmt.Declare(tangent.name(), Type.DOUBLE, new Expr.Field(calleeWork, "tangent", Type.DOUBLE), NONE));
      return new Tangents.Lin(value, tangent);
    }

    /** A zero direction for a differentiated parameter of a callee whose argument is constant. */
    private Expr zeroTangent(Type type, Expr arg, List<Stmt> out) {
      if (type == Type.DOUBLE) {
        return lit(0);
      }
      Expr buffer = workField("zeros" + zeroBuffers++, type == Type.DOUBLE_ARRAY ? WorkField.Kind.DOUBLE_ARRAY
          : WorkField.Kind.DOUBLE_MATRIX, null, type);
      Expr like = type == Type.DOUBLE_ARRAY ? new Expr.Length(arg) : arg;
      String fn = type == Type.DOUBLE_ARRAY ? "zeros" : "zerosLike";
      out.add(new Stmt.Assign(buffer, null, new Expr.Call(new Callee.StaticMethod(WORKSPACE, fn),
          List.of(buffer, like), type), NONE));
      return buffer;
    }

    @Override
    public Pos posOf(Expr e) {
      return plan.method().posOf(e, plan.method().pos());
    }

    @Override
    public boolean numericFallback() {
      return plan.method().numericFallback();
    }

    private String describe(Expr arg) {
      if (arg instanceof Expr.Local l) {
        return l.name();
      }
      String excerpt = posOf(arg).excerpt();
      return excerpt.isEmpty() ? "argument" : excerpt;
    }
  }

  private static boolean isSimpleValue(Expr e) {
    return Tangents.isSimple(e);
  }

  static WorkField.Kind kindOf(Type type) {
    return switch (type) {
      case DOUBLE_ARRAY -> WorkField.Kind.DOUBLE_ARRAY;
      case DOUBLE_MATRIX -> WorkField.Kind.DOUBLE_MATRIX;
      default -> WorkField.Kind.INT_ARRAY;
    };
  }
}
