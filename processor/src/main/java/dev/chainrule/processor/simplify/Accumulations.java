package dev.chainrule.processor.simplify;

import static dev.chainrule.processor.ir.Build.add;
import static dev.chainrule.processor.ir.Build.neg;
import static dev.chainrule.processor.ir.Build.sub;

import dev.chainrule.processor.ir.BinaryOp;
import dev.chainrule.processor.ir.Expr;
import dev.chainrule.processor.ir.Pos;
import dev.chainrule.processor.ir.Stmt;
import dev.chainrule.processor.ir.Type;
import dev.chainrule.processor.ir.Walk;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Joins additions into the same adjoint (or tangent) so that each element is loaded and stored
 * once: an IR-to-IR clean-up that the transforms apply to the code they build. Additions commute, so
 * only the rounding order changes.
 */
public final class Accumulations {
  private static final Pos NONE = Pos.NONE;

  private Accumulations() {}

  /**
   * Joins a later update of the same adjoint into an earlier one ({@code d_x[i] -= d_b; d_b = 0;
   * d_x[i] -= d_a * x[i];} becomes {@code d_x[i] -= d_b + d_a * x[i]; d_b = 0;}) when nothing in
   * between reads that adjoint (for an element: no array element at all, since another name may
   * alias the array) or changes what the later update reads: one read-modify-write of the element
   * instead of two. Updates of other elements of the same array may lie in between, since additions
   * into an array commute.
   */
  public static List<Stmt> acrossStatements(List<Stmt> stmts) {
    List<Stmt> out = new ArrayList<>(stmts);
    for (int i = 0; i < out.size(); i++) {
      if (!(out.get(i) instanceof Stmt.Assign first) || !isAccumulation(first)) {
        continue;
      }
      String root = Walk.root(first.target());
      Set<String> targetLocals = Walk.locals(first.target());
      Set<String> changed = new HashSet<>();
      for (int j = i + 1; j < out.size(); j++) {
        Stmt s = out.get(j);
        if (s instanceof Stmt.Comment) {
          continue;
        }
        if (s instanceof Stmt.Assign later && isAccumulation(later) && later.target().equals(first.target())
            && Walk.locals(later.value()).stream().noneMatch(v -> changed.contains(v) || v.equals(root))) {
          boolean sameSign = later.compound() == first.compound();
          first = new Stmt.Assign(first.target(), first.compound(),
              sameSign ? add(first.value(), later.value()) : sub(first.value(), later.value()), NONE);
          out.set(i, first);
          out.remove(j--);
          continue;
        }
        if (s instanceof Stmt.Assign a && isAccumulation(a) && a.target() instanceof Expr.ArrayRead
            && first.target() instanceof Expr.ArrayRead && Walk.root(a.target()).equals(root)
            && !Walk.contains(a.value(), Expr.ArrayRead.class)) {
          continue; // another element's update: additions into the array commute
        }
        String written;
        if (s instanceof Stmt.Declare d) {
          written = d.name();
        } else if (s instanceof Stmt.Assign a && a.target() instanceof Expr.Local l) {
          written = l.name();
        } else {
          break;
        }
        Set<String> read = new HashSet<>();
        boolean[] readsElement = {false};
        Walk.expressions(s).forEach(e -> {
          read.addAll(Walk.locals(e));
          readsElement[0] |= Walk.contains(e, Expr.ArrayRead.class);
        });
        // An element read may go through another name of the same array (double[] r = w).
        boolean mayReadTarget = read.contains(root) || first.target() instanceof Expr.ArrayRead && readsElement[0];
        if (mayReadTarget || targetLocals.contains(written)) {
          break;
        }
        changed.add(written);
      }
    }
    return out;
  }

  /**
   * Within one statement's adjoint code, several contributions to the same adjoint
   * ({@code d_x[i] -= a; ... d_x[i] -= b;}) become one update at the place of the last, so the
   * element is loaded and stored once. Contributions only add up and nothing in between reads the
   * adjoint, so only the rounding order changes.
   */
  public static List<Stmt> withinStatement(List<Stmt> stmts) {
    Map<Expr, List<Integer>> byTarget = new HashMap<>();
    for (int i = 0; i < stmts.size(); i++) {
      if (stmts.get(i) instanceof Stmt.Assign a && isAccumulation(a)) {
        byTarget.computeIfAbsent(a.target(), k -> new ArrayList<>()).add(i);
      }
    }
    List<Stmt> out = new ArrayList<>(stmts);
    Set<Integer> removed = new HashSet<>();
    for (List<Integer> group : byTarget.values()) {
      if (group.size() < 2) {
        continue;
      }
      boolean allSubtract = group.stream().allMatch(i -> ((Stmt.Assign) stmts.get(i)).compound() == BinaryOp.SUBTRACT);
      Expr sum = null;
      for (int i : group) {
        Stmt.Assign a = (Stmt.Assign) stmts.get(i);
        boolean subtract = a.compound() == BinaryOp.SUBTRACT && !allSubtract;
        if (sum == null) {
          sum = subtract ? neg(a.value()) : a.value();
        } else {
          sum = subtract ? sub(sum, a.value()) : add(sum, a.value());
        }
      }
      int last = group.get(group.size() - 1);
      Stmt.Assign lastAssign = (Stmt.Assign) stmts.get(last);
      out.set(last, new Stmt.Assign(lastAssign.target(), allSubtract ? BinaryOp.SUBTRACT : BinaryOp.ADD, sum, NONE));
      removed.addAll(group.subList(0, group.size() - 1));
    }
    List<Stmt> merged = new ArrayList<>();
    for (int i = 0; i < out.size(); i++) {
      if (!removed.contains(i)) {
        merged.add(out.get(i));
      }
    }
    return merged;
  }

  /**
   * An update {@code d += c} that may move: {@code c} reads only locals (a field of a callee's
   * adjoint may be overwritten by the next call of that callee).
   */
  public static boolean isAccumulation(Stmt.Assign a) {
    return (a.compound() == BinaryOp.ADD || a.compound() == BinaryOp.SUBTRACT)
        && (a.target() instanceof Expr.Local || a.target() instanceof Expr.ArrayRead)
        && a.target().type() == Type.DOUBLE
        && !Walk.contains(a.value(), Expr.Field.class) && !Walk.contains(a.value(), Expr.Invoke.class);
  }
}
