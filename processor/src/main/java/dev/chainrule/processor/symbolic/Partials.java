package dev.chainrule.processor.symbolic;

import dev.chainrule.processor.ir.Expr;
import dev.chainrule.processor.ir.Method;
import dev.chainrule.processor.ir.Param;
import dev.chainrule.processor.ir.Walk;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The partial derivatives of a straight-line method in closed form, simplified: one per
 * differentiated parameter, over the parameters. For any other method, the reason there are none.
 *
 * @param method the method's name
 * @param partials one per differentiated parameter, in order; empty when {@code reason} is set
 * @param reason why the method has no closed form, or null
 */
public record Partials(String method, List<Partial> partials, String reason) {
  /** Expressions larger than this (in nodes, counting shared ones each time) are not expanded. */
  private static final long MAX_NODES = 4000;

  /**
   * @param wrt the parameter
   * @param formula the partial ∂method/∂wrt, simplified, over the parameters
   */
  public record Partial(String wrt, Expr formula) {
    public String text() {
      return Notation.text(formula);
    }
  }

  public Partials {
    partials = List.copyOf(partials);
  }

  public static Partials of(Method method) {
    StraightLine line = StraightLine.of(method);
    if (!line.isStraightLine()) {
      return new Partials(method.name(), List.of(), line.reason());
    }
    if (size(line.result(), new IdentityHashMap<>()) > MAX_NODES) {
      return new Partials(method.name(), List.of(), "its expression is too large to show in closed form");
    }
    List<Partial> out = new ArrayList<>();
    try {
      for (Param p : method.differentiated()) {
        out.add(new Partial(p.name(), Simplifier.simplify(Differentiate.of(line.result(), p.name()))));
      }
    } catch (IllegalArgumentException e) {
      return new Partials(method.name(), List.of(), e.getMessage());
    }
    return new Partials(method.name(), out, null);
  }

  public boolean isClosedForm() {
    return reason == null;
  }

  /** {@code ∂price/∂apple = count · tax}. */
  public String text(Partial p) {
    return "∂" + method + "/∂" + p.wrt() + " = " + p.text();
  }

  public String mathMl(Partial p) {
    return Notation.mathMl(method, p.wrt(), p.formula());
  }

  private static long size(Expr e, Map<Expr, Long> memo) {
    Long known = memo.get(e);
    if (known != null) {
      return known;
    }
    long n = 1;
    for (Expr c : Walk.children(e)) {
      n = Math.min(n + size(c, memo), Long.MAX_VALUE / 4);
    }
    memo.put(e, n);
    return n;
  }
}
