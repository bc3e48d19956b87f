package dev.chainrule.processor.analysis;

import dev.chainrule.processor.ir.Expr;
import dev.chainrule.processor.ir.Stmt;
import dev.chainrule.processor.ir.Walk;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Numbers the statements in execution order and remembers, for each variable, where it is
 * written; from this it answers "can this variable still change after that place?" — the question
 * behind recomputing a condition or a loop bound in the reverse sweep instead of recording it.
 */
final class Places {
  private record Place(int index, int end, List<Stmt> loops) {}

  private final Map<Stmt, Place> places = new IdentityHashMap<>();
  private final Map<String, List<Integer>> writes = new HashMap<>();
  private final Map<Stmt, Place> loopRanges = new IdentityHashMap<>();
  private int next;

  /**
   * @param rootOf the variable a write changes (array aliases map to their array)
   * @param ignored writes that the reverse sweep reconstructs (counted loops' updates)
   * @param calls which arrays a call writes into (a write of them where the call is)
   */
  Places(List<Stmt> body, Function<Expr, String> rootOf, Set<Stmt> ignored, CallWrites calls) {
    this.calls = calls;
    number(body, new ArrayDeque<>(), rootOf, ignored);
  }

  private final CallWrites calls;

  private void number(List<Stmt> stmts, Deque<Stmt> loops, Function<Expr, String> rootOf, Set<Stmt> ignored) {
    for (Stmt s : stmts) {
      int index = next++;
      boolean loop = Walk.isLoop(s);
      if (!ignored.contains(s)) {
        if (s instanceof Stmt.Declare d) {
          writes.computeIfAbsent(d.name(), k -> new ArrayList<>()).add(index);
        } else if (s instanceof Stmt.Assign a) {
          writes.computeIfAbsent(rootOf.apply(a.target()), k -> new ArrayList<>()).add(index);
        }
      }
      for (Expr e : Walk.expressions(s)) {
        Walk.forEach(e, x -> {
          if (x instanceof Expr.Call c) {
            for (Expr written : calls.writtenArguments(c)) {
              writes.computeIfAbsent(rootOf.apply(written), k -> new ArrayList<>()).add(index);
            }
          }
        });
      }
      List<Stmt> enclosing = new ArrayList<>(loops);
      if (loop) {
        loops.push(s);
      }
      for (List<Stmt> block : Walk.blocks(s)) {
        number(block, loops, rootOf, ignored);
      }
      if (loop) {
        loops.pop();
      }
      Place place = new Place(index, next - 1, enclosing);
      places.put(s, place);
      if (loop) {
        loopRanges.put(s, place);
      }
    }
  }

  int index(Stmt s) {
    return places.get(s).index();
  }

  /** The last index inside {@code stmts} (the index before the first one when empty). */
  int end(List<Stmt> stmts, int before) {
    return stmts.isEmpty() ? before : places.get(stmts.get(stmts.size() - 1)).end();
  }

  /**
   * Whether {@code variable} is never written once {@code at} has started: not later in the
   * method, and not anywhere in a loop around {@code at} (its next iteration comes after).
   */
  boolean stableAfter(String variable, Stmt at) {
    Place p = places.get(at);
    for (int w : writes.getOrDefault(variable, List.of())) {
      if (w >= p.index()) {
        return false;
      }
      for (Stmt loop : p.loops()) {
        Place range = loopRanges.get(loop);
        if (w >= range.index() && w <= range.end()) {
          return false;
        }
      }
    }
    return true;
  }

  /** Whether {@code variable} is written in the index range (from, to]. */
  boolean writtenBetween(String variable, int from, int to) {
    return writes.getOrDefault(variable, List.of()).stream().anyMatch(w -> w > from && w <= to);
  }

  boolean inLoop(Stmt s) {
    return !places.get(s).loops().isEmpty();
  }
}
