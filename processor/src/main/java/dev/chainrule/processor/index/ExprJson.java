package dev.chainrule.processor.index;

import dev.chainrule.processor.ir.Callee;
import dev.chainrule.processor.ir.Expr;
import dev.chainrule.processor.ir.UnaryOp;
import dev.chainrule.processor.symbolic.Graph;
import java.util.ArrayList;
import java.util.List;

/**
 * An IR expression as JSON, for a reader to evaluate: a number; {@code ["node", id]} (a graph
 * node's value); {@code ["var", name]} (a parameter); {@code ["field", class, name]} (a static
 * constant); {@code [op, a, b]} for {@code + - * / %} and the comparisons and logic operators as
 * Java spells them; {@code ["neg", a]}, {@code ["not", a]}; {@code ["?", c, a, b]};
 * {@code ["cast", type, a]}; {@code ["call", class, method, args...]} for a static method
 * ({@code java.lang.Math} functions included), classes by binary name.
 */
final class ExprJson {
  private ExprJson() {}

  static Object of(Expr e) {
    if (e == null) {
      return null;
    }
    int node = Graph.refId(e);
    if (node >= 0) {
      return Json.list("node", node);
    }
    if (e instanceof Expr.Literal l) {
      return l.value() instanceof Boolean b ? b : (Object) l.doubleValue();
    } else if (e instanceof Expr.Local l) {
      return Json.list("var", l.name());
    } else if (e instanceof Expr.StaticField f) {
      return Json.list("field", f.owner().reflectionName(), f.name());
    } else if (e instanceof Expr.Unary u) {
      return u.op() == UnaryOp.NEGATE ? Json.list("neg", of(u.operand()))
          : u.op() == UnaryOp.NOT ? Json.list("not", of(u.operand())) : of(u.operand());
    } else if (e instanceof Expr.Binary b) {
      return Json.list(b.op().symbol(), of(b.left()), of(b.right()));
    } else if (e instanceof Expr.Conditional c) {
      return Json.list("?", of(c.condition()), of(c.ifTrue()), of(c.ifFalse()));
    } else if (e instanceof Expr.Cast c) {
      return Json.list("cast", c.type().javaName(), of(c.operand()));
    } else if (e instanceof Expr.Call c) {
      Callee callee = c.callee();
      List<Object> out = new ArrayList<>(List.of("call", callee.owner().reflectionName(), callee.name()));
      c.args().forEach(a -> out.add(of(a)));
      return out;
    }
    throw new IllegalArgumentException("no JSON form for " + e.getClass().getSimpleName());
  }
}
