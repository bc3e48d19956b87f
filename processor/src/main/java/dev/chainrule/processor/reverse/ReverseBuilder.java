package dev.chainrule.processor.reverse;

import static dev.chainrule.processor.ir.Build.field;
import static dev.chainrule.processor.ir.Build.intLit;
import static dev.chainrule.processor.ir.Build.invoke;
import static dev.chainrule.processor.ir.Build.lit;
import static dev.chainrule.processor.ir.Build.mul;
import static dev.chainrule.processor.ir.Build.neg;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.NameAllocator;
import dev.chainrule.processor.analysis.Activity;
import dev.chainrule.processor.analysis.LoopFusion;
import dev.chainrule.processor.analysis.LoopPlan;
import dev.chainrule.processor.analysis.Plan;
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
import dev.chainrule.processor.ir.WorkField;
import dev.chainrule.processor.ir.Type;
import dev.chainrule.processor.ir.UnaryOp;
import dev.chainrule.processor.ir.Walk;
import dev.chainrule.processor.rules.NumericStencil;
import dev.chainrule.processor.rules.Rules;
import dev.chainrule.processor.simplify.Accumulations;
import dev.chainrule.processor.simplify.DeadCode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The reverse stage: turns an analysed method into its pullback — a forward sweep (the original
 * computation, keeping what the reverse sweep needs) followed by a reverse sweep that applies the
 * chain rule statement by statement, last statement first.
 *
 * <p>Each statement {@code v = e} becomes, in the reverse sweep: take {@code v}'s adjoint, zero it,
 * restore {@code v}'s old value if it was saved, and add the adjoint times each local partial
 * derivative ({@link Rules}) into the operands' adjoints. Statements directly in the method body
 * keep their intermediate values in forward-sweep locals ({@code t0, t1, ...}), which the reverse
 * sweep reuses; statements in loops and branches recompute the intermediates they need from the
 * restored state, so the tape only holds values that were overwritten.
 */
public final class ReverseBuilder {
  private static final ClassName WORKSPACE = ClassName.get("dev.chainrule.runtime", "Workspace");
  private static final ClassName OBJECTS = ClassName.get("java.util", "Objects");
  private static final Pos NONE = Pos.NONE;

  private final Plan plan;
  private final NameAllocator names = new NameAllocator();
  private final NameAllocator fieldNames = new NameAllocator();
  private final String seed;
  private final String adjoint;
  private final List<Stmt> hoisted = new ArrayList<>();
  private final Map<String, String> adjointNames = new HashMap<>();
  private final Set<String> scalarAdjoints = new LinkedHashSet<>();
  private final Map<String, WorkField> workFields = new LinkedHashMap<>();
  private final Map<String, Integer> writeCounts = new HashMap<>();
  private final List<Problem> warnings = new ArrayList<>();
  private final Set<String> adjointTemps = new HashSet<>();
  private final Set<Stmt> scalarReplays = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
  /** The statements of a fused loop: the two-sweep analysis's saves do not apply to them. */
  private final Set<Stmt> unsaved = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
  private final Set<Expr> warnedCalls = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
  /** Arrays allocated in loops, each iteration's from a pool (by identity). */
  private final Set<Stmt> pooled = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
  private int temps;
  private final Map<String, Integer> nextSuffix = new HashMap<>();
  /** Calls whose pullback must run on the arrays they wrote, as the call saw them: those arrays. */
  private final Map<Expr.Call, List<Expr>> snapshotted = new IdentityHashMap<>();
  /** Arrays the reverse sweep puts back from a snapshot (the parameters among them get their final state back). */
  private final Set<String> restoredFromSnapshots = new LinkedHashSet<>();

  private ReverseBuilder(Plan plan) {
    this.plan = plan;
    for (String id : plan.method().identifiers()) {
      names.newName(id, "user:" + id);
    }
    if (!plan.method().identifiers().contains(plan.result().name())) {
      names.newName(plan.result().name(), "user:" + plan.result().name());
    }
    this.seed = names.newName("seed");
    this.adjoint = names.newName("adjoint");
    for (Param p : plan.method().parameters()) {
      if (p.differentiated()) {
        fieldNames.newName(p.name(), "param:" + p.name());
      }
    }
    Walk.forEachStmt(plan.body(), s -> {
      if (s instanceof Stmt.Declare d) {
        writeCounts.merge(d.name(), 1, Integer::sum);
      } else if (s instanceof Stmt.Assign a) {
        writeCounts.merge(Walk.root(a.target()), 1, Integer::sum);
      }
    });
  }

  /** Builds the pullback of an analysed method. */
  public static Pullback build(Plan plan) {
    return new ReverseBuilder(plan).build();
  }

  private record Ctx(int loopDepth, boolean topLevel) {
    Ctx nested() {
      return new Ctx(loopDepth, false);
    }

    Ctx inLoop() {
      return new Ctx(loopDepth + 1, false);
    }

    boolean looping() {
      return loopDepth > 0;
    }
  }

  /** A statement's share of each sweep; {@code rev} is already in execution order. */
  private record Code(List<Stmt> fwd, List<Stmt> rev) {
    static Code empty() {
      return new Code(new ArrayList<>(), new ArrayList<>());
    }
  }

  private Pullback build() {
    List<Param> params = plan.method().parameters();
    List<Stmt> prologue = new ArrayList<>();
    for (Param p : params) {
      if (p.differentiated() && p.type().isArray() && plan.isActive(p.name())) {
        Expr.Local d = adjointOf(p.name(), p.type());
        String fieldName = fieldNames.get("param:" + p.name());
        Expr value = new Expr.Call(new Callee.StaticMethod(OBJECTS, "requireNonNull"),
            List.of(field(adjoint, fieldName, p.type()),
                new Expr.Literal(adjoint + "." + fieldName, null, "\"" + adjoint + "." + fieldName + "\"")),
            p.type());
        prologue.add(new Stmt.Declare(d.name(), p.type(), value, NONE));
      }
    }
    prologue.addAll(aliasChecks());
    Ctx top = new Ctx(0, true);
    Stmt.For fusable = plan.fusedLoop();
    Code body;
    Fused fused = null;
    if (fusable == null) {
      body = block(plan.body(), top);
    } else {
      List<Stmt> stmts = plan.body();
      Code prefix = block(stmts.subList(0, stmts.size() - 2), top);
      Code ret = statement(stmts.get(stmts.size() - 1), top);
      boolean fuse = returnReverseReadsOnlyEarlierValues(ret, fusable);
      if (fuse) {
        // Each iteration's reverse sweep runs before the next iteration overwrites anything, and
        // the analysis found that no write needs a save within one iteration.
        Walk.forEachStmt(List.of(fusable), unsaved::add);
      }
      // Fused, the loop body's forward and reverse share a block, so it keeps its intermediates
      // in locals for the reverse as top-level statements do.
      Code loopBody = block(fusable.body(), fuse ? new Ctx(1, true) : top.inLoop());
      if (!fuse || loopBody.rev().isEmpty()) {
        Code loop = withComments(fusable, countedLoop(fusable, plan.loops().get(fusable), loopBody));
        body = Code.empty();
        for (Code c : List.of(prefix, loop, ret)) {
          body.fwd().addAll(c.fwd());
        }
        for (Code c : List.of(ret, loop, prefix)) {
          body.rev().addAll(c.rev());
        }
      } else {
        body = prefix;
        fused = new Fused(fusedLoop(fusable, loopBody), ret);
      }
    }

    List<Stmt> out = new ArrayList<>();
    for (WorkField f : workFields.values()) {
      if (f.kind() == WorkField.Kind.DOUBLE_STACK || f.kind() == WorkField.Kind.INT_STACK
          || f.kind() == WorkField.Kind.POOL
          || f.kind() == WorkField.Kind.LONG_STACK) {
        out.add(new Stmt.Eval(invoke(field(adjoint, f.name(), null), "clear", null), NONE));
      }
    }
    out.addAll(prologue);
    if (!hoisted.isEmpty()) {
      out.add(new Stmt.Comment("Declared up front so that the reverse sweep can see them."));
      out.addAll(hoisted);
    }
    out.add(new Stmt.Comment("Forward sweep."));
    out.addAll(body.fwd());
    Expr.Local result = plan.result();
    String outParam = plan.method().outParam();
    Expr returned = result;
    if (outParam != null) {
      out.add(new Stmt.Comment("The result goes into the caller's " + outParam + "."));
      out.add(new Stmt.Eval(new Expr.Call(new Callee.StaticMethod(WORKSPACE, "copyInto"),
          List.of(result, new Expr.Local(outParam, result.type())), null), NONE));
    } else if (result.type().isArray() && restoresElementsOf(result)) {
      // The reverse sweep restores overwritten elements of the result: return a copy of its value.
      Expr copy = workField("value", workKind(result.type()), null, result.type());
      out.add(new Stmt.Assign(copy, null, new Expr.Call(new Callee.StaticMethod(WORKSPACE, "copy"),
          List.of(copy, result), result.type()), NONE));
      returned = copy;
    }
    if (fused == null) {
      out.add(new Stmt.Comment("Reverse sweep: adjoints, last statement first."));
      declareAdjoints(out);
    } else {
      out.add(new Stmt.Comment("The loop below only adds into " + String.join(", ",
          LoopFusion.accumulators(plan, fusable)) + ": the return statement's reverse sweep"));
      out.add(new Stmt.Comment("comes first, then each iteration's reverse sweep runs right after its forward sweep."));
      declareAdjoints(out);
      out.addAll(fused.ret().rev());
      out.addAll(fused.loop());
      out.addAll(fused.ret().fwd());
      if (!body.rev().isEmpty()) {
        out.add(new Stmt.Comment("Reverse sweep of the statements before the loop, last first."));
      }
    }
    List<Stmt> giveBack = snapshotsOfRestoredParameters(body.rev(), out);
    out.addAll(body.rev());
    out.addAll(giveBack);
    for (Param p : params) {
      if (p.differentiated() && !p.type().isArray() && plan.isActive(p.name())) {
        out.add(new Stmt.Assign(field(adjoint, fieldNames.get("param:" + p.name()), Type.DOUBLE),
            BinaryOp.ADD, adjointOf(p.name(), Type.DOUBLE), NONE));
      }
    }
    if (outParam == null) {
      out.add(new Stmt.Return(returned, NONE));
    }
    out.addAll(0, WorkField.ensure(adjoint, List.copyOf(workFields.values())));
    return new Pullback(plan, seed, adjoint, out, List.copyOf(workFields.values()), warnings);
  }

  /** The parameter arrays the method writes into (directly, or through a row or alias). */
  private Set<String> writtenParameterArrays(List<Stmt> stmts) {
    Set<String> params = new HashSet<>();
    for (Param p : plan.method().parameters()) {
      if (p.type().isArray()) {
        params.add(p.name());
      }
    }
    Set<String> written = new LinkedHashSet<>();
    for (String root : restoredFromSnapshots) {
      if (params.contains(root)) {
        written.add(root);
      }
    }
    Walk.forEachStmt(stmts, s -> {
      if (s instanceof Stmt.Assign a && a.target() instanceof Expr.ArrayRead) {
        String root = plan.rootOf(Walk.root(a.target()));
        if (params.contains(root)) {
          written.add(root);
        }
      }
    });
    return written;
  }

  /**
   * Issue 13, item 4: a non-differentiated array parameter the method writes into must not share
   * storage with a differentiated one ({@code f(a, a)}), or the write would look like a change of
   * the differentiated input; the pullback throws instead of returning a wrong gradient.
   */
  private List<Stmt> aliasChecks() {
    List<Stmt> out = new ArrayList<>();
    Set<String> written = writtenParameterArrays(plan.body());
    for (Param w : plan.method().parameters()) {
      if (w.differentiated() || !written.contains(w.name()) || w.type().scalar() != Type.DOUBLE) {
        continue;
      }
      for (Param d : plan.method().parameters()) {
        if (d.differentiated() && d.type().isArray()) {
          String text = plan.method().name() + ": parameter " + w.name() + ", which " + plan.method().name()
              + " writes into, shares storage with differentiated parameter " + d.name() + "; pass a copy";
          out.add(new Stmt.Eval(new Expr.Call(new Callee.StaticMethod(WORKSPACE, "requireUnshared"),
              List.of(new Expr.Local(w.name(), w.type()), new Expr.Local(d.name(), d.type()),
                  new Expr.Literal(text, null, '"' + text + '"')), null), NONE));
        }
      }
    }
    return out;
  }

  /**
   * Issue 13, item 6: after the pullback every array argument must hold what it holds after the
   * method itself, but the reverse sweep restores the values it overwrote. For each parameter
   * array the reverse sweep writes into, {@code out} gets a copy of it taken after the forward
   * sweep, and the statements returned copy it back at the end.
   */
  private List<Stmt> snapshotsOfRestoredParameters(List<Stmt> reverse, List<Stmt> out) {
    List<Stmt> giveBack = new ArrayList<>();
    for (String name : writtenParameterArrays(reverse)) {
      Type type = plan.method().parameters().stream().filter(p -> p.name().equals(name)).findFirst()
          .orElseThrow().type();
      Expr copy = workField(name + "_after", workKind(type), null, type);
      Expr.Local array = new Expr.Local(name, type);
      out.add(new Stmt.Comment("The reverse sweep restores " + name + "; it gets back what the forward sweep left."));
      out.add(new Stmt.Assign(copy, null, new Expr.Call(new Callee.StaticMethod(WORKSPACE, "copy"),
          List.of(copy, array), type), NONE));
      giveBack.add(new Stmt.Eval(new Expr.Call(new Callee.StaticMethod(WORKSPACE, "copyInto"),
          List.of(copy, array), null), NONE));
    }
    return giveBack;
  }

  /** Whether the reverse sweep restores saved elements of the array {@code result}. */
  private boolean restoresElementsOf(Expr.Local result) {
    String root = plan.rootOf(result.name());
    return plan.saves().stream().anyMatch(s -> s instanceof Stmt.Assign a && a.target() instanceof Expr.ArrayRead
        && plan.rootOf(Walk.root(a.target())).equals(root));
  }

  /** A loop with its reverse sweep inside, and the return statement after it. */
  private record Fused(List<Stmt> loop, Code ret) {}

  private void declareAdjoints(List<Stmt> out) {
    Expr.Local result = plan.result();
    if (plan.isActive(result.name()) && result.type().isArray()) {
      // The seed has the result's shape: it is the adjoint of each element of the result.
      for (String v : scalarAdjoints) {
        out.add(new Stmt.Declare(adjointNames.get(v), Type.DOUBLE, lit(0), NONE));
      }
      out.add(new Stmt.Eval(new Expr.Call(new Callee.StaticMethod(WORKSPACE, "addInto"),
          List.of(new Expr.Local(seed, result.type()), adjointArray(result)), null), NONE));
      return;
    }
    if (plan.isActive(result.name())) {
      String dResult = adjointOf(result.name(), Type.DOUBLE).name();
      out.add(new Stmt.Declare(dResult, Type.DOUBLE, new Expr.Local(seed, Type.DOUBLE), NONE));
    }
    for (String v : scalarAdjoints) {
      out.add(new Stmt.Declare(adjointNames.get(v), Type.DOUBLE, lit(0), NONE));
    }
  }

  /**
   * Whether the return statement's reverse sweep can run before the loop: it reads no value that
   * the loop or the return statement's own forward sweep computes (only adjoints and earlier values).
   */
  private boolean returnReverseReadsOnlyEarlierValues(Code ret, Stmt.For loop) {
    Set<String> later = new HashSet<>();
    Walk.forEachStmt(List.of(loop), s -> later.addAll(Walk.written(s)));
    Walk.forEachStmt(ret.fwd(), s -> later.addAll(Walk.written(s)));
    boolean[] ok = {true};
    Walk.forEachStmt(ret.rev(), s -> Walk.expressions(s).forEach(e -> {
      for (String v : Walk.locals(e)) {
        ok[0] &= !later.contains(v) || adjointNames.containsValue(v);
      }
    }));
    return ok[0];
  }

  /** The counted loop with each iteration's reverse sweep after its forward sweep. */
  private List<Stmt> fusedLoop(Stmt.For f, Code body) {
    List<Stmt> iteration = new ArrayList<>(body.fwd());
    iteration.add(new Stmt.Comment("Reverse sweep of this iteration."));
    for (Stmt s : body.rev()) {
      if (!scalarReplays.contains(s)) { // the forward sweep has just computed the same value
        iteration.add(s);
      }
    }
    Stmt loop = new Stmt.For(f.init(), f.condition(), f.update(), iteration, f.pos());
    return withComments(f, new Code(List.of(loop), List.of())).fwd();
  }

  // ---------------------------------------------------------------- names

  private Expr.Local adjointOf(String variable, Type type) {
    String name = adjointNames.computeIfAbsent(variable, v -> names.newName("d_" + v));
    if (!type.isArray() && !variable.equals(plan.result().name())) {
      scalarAdjoints.add(variable);
    }
    return new Expr.Local(name, type);
  }

  private String temp(String base) {
    return names.newName(base + temps++);
  }

  /**
   * {@code base}, or {@code base2}, {@code base3}, ... if that is taken. The search resumes after
   * the last suffix given for {@code base}: probing from 1 each time made a method with n saves of
   * one variable cost O(n³) (every failed probe also reserves a name).
   */
  private String fresh(String base) {
    for (int k = nextSuffix.getOrDefault(base, 1); ; k++) {
      String candidate = k == 1 ? base : base + k;
      String allocated = names.newName(candidate);
      if (allocated.equals(candidate)) {
        nextSuffix.put(base, k + 1);
        return allocated;
      }
    }
  }

  private Expr workField(String suggestion, WorkField.Kind kind, ClassName callee, Type type) {
    String key = kind + ":" + suggestion + (callee == null ? "" : ":" + callee);
    WorkField f = workFields.computeIfAbsent(key, k -> new WorkField(fieldNames.newName(suggestion), kind, callee));
    return field(adjoint, f.name(), type);
  }

  private Expr tape(Type type) {
    if (type == Type.DOUBLE) {
      return workField("doubles", WorkField.Kind.DOUBLE_STACK, null, null);
    }
    if (type == Type.LONG) {
      return workField("longs", WorkField.Kind.LONG_STACK, null, null);
    }
    return workField("ints", WorkField.Kind.INT_STACK, null, null);
  }

  // ---------------------------------------------------------------- blocks

  private Code block(List<Stmt> stmts, Ctx ctx) {
    Code out = Code.empty();
    List<List<Stmt>> revParts = new ArrayList<>();
    for (Stmt s : stmts) {
      Code c = statement(s, ctx);
      out.fwd().addAll(c.fwd());
      revParts.add(c.rev());
    }
    List<Stmt> rev = new ArrayList<>();
    for (int i = revParts.size() - 1; i >= 0; i--) {
      rev.addAll(revParts.get(i));
    }
    out.rev().addAll(replays(stmts, rev));
    out.rev().addAll(Accumulations.acrossStatements(rev));
    return out;
  }

  /**
   * The recomputations of the block's replayed declarations that the reverse sweep {@code rev}
   * reads, directly or through another kept recomputation (a value only the forward sweep used
   * is not computed again).
   */
  private List<Stmt> replays(List<Stmt> stmts, List<Stmt> rev) {
    Set<String> read = new HashSet<>();
    Walk.forEachStmt(rev, s -> Walk.expressions(s).forEach(e -> read.addAll(Walk.locals(e))));
    List<List<Stmt>> kept = new ArrayList<>();
    for (int i = stmts.size() - 1; i >= 0; i--) {
      if (pooled.contains(stmts.get(i))) {
        kept.add(0, poolPrevious((Stmt.Declare) stmts.get(i)));
        continue;
      }
      if (plan.replayed().contains(stmts.get(i))) {
        Stmt.Declare d = (Stmt.Declare) stmts.get(i);
        if (d.type().isArray() || read.contains(d.name())) {
          read.addAll(Walk.locals(d.init()));
          kept.add(0, replay(d));
        }
      }
    }
    List<Stmt> out = new ArrayList<>();
    kept.forEach(out::addAll);
    return out;
  }

  /** Recomputes a nested declaration (or re-finds an array row) at the start of its block's reverse. */
  private List<Stmt> replay(Stmt.Declare d) {
    List<Stmt> out = new ArrayList<>();
    Stmt recompute = new Stmt.Assign(new Expr.Local(d.name(), d.type()), null, d.init(), d.pos());
    out.add(recompute);
    if (!d.type().isArray()) {
      scalarReplays.add(recompute);
    }
    if (d.type().isArray() && plan.isActive(d.name())) {
      out.add(new Stmt.Assign(adjointOf(d.name(), d.type()), null, adjointArray(d.init()), d.pos()));
    }
    return out;
  }

  private Code statement(Stmt s, Ctx ctx) {
    List<Expr> written = arraysWrittenByCalls(s);
    if (written.isEmpty()) {
      return unsnapshotted(s, ctx);
    }
    // Calls in this statement may write into these arrays: saved before it, put back when the
    // reverse sweep passes it (a differentiated call's pullback gets them first, as the call saw them).
    Expr value = s instanceof Stmt.Declare d ? d.init() : s instanceof Stmt.Assign a ? a.value() : null;
    Expr.Call pulledBack = value instanceof Expr.Call c && c.callee() instanceof Callee.Differentiable ? c : null;
    if (pulledBack != null) {
      snapshotted.put(pulledBack, written);
    }
    Code inner = unsnapshotted(s, ctx);
    Code code = Code.empty();
    for (Expr array : written) {
      code.fwd().add(new Stmt.Eval(invoke(snapshotTape(array.type()), "pushAll", null, array), NONE));
      restoredFromSnapshots.add(plan.rootOf(Walk.root(array)));
    }
    code.fwd().addAll(inner.fwd());
    code.rev().addAll(inner.rev());
    if (pulledBack != null && snapshotted.remove(pulledBack) == null) {
      return code; // its pullback took them back
    }
    code.rev().addAll(popSnapshots(written));
    return code;
  }

  /** The arrays calls in {@code s} itself (not its nested blocks) may write into, each once. */
  private List<Expr> arraysWrittenByCalls(Stmt s) {
    Set<Expr> out = new LinkedHashSet<>();
    for (Expr e : Walk.expressions(s)) {
      Walk.forEach(e, x -> {
        if (x instanceof Expr.Call c) {
          out.addAll(plan.writes().writtenArguments(c));
        }
      });
    }
    return List.copyOf(out);
  }

  private List<Stmt> popSnapshots(List<Expr> written) {
    List<Stmt> out = new ArrayList<>();
    for (int i = written.size() - 1; i >= 0; i--) {
      Expr array = written.get(i);
      out.add(new Stmt.Eval(invoke(snapshotTape(array.type()), "popAll", null, array), NONE));
    }
    return out;
  }

  /** The tape of whole arrays saved before calls that may change them (apart from the scalar tapes). */
  private Expr snapshotTape(Type arrayType) {
    return switch (arrayType) {
      case INT_ARRAY, INT_MATRIX -> workField("savedInts", WorkField.Kind.INT_STACK, null, null);
      case DOUBLE_ARRAY, DOUBLE_MATRIX, DOUBLE_TENSOR -> workField("savedDoubles", WorkField.Kind.DOUBLE_STACK, null, null);
      default -> throw new IllegalStateException("no snapshot for " + arrayType);
    };
  }

  private Code unsnapshotted(Stmt s, Ctx ctx) {
    Code code;
    if (s instanceof Stmt.Declare d) {
      code = d.type().isArray()
          ? arrayDeclaration(d, ctx)
          : assignment(s, new Expr.Local(d.name(), d.type()), null, d.init(), ctx);
    } else if (s instanceof Stmt.Assign a) {
      code = assignment(s, a.target(), a.compound(), a.value(), ctx);
    } else if (s instanceof Stmt.If f) {
      code = ifStatement(f, ctx);
    } else if (s instanceof Stmt.Block b) {
      code = block(b.body(), ctx.nested());
    } else if (s instanceof Stmt.For f && plan.loops().get(f).counted()) {
      code = countedLoop(f, plan.loops().get(f), ctx);
    } else if (Walk.isLoop(s)) {
      code = generalLoop(s, ctx);
    } else {
      throw new IllegalStateException("not normalized: " + s);
    }
    return withComments(s, code);
  }

  private static Code withComments(Stmt s, Code code) {
    Pos pos = s.pos();
    if (!pos.isKnown() || pos.line() < 0 || s instanceof Stmt.Block) {
      return code;
    }
    String comment = "line " + pos.line() + ": " + pos.excerpt();
    boolean control = s instanceof Stmt.If || Walk.isLoop(s);
    List<Stmt> fwd = code.fwd();
    if (control || fwd.size() > 1) {
      fwd = new ArrayList<>(fwd);
      fwd.add(0, new Stmt.Comment(comment));
    }
    List<Stmt> rev = code.rev();
    if (!rev.isEmpty()) {
      rev = new ArrayList<>(rev);
      rev.add(0, new Stmt.Comment(comment));
    }
    return new Code(fwd, rev);
  }

  // ---------------------------------------------------------------- assignments

  private Code assignment(Stmt s, Expr target, BinaryOp compound, Expr value, Ctx ctx) {
    Code code = Code.empty();
    boolean declaration = s instanceof Stmt.Declare;
    String root = plan.rootOf(Walk.root(target));
    Type type = target.type();
    if (value == null) {
      value = defaultValue(type);
    }
    boolean active = type == Type.DOUBLE && plan.isActive(root);
    Expr effective = compound == null ? value : new Expr.Binary(compound, target, value, Type.promote(type, value.type()));

    // Save the old value, if the reverse sweep needs it.
    List<Stmt> restore = new ArrayList<>();
    if (plan.saves().contains(s) && !unsaved.contains(s)) {
      saveAndRestore(target, ctx, code.fwd(), restore);
    }

    // What the reverse sweep differentiates: for v += e only e (v's adjoint passes through).
    Expr increment = null;
    boolean negated = false;
    if ((compound == BinaryOp.ADD || compound == BinaryOp.SUBTRACT) && !readsRoot(value, root)) {
      increment = value;
      negated = compound == BinaryOp.SUBTRACT;
    } else if (compound == null && value instanceof Expr.Binary b
        && (b.op() == BinaryOp.ADD || b.op() == BinaryOp.SUBTRACT)
        && b.left().equals(target) && !readsRoot(b.right(), root)) {
      increment = b.right();
      negated = b.op() == BinaryOp.SUBTRACT;
    }
    Expr differentiated = increment != null ? increment : effective;
    boolean varied = active && plan.isVaried(differentiated);

    // Forward: the statement itself, its intermediates kept in locals when it is at top level.
    Linearizer forwardTemps = null;
    Expr forwardValue = value;
    if (ctx.topLevel() && varied) {
      forwardTemps = new Linearizer();
      forwardValue = forwardTemps.rewrite(value, true);
      code.fwd().addAll(forwardTemps.temps);
    }
    code.fwd().add(write(s, target, compound, forwardValue, declaration));

    // Reverse.
    List<Stmt> rev = code.rev();
    if (!active) {
      rev.addAll(restore);
      return code;
    }
    Expr adjointTarget = adjointOfTarget(target);
    if (!varied) {
      if (increment == null) {
        rev.add(new Stmt.Assign(adjointTarget, null, lit(0), NONE));
      }
      rev.addAll(restore);
      return code;
    }
    if (increment != null) {
      Expr g = adjointTarget instanceof Expr.Local ? adjointTarget : captured(adjointTarget, rev);
      rev.addAll(restore);
      propagateStatement(differentiated, negated ? neg(g) : g, forwardTemps, false, target, declaration, rev);
    } else if (readsRoot(effective, root) || !(adjointTarget instanceof Expr.Local)) {
      Expr g = captured(adjointTarget, rev);
      rev.add(new Stmt.Assign(adjointTarget, null, lit(0), NONE));
      rev.addAll(restore);
      propagateStatement(differentiated, g, forwardTemps, true, target, declaration, rev);
    } else {
      propagateStatement(differentiated, adjointTarget, forwardTemps, true, target, declaration, rev);
      boolean onlyDefinition = declaration && !ctx.looping() && writeCounts.getOrDefault(root, 0) == 1;
      if (!onlyDefinition) {
        rev.add(new Stmt.Assign(adjointTarget, null, lit(0), NONE));
      }
      rev.addAll(restore);
    }
    return code;
  }

  private Expr captured(Expr adjointTarget, List<Stmt> rev) {
    Expr.Local g = new Expr.Local(temp("g"), Type.DOUBLE);
    rev.add(new Stmt.Declare(g.name(), Type.DOUBLE, adjointTarget, NONE));
    return g;
  }

  /**
   * Propagates {@code adj} into the operands of {@code e}. The intermediates come from the forward
   * sweep at top level, and are recomputed here otherwise (only those the rules use are kept).
   *
   * @param isRoot whether {@code e} is the whole right-hand side (its result is the target)
   */
  private void propagateStatement(Expr e, Expr adj, Linearizer forwardTemps, boolean isRoot,
      Expr target, boolean declaration, List<Stmt> rev) {
    Linearizer lin = forwardTemps != null ? forwardTemps : new Linearizer();
    int known = lin.temps.size();
    lin.rewrite(e, true);
    List<Stmt> local = new ArrayList<>();
    if (forwardTemps == null) {
      local.addAll(lin.temps);
    } else {
      local.addAll(lin.temps.subList(known, lin.temps.size()));
    }
    Expr output = null;
    if (Rules.usesOutput(e)) {
      String root = Walk.root(target);
      if (forwardTemps != null && declaration && isRoot && writeCounts.getOrDefault(root, 0) == 1) {
        output = target;
      } else {
        Expr.Local out = new Expr.Local(temp("y"), Type.DOUBLE);
        local.add(new Stmt.Declare(out.name(), Type.DOUBLE, lin.rewritten(e), NONE));
        output = out;
      }
    }
    List<Stmt> adjoints = new ArrayList<>();
    new Propagator(lin, adjoints).propagate(e, adj, output);
    local.addAll(Accumulations.withinStatement(adjoints));
    Set<String> candidates = new HashSet<>(lin.tempNames);
    if (output instanceof Expr.Local o && !o.equals(target)) {
      candidates.add(o.name());
    }
    rev.addAll(DeadCode.pruneUnused(local, candidates));
  }

  private Stmt write(Stmt s, Expr target, BinaryOp compound, Expr value, boolean declaration) {
    if (declaration) {
      Stmt.Declare d = (Stmt.Declare) s;
      if (plan.hoisted().contains(d.name())) {
        hoist(d.name(), d.type());
        return new Stmt.Assign(target, null, value, s.pos());
      }
      return new Stmt.Declare(d.name(), d.type(), value, s.pos());
    }
    return new Stmt.Assign(target, compound, value, s.pos());
  }

  private void hoist(String name, Type type) {
    hoisted.add(new Stmt.Declare(name, type, defaultValue(type), NONE));
  }

  private static Expr defaultValue(Type type) {
    switch (type) {
      case DOUBLE:
        return lit(0);
      case INT:
        return Expr.Literal.ofInt(0);
      case LONG:
        return new Expr.Literal(0L, Type.LONG, "0L");
      case BOOLEAN:
        return Expr.Literal.ofBoolean(false);
      default:
        return new Expr.Literal(null, type, "null");
    }
  }

  /** Saves {@code target}'s value before it is overwritten: on the tape in loops, else in a local. */
  private void saveAndRestore(Expr target, Ctx ctx, List<Stmt> fwd, List<Stmt> restore) {
    Type type = target.type();
    if (ctx.looping()) {
      Expr tape = tape(type);
      boolean bool = type == Type.BOOLEAN;
      Expr pushed = bool ? new Expr.Conditional(target, Expr.Literal.ofInt(1), Expr.Literal.ofInt(0), Type.INT) : target;
      fwd.add(new Stmt.Eval(invoke(tape, "push", null, pushed), NONE));
      Expr popped = invoke(tape, "pop", bool ? Type.INT : type);
      if (bool) {
        popped = new Expr.Binary(BinaryOp.NOT_EQUAL, popped, Expr.Literal.ofInt(0), Type.BOOLEAN);
      }
      restore.add(new Stmt.Assign(target, null, popped, NONE));
    } else {
      String slot = fresh(Walk.root(target) + "_old");
      if (ctx.topLevel()) {
        fwd.add(new Stmt.Declare(slot, type, target, NONE));
      } else {
        hoist(slot, type);
        fwd.add(new Stmt.Assign(new Expr.Local(slot, type), null, target, NONE));
      }
      restore.add(new Stmt.Assign(target, null, new Expr.Local(slot, type), NONE));
    }
  }

  private boolean readsRoot(Expr e, String root) {
    for (String v : Walk.locals(e)) {
      if (plan.rootOf(v).equals(root)) {
        return true;
      }
    }
    return false;
  }

  // ---------------------------------------------------------------- arrays

  private Code arrayDeclaration(Stmt.Declare d, Ctx ctx) {
    Code code = Code.empty();
    boolean hoist = plan.hoisted().contains(d.name());
    boolean active = plan.isActive(d.name());
    Expr.Local local = new Expr.Local(d.name(), d.type());
    if (d.init() instanceof Expr.NewArray n) {
      if (n.type() == Type.INT_MATRIX) {
        code.fwd().add(declareOrAssign(local, n, hoist, d.pos()));
        return code;
      }
      if (ctx.looping()) {
        return pooledArray(d, n, hoist, active);
      }
      Expr buffer = workField(d.name(), workKind(d.type()), null, d.type());
      code.fwd().add(new Stmt.Assign(buffer, null, zeros(buffer, n), d.pos()));
      code.fwd().add(declareOrAssign(local, buffer, hoist, d.pos()));
      if (active) {
        Expr.Local dLocal = adjointOf(d.name(), d.type());
        Expr dBuffer = workField("d_" + d.name(), workKind(d.type()), null, d.type());
        code.fwd().add(new Stmt.Assign(dBuffer, null, zeros(dBuffer, n), NONE));
        code.fwd().add(declareOrAssign(dLocal, dBuffer, hoist, NONE));
      }
      return code;
    }
    if (d.init() instanceof Expr.Call c && c.callee() instanceof Callee.Derivative nested) {
      return nestedArray(d, c, nested, ctx, hoist, active);
    }
    code.fwd().add(declareOrAssign(local, d.init(), hoist, d.pos()));
    if (active) {
      code.fwd().add(declareOrAssign(adjointOf(d.name(), d.type()), adjointArray(d.init()), hoist, NONE));
    }
    return code;
  }

  /**
   * {@code double[] g = FDerivatives.fGradient(args).p();}: the block of another method's gradient.
   * Its adjoint is a buffer of the workspace; the reverse sweep sends it through f's Hessian.
   */
  private Code nestedArray(Stmt.Declare d, Expr.Call c, Callee.Derivative nested, Ctx ctx, boolean hoist,
      boolean active) {
    if (ctx.looping()) {
      throw new Problem(Message.NESTED_CALL, d.pos(), nested.owner().simpleName() + "." + nested.name(),
          "an array-valued nested derivative inside a loop is not supported yet; call it outside the loop, or"
              + " use the components of a double parameter");
    }
    Code code = Code.empty();
    Expr.Local local = new Expr.Local(d.name(), d.type());
    code.fwd().add(declareOrAssign(local, c, hoist, d.pos()));
    if (!active) {
      return code;
    }
    Expr.Local dLocal = adjointOf(d.name(), d.type());
    Expr dBuffer = workField("d_" + d.name(), workKind(d.type()), null, d.type());
    code.fwd().add(new Stmt.Assign(dBuffer, null, new Expr.Call(new Callee.StaticMethod(WORKSPACE, "zeros"),
        List.of(dBuffer, new Expr.Length(local)), d.type()), NONE));
    code.fwd().add(declareOrAssign(dLocal, dBuffer, hoist, NONE));
    Linearizer lin = new Linearizer();
    List<Stmt> adjoints = new ArrayList<>();
    new Propagator(lin, adjoints).derivativeCall(c, nested, dLocal);
    code.rev().addAll(lin.temps);
    code.rev().addAll(adjoints);
    return code;
  }

  /**
   * An array a loop allocates: each iteration takes its own from a pool (its adjoint from another),
   * and the reverse sweep gives them back at the start of the iteration's reverse, last first — so no
   * iteration overwrites what another's reverse sweep reads.
   */
  private Code pooledArray(Stmt.Declare d, Expr.NewArray n, boolean hoist, boolean active) {
    Code code = Code.empty();
    Expr.Local local = new Expr.Local(d.name(), d.type());
    code.fwd().add(declareOrAssign(local, poolNext(d.name(), n), hoist, d.pos()));
    if (active) {
      code.fwd().add(declareOrAssign(adjointOf(d.name(), d.type()), poolNext("d_" + d.name(), n), hoist, NONE));
    }
    pooled.add(d);
    return code;
  }

  private Expr pool(String name) {
    return workField(name + "s", WorkField.Kind.POOL, null, null);
  }

  private Expr poolNext(String name, Expr.NewArray n) {
    List<Expr> dims = new ArrayList<>();
    for (Expr dim : n.dimensions()) {
      dims.add(dim.type() == Type.LONG ? new Expr.Cast(Type.INT, dim) : dim);
    }
    String method = n.type() == Type.INT_ARRAY ? "nextInts" : "next";
    return new Expr.Invoke(pool(name), method, dims, n.type());
  }

  /** The reverse's {@code m = pool.previous()} for a pooled array (and its adjoint). */
  private List<Stmt> poolPrevious(Stmt.Declare d) {
    String method = switch (d.type()) {
      case INT_ARRAY -> "previousInts";
      case DOUBLE_MATRIX -> "previousMatrix";
      default -> "previous";
    };
    List<Stmt> out = new ArrayList<>();
    out.add(new Stmt.Assign(new Expr.Local(d.name(), d.type()), null,
        new Expr.Invoke(pool(d.name()), method, List.of(), d.type()), NONE));
    if (plan.isActive(d.name())) {
      out.add(new Stmt.Assign(adjointOf(d.name(), d.type()), null,
          new Expr.Invoke(pool("d_" + d.name()), method, List.of(), d.type()), NONE));
    }
    return out;
  }

  private Stmt declareOrAssign(Expr.Local local, Expr value, boolean hoist, Pos pos) {
    if (hoist) {
      hoist(local.name(), local.type());
      return new Stmt.Assign(local, null, value, pos);
    }
    return new Stmt.Declare(local.name(), local.type(), value, pos);
  }

  private static WorkField.Kind workKind(Type type) {
    switch (type) {
      case DOUBLE_ARRAY:
        return WorkField.Kind.DOUBLE_ARRAY;
      case DOUBLE_MATRIX:
        return WorkField.Kind.DOUBLE_MATRIX;
      case DOUBLE_TENSOR:
        return WorkField.Kind.DOUBLE_TENSOR;
      case INT_MATRIX:
        return WorkField.Kind.INT_MATRIX;
      default:
        return WorkField.Kind.INT_ARRAY;
    }
  }

  private static Expr zeros(Expr buffer, Expr.NewArray n) {
    List<Expr> args = new ArrayList<>();
    args.add(buffer);
    for (Expr dim : n.dimensions()) {
      args.add(dim.type() == Type.LONG ? new Expr.Cast(Type.INT, dim) : dim);
    }
    return new Expr.Call(new Callee.StaticMethod(WORKSPACE, "zeros"), args, n.type());
  }

  /** The adjoint of an array-valued expression: {@code d_a} for {@code a}, {@code d_X[i]} for {@code X[i]}. */
  private Expr adjointArray(Expr array) {
    if (array instanceof Expr.Local l) {
      return adjointOf(l.name(), l.type());
    }
    Expr.ArrayRead r = (Expr.ArrayRead) array;
    return new Expr.ArrayRead(adjointArray(r.array()), r.index(), r.type());
  }

  private Expr adjointOfTarget(Expr target) {
    if (target instanceof Expr.Local l) {
      return adjointOf(l.name(), l.type());
    }
    Expr.ArrayRead r = (Expr.ArrayRead) target;
    return new Expr.ArrayRead(adjointArray(r.array()), r.index(), r.type());
  }

  // ---------------------------------------------------------------- branches

  private Code ifStatement(Stmt.If f, Ctx ctx) {
    Code then = block(f.thenPart(), ctx.nested());
    Code otherwise = block(f.elsePart(), ctx.nested());
    Code code = Code.empty();
    if (then.rev().isEmpty() && otherwise.rev().isEmpty()) {
      code.fwd().add(new Stmt.If(f.condition(), then.fwd(), otherwise.fwd(), f.pos()));
      return code;
    }
    if (plan.recomputedConditions().contains(f)) {
      code.fwd().add(new Stmt.If(f.condition(), then.fwd(), otherwise.fwd(), f.pos()));
      code.rev().add(new Stmt.If(f.condition(), then.rev(), otherwise.rev(), NONE));
    } else if (ctx.looping()) {
      Expr tape = tape(Type.INT);
      List<Stmt> thenFwd = new ArrayList<>(then.fwd());
      thenFwd.add(new Stmt.Eval(invoke(tape, "push", null, Expr.Literal.ofInt(1)), NONE));
      List<Stmt> elseFwd = new ArrayList<>(otherwise.fwd());
      elseFwd.add(new Stmt.Eval(invoke(tape, "push", null, Expr.Literal.ofInt(0)), NONE));
      code.fwd().add(new Stmt.If(f.condition(), thenFwd, elseFwd, f.pos()));
      Expr taken = new Expr.Binary(BinaryOp.NOT_EQUAL, invoke(tape, "pop", Type.INT), Expr.Literal.ofInt(0), Type.BOOLEAN);
      code.rev().add(new Stmt.If(taken, then.rev(), otherwise.rev(), NONE));
    } else {
      Expr.Local taken = new Expr.Local(fresh("branch"), Type.BOOLEAN);
      code.fwd().add(declareOrAssign(taken, f.condition(), !ctx.topLevel(), NONE));
      code.fwd().add(new Stmt.If(taken, then.fwd(), otherwise.fwd(), f.pos()));
      code.rev().add(new Stmt.If(taken, then.rev(), otherwise.rev(), NONE));
    }
    return code;
  }

  // ---------------------------------------------------------------- loops

  private Code countedLoop(Stmt.For f, LoopPlan loop, Ctx ctx) {
    Code body = block(f.body(), ctx.inLoop());
    if (!loop.recordTrips()) {
      return countedLoop(f, loop, body);
    }
    Code code = Code.empty();
    Expr.Local counter = loop.counter();
    Type t = counter.type();
    if (body.rev().isEmpty()) {
      code.fwd().add(new Stmt.For(f.init(), f.condition(), f.update(), body.fwd(), f.pos()));
      return code;
    }
    Expr a = loop.start();
    Expr.Local trips = tripCounter(ctx, code.fwd());
    List<Stmt> fwdBody = new ArrayList<>(body.fwd());
    fwdBody.add(new Stmt.Assign(trips, BinaryOp.ADD, Expr.Literal.ofInt(1), NONE));
    code.fwd().add(new Stmt.For(f.init(), f.condition(), f.update(), fwdBody, f.pos()));
    Expr.Local count = recordTrips(trips, ctx, code);
    long step = loop.step();
    if (Math.abs(step) == 1) {
      // The counter runs from start + (trips - 1) * step back to start.
      Expr first = step > 0
          ? Build.sub(Build.add(a, count), intLit(1, t))
          : Build.add(Build.sub(a, count), intLit(1, t));
      code.rev().add(reverseFor(counter, first, step > 0, a, body.rev()));
    } else {
      Expr.Local k = new Expr.Local(fresh("k"), Type.INT);
      List<Stmt> revBody = new ArrayList<>();
      revBody.add(new Stmt.Declare(counter.name(), t,
          Build.add(a, new Expr.Binary(BinaryOp.MULTIPLY, k, intLit(step, t), t)), NONE));
      revBody.addAll(body.rev());
      code.rev().add(new Stmt.For(
          List.of(new Stmt.Declare(k.name(), Type.INT, Build.sub(count, Expr.Literal.ofInt(1)), NONE)),
          new Expr.Binary(BinaryOp.GREATER_EQUAL, k, Expr.Literal.ofInt(0), Type.BOOLEAN),
          List.of(new Stmt.Assign(k, BinaryOp.SUBTRACT, Expr.Literal.ofInt(1), NONE)), revBody, NONE));
    }
    return code;
  }

  /** A counted loop whose trip count needs no record: the reverse loop starts from its bound. */
  private Code countedLoop(Stmt.For f, LoopPlan loop, Code body) {
    Code code = Code.empty();
    code.fwd().add(new Stmt.For(f.init(), f.condition(), f.update(), body.fwd(), f.pos()));
    if (body.rev().isEmpty()) {
      return code;
    }
    Expr b = loop.bound();
    Expr first = b;
    if (loop.comparison() == BinaryOp.LESS) {
      first = Build.sub(b, intLit(1, b.type()));
    } else if (loop.comparison() == BinaryOp.GREATER) {
      first = Build.add(b, intLit(1, b.type()));
    }
    code.rev().add(reverseFor(loop.counter(), first, loop.step() > 0, loop.start(), body.rev()));
    return code;
  }

  /** {@code for (T i = first; i >= last; i--)} (or upwards when the forward loop went down). */
  private static Stmt reverseFor(Expr.Local counter, Expr first, boolean forwardWentUp, Expr last, List<Stmt> body) {
    Type t = counter.type();
    Expr init = first.type() != t && t == Type.INT ? new Expr.Cast(Type.INT, first) : first;
    BinaryOp cmp = forwardWentUp ? BinaryOp.GREATER_EQUAL : BinaryOp.LESS_EQUAL;
    BinaryOp step = forwardWentUp ? BinaryOp.SUBTRACT : BinaryOp.ADD;
    return new Stmt.For(List.of(new Stmt.Declare(counter.name(), t, init, NONE)),
        new Expr.Binary(cmp, counter, last, Type.BOOLEAN),
        List.of(new Stmt.Assign(counter, step, Expr.Literal.ofInt(1), NONE)), body, NONE);
  }

  private Code generalLoop(Stmt loop, Ctx ctx) {
    Code code = Code.empty();
    List<Stmt> init = loop instanceof Stmt.For f ? f.init() : List.of();
    List<Stmt> update = loop instanceof Stmt.For f ? f.update() : List.of();
    Expr condition = Walk.loopCondition(loop);
    if (condition == null) {
      condition = Expr.Literal.ofBoolean(true);
    }
    Code initCode = block(init, ctx.nested());
    Code body = block(Walk.loopBody(loop), ctx.inLoop());
    Code updateCode = block(update, ctx.inLoop());
    code.fwd().addAll(initCode.fwd());
    List<Stmt> iterationRev = new ArrayList<>(updateCode.rev());
    iterationRev.addAll(body.rev());

    List<Stmt> fwdBody = new ArrayList<>(body.fwd());
    Expr.Local trips = iterationRev.isEmpty() ? null : tripCounter(ctx, code.fwd());
    Stmt count = trips == null ? null : new Stmt.Assign(trips, BinaryOp.ADD, Expr.Literal.ofInt(1), NONE);
    if (loop instanceof Stmt.For && updateCode.fwd().equals(update)) {
      if (count != null) {
        fwdBody.add(count);
      }
      code.fwd().add(new Stmt.For(List.of(), condition, update, fwdBody, loop.pos()));
    } else {
      fwdBody.addAll(updateCode.fwd());
      if (count != null) {
        fwdBody.add(count);
      }
      code.fwd().add(loop instanceof Stmt.DoWhile
          ? new Stmt.DoWhile(fwdBody, condition, loop.pos())
          : new Stmt.While(condition, fwdBody, loop.pos()));
    }
    if (trips != null) {
      Expr.Local recorded = recordTrips(trips, ctx, code);
      Expr.Local k = new Expr.Local(fresh("k"), Type.INT);
      code.rev().add(new Stmt.For(List.of(new Stmt.Declare(k.name(), Type.INT, recorded, NONE)),
          new Expr.Binary(BinaryOp.GREATER, k, Expr.Literal.ofInt(0), Type.BOOLEAN),
          List.of(new Stmt.Assign(k, BinaryOp.SUBTRACT, Expr.Literal.ofInt(1), NONE)), iterationRev, NONE));
    }
    code.rev().addAll(initCode.rev());
    return code;
  }

  /** Declares a fresh iteration counter before a loop. */
  private Expr.Local tripCounter(Ctx ctx, List<Stmt> fwd) {
    Expr.Local trips = new Expr.Local(fresh("trips"), Type.INT);
    boolean hoist = !ctx.topLevel() && !ctx.looping();
    fwd.add(declareOrAssign(trips, Expr.Literal.ofInt(0), hoist, NONE));
    return trips;
  }

  /** Keeps a loop's trip count for the reverse sweep: on the tape inside loops. */
  private Expr.Local recordTrips(Expr.Local trips, Ctx ctx, Code code) {
    if (!ctx.looping()) {
      return trips;
    }
    Expr tape = tape(Type.INT);
    code.fwd().add(new Stmt.Eval(invoke(tape, "push", null, trips), NONE));
    Expr.Local popped = new Expr.Local(fresh("trips"), Type.INT);
    code.rev().add(new Stmt.Declare(popped.name(), Type.INT, invoke(tape, "pop", Type.INT), NONE));
    return popped;
  }

  // ---------------------------------------------------------------- expressions

  /** Whether an expression is cheap and safe to evaluate again wherever its value is needed. */
  private static boolean isSimple(Expr e) {
    if (e.type() == Type.BOOLEAN) {
      return !Walk.contains(e, Expr.Call.class);
    }
    if (e instanceof Expr.Local || e instanceof Expr.Literal || e instanceof Expr.StaticField
        || e instanceof Expr.Length) {
      return true;
    }
    if (e instanceof Expr.ArrayRead r) {
      return isSimple(r.array()) && !Walk.contains(r.index(), Expr.Call.class);
    }
    if (e instanceof Expr.Cast c) {
      return isSimple(c.operand());
    }
    if (e instanceof Expr.Unary u) {
      return (u.op() == UnaryOp.NEGATE || u.op() == UnaryOp.PLUS) && isSimple(u.operand());
    }
    if (e instanceof Expr.Binary b) {
      return b.type().isIntegral() && !Walk.contains(b, Expr.Call.class);
    }
    return false;
  }

  /**
   * Names the intermediate values of an expression: every compound sub-expression gets a local
   * ({@code t0, t1, ...}) in evaluation order. The branches of a ternary are left alone (only one
   * of them runs); they are named when the reverse sweep enters the branch.
   */
  private final class Linearizer {
    final List<Stmt> temps = new ArrayList<>();
    final Set<String> tempNames = new LinkedHashSet<>();
    private final Map<Expr, Expr> values = new IdentityHashMap<>();
    private final Map<Expr, Expr> rewrittenRoots = new IdentityHashMap<>();
    /** Equal pure sub-expressions share one local (common sub-expression elimination). */
    private final Map<Expr, Expr.Local> common = new HashMap<>();

    Expr rewrite(Expr e, boolean isRoot) {
      Expr known = values.get(e);
      if (known != null) {
        return known;
      }
      Expr.Local shared = isRoot ? null : common.get(e);
      if (shared != null) {
        values.put(e, shared);
        return shared;
      }
      if (isRoot && rewrittenRoots.containsKey(e)) {
        return rewrittenRoots.get(e);
      }
      if (isSimple(e)) {
        values.put(e, e);
        return e;
      }
      Expr rewritten = rewriteChildren(e);
      if (isRoot) {
        rewrittenRoots.put(e, rewritten);
        return rewritten;
      }
      Expr.Local t = new Expr.Local(temp("t"), e.type());
      temps.add(new Stmt.Declare(t.name(), e.type(), rewritten, NONE));
      tempNames.add(t.name());
      values.put(e, t);
      if (isPure(e)) {
        common.put(e, t);
      }
      return t;
    }

    private boolean isPure(Expr e) {
      boolean[] opaque = {false};
      Walk.forEach(e, x -> opaque[0] |= x instanceof Expr.Call c && c.callee() instanceof Callee.StaticMethod);
      return !opaque[0];
    }

    private Expr rewriteChildren(Expr e) {
      if (e instanceof Expr.Unary u) {
        return new Expr.Unary(u.op(), rewrite(u.operand(), false), u.type());
      } else if (e instanceof Expr.Binary b) {
        return b.op().isLogical() ? b : new Expr.Binary(b.op(), rewrite(b.left(), false), rewrite(b.right(), false), b.type());
      } else if (e instanceof Expr.Conditional c) {
        return new Expr.Conditional(rewrite(c.condition(), false), c.ifTrue(), c.ifFalse(), c.type());
      } else if (e instanceof Expr.Cast c) {
        return new Expr.Cast(c.type(), rewrite(c.operand(), false));
      } else if (e instanceof Expr.ArrayRead r) {
        return new Expr.ArrayRead(rewrite(r.array(), false), rewrite(r.index(), false), r.type());
      } else if (e instanceof Expr.Call c) {
        List<Expr> args = new ArrayList<>();
        for (Expr a : c.args()) {
          args.add(rewrite(a, false));
        }
        return new Expr.Call(c.callee(), args, c.type());
      }
      return e;
    }

    /** The value of a node: its local, or itself when simple (named now if it was not yet). */
    Expr value(Expr e) {
      Expr v = values.get(e);
      return v != null ? v : rewrite(e, false);
    }

    /** A root expression in terms of its operands' values (to compute its result again). */
    Expr rewritten(Expr e) {
      Expr v = values.get(e);
      return v != null ? v : rewrite(e, true);
    }
  }

  /** Applies the chain rule through one expression tree, emitting adjoint statements. */
  private final class Propagator {
    private final Linearizer lin;
    private final List<Stmt> out;

    Propagator(Linearizer lin, List<Stmt> out) {
      this.lin = lin;
      this.out = out;
    }

    void propagate(Expr e, Expr adj, Expr output) {
      if (!plan.isVaried(e)) {
        return;
      }
      if (e instanceof Expr.Local l) {
        accumulate(adjointOf(l.name(), l.type()), adj);
      } else if (e instanceof Expr.ArrayRead r) {
        accumulate(new Expr.ArrayRead(adjointArray(r.array()), r.index(), r.type()), adj);
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
        out.add(new Stmt.If(lin.value(c.condition()), whenTrue, whenFalse, NONE));
      } else if (e instanceof Expr.Call c) {
        call(c, adj, output);
      } else {
        throw new IllegalStateException("cannot differentiate " + e);
      }
    }

    /** A ternary's branch: its intermediates are named inside the branch, where they are valid. */
    private void branch(Expr e, Expr adj, List<Stmt> into) {
      Linearizer sub = new Linearizer();
      sub.rewrite(e, true);
      List<Stmt> code = new ArrayList<>(sub.temps);
      Set<String> candidates = new HashSet<>(sub.tempNames);
      Expr output = null;
      if (Rules.usesOutput(e)) {
        Expr.Local y = new Expr.Local(temp("y"), Type.DOUBLE);
        code.add(new Stmt.Declare(y.name(), Type.DOUBLE, sub.rewritten(e), NONE));
        candidates.add(y.name());
        output = y;
      }
      List<Stmt> adjoints = new ArrayList<>();
      new Propagator(sub, adjoints).propagate(e, adj, output);
      code.addAll(Accumulations.withinStatement(adjoints));
      into.addAll(DeadCode.pruneUnused(code, candidates));
    }

    private void accumulate(Expr target, Expr adj) {
      if (adj instanceof Expr.Unary u && u.op() == UnaryOp.NEGATE) {
        out.add(new Stmt.Assign(target, BinaryOp.SUBTRACT, u.operand(), NONE));
      } else {
        out.add(new Stmt.Assign(target, BinaryOp.ADD, adj, NONE));
      }
    }

    /** Sends {@code adj} into a child: straight into a leaf's adjoint, or via a named adjoint. */
    private void route(Expr child, Expr adj) {
      if (!plan.isVaried(child)) {
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
      String name = base != null && adjointTemps.add(base) ? names.newName(base) : temp("d_t");
      Expr.Local d = new Expr.Local(name, Type.DOUBLE);
      out.add(new Stmt.Declare(d.name(), Type.DOUBLE, adj, NONE));
      propagate(child, d, outputOf(child));
    }

    private Expr outputOf(Expr child) {
      return Rules.usesOutput(child) ? lin.value(child) : null;
    }

    private void binary(Expr.Binary b, Expr adj, Expr output) {
      if (b.op() == BinaryOp.REMAINDER) {
        throw new Problem(Message.ACTIVE_REMAINDER, plan.method().posOf(b, plan.method().pos()));
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
      if (plan.isVaried(b.left())) {
        route(b.left(), mul(adj, Rules.partial(b.op(), 0, l, r, output)));
      }
      if (plan.isVaried(b.right())) {
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
          new Propagator(lin, first).route(c.args().get(0), adj);
          new Propagator(lin, second).route(c.args().get(1), adj);
          out.add(new Stmt.If(Build.cmp(firstWins, in.get(0), in.get(1)), first, second, NONE));
          return;
        }
        for (int k = 0; k < c.args().size(); k++) {
          if (plan.isVaried(c.args().get(k))) {
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
        if (arg.type().isArray() && plan.isVaried(arg)) {
          throw new Problem(Message.ARRAY_TO_OTHER_CODE, plan.method().posOf(arg, positionOf(c)),
              describe(arg), name, name);
        }
      }
      if (plan.method().numericFallback()) {
        numericCall(c, adj);
      } else if (callee.owner().packageName().equals("java.lang")
          && (callee.owner().simpleName().equals("Math") || callee.owner().simpleName().equals("StrictMath"))) {
        throw new Problem(Message.NO_RULE, positionOf(c), name, callee.name());
      } else if (callee instanceof Callee.StaticMethod s && s.source() != null
          && s.source().differentiableOverload() != null) {
        throw new Problem(Message.NOT_DIFFERENTIABLE_OVERLOAD, positionOf(c), s.source().signature(),
            s.source().differentiableOverload(), callee.name());
      } else {
        String shown = callee instanceof Callee.StaticMethod s && s.source() != null ? s.source().signature() : name;
        throw new Problem(Message.NOT_DIFFERENTIABLE_CALL, positionOf(c), shown, callee.name());
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
        if (!plan.isVaried(arg)) {
          continue;
        }
        Callee.Partial partial = callee.partialFor(k);
        String paramName = callee.parameters().get(k).name();
        if (partial == null && callee.tangentFor(k) != null) {
          throw new Problem(Message.CUSTOM_NO_PULLBACK, positionOf(c), callee.owner().simpleName() + "."
              + callee.name(), paramName);
        }
        if (partial == null) {
          throw new Problem(Message.MISSING_PARTIAL, plan.method().posOf(arg, positionOf(c)), describe(arg),
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
            throw new Problem(Message.ARRAY_ARGUMENT, plan.method().posOf(arg, positionOf(c)), describe(arg),
                callee.name());
          }
          args.add(adj);
          args.add(adjointArray(arg));
          out.add(new Stmt.Eval(new Expr.Call(derivative, args, null), NONE));
        }
      }
    }

    /**
     * A call of opaque code, allowed by {@code numericFallback}: each partial by a five-point
     * stencil of four more calls, and a warning at the call.
     */
    private void numericCall(Expr.Call c, Expr adj) {
      String name = c.callee().owner().simpleName() + "." + c.callee().name();
      if (warnedCalls.add(c)) {
        warnings.add(new Problem(Message.NUMERIC_FALLBACK, positionOf(c), name));
      }
      List<Expr> in = new ArrayList<>();
      for (Expr a : c.args()) {
        in.add(lin.value(a));
      }
      for (int k = 0; k < c.args().size(); k++) {
        Expr arg = c.args().get(k);
        if (!plan.isVaried(arg)) {
          continue;
        }
        if (arg.type() != Type.DOUBLE) {
          throw new Problem(Message.NUMERIC_FALLBACK_ARRAY, positionOf(c), name);
        }
        Expr.Local partial = NumericStencil.partial(c.callee(), in, k, out, ReverseBuilder.this::temp);
        route(arg, mul(adj, partial));
      }
    }

    /** Adjoint of a call to another differentiable method, through that method's pullback. */
    private void pullbackCall(Expr.Call c, Callee.Differentiable callee, Expr adj) {
      ClassName adjointClass = callee.companion().nestedClass(Naming.adjointClass(callee.name()));
      Expr work = workField(callee.name(), WorkField.Kind.CALLEE, adjointClass, null);
      List<Expr> args = new ArrayList<>();
      for (int i = 0; i < callee.parameters().size(); i++) {
        Param p = callee.parameters().get(i);
        Expr arg = c.args().get(i);
        boolean varied = plan.isVaried(arg);
        args.add(lin.value(arg));
        Pos argPos = plan.method().posOf(arg, plan.method().posOf(c, plan.method().pos()));
        if (varied && !p.differentiated()) {
          throw new Problem(Message.LOST_DERIVATIVE, argPos, describe(arg), callee.name(), p.name(),
              callee.owner().simpleName() + "." + callee.name());
        }
        if (!p.differentiated()) {
          continue;
        }
        Expr slot = new Expr.Field(work, p.name(), p.type());
        if (!p.type().isArray()) {
          out.add(new Stmt.Assign(slot, null, lit(0), NONE));
        } else if (varied) {
          if (!(arg instanceof Expr.Local || arg instanceof Expr.ArrayRead)) {
            throw new Problem(Message.ARRAY_ARGUMENT, argPos, describe(arg), callee.name());
          }
          out.add(new Stmt.Assign(slot, null, adjointArray(arg), NONE));
        } else {
          out.add(new Stmt.Assign(slot, null, scratch(lin.value(arg)), NONE));
        }
      }
      args.add(adj);
      args.add(work);
      List<Expr> written = snapshotted.remove(c);
      List<Stmt> after = new ArrayList<>();
      if (written != null) {
        // The arrays as the call found them, for its pullback; as it left them (the pullback's own
        // result) they are not needed again: the statements before the call see them as it found them.
        out.add(new Stmt.Comment(callee.name() + " may write into " + written.stream().map(ReverseBuilder.this::describe)
            .collect(java.util.stream.Collectors.joining(", ")) + ": its pullback gets them as the call found them."));
        out.addAll(popSnapshots(written));
        for (Expr array : written) {
          Expr kept = workField(Walk.root(array) + "_before", workKind(array.type()), null, array.type());
          out.add(new Stmt.Assign(kept, null, new Expr.Call(new Callee.StaticMethod(WORKSPACE, "copy"),
              List.of(kept, array), array.type()), NONE));
          after.add(new Stmt.Eval(new Expr.Call(new Callee.StaticMethod(WORKSPACE, "copyInto"),
              List.of(kept, array), null), NONE));
        }
      }
      out.add(new Stmt.Eval(new Expr.Call(new Callee.Pullback(callee), args, Type.DOUBLE), NONE));
      out.addAll(after);
      // Propagating into an argument that calls another pullback may reuse this work object, so
      // then every partial is read into a local first.
      boolean keep = c.args().stream().anyMatch(ReverseBuilder::callsDifferentiable);
      List<Expr> routedArgs = new ArrayList<>();
      List<Expr> partials = new ArrayList<>();
      for (int i = 0; i < callee.parameters().size(); i++) {
        Param p = callee.parameters().get(i);
        Expr arg = c.args().get(i);
        if (p.differentiated() && !p.type().isArray() && plan.isVaried(arg)) {
          Expr partial = new Expr.Field(work, p.name(), Type.DOUBLE);
          if (keep) {
            Expr.Local kept = new Expr.Local(temp("d" + p.name()), Type.DOUBLE);
            out.add(new Stmt.Declare(kept.name(), Type.DOUBLE, partial, NONE));
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
    private void derivativeCall(Expr.Call c, Callee.Derivative nested, Expr adj) {
      Callee.Differentiable f = nested.of();
      ClassName adjointClass = f.companion().nestedClass(Naming.adjointClass(f.name()));
      Expr work = workField(f.name() + "Nested", WorkField.Kind.CALLEE, adjointClass, null);
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
          if (plan.isVaried(c.args().get(i))) {
            throw new Problem(Message.LOST_DERIVATIVE, positionOf(c.args().get(i)), describe(c.args().get(i)),
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
            out.add(new Stmt.Assign(partialSlot, null, plan.isVaried(v) ? arrayArgument(v, f) : scratch(lin.value(v)), NONE));
          }
        } else if (i == nested.component()) {
          direction = adj;
          if (q.type().isArray()) {
            out.add(new Stmt.Assign(partialSlot, null, scratch(lin.value(arg)), NONE));
          }
        } else {
          direction = q.type() == Type.DOUBLE ? lit(0) : zeros(lin.value(arg));
          if (q.type().isArray()) {
            out.add(new Stmt.Assign(partialSlot, null, scratch(lin.value(arg)), NONE));
          }
        }
        if (q.type() == Type.DOUBLE) {
          out.add(new Stmt.Assign(partialSlot, null, lit(0), NONE));
          out.add(new Stmt.Assign(tangentSlot, null, lit(0), NONE));
        } else {
          out.add(new Stmt.Assign(tangentSlot, null, plan.isVaried(arg) ? arrayArgument(arg, f)
              : scratch(lin.value(arg)), NONE));
        }
        directions.add(direction);
      }
      List<Expr> args = new ArrayList<>(values);
      args.addAll(directions);
      args.add(tangent ? adj : lit(1));
      args.add(lit(0));
      args.add(work);
      out.add(new Stmt.Eval(new Expr.Call(new Callee.StaticMethod(f.companion(),
          Naming.pullbackTangentMethod(f.name())), args, Type.DOUBLE), NONE));
      List<Expr> routedArgs = new ArrayList<>();
      List<Expr> partials = new ArrayList<>();
      d = params.size();
      for (int i = 0; i < params.size(); i++) {
        Param q = params.get(i);
        if (!q.differentiated()) {
          continue;
        }
        Expr arg = c.args().get(i);
        if (q.type() == Type.DOUBLE && plan.isVaried(arg)) {
          routedArgs.add(arg);
          partials.add(keep(new Expr.Field(work, Naming.adjointTangentField(q.name(), params, false), Type.DOUBLE)));
        }
        if (tangent) {
          Expr v = c.args().get(d++);
          if (q.type() == Type.DOUBLE && plan.isVaried(v)) {
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
      Expr.Local kept = new Expr.Local(temp("d"), Type.DOUBLE);
      out.add(new Stmt.Declare(kept.name(), Type.DOUBLE, field, NONE));
      return kept;
    }

    /** The adjoint array of an array argument (a variable or a row). */
    private Expr arrayArgument(Expr arg, Callee.Differentiable f) {
      if (!(arg instanceof Expr.Local || arg instanceof Expr.ArrayRead)) {
        throw new Problem(Message.ARRAY_ARGUMENT, positionOf(arg), describe(arg), f.name());
      }
      return adjointArray(arg);
    }

    /** A zeroed buffer of the argument's shape: a direction that is zero. */
    private Expr zeros(Expr arg) {
      Type type = arg.type();
      boolean vector = type == Type.DOUBLE_ARRAY;
      Expr buffer = workField("zeros" + temps++, vector ? WorkField.Kind.DOUBLE_ARRAY : WorkField.Kind.DOUBLE_MATRIX,
          null, type);
      out.add(new Stmt.Assign(buffer, null, new Expr.Call(new Callee.StaticMethod(WORKSPACE,
          vector ? "zeros" : "zerosLike"), List.of(buffer, vector ? new Expr.Length(arg) : arg), type), NONE));
      return buffer;
    }

    /** A buffer of the argument's shape for an adjoint nobody reads (the argument is constant). */
    private Expr scratch(Expr arg) {
      Type type = arg.type();
      boolean vector = type == Type.DOUBLE_ARRAY;
      Expr buffer = workField("scratch", vector ? WorkField.Kind.DOUBLE_ARRAY : WorkField.Kind.DOUBLE_MATRIX, null, type);
      Expr size = vector ? new Expr.Length(arg) : arg;
      out.add(new Stmt.Assign(buffer, null, new Expr.Call(new Callee.StaticMethod(WORKSPACE, "scratch"),
          List.of(buffer, size), type), NONE));
      return buffer;
    }
  }

  private static boolean callsDifferentiable(Expr e) {
    boolean[] found = {false};
    Walk.forEach(e, x -> found[0] |= x instanceof Expr.Call call && call.callee() instanceof Callee.Differentiable);
    return found[0];
  }

  private Pos positionOf(Expr e) {
    return plan.method().posOf(e, plan.method().pos());
  }

  /** How the user wrote an expression: its source text, or its variable name. */
  private String describe(Expr arg) {
    if (arg instanceof Expr.Local l) {
      return l.name();
    }
    String excerpt = plan.method().posOf(arg, Pos.NONE).excerpt();
    return excerpt.isEmpty() ? "argument" : excerpt;
  }
}
