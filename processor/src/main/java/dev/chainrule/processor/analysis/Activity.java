package dev.chainrule.processor.analysis;

import dev.chainrule.processor.ir.Callee;
import dev.chainrule.processor.ir.Expr;
import dev.chainrule.processor.ir.MathFn;
import dev.chainrule.processor.ir.Stmt;
import dev.chainrule.processor.ir.UnaryOp;
import dev.chainrule.processor.ir.Walk;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Activity analysis: a variable is <em>varied</em> if its value depends on a differentiated input,
 * <em>useful</em> if it reaches the result, and <em>active</em> if both. Only active variables get
 * adjoints. The analysis is flow-insensitive (per variable, arrays as a whole), which is
 * conservative: it may keep an adjoint that is always zero, never drop one that is not.
 */
public final class Activity {
  private final Map<String, String> arrayRoots;
  final Set<String> varied = new HashSet<>();
  final Set<String> useful = new HashSet<>();

  Activity(Map<String, String> arrayRoots) {
    this.arrayRoots = arrayRoots;
  }

  static Activity of(List<Stmt> body, Set<String> inputs, String result, Map<String, String> arrayRoots) {
    Activity a = new Activity(arrayRoots);
    a.varied.addAll(inputs);
    a.useful.add(arrayRoots.getOrDefault(result, result));
    boolean changed = true;
    while (changed) {
      changed = false;
      for (Write w : writes(body)) {
        String target = a.root(w.target());
        Set<String> sources = a.derivativeSources(w.value());
        if (!a.varied.contains(target) && sources.stream().anyMatch(a.varied::contains)) {
          changed |= a.varied.add(target);
        }
        if (a.useful.contains(target)) {
          changed |= a.useful.addAll(sources);
        }
      }
    }
    return a;
  }

  public boolean isActive(String variable) {
    String r = arrayRoots.getOrDefault(variable, variable);
    return varied.contains(r) && useful.contains(r);
  }

  /** Whether a derivative can flow out of {@code e}: it reads a varied variable where derivatives flow. */
  public boolean isVaried(Expr e) {
    return derivativeSources(e).stream().anyMatch(varied::contains);
  }

  String root(Expr target) {
    String name = Walk.root(target);
    return arrayRoots.getOrDefault(name, name);
  }

  /** The variables (array roots) whose derivative flows into the value of {@code e}. */
  Set<String> derivativeSources(Expr e) {
    Set<String> out = new LinkedHashSet<>();
    collect(e, out);
    return out;
  }

  private void collect(Expr e, Set<String> out) {
    if (!(e.type() != null && e.type().isDifferentiable())) {
      return;
    }
    if (e instanceof Expr.Local l) {
      out.add(arrayRoots.getOrDefault(l.name(), l.name()));
    }
    flowingOperands(e).forEach(o -> collect(o, out));
  }

  /**
   * The operands of {@code e} through which a derivative flows into its value: both sides of
   * arithmetic, a sign's operand, a ternary's branches (not its condition), a cast's operand, an
   * element's array, a call's arguments (none for {@code stopGradient} and functions with a zero
   * derivative). Comparisons, logic and indices carry none.
   */
  public static List<Expr> flowingOperands(Expr e) {
    if (e instanceof Expr.ArrayRead r) {
      return List.of(r.array());
    } else if (e instanceof Expr.Binary b) {
      return b.op().isArithmetic() ? List.of(b.left(), b.right()) : List.of();
    } else if (e instanceof Expr.Unary u) {
      return u.op() == UnaryOp.NEGATE || u.op() == UnaryOp.PLUS ? List.of(u.operand()) : List.of();
    } else if (e instanceof Expr.Conditional c) {
      return List.of(c.ifTrue(), c.ifFalse());
    } else if (e instanceof Expr.Cast c) {
      return List.of(c.operand());
    } else if (e instanceof Expr.Call c) {
      boolean constant = c.callee() instanceof Callee.StopGradient
          || c.callee() instanceof Callee.MathFunction m && hasZeroDerivative(m.function());
      return constant ? List.of() : c.args();
    }
    return List.of();
  }

  public static boolean hasZeroDerivative(MathFn fn) {
    return switch (fn) {
      case SIGNUM, FLOOR, CEIL, RINT, ROUND, ULP -> true;
      default -> false;
    };
  }

  /** An assignment of {@code value} into {@code target} (a variable or array element). */
  record Write(Expr target, Expr value, Stmt stmt) {}

  static List<Write> writes(List<Stmt> body) {
    List<Write> out = new java.util.ArrayList<>();
    Walk.forEachStmt(body, s -> {
      if (s instanceof Stmt.Declare d && d.init() != null) {
        out.add(new Write(new Expr.Local(d.name(), d.type()), d.init(), s));
      } else if (s instanceof Stmt.Assign a) {
        out.add(new Write(a.target(), a.effectiveValue(), s));
      }
    });
    return out;
  }
}
