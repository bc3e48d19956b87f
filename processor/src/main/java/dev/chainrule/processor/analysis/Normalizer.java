package dev.chainrule.processor.analysis;

import dev.chainrule.processor.ir.BinaryOp;
import dev.chainrule.processor.ir.Expr;
import dev.chainrule.processor.ir.Pos;
import dev.chainrule.processor.ir.Stmt;
import dev.chainrule.processor.ir.Type;
import dev.chainrule.processor.ir.UnaryOp;
import dev.chainrule.processor.ir.Walk;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Removes {@code return}, {@code break} and {@code continue} from a method body, so that every
 * later stage sees structured code that runs to its end: a {@code return e} becomes an assignment
 * to the result variable, and the statements a jump would skip are guarded by a boolean flag (or,
 * for the common {@code if (c) return a; rest}, moved into the {@code else}).
 *
 * <p>The reverse sweep then needs no knowledge of jumps: a skipped statement is just an {@code if}
 * whose branch was not taken.
 */
public final class Normalizer {

  /** The normalized body, the result variable, and the flags it introduced. */
  public record Normalized(List<Stmt> body, Expr.Local result, Set<String> flags) {}

  private final Function<String, String> freshName;
  private final Expr.Local result;
  private final Set<String> flags = new HashSet<>();
  private final Set<String> readFlags = new HashSet<>();
  private Expr.Local returned;

  private Normalizer(Function<String, String> freshName, Expr.Local arrayResult) {
    this.freshName = freshName;
    this.result = arrayResult != null ? arrayResult : new Expr.Local(freshName.apply("result"), Type.DOUBLE);
  }

  /**
   * @param freshName gives a name no user variable has, for the result and flags
   */
  public static Normalized normalize(List<Stmt> body, Function<String, String> freshName) {
    return normalize(body, freshName, null);
  }

  /**
   * @param arrayResult for a vector-valued method, the array variable its final {@code return}
   *     (already removed from {@code body}) returned; null for a method returning double
   */
  public static Normalized normalize(List<Stmt> body, Function<String, String> freshName, Expr.Local arrayResult) {
    Normalizer n = new Normalizer(freshName, arrayResult);
    List<Stmt> out = n.block(body, null);
    List<Stmt> withFlags = new ArrayList<>();
    if (n.returned != null && n.readFlags.contains(n.returned.name())) {
      withFlags.add(new Stmt.Declare(n.returned.name(), Type.BOOLEAN, Expr.Literal.ofBoolean(false), Pos.NONE));
    }
    withFlags.addAll(out);
    List<Stmt> cleaned = new ArrayList<>(n.dropUnreadFlags(withFlags));
    if (arrayResult == null) {
      n.declareResult(cleaned);
    }
    return new Normalized(List.copyOf(cleaned), n.result, Set.copyOf(n.flags));
  }

  /**
   * Declares the result where it is assigned when a single final {@code return} assigns it, and
   * at the start (as 0, for paths javac proves impossible) otherwise.
   */
  private void declareResult(List<Stmt> body) {
    int last = body.size() - 1;
    if (last >= 0 && body.get(last) instanceof Stmt.Assign a && a.target().equals(result)
        && countResultAssignments(body) == 1) {
      body.set(last, new Stmt.Declare(result.name(), Type.DOUBLE, a.value(), a.pos()));
    } else {
      body.add(0, new Stmt.Declare(result.name(), Type.DOUBLE, Expr.Literal.ofDouble(0), Pos.NONE));
    }
  }

  private int countResultAssignments(List<Stmt> stmts) {
    int[] n = {0};
    Walk.forEachStmt(stmts, s -> {
      if (s instanceof Stmt.Assign a && a.target().equals(result)) {
        n[0]++;
      }
    });
    return n[0];
  }

  /** The flags of the loop being normalized. */
  private record LoopFlags(Expr.Local brk, Expr.Local cont) {}

  private List<Stmt> block(List<Stmt> stmts, LoopFlags loop) {
    List<Stmt> out = new ArrayList<>();
    for (int i = 0; i < stmts.size(); i++) {
      Stmt s = stmts.get(i);
      List<Stmt> rest = stmts.subList(i + 1, stmts.size());
      if (s instanceof Stmt.Return || s instanceof Stmt.Break || s instanceof Stmt.Continue) {
        out.addAll(jump(s, loop));
        return out; // anything after a jump is unreachable; javac reports it on the source
      }
      if (s instanceof Stmt.If f && f.elsePart().isEmpty() && alwaysJumps(f.thenPart()) && !rest.isEmpty()) {
        out.add(new Stmt.If(f.condition(), block(f.thenPart(), loop), block(rest, loop), f.pos()));
        return out;
      }
      out.add(statement(s, loop));
      if (alwaysJumps(List.of(s)) || rest.isEmpty()) {
        return out;
      }
      Expr guard = mayEscape(s, loop);
      if (guard != null) {
        List<Stmt> guarded = block(rest, loop);
        if (!guarded.isEmpty()) {
          out.add(new Stmt.If(new Expr.Unary(UnaryOp.NOT, guard, Type.BOOLEAN), guarded, List.of(), Pos.NONE));
        }
        return out;
      }
    }
    return out;
  }

  private List<Stmt> jump(Stmt s, LoopFlags loop) {
    Pos pos = s.pos();
    if (s instanceof Stmt.Return r) {
      List<Stmt> out = new ArrayList<>();
      if (r.value() != null) { // a method with an @Out parameter returns nothing
        out.add(new Stmt.Assign(result, null, r.value(), pos));
      }
      out.add(new Stmt.Assign(returnedFlag(), null, Expr.Literal.ofBoolean(true), Pos.NONE));
      return out;
    }
    Expr.Local flag = s instanceof Stmt.Break ? loop.brk() : loop.cont();
    return List.of(new Stmt.Assign(flag, null, Expr.Literal.ofBoolean(true), pos));
  }

  private Expr.Local returnedFlag() {
    if (returned == null) {
      returned = flag("returned");
    }
    return returned;
  }

  private Expr.Local flag(String base) {
    Expr.Local f = new Expr.Local(freshName.apply(base), Type.BOOLEAN);
    flags.add(f.name());
    return f;
  }

  private Expr read(Expr.Local flag) {
    readFlags.add(flag.name());
    return flag;
  }

  private Stmt statement(Stmt s, LoopFlags loop) {
    if (s instanceof Stmt.If f) {
      return new Stmt.If(f.condition(), block(f.thenPart(), loop), block(f.elsePart(), loop), f.pos());
    } else if (s instanceof Stmt.Block b) {
      return new Stmt.Block(block(b.body(), loop), b.pos());
    } else if (Walk.isLoop(s)) {
      return loop(s, Walk.loopCondition(s), Walk.loopBody(s));
    }
    return s;
  }

  private Stmt loop(Stmt original, Expr condition, List<Stmt> body) {
    boolean breaks = containsJump(body, Stmt.Break.class);
    boolean continues = containsJump(body, Stmt.Continue.class);
    boolean returns = containsReturn(body);
    LoopFlags flagsHere = new LoopFlags(breaks ? flag("broke") : null, continues ? flag("skip") : null);
    List<Stmt> newBody = new ArrayList<>();
    if (continues) {
      newBody.add(new Stmt.Assign(flagsHere.cont(), null, Expr.Literal.ofBoolean(false), Pos.NONE));
    }
    newBody.addAll(block(body, flagsHere));
    Expr exit = null;
    if (returns) {
      exit = read(returnedFlag());
    }
    if (breaks) {
      exit = exit == null ? read(flagsHere.brk()) : or(exit, read(flagsHere.brk()));
    }
    Expr newCondition = condition;
    if (exit != null) {
      Expr keepGoing = new Expr.Unary(UnaryOp.NOT, exit, Type.BOOLEAN);
      newCondition = condition == null ? keepGoing
          : new Expr.Binary(BinaryOp.CONDITIONAL_AND, keepGoing, condition, Type.BOOLEAN);
    }
    List<Stmt> before = new ArrayList<>();
    if (breaks) {
      before.add(new Stmt.Declare(flagsHere.brk().name(), Type.BOOLEAN, Expr.Literal.ofBoolean(false), Pos.NONE));
    }
    if (continues) {
      before.add(new Stmt.Declare(flagsHere.cont().name(), Type.BOOLEAN, Expr.Literal.ofBoolean(false), Pos.NONE));
    }
    Stmt loop;
    if (original instanceof Stmt.While w) {
      loop = new Stmt.While(newCondition, newBody, w.pos());
    } else if (original instanceof Stmt.DoWhile d) {
      loop = new Stmt.DoWhile(newBody, newCondition, d.pos());
    } else {
      loop = forLoop((Stmt.For) original, newCondition, newBody, exit);
    }
    if (before.isEmpty()) {
      return loop;
    }
    before.add(loop);
    return new Stmt.Block(before, Pos.NONE);
  }

  /**
   * After a jump out of a {@code for} body its update must not run. When the update assigns only
   * variables the loop declares, running it once more is invisible; otherwise the loop becomes a
   * {@code while} whose update is guarded.
   */
  private Stmt forLoop(Stmt.For f, Expr condition, List<Stmt> body, Expr exit) {
    Set<String> own = new HashSet<>();
    f.init().forEach(s -> {
      if (s instanceof Stmt.Declare d) {
        own.add(d.name());
      }
    });
    boolean updateIsPrivate = f.update().stream().allMatch(
        u -> u instanceof Stmt.Assign a && a.target() instanceof Expr.Local l && own.contains(l.name()));
    if (exit == null || updateIsPrivate) {
      return new Stmt.For(f.init(), condition, f.update(), body, f.pos());
    }
    List<Stmt> whileBody = new ArrayList<>(body);
    whileBody.add(new Stmt.If(new Expr.Unary(UnaryOp.NOT, exit, Type.BOOLEAN), f.update(), List.of(), Pos.NONE));
    List<Stmt> block = new ArrayList<>(f.init());
    block.add(new Stmt.While(condition == null ? Expr.Literal.ofBoolean(true) : condition, whileBody, f.pos()));
    return new Stmt.Block(block, f.pos());
  }

  private static Expr or(Expr a, Expr b) {
    return new Expr.Binary(BinaryOp.CONDITIONAL_OR, a, b, Type.BOOLEAN);
  }

  /** The flags {@code s} may set that end the enclosing block early, or null if it never jumps. */
  private Expr mayEscape(Stmt s, LoopFlags loop) {
    Expr guard = null;
    if (containsReturn(List.of(s))) {
      guard = read(returnedFlag());
    }
    if (loop != null && loop.brk() != null && containsJump(List.of(s), Stmt.Break.class)) {
      guard = guard == null ? read(loop.brk()) : or(guard, read(loop.brk()));
    }
    if (loop != null && loop.cont() != null && containsJump(List.of(s), Stmt.Continue.class)) {
      guard = guard == null ? read(loop.cont()) : or(guard, read(loop.cont()));
    }
    return guard;
  }

  /** Whether a statement list always ends in a jump (so nothing after it runs). */
  static boolean alwaysJumps(List<Stmt> stmts) {
    if (stmts.isEmpty()) {
      return false;
    }
    Stmt last = stmts.get(stmts.size() - 1);
    if (last instanceof Stmt.Return || last instanceof Stmt.Break || last instanceof Stmt.Continue) {
      return true;
    } else if (last instanceof Stmt.Block b) {
      return alwaysJumps(b.body());
    } else if (last instanceof Stmt.If f) {
      return alwaysJumps(f.thenPart()) && alwaysJumps(f.elsePart());
    }
    return false;
  }

  /** Whether a break or continue in {@code stmts} targets the loop they are the body of. */
  private static boolean containsJump(List<Stmt> stmts, Class<? extends Stmt> kind) {
    for (Stmt s : stmts) {
      if (kind.isInstance(s)) {
        return true;
      }
      if ((s instanceof Stmt.If || s instanceof Stmt.Block)
          && Walk.blocks(s).stream().anyMatch(b -> containsJump(b, kind))) {
        return true;
      }
    }
    return false;
  }

  private static boolean containsReturn(List<Stmt> stmts) {
    for (Stmt s : stmts) {
      if (s instanceof Stmt.Return || Walk.blocks(s).stream().anyMatch(Normalizer::containsReturn)) {
        return true;
      }
    }
    return false;
  }

  /** Assignments to a flag nobody reads are dropped (e.g. the flag of a final return). */
  private List<Stmt> dropUnreadFlags(List<Stmt> stmts) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : stmts) {
      if (s instanceof Stmt.Assign a && a.target() instanceof Expr.Local l
          && flags.contains(l.name()) && !readFlags.contains(l.name())) {
        continue;
      }
      if (s instanceof Stmt.Declare d && flags.contains(d.name()) && !readFlags.contains(d.name())) {
        continue;
      }
      out.add(Walk.rebuild(s, this::dropUnreadFlags));
    }
    return out;
  }
}
