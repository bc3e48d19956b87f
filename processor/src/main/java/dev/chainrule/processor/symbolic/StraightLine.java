package dev.chainrule.processor.symbolic;

import dev.chainrule.processor.ir.BinaryOp;
import dev.chainrule.processor.ir.Callee;
import dev.chainrule.processor.ir.Expr;
import dev.chainrule.processor.ir.MathFn;
import dev.chainrule.processor.ir.Method;
import dev.chainrule.processor.ir.Param;
import dev.chainrule.processor.ir.Stmt;
import dev.chainrule.processor.ir.UnaryOp;
import dev.chainrule.processor.ir.Walk;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Whether a method is straight-line — scalar locals assigned in order, then one {@code return} of
 * arithmetic and {@code Math} — and if so its result as one expression of the parameters (every
 * local substituted by its value).
 *
 * @param result the returned value over the parameters, or null when the method is not straight-line
 * @param reason why it is not, or null
 */
public record StraightLine(Expr result, String reason) {

  public static StraightLine of(Method method) {
    for (Param p : method.parameters()) {
      if (p.type().isArray()) {
        return no("it has the array parameter " + p.name());
      }
    }
    Map<String, Expr> values = new HashMap<>();
    List<Stmt> body = method.body();
    for (int i = 0; i < body.size(); i++) {
      Stmt s = body.get(i);
      String refusal = refusal(s, i == body.size() - 1);
      for (Expr e : Walk.expressions(s)) {
        refusal = refusal != null ? refusal : refusal(e);
      }
      if (refusal != null) {
        return no(refusal);
      }
      if (s instanceof Stmt.Declare d) {
        if (d.init() != null) {
          values.put(d.name(), substitute(d.init(), values));
        }
      } else if (s instanceof Stmt.Assign a) {
        values.put(((Expr.Local) a.target()).name(), substitute(a.effectiveValue(), values));
      } else if (s instanceof Stmt.Return r) {
        return new StraightLine(substitute(r.value(), values), null);
      }
    }
    return no("it does not end with a return");
  }

  public boolean isStraightLine() {
    return result != null;
  }

  private static StraightLine no(String reason) {
    return new StraightLine(null, reason);
  }

  private static String refusal(Stmt s, boolean last) {
    if (s instanceof Stmt.Declare d) {
      return d.type().isArray() ? "it has the array local " + d.name() : null;
    } else if (s instanceof Stmt.Assign a) {
      return a.target() instanceof Expr.Local ? null : "it writes into an array";
    } else if (s instanceof Stmt.Return) {
      return last ? null : "it returns early";
    } else if (s instanceof Stmt.If) {
      return "it branches (if)";
    } else if (Walk.isLoop(s)) {
      return "it has a loop";
    }
    return "it has a " + s.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT) + " statement";
  }

  /** Why an expression has no closed-form partials here, or null. */
  private static String refusal(Expr root) {
    String[] out = {null};
    Walk.forEach(root, e -> {
      if (out[0] == null) {
        out[0] = refusalOfNode(e);
      }
    });
    return out[0];
  }

  private static String refusalOfNode(Expr e) {
    if (e instanceof Expr.Conditional) {
      return "it has a conditional expression (piecewise)";
    } else if (e instanceof Expr.ArrayRead || e instanceof Expr.Length || e instanceof Expr.NewArray) {
      return "it uses arrays";
    } else if (e instanceof Expr.Unary u && u.op() != UnaryOp.NEGATE && u.op() != UnaryOp.PLUS) {
      return "it uses " + u.op().symbol();
    } else if (e instanceof Expr.Binary b && !b.op().isArithmetic()) {
      return "it uses " + b.op().symbol() + " (piecewise)";
    } else if (e instanceof Expr.Binary b && b.op() == BinaryOp.REMAINDER) {
      return "it uses %";
    } else if (e instanceof Expr.Call c) {
      Callee callee = c.callee();
      if (callee instanceof Callee.MathFunction m && (m.function() == MathFn.MAX || m.function() == MathFn.MIN)) {
        return "it uses Math." + m.function().javaName() + " (piecewise)";
      } else if (callee instanceof Callee.Custom custom && custom.partials().stream().anyMatch(Callee.Partial::array)) {
        return "it calls " + custom.name() + " with an array";
      } else if (callee instanceof Callee.Differentiable d) {
        return "it calls " + d.name() + ", which is not inlined";
      }
    }
    return null;
  }

  /** {@code e} with each local replaced by its current value (the parameters stay). */
  private static Expr substitute(Expr e, Map<String, Expr> values) {
    if (e instanceof Expr.Local l) {
      return values.getOrDefault(l.name(), l);
    }
    List<Expr> children = Walk.children(e);
    if (children.isEmpty()) {
      return e;
    }
    return Walk.withChildren(e, children.stream().map(c -> substitute(c, values)).toList());
  }
}
