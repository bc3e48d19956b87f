package dev.chainrule.processor.analysis;

import dev.chainrule.processor.diagnostics.Message;
import dev.chainrule.processor.diagnostics.Problem;
import dev.chainrule.processor.ir.BinaryOp;
import dev.chainrule.processor.ir.Callee;
import dev.chainrule.processor.ir.Expr;
import dev.chainrule.processor.ir.Method;
import dev.chainrule.processor.ir.Param;
import dev.chainrule.processor.ir.Stmt;
import dev.chainrule.processor.ir.UnaryOp;
import dev.chainrule.processor.ir.Walk;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The analysis stage: normalizes jumps away, then decides activity, how each loop and branch is
 * reversed, which declarations are recomputed in the reverse sweep, and which overwritten values
 * must be saved (to-be-recorded analysis).
 *
 * <p>Saving: the reverse sweep reads some variables (operands of nonlinear operations, indices of
 * active array elements, recomputed conditions). A write must save the value it overwrites exactly
 * when that value has been read by such a read since it was written — a forward data-flow problem
 * over the structured body, iterated to a fixed point around loops.
 */
public final class Analyzer {
  private final Method method;
  private final List<Stmt> body;
  private final Expr.Local result;
  private final Set<String> flags;
  private final Map<String, String> arrayRoots = new HashMap<>();
  private final Set<String> parameterArrays = new HashSet<>();
  private Activity activity;
  private Places places;
  private final Map<Stmt, LoopPlan> loops = new IdentityHashMap<>();
  private final Set<Stmt> saves = Collections.newSetFromMap(new IdentityHashMap<>());
  /** Where the save analysis puts the writes it finds: {@link #saves}, or a trial's own set. */
  private Set<Stmt> sink = saves;
  private final Set<Stmt> replayed = Collections.newSetFromMap(new IdentityHashMap<>());
  private final Set<Stmt> recomputed = Collections.newSetFromMap(new IdentityHashMap<>());
  /** Recomputed scalar declarations: the place range of their block, from the declaration on. */
  private final Map<String, int[]> replayedRanges = new HashMap<>();
  private final Set<String> hoisted = new LinkedHashSet<>();
  private final Set<String> counters = new HashSet<>();
  private final Map<String, Integer> writeCounts = new HashMap<>();
  /** Row variables ({@code double[] hi = h[i]}): the row index they stand for. */
  private final Map<String, Expr> aliasRows = new HashMap<>();

  private final CallWrites writes;

  private Analyzer(Method method, Normalizer.Normalized normalized, CallWrites writes) {
    this.method = method;
    this.writes = writes;
    this.body = normalized.body();
    this.result = normalized.result();
    this.flags = normalized.flags();
  }

  /**
   * @param freshName gives names no user variable has (for the result variable and flags)
   * @param writes which array arguments each call may write into
   */
  public static Plan analyze(Method method, Function<String, String> freshName, CallWrites writes) {
    List<Stmt> body = method.body();
    Expr.Local arrayResult = null;
    if (method.isVectorValued()) {
      // The frontend guarantees one return of an array variable, at the end.
      arrayResult = (Expr.Local) ((Stmt.Return) body.get(body.size() - 1)).value();
      body = body.subList(0, body.size() - 1);
    }
    Analyzer a = new Analyzer(method, Normalizer.normalize(body, freshName, arrayResult), writes);
    return a.run();
  }

  private Plan run() {
    findArrays();
    Set<String> inputs = new HashSet<>();
    for (Param p : method.parameters()) {
      if (p.differentiated()) {
        inputs.add(p.name());
      }
    }
    activity = Activity.of(body, inputs, result.name(), arrayRoots);
    checkParameterArrayWrites(inputs);
    SideEffects.checkOtherCode(method, body, activity);
    SideEffects.checkCallsThatWriteArrays(method, body, writes);
    checkCompoundRemainders();
    Set<Stmt> counterUpdates = Collections.newSetFromMap(new IdentityHashMap<>());
    Walk.forEachStmt(body, s -> {
      if (s instanceof Stmt.For f) {
        LoopPlan shape = countedShape(f);
        if (shape != null) {
          loops.put(f, shape);
          counters.add(shape.counter().name());
          counterUpdates.addAll(f.update());
        }
      }
    });
    places = new Places(body, this::root, counterUpdates, writes);
    Walk.forEachStmt(body, this::planControl);
    findHoistedAndReplayed(body, true);
    Walk.forEachStmt(body, this::recomputeConditionsOnReplayedValues);
    computeSaves();
    Plan twoSweeps = new Plan(method, body, result, Map.copyOf(arrayRoots), activity, saves, replayed,
        recomputed, loops, hoisted, null, writes);
    Stmt.For fused = LoopFusion.find(twoSweeps, this::savesIfFused);
    return fused == null ? twoSweeps : twoSweeps.withFusedLoop(fused);
  }

  /**
   * The writes inside {@code loop} (the one before the final return) that would need a save if each
   * iteration's reverse sweep ran right after its forward sweep: the save analysis over the
   * statements before the loop and then one iteration, since nothing an earlier iteration's
   * reverse sweep reads is still pending.
   */
  private Set<Stmt> savesIfFused(Stmt.For loop) {
    Set<Stmt> trial = Collections.newSetFromMap(new IdentityHashMap<>());
    sink = trial;
    try {
      int at = 0;
      while (body.get(at) != loop) {
        at++;
      }
      List<Stmt> before = body.subList(0, at);
      int size;
      do {
        size = trial.size();
        flow(loop.body(), flow(before, new HashSet<>()));
      } while (trial.size() != size);
    } finally {
      sink = saves;
    }
    Set<Stmt> inLoop = Collections.newSetFromMap(new IdentityHashMap<>());
    Walk.forEachStmt(List.of(loop), inLoop::add);
    trial.retainAll(inLoop);
    return trial;
  }

  private String root(Expr target) {
    String name = Walk.root(target);
    return arrayRoots.getOrDefault(name, name);
  }

  private String rootName(String name) {
    return arrayRoots.getOrDefault(name, name);
  }

  // ---------------------------------------------------------------- arrays

  private void findArrays() {
    for (Param p : method.parameters()) {
      if (p.type().isArray()) {
        arrayRoots.put(p.name(), p.name());
        parameterArrays.add(p.name());
      }
    }
    Walk.forEachStmt(body, s -> {
      if (s instanceof Stmt.Declare d) {
        writeCounts.merge(d.name(), 1, Integer::sum);
        if (d.type().isArray()) {
          // A new array, or one a call returns, is an array of its own; else an alias or a row.
          boolean fresh = d.init() instanceof Expr.NewArray || d.init() instanceof Expr.Call;
          arrayRoots.put(d.name(), fresh ? d.name() : root(d.init()));
          if (d.init() instanceof Expr.ArrayRead r && r.array() instanceof Expr.Local base
              && !aliasRows.containsKey(base.name())) {
            aliasRows.put(d.name(), r.index());
          }
        }
      } else if (s instanceof Stmt.Assign a) {
        writeCounts.merge(Walk.root(a.target()), 1, Integer::sum);
        if (a.target() instanceof Expr.Local l && l.type().isArray()) {
          throw new Problem(Message.ARRAY_REASSIGNED, a.pos(), l.name());
        }
      }
    });
  }

  private void checkParameterArrayWrites(Set<String> inputs) {
    Walk.forEachStmt(body, s -> {
      if (s instanceof Stmt.Assign a && a.target() instanceof Expr.ArrayRead) {
        String root = root(a.target());
        if (parameterArrays.contains(root)) {
          if (inputs.contains(root)) {
            throw new Problem(Message.PARAMETER_ARRAY_WRITE, a.pos(), root, "is differentiated", root);
          }
          if (activity.isVaried(a.value())) {
            throw new Problem(Message.PARAMETER_ARRAY_WRITE, a.pos(), root,
                "receives values that depend on a differentiated input", root);
          }
        }
      }
    });
  }

  /** {@code s %= y} on a varied {@code s}: refused at the statement (the reverse stage sees no position for it). */
  private void checkCompoundRemainders() {
    Walk.forEachStmt(body, s -> {
      if (s instanceof Stmt.Assign a && a.compound() == BinaryOp.REMAINDER && activity.isVaried(a.effectiveValue())
          && activity.isActive(root(a.target()))) {
        throw new Problem(Message.ACTIVE_REMAINDER, a.pos());
      }
    });
  }

  // ---------------------------------------------------------------- loops and branches

  /** The counted-loop shape of {@code f}, or null. The counter must be changed only by the update. */
  private LoopPlan countedShape(Stmt.For f) {
    if (f.init().size() != 1 || !(f.init().get(0) instanceof Stmt.Declare d) || d.init() == null
        || !d.type().isIntegral() || f.update().size() != 1 || f.condition() == null) {
      return null;
    }
    Expr.Local counter = new Expr.Local(d.name(), d.type());
    Expr condition = f.condition();
    boolean earlyExit = false;
    if (condition instanceof Expr.Binary b && b.op() == BinaryOp.CONDITIONAL_AND && isFlagTest(b.left())) {
      condition = b.right();
      earlyExit = true;
    }
    if (!(condition instanceof Expr.Binary cmp)) {
      return null;
    }
    BinaryOp op = cmp.op();
    Expr bound;
    if (cmp.left().equals(counter)) {
      bound = cmp.right();
    } else if (cmp.right().equals(counter)) {
      bound = cmp.left();
      op = flip(op);
    } else {
      return null;
    }
    if (op == null || Walk.locals(bound).contains(counter.name())) {
      return null;
    }
    Long step = step(f.update().get(0), counter);
    if (step == null || step == 0) {
      return null;
    }
    boolean upward = op == BinaryOp.LESS || op == BinaryOp.LESS_EQUAL;
    boolean downward = op == BinaryOp.GREATER || op == BinaryOp.GREATER_EQUAL;
    if ((step > 0 && !upward) || (step < 0 && !downward)) {
      return null;
    }
    boolean[] assigned = {false};
    Walk.forEachStmt(f.body(), s -> assigned[0] |= s instanceof Stmt.Assign a && counter.name().equals(Walk.root(a.target())));
    if (assigned[0]) {
      return null;
    }
    return new LoopPlan(LoopPlan.Shape.COUNTED, counter, d.init(), op, bound, step, earlyExit);
  }

  private boolean isFlagTest(Expr e) {
    return e instanceof Expr.Unary u && u.op() == UnaryOp.NOT
        && Walk.locals(u.operand()).stream().allMatch(flags::contains);
  }

  private static BinaryOp flip(BinaryOp op) {
    return switch (op) {
      case LESS -> BinaryOp.GREATER;
      case LESS_EQUAL -> BinaryOp.GREATER_EQUAL;
      case GREATER -> BinaryOp.LESS;
      case GREATER_EQUAL -> BinaryOp.LESS_EQUAL;
      default -> null;
    };
  }

  private static Long step(Stmt update, Expr.Local counter) {
    if (!(update instanceof Stmt.Assign a) || !a.target().equals(counter)) {
      return null;
    }
    Expr delta;
    BinaryOp op;
    if (a.compound() != null) {
      op = a.compound();
      delta = a.value();
    } else if (a.value() instanceof Expr.Binary b && b.left().equals(counter)) {
      op = b.op();
      delta = b.right();
    } else {
      return null;
    }
    if (!(delta instanceof Expr.Literal lit) || !lit.type().isIntegral()) {
      return null;
    }
    long k = ((Number) lit.value()).longValue();
    return switch (op) {
      case ADD -> k;
      case SUBTRACT -> -k;
      default -> null;
    };
  }

  private void planControl(Stmt s) {
    if (s instanceof Stmt.If f && stable(f.condition(), f)) {
      recomputed.add(f);
    }
    if (!Walk.isLoop(s)) {
      return;
    }
    LoopPlan counted = loops.get(s);
    if (counted == null) {
      loops.put(s, LoopPlan.GENERAL_LOOP);
    } else if (!stable(counted.start(), s)) {
      loops.put(s, LoopPlan.GENERAL_LOOP);
      counters.remove(counted.counter().name());
    } else if (!stable(counted.bound(), s) || Math.abs(counted.step()) != 1) {
      loops.put(s, new LoopPlan(counted.shape(), counted.counter(), counted.start(),
          counted.comparison(), counted.bound(), counted.step(), true));
    }
  }

  /**
   * An {@code if} inside the block of a recomputed declaration ({@code double t = x[i] * y;
   * if (t > 0)}) can evaluate its condition again too: the reverse sweep recomputes {@code t} at
   * the start of the block, before it reaches the {@code if}.
   */
  private void recomputeConditionsOnReplayedValues(Stmt s) {
    if (!(s instanceof Stmt.If f) || recomputed.contains(f)) {
      return;
    }
    int at = places.index(f);
    boolean[] calls = {false};
    Walk.forEach(f.condition(), x -> calls[0] |= x instanceof Expr.Call c && !(c.callee() instanceof Callee.MathFunction));
    if (calls[0]) {
      return;
    }
    for (String v : Walk.locals(f.condition())) {
      int[] range = replayedRanges.get(v);
      boolean replayedAround = range != null && at > range[0] && at <= range[1];
      if (!replayedAround && !counters.contains(v) && !places.stableAfter(rootName(v), f)) {
        return;
      }
    }
    recomputed.add(f);
  }

  /**
   * Whether the reverse sweep may evaluate {@code e} again: every variable it reads keeps its value
   * from {@code at} to the end of the method, and it calls nothing but Math functions (a call of
   * other code may have side effects, which must happen once, as in the method: issue 13).
   */
  private boolean stable(Expr e, Stmt at) {
    boolean[] calls = {false};
    Walk.forEach(e, x -> calls[0] |= x instanceof Expr.Call c && !(c.callee() instanceof Callee.MathFunction));
    if (calls[0]) {
      return false;
    }
    for (String v : Walk.locals(e)) {
      if (!counters.contains(v) && !places.stableAfter(rootName(v), at)) {
        return false;
      }
    }
    return true;
  }

  // ---------------------------------------------------------------- declarations

  private void findHoistedAndReplayed(List<Stmt> stmts, boolean topLevel) {
    for (int k = 0; k < stmts.size(); k++) {
      Stmt s = stmts.get(k);
      if (s instanceof Stmt.Declare d && !topLevel && !counters.contains(d.name())) {
        hoisted.add(d.name());
        int from = places.index(d);
        int to = places.end(stmts, from);
        if (d.type().isArray() && !(d.init() instanceof Expr.NewArray)) {
          checkAliasStable(d, from, to);
          replayed.add(d);
        } else if (!d.type().isArray() && isReplayable(d, from, to)) {
          replayed.add(d);
          replayedRanges.put(d.name(), new int[] {from, to});
        }
      }
      if (s instanceof Stmt.For f) {
        if (!counters.contains(counterOf(f))) {
          hoistOnly(f.init());
        }
        findHoistedAndReplayed(f.body(), false);
      } else {
        for (List<Stmt> block : Walk.blocks(s)) {
          findHoistedAndReplayed(block, false);
        }
      }
    }
  }

  /** A general loop's init declarations run before its reverse: hoisted, never recomputed. */
  private void hoistOnly(List<Stmt> init) {
    for (Stmt s : init) {
      if (s instanceof Stmt.Declare d) {
        hoisted.add(d.name());
      }
    }
  }

  private String counterOf(Stmt.For f) {
    LoopPlan plan = loops.get(f);
    return plan != null && plan.counted() ? plan.counter().name() : null;
  }

  private void checkAliasStable(Stmt.Declare d, int from, int to) {
    for (String v : indexLocals(d.init())) {
      if (places.writtenBetween(rootName(v), from, to)) {
        throw new Problem(Message.ARRAY_ALIAS_UNSTABLE, d.pos(), d.name(), v, d.name(), v);
      }
    }
  }

  /**
   * A nested declaration is recomputed in the reverse sweep (instead of saving each value it
   * overwrites) when it is its variable's only write, calls no other method, and nothing it reads
   * changes later in its block — so the end of the block still sees the values it saw.
   */
  private boolean isReplayable(Stmt.Declare d, int from, int to) {
    if (d.init() == null || writeCounts.getOrDefault(d.name(), 0) != 1 || flags.contains(d.name())) {
      return false;
    }
    boolean[] calls = {false};
    Walk.forEach(d.init(), e -> calls[0] |= e instanceof Expr.Call c && !(c.callee() instanceof Callee.MathFunction));
    if (calls[0]) {
      return false;
    }
    for (String v : Walk.locals(d.init())) {
      if (!counters.contains(v) && places.writtenBetween(rootName(v), from, to)) {
        return false;
      }
    }
    return true;
  }

  // ---------------------------------------------------------------- saving

  private void computeSaves() {
    int before;
    do {
      before = saves.size();
      flow(body, new HashSet<>());
    } while (saves.size() != before);
  }

  private Set<String> flow(List<Stmt> stmts, Set<String> in) {
    Set<String> cur = new HashSet<>(in);
    for (Stmt s : stmts) {
      cur = flow(s, cur);
    }
    for (Stmt s : stmts) {
      if (replayed.contains(s) && s instanceof Stmt.Declare d) {
        for (String v : Walk.locals(d.init())) {
          cur.add(rootName(v));
        }
      }
    }
    return cur;
  }

  private Set<String> flow(Stmt s, Set<String> cur) {
    if (s instanceof Stmt.Declare d) {
      if (d.init() != null && isActive(d.name()) && !d.type().isArray()) {
        cur.addAll(neededBy(d.init()));
      }
      if (!d.type().isArray()) {
        if (!replayed.contains(d) && !counters.contains(d.name()) && cur.contains(d.name())) {
          sink.add(d);
        }
        cur.remove(d.name());
      } else if (d.init() instanceof Expr.NewArray) {
        cur.remove(d.name());
      }
      return cur;
    } else if (s instanceof Stmt.Assign a) {
      String root = root(a.target());
      if (isActive(root)) {
        cur.addAll(neededBy(a.effectiveValue()));
        cur.addAll(indexRoots(a.target()));
      }
      if (!counters.contains(root) && cur.contains(root)) {
        sink.add(a);
        cur.addAll(indexRoots(a.target()));
      }
      if (a.target() instanceof Expr.Local) {
        cur.remove(root);
      }
      return cur;
    } else if (s instanceof Stmt.If f) {
      if (recomputed.contains(f)) {
        Walk.locals(f.condition()).forEach(v -> cur.add(rootName(v)));
      }
      Set<String> out = flow(f.thenPart(), cur);
      out.addAll(flow(f.elsePart(), cur));
      return out;
    } else if (s instanceof Stmt.Block b) {
      return flow(b.body(), cur);
    } else if (s instanceof Stmt.For f) {
      List<Stmt> iteration = new ArrayList<>(f.body());
      iteration.addAll(f.update());
      LoopPlan plan = loops.get(f);
      Set<String> rowsPerIteration = plan != null && plan.counted()
          ? rowsPerIteration(f, plan.counter()) : Set.of();
      return loop(iteration, flow(f.init(), cur), rowsPerIteration);
    } else if (s instanceof Stmt.While w) {
      return loop(w.body(), cur, Set.of());
    } else if (s instanceof Stmt.DoWhile d) {
      return loop(d.body(), cur, Set.of());
    } else {
      return cur;
    }
  }

  /**
   * Iterates a loop's body to a fixed point. What one iteration reads flows into the next, except
   * for arrays each iteration uses only its own row of ({@code rowsPerIteration}): the next
   * iteration overwrites other elements than the ones read.
   */
  private Set<String> loop(List<Stmt> iteration, Set<String> in, Set<String> rowsPerIteration) {
    Set<String> x = new HashSet<>(in);
    while (true) {
      Set<String> out = flow(iteration, x);
      Set<String> next = new HashSet<>(x);
      for (String v : out) {
        if (!rowsPerIteration.contains(v)) {
          next.add(v);
        }
      }
      if (next.equals(x)) {
        x.addAll(out);
        return x;
      }
      x = next;
    }
  }

  /**
   * The arrays that a counted loop only ever accesses at row {@code [i]} of its counter {@code i}
   * (directly, {@code h[i][j]}, or through a row variable {@code double[] hi = h[i]}): distinct
   * iterations touch distinct elements.
   */
  private Set<String> rowsPerIteration(Stmt.For f, Expr.Local counter) {
    Map<String, Boolean> onlyOwnRow = new HashMap<>();
    List<Stmt> all = new ArrayList<>(f.body());
    all.addAll(f.update());
    Walk.forEachStmt(all, st -> {
      for (Expr e : Walk.expressions(st)) {
        rowAccesses(e, counter, onlyOwnRow);
      }
    });
    Set<String> out = new HashSet<>();
    onlyOwnRow.forEach((root, own) -> {
      if (own) {
        out.add(root);
      }
    });
    return out;
  }

  private void rowAccesses(Expr e, Expr.Local counter, Map<String, Boolean> onlyOwnRow) {
    if (e instanceof Expr.ArrayRead r && r.array() instanceof Expr.Local base) {
      Expr first = aliasRows.containsKey(base.name()) ? aliasRows.get(base.name()) : r.index();
      onlyOwnRow.merge(rootName(base.name()), first.equals(counter), Boolean::logicalAnd);
      rowAccesses(r.index(), counter, onlyOwnRow);
      return;
    }
    if (e instanceof Expr.Length) {
      return;
    }
    if (e instanceof Expr.Local l && l.type().isArray()) {
      onlyOwnRow.put(rootName(l.name()), false);
      return;
    }
    for (Expr child : Walk.children(e)) {
      rowAccesses(child, counter, onlyOwnRow);
    }
  }

  private boolean isActive(String variable) {
    return activity.isActive(rootName(variable));
  }

  private Set<String> indexRoots(Expr target) {
    Set<String> out = new HashSet<>();
    indexLocals(target).forEach(v -> out.add(rootName(v)));
    return out;
  }

  /**
   * The locals whose values the indices of an array access (and of the rows it goes through)
   * depend on. {@code a.length} of an array variable does not count: array variables are never
   * reassigned, so writing into {@code a} cannot change it.
   */
  private static Set<String> indexLocals(Expr e) {
    Set<String> out = new LinkedHashSet<>();
    while (e instanceof Expr.ArrayRead r) {
      valueLocals(r.index(), out);
      e = r.array();
    }
    return out;
  }

  private static void valueLocals(Expr e, Set<String> out) {
    if (e instanceof Expr.Local l) {
      out.add(l.name());
    } else if (!(e instanceof Expr.Length length && length.array() instanceof Expr.Local)) {
      Walk.children(e).forEach(child -> valueLocals(child, out));
    }
  }

  /**
   * The variables whose values the reverse sweep reads to propagate an adjoint through {@code e}
   * (mirrors the rules in the reverse stage): the other operand of a product, the operands of a
   * quotient and of every function, conditions of active ternaries, indices of active elements.
   */
  Set<String> neededBy(Expr e) {
    Set<String> out = new HashSet<>();
    needed(e, out);
    return out;
  }

  private void needed(Expr e, Set<String> out) {
    if (!activity.isVaried(e)) {
      return;
    }
    if (e instanceof Expr.ArrayRead r) {
      indexLocals(r).forEach(v -> out.add(rootName(v)));
    } else if (e instanceof Expr.Binary b) {
      boolean l = activity.isVaried(b.left());
      boolean r = activity.isVaried(b.right());
      if (b.op() == BinaryOp.MULTIPLY || b.op() == BinaryOp.DIVIDE) {
        if (l || b.op() == BinaryOp.DIVIDE) {
          addAll(b.right(), out);
        }
        if (r) {
          addAll(b.left(), out);
        }
      }
      needed(b.left(), out);
      needed(b.right(), out);
    } else if (e instanceof Expr.Conditional c) {
      addAll(c.condition(), out);
      needed(c.ifTrue(), out);
      needed(c.ifFalse(), out);
    } else if (e instanceof Expr.Call c) {
      c.args().forEach(a -> addAll(a, out));
      c.args().forEach(a -> needed(a, out));
    } else {
      Walk.children(e).forEach(child -> needed(child, out));
    }
  }

  private void addAll(Expr e, Set<String> out) {
    Walk.locals(e).forEach(v -> out.add(rootName(v)));
  }
}
