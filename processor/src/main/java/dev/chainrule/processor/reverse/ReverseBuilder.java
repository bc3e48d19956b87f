package dev.chainrule.processor.reverse;

import static dev.chainrule.processor.ir.Build.field;
import static dev.chainrule.processor.ir.Build.intLit;
import static dev.chainrule.processor.ir.Build.invoke;
import static dev.chainrule.processor.ir.Build.lit;
import static dev.chainrule.processor.ir.Build.neg;

import com.palantir.javapoet.ClassName;
import dev.chainrule.processor.analysis.LoopFusion;
import dev.chainrule.processor.analysis.LoopPlan;
import dev.chainrule.processor.analysis.Plan;
import dev.chainrule.processor.diagnostics.Message;
import dev.chainrule.processor.diagnostics.Problem;
import dev.chainrule.processor.ir.BinaryOp;
import dev.chainrule.processor.ir.Build;
import dev.chainrule.processor.ir.Callee;
import dev.chainrule.processor.ir.Expr;
import dev.chainrule.processor.ir.Param;
import dev.chainrule.processor.ir.Pos;
import dev.chainrule.processor.ir.Stmt;
import dev.chainrule.processor.ir.WorkField;
import dev.chainrule.processor.ir.Type;
import dev.chainrule.processor.ir.Walk;
import dev.chainrule.processor.rules.Rules;
import dev.chainrule.processor.simplify.Accumulations;
import dev.chainrule.processor.simplify.DeadCode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
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
 *
 * <p>This class reverses statements (assignments, branches, loops, arrays, calls that write into
 * arrays); {@link Propagator} applies the chain rule through one expression, {@link Linearizer}
 * names an expression's intermediate values, and {@link PullbackScope} holds what they share: the
 * names given and the adjoint object's storage.
 */
public final class ReverseBuilder {
  private static final ClassName OBJECTS = ClassName.get("java.util", "Objects");
  private static final Pos NONE = Pos.NONE;

  private final PullbackScope scope;
  private final Plan plan;
  private final Set<Stmt> scalarReplays = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
  /** The statements of a fused loop: the two-sweep analysis's saves do not apply to them. */
  private final Set<Stmt> unsaved = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
  /** Arrays allocated in loops, each iteration's from a pool (by identity). */
  private final Set<Stmt> pooled = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
  /** Arrays the reverse sweep puts back from a snapshot (the parameters among them get their final state back). */
  private final Set<String> restoredFromSnapshots = new LinkedHashSet<>();

  private ReverseBuilder(Plan plan) {
    this.plan = plan;
    this.scope = new PullbackScope(plan);
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
        Expr.Local d = scope.adjointOf(p.name(), p.type());
        String fieldName = scope.fieldNames.get("param:" + p.name());
        Expr value = new Expr.Call(new Callee.StaticMethod(OBJECTS, "requireNonNull"),
            List.of(field(scope.adjoint, fieldName, p.type()),
                new Expr.Literal(scope.adjoint + "." + fieldName, null, "\"" + scope.adjoint + "." + fieldName + "\"")),
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
    for (WorkField f : scope.workFields.values()) {
      if (f.kind() == WorkField.Kind.DOUBLE_STACK || f.kind() == WorkField.Kind.INT_STACK
          || f.kind() == WorkField.Kind.POOL
          || f.kind() == WorkField.Kind.LONG_STACK) {
        out.add(new Stmt.Eval(invoke(field(scope.adjoint, f.name(), null), "clear", null), NONE));
      }
    }
    out.addAll(prologue);
    if (!scope.hoisted.isEmpty()) {
      out.add(new Stmt.Comment("Declared up front so that the reverse sweep can see them."));
      out.addAll(scope.hoisted);
    }
    out.add(new Stmt.Comment("Forward sweep."));
    out.addAll(body.fwd());
    Expr.Local result = plan.result();
    String outParam = plan.method().outParam();
    Expr returned = result;
    if (outParam != null) {
      out.add(new Stmt.Comment("The result goes into the caller's " + outParam + "."));
      out.add(new Stmt.Eval(new Expr.Call(new Callee.StaticMethod(PullbackScope.WORKSPACE, "copyInto"),
          List.of(result, new Expr.Local(outParam, result.type())), null), NONE));
    } else if (result.type().isArray() && restoresElementsOf(result)) {
      // The reverse sweep restores overwritten elements of the result: return a copy of its value.
      Expr copy = scope.workField("value", PullbackScope.workKind(result.type()), null, result.type());
      out.add(new Stmt.Assign(copy, null, new Expr.Call(new Callee.StaticMethod(PullbackScope.WORKSPACE, "copy"),
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
        out.add(new Stmt.Assign(field(scope.adjoint, scope.fieldNames.get("param:" + p.name()), Type.DOUBLE),
            BinaryOp.ADD, scope.adjointOf(p.name(), Type.DOUBLE), NONE));
      }
    }
    if (outParam == null) {
      out.add(new Stmt.Return(returned, NONE));
    }
    out.addAll(0, WorkField.ensure(scope.adjoint, List.copyOf(scope.workFields.values())));
    return new Pullback(plan, scope.seed, scope.adjoint, out, List.copyOf(scope.workFields.values()), scope.warnings);
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
          out.add(new Stmt.Eval(new Expr.Call(new Callee.StaticMethod(PullbackScope.WORKSPACE, "requireUnshared"),
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
      Expr copy = scope.workField(name + "_after", PullbackScope.workKind(type), null, type);
      Expr.Local array = new Expr.Local(name, type);
      out.add(new Stmt.Comment("The reverse sweep restores " + name + "; it gets back what the forward sweep left."));
      out.add(new Stmt.Assign(copy, null, new Expr.Call(new Callee.StaticMethod(PullbackScope.WORKSPACE, "copy"),
          List.of(copy, array), type), NONE));
      giveBack.add(new Stmt.Eval(new Expr.Call(new Callee.StaticMethod(PullbackScope.WORKSPACE, "copyInto"),
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
      for (String v : scope.scalarAdjoints) {
        out.add(new Stmt.Declare(scope.adjointName(v), Type.DOUBLE, lit(0), NONE));
      }
      out.add(new Stmt.Eval(new Expr.Call(new Callee.StaticMethod(PullbackScope.WORKSPACE, "addInto"),
          List.of(new Expr.Local(scope.seed, result.type()), scope.adjointArray(result)), null), NONE));
      return;
    }
    if (plan.isActive(result.name())) {
      String dResult = scope.adjointOf(result.name(), Type.DOUBLE).name();
      out.add(new Stmt.Declare(dResult, Type.DOUBLE, new Expr.Local(scope.seed, Type.DOUBLE), NONE));
    }
    for (String v : scope.scalarAdjoints) {
      out.add(new Stmt.Declare(scope.adjointName(v), Type.DOUBLE, lit(0), NONE));
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
        ok[0] &= !later.contains(v) || scope.isAdjoint(v);
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
      out.add(new Stmt.Assign(scope.adjointOf(d.name(), d.type()), null, scope.adjointArray(d.init()), d.pos()));
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
      scope.snapshotted.put(pulledBack, written);
    }
    Code inner = unsnapshotted(s, ctx);
    Code code = Code.empty();
    for (Expr array : written) {
      code.fwd().add(new Stmt.Eval(invoke(scope.snapshotTape(array.type()), "pushAll", null, array), NONE));
      restoredFromSnapshots.add(plan.rootOf(Walk.root(array)));
    }
    code.fwd().addAll(inner.fwd());
    code.rev().addAll(inner.rev());
    if (pulledBack != null && scope.snapshotted.remove(pulledBack) == null) {
      return code; // its pullback took them back
    }
    code.rev().addAll(scope.popSnapshots(written));
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
      value = PullbackScope.defaultValue(type);
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
      forwardTemps = new Linearizer(scope);
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
    Expr adjointTarget = scope.adjointOfTarget(target);
    // Where the reverse sweep finds this declaration's value in its own variable: kept from the
    // forward sweep at top level, recomputed at the start of the block's reverse in loops and branches.
    boolean valueInTarget = declaration && (forwardTemps != null || plan.replayed().contains(s));
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
      propagateStatement(differentiated, negated ? neg(g) : g, forwardTemps, false, target, valueInTarget, rev);
    } else if (readsRoot(effective, root) || !(adjointTarget instanceof Expr.Local)) {
      Expr g = captured(adjointTarget, rev);
      rev.add(new Stmt.Assign(adjointTarget, null, lit(0), NONE));
      rev.addAll(restore);
      propagateStatement(differentiated, g, forwardTemps, true, target, valueInTarget, rev);
    } else {
      propagateStatement(differentiated, adjointTarget, forwardTemps, true, target, valueInTarget, rev);
      boolean onlyDefinition = declaration && !ctx.looping() && scope.writeCounts.getOrDefault(root, 0) == 1;
      if (!onlyDefinition) {
        rev.add(new Stmt.Assign(adjointTarget, null, lit(0), NONE));
      }
      rev.addAll(restore);
    }
    return code;
  }

  private Expr captured(Expr adjointTarget, List<Stmt> rev) {
    Expr.Local g = new Expr.Local(scope.temp("g"), Type.DOUBLE);
    rev.add(new Stmt.Declare(g.name(), Type.DOUBLE, adjointTarget, NONE));
    return g;
  }

  /**
   * Propagates {@code adj} into the operands of {@code e}. The intermediates come from the forward
   * sweep at top level, and are recomputed here otherwise (only those the rules use are kept).
   *
   * @param isRoot whether {@code e} is the whole right-hand side (its result is the target)
   * @param valueInTarget whether the target, a declared variable, holds {@code e}'s value where
   *     this reverse sweep runs (then a rule that reads the result, as exp's or sqrt's does, reads
   *     the variable instead of computing {@code e} again)
   */
  private void propagateStatement(Expr e, Expr adj, Linearizer forwardTemps, boolean isRoot,
      Expr target, boolean valueInTarget, List<Stmt> rev) {
    Linearizer lin = forwardTemps != null ? forwardTemps : new Linearizer(scope);
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
      if (valueInTarget && isRoot && scope.writeCounts.getOrDefault(root, 0) == 1) {
        output = target;
      } else {
        Expr.Local out = new Expr.Local(scope.temp("y"), Type.DOUBLE);
        local.add(new Stmt.Declare(out.name(), Type.DOUBLE, lin.rewritten(e), NONE));
        output = out;
      }
    }
    List<Stmt> adjoints = new ArrayList<>();
    new Propagator(scope, lin, adjoints).propagate(e, adj, output);
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
        scope.hoist(d.name(), d.type());
        return new Stmt.Assign(target, null, value, s.pos());
      }
      return new Stmt.Declare(d.name(), d.type(), value, s.pos());
    }
    return new Stmt.Assign(target, compound, value, s.pos());
  }

  /** Saves {@code target}'s value before it is overwritten: on the tape in loops, else in a local. */
  private void saveAndRestore(Expr target, Ctx ctx, List<Stmt> fwd, List<Stmt> restore) {
    Type type = target.type();
    if (ctx.looping()) {
      Expr tape = scope.tape(type);
      boolean bool = type == Type.BOOLEAN;
      Expr pushed = bool ? new Expr.Conditional(target, Expr.Literal.ofInt(1), Expr.Literal.ofInt(0), Type.INT) : target;
      fwd.add(new Stmt.Eval(invoke(tape, "push", null, pushed), NONE));
      Expr popped = invoke(tape, "pop", bool ? Type.INT : type);
      if (bool) {
        popped = new Expr.Binary(BinaryOp.NOT_EQUAL, popped, Expr.Literal.ofInt(0), Type.BOOLEAN);
      }
      restore.add(new Stmt.Assign(target, null, popped, NONE));
    } else {
      String slot = scope.fresh(Walk.root(target) + "_old");
      if (ctx.topLevel()) {
        fwd.add(new Stmt.Declare(slot, type, target, NONE));
      } else {
        scope.hoist(slot, type);
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
        code.fwd().add(scope.declareOrAssign(local, n, hoist, d.pos()));
        return code;
      }
      if (ctx.looping()) {
        return pooledArray(d, n, hoist, active);
      }
      Expr buffer = scope.workField(d.name(), PullbackScope.workKind(d.type()), null, d.type());
      code.fwd().add(new Stmt.Assign(buffer, null, PullbackScope.zeros(buffer, n), d.pos()));
      code.fwd().add(scope.declareOrAssign(local, buffer, hoist, d.pos()));
      if (active) {
        Expr.Local dLocal = scope.adjointOf(d.name(), d.type());
        Expr dBuffer = scope.workField("d_" + d.name(), PullbackScope.workKind(d.type()), null, d.type());
        code.fwd().add(new Stmt.Assign(dBuffer, null, PullbackScope.zeros(dBuffer, n), NONE));
        code.fwd().add(scope.declareOrAssign(dLocal, dBuffer, hoist, NONE));
      }
      return code;
    }
    if (d.init() instanceof Expr.Call c && c.callee() instanceof Callee.Derivative nested) {
      return nestedArray(d, c, nested, ctx, hoist, active);
    }
    code.fwd().add(scope.declareOrAssign(local, d.init(), hoist, d.pos()));
    if (active) {
      code.fwd().add(scope.declareOrAssign(scope.adjointOf(d.name(), d.type()), scope.adjointArray(d.init()), hoist, NONE));
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
    code.fwd().add(scope.declareOrAssign(local, c, hoist, d.pos()));
    if (!active) {
      return code;
    }
    Expr.Local dLocal = scope.adjointOf(d.name(), d.type());
    Expr dBuffer = scope.workField("d_" + d.name(), PullbackScope.workKind(d.type()), null, d.type());
    code.fwd().add(new Stmt.Assign(dBuffer, null, new Expr.Call(new Callee.StaticMethod(PullbackScope.WORKSPACE, "zeros"),
        List.of(dBuffer, new Expr.Length(local)), d.type()), NONE));
    code.fwd().add(scope.declareOrAssign(dLocal, dBuffer, hoist, NONE));
    Linearizer lin = new Linearizer(scope);
    List<Stmt> adjoints = new ArrayList<>();
    new Propagator(scope, lin, adjoints).derivativeCall(c, nested, dLocal);
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
    code.fwd().add(scope.declareOrAssign(local, poolNext(d.name(), n), hoist, d.pos()));
    if (active) {
      code.fwd().add(scope.declareOrAssign(scope.adjointOf(d.name(), d.type()), poolNext("d_" + d.name(), n), hoist, NONE));
    }
    pooled.add(d);
    return code;
  }

  private Expr pool(String name) {
    return scope.workField(name + "s", WorkField.Kind.POOL, null, null);
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
      out.add(new Stmt.Assign(scope.adjointOf(d.name(), d.type()), null,
          new Expr.Invoke(pool("d_" + d.name()), method, List.of(), d.type()), NONE));
    }
    return out;
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
      Expr tape = scope.tape(Type.INT);
      List<Stmt> thenFwd = new ArrayList<>(then.fwd());
      thenFwd.add(new Stmt.Eval(invoke(tape, "push", null, Expr.Literal.ofInt(1)), NONE));
      List<Stmt> elseFwd = new ArrayList<>(otherwise.fwd());
      elseFwd.add(new Stmt.Eval(invoke(tape, "push", null, Expr.Literal.ofInt(0)), NONE));
      code.fwd().add(new Stmt.If(f.condition(), thenFwd, elseFwd, f.pos()));
      Expr taken = new Expr.Binary(BinaryOp.NOT_EQUAL, invoke(tape, "pop", Type.INT), Expr.Literal.ofInt(0), Type.BOOLEAN);
      code.rev().add(new Stmt.If(taken, then.rev(), otherwise.rev(), NONE));
    } else {
      Expr.Local taken = new Expr.Local(scope.fresh("branch"), Type.BOOLEAN);
      code.fwd().add(scope.declareOrAssign(taken, f.condition(), !ctx.topLevel(), NONE));
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
      Expr.Local k = new Expr.Local(scope.fresh("k"), Type.INT);
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
      Expr.Local k = new Expr.Local(scope.fresh("k"), Type.INT);
      code.rev().add(new Stmt.For(List.of(new Stmt.Declare(k.name(), Type.INT, recorded, NONE)),
          new Expr.Binary(BinaryOp.GREATER, k, Expr.Literal.ofInt(0), Type.BOOLEAN),
          List.of(new Stmt.Assign(k, BinaryOp.SUBTRACT, Expr.Literal.ofInt(1), NONE)), iterationRev, NONE));
    }
    code.rev().addAll(initCode.rev());
    return code;
  }

  /** Declares a fresh iteration counter before a loop. */
  private Expr.Local tripCounter(Ctx ctx, List<Stmt> fwd) {
    Expr.Local trips = new Expr.Local(scope.fresh("trips"), Type.INT);
    boolean hoist = !ctx.topLevel() && !ctx.looping();
    fwd.add(scope.declareOrAssign(trips, Expr.Literal.ofInt(0), hoist, NONE));
    return trips;
  }

  /** Keeps a loop's trip count for the reverse sweep: on the tape inside loops. */
  private Expr.Local recordTrips(Expr.Local trips, Ctx ctx, Code code) {
    if (!ctx.looping()) {
      return trips;
    }
    Expr tape = scope.tape(Type.INT);
    code.fwd().add(new Stmt.Eval(invoke(tape, "push", null, trips), NONE));
    Expr.Local popped = new Expr.Local(scope.fresh("trips"), Type.INT);
    code.rev().add(new Stmt.Declare(popped.name(), Type.INT, invoke(tape, "pop", Type.INT), NONE));
    return popped;
  }

  // ---------------------------------------------------------------- expressions

}
