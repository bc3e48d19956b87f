package dev.chainrule.processor.symbolic;

import dev.chainrule.processor.ir.BinaryOp;
import dev.chainrule.processor.ir.Callee;
import dev.chainrule.processor.ir.Expr;
import dev.chainrule.processor.ir.MathFn;
import dev.chainrule.processor.ir.Method;
import dev.chainrule.processor.ir.Param;
import dev.chainrule.processor.ir.Stmt;
import dev.chainrule.processor.ir.Type;
import dev.chainrule.processor.ir.UnaryOp;
import dev.chainrule.processor.ir.Walk;
import dev.chainrule.processor.rules.Rules;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Builds a {@link Graph}: statement by statement, an expression node per operation. */
final class GraphBuilder {
  private static final Expr ONE = Expr.Literal.ofDouble(1);
  private static final Expr ZERO = Expr.Literal.ofDouble(0);

  /** What an expression is in the graph: a node, or a constant folded into its users' labels. */
  private record Value(int node, Expr constant) {
    static Value of(int node) {
      return new Value(node, null);
    }

    static Value constant(Expr e) {
      return new Value(-1, e);
    }

    boolean isNode() {
      return node >= 0;
    }

    Expr expr() {
      return isNode() ? Graph.ref(node) : constant;
    }
  }

  private final Method method;
  private final List<MutableNode> nodes = new ArrayList<>();
  private final Map<String, Value> defs = new HashMap<>();
  private final Map<String, Param> parameters = new HashMap<>();
  private boolean evaluable = true;

  private static final class MutableNode {
    final int id;
    final Graph.Kind kind;
    final String label;
    final String detail;
    final List<String> names = new ArrayList<>();
    final List<Integer> inputs = new ArrayList<>();
    Expr value;
    List<Expr> partials = new ArrayList<>();
    boolean returns;

    MutableNode(int id, Graph.Kind kind, String label, String detail) {
      this.id = id;
      this.kind = kind;
      this.label = label;
      this.detail = detail;
    }
  }

  private GraphBuilder(Method method) {
    this.method = method;
    method.parameters().forEach(p -> parameters.put(p.name(), p));
  }

  static Graph build(Method method) {
    GraphBuilder b = new GraphBuilder(method);
    List<Integer> results = new ArrayList<>();
    for (Stmt s : method.body()) {
      b.statement(s, results);
    }
    MutableNode out = b.add(Graph.Kind.OUTPUT, method.name(), "the result");
    for (int r : results) {
      out.inputs.add(r);
      out.partials.add(ONE);
    }
    out.value = results.size() == 1 ? Graph.ref(results.get(0)) : null;
    if (results.size() != 1) {
      out.partials = null;
      b.evaluable = false;
    }
    List<Graph.Node> done = new ArrayList<>();
    for (MutableNode n : b.nodes) {
      done.add(new Graph.Node(n.id, n.kind, n.label, n.detail, n.names, n.inputs, n.value, n.partials, n.returns));
    }
    return new Graph(done, b.evaluable);
  }

  private void statement(Stmt s, List<Integer> results) {
    if (s instanceof Stmt.Declare d && (d.init() == null || !d.type().isDifferentiable() || d.init() instanceof Expr.NewArray)
        || s instanceof Stmt.Assign a && a.target() instanceof Expr.Local l && !l.type().isDifferentiable()) {
      return; // sizes, counters, flags and fresh zero arrays carry no derivative: not drawn
    }
    if (s instanceof Stmt.Declare d && !d.type().isArray() && isScalar(d.init())) {
      bind(d.name(), value(d.init()));
    } else if (s instanceof Stmt.Assign a && a.target() instanceof Expr.Local l && !l.type().isArray()
        && isScalar(a.value())) {
      bind(l.name(), value(a.effectiveValue()));
    } else if (s instanceof Stmt.Return r && isScalar(r.value())) {
      Value v = value(r.value());
      if (v.isNode()) {
        results.add(v.node());
      }
    } else {
      summary(s, results);
    }
  }

  private void bind(String name, Value v) {
    defs.put(name, v);
    if (v.isNode() && nodes.get(v.node()).kind != Graph.Kind.INPUT) {
      nodes.get(v.node()).names.add(name);
    }
  }

  /** A statement drawn as one node: loops, ifs, anything on arrays. */
  private void summary(Stmt s, List<Integer> results) {
    evaluable = false;
    String label = s instanceof Stmt.For ? "for" : s instanceof Stmt.While ? "while"
        : s instanceof Stmt.DoWhile ? "do … while" : s instanceof Stmt.If ? "if" : s instanceof Stmt.Return ? "return" : "=";
    Set<String> read = new LinkedHashSet<>();
    Set<String> declared = new LinkedHashSet<>();
    Set<String> written = new LinkedHashSet<>();
    boolean[] returns = {s instanceof Stmt.Return};
    List<Stmt> all = new ArrayList<>();
    all.add(s);
    Walk.forEachStmt(all, x -> {
      Walk.expressions(x).forEach(e -> read.addAll(Walk.locals(e)));
      if (x instanceof Stmt.Declare d) {
        declared.add(d.name());
      }
      written.addAll(Walk.written(x));
      returns[0] |= x instanceof Stmt.Return;
    });
    read.removeAll(declared);
    List<Integer> inputs = new ArrayList<>();
    for (String v : read) {
      Value def = lookup(v);
      if (def != null && def.isNode() && !inputs.contains(def.node())) {
        inputs.add(def.node());
      }
    }
    // Locals declared inside the statement stay inside it; its own declaration is an output.
    Set<String> outs = new LinkedHashSet<>(written);
    outs.removeAll(declared);
    if (s instanceof Stmt.Declare d) {
      outs.add(d.name());
    }
    StringBuilder detail = new StringBuilder(s.pos().excerpt());
    if (!outs.isEmpty()) {
      detail.append(detail.length() > 0 ? " — " : "").append("writes ").append(String.join(", ", outs));
    }
    MutableNode n = add(Graph.Kind.SUMMARY, label, detail.toString());
    n.inputs.addAll(inputs);
    n.partials = null;
    n.returns = returns[0];
    for (String w : outs) {
      bind(w, Value.of(n.id));
    }
    if (n.returns) {
      results.add(n.id);
    }
  }

  private MutableNode add(Graph.Kind kind, String label, String detail) {
    MutableNode n = new MutableNode(nodes.size(), kind, label, detail);
    nodes.add(n);
    return n;
  }

  private Value lookup(String name) {
    Value v = defs.get(name);
    if (v == null && parameters.containsKey(name)) {
      Param p = parameters.get(name);
      MutableNode n = add(Graph.Kind.INPUT, name, p.type().javaName() + (p.differentiated() ? "" : ", not differentiated"));
      n.value = new Expr.Local(name, p.type());
      n.partials = List.of();
      v = Value.of(n.id);
      defs.put(name, v);
    }
    return v;
  }

  private static boolean isScalar(Expr e) {
    return !Walk.contains(e, Expr.ArrayRead.class) && !Walk.contains(e, Expr.Length.class)
        && !Walk.contains(e, Expr.NewArray.class) && (e.type() == null || !e.type().isArray());
  }

  private Value value(Expr e) {
    if (e instanceof Expr.Literal || e instanceof Expr.StaticField) {
      return Value.constant(e);
    } else if (e instanceof Expr.Local l) {
      Value v = lookup(l.name());
      return v != null ? v : Value.constant(e);
    } else if (e instanceof Expr.Cast c) {
      Value v = value(c.operand());
      return v.isNode() ? v : Value.constant(new Expr.Cast(c.type(), v.constant()));
    } else if (e instanceof Expr.Unary u && u.op() == UnaryOp.NEGATE) {
      Value v = value(u.operand());
      if (!v.isNode()) {
        return Value.constant(new Expr.Unary(u.op(), v.constant(), u.type()));
      }
      return node("−", e, List.of(v), List.of(Expr.Literal.ofDouble(-1)));
    } else if (e instanceof Expr.Unary u && u.op() == UnaryOp.PLUS) {
      return value(u.operand());
    } else if (e instanceof Expr.Binary b && b.op().isArithmetic()) {
      return binary(b);
    } else if (e instanceof Expr.Call c) {
      return call(c);
    } else if (e instanceof Expr.Conditional c) {
      return conditional(c);
    }
    // Comparisons and logic outside a conditional: an opaque node.
    List<Value> in = operands(Walk.children(e));
    evaluable = false;
    return node(e.getClass().getSimpleName(), e, in, null);
  }

  private List<Value> operands(List<Expr> children) {
    List<Value> in = new ArrayList<>();
    for (Expr c : children) {
      in.add(value(c));
    }
    return in;
  }

  private Value binary(Expr.Binary b) {
    Value l = value(b.left());
    Value r = value(b.right());
    Expr rebuilt = new Expr.Binary(b.op(), l.expr(), r.expr(), b.type());
    if (!l.isNode() && !r.isNode()) {
      return Value.constant(rebuilt);
    }
    if (b.type().isIntegral()) {
      return node(b.op().symbol(), rebuilt, List.of(l, r), null, true);
    }
    String symbol = switch (b.op()) {
      case MULTIPLY -> "×";
      case SUBTRACT -> "−";
      default -> b.op().symbol();
    };
    boolean commutes = b.op() == BinaryOp.ADD || b.op() == BinaryOp.MULTIPLY;
    String label = l.isNode() && r.isNode() ? symbol
        : r.isNode() && !commutes ? Notation.text(l.constant()) + " " + symbol
        : symbol + " " + Notation.text(l.isNode() ? r.constant() : l.constant());
    Expr self = Graph.ref(nodes.size());
    List<Expr> partials = new ArrayList<>();
    if (l.isNode()) {
      partials.add(Rules.partial(b.op(), 0, l.expr(), r.expr(), self));
    }
    if (r.isNode()) {
      partials.add(Rules.partial(b.op(), 1, l.expr(), r.expr(), self));
    }
    return node(label, rebuilt, List.of(l, r), partials);
  }

  private Value call(Expr.Call c) {
    List<Value> in = operands(c.args());
    List<Expr> args = in.stream().map(Value::expr).toList();
    Expr rebuilt = new Expr.Call(c.callee(), args, c.type());
    if (in.stream().noneMatch(Value::isNode)) {
      return Value.constant(rebuilt);
    }
    Expr self = Graph.ref(nodes.size());
    List<Expr> partials = new ArrayList<>();
    Callee callee = c.callee();
    String label = callee.owner().simpleName() + "." + callee.name();
    for (int k = 0; k < in.size() && partials != null; k++) {
      if (!in.get(k).isNode()) {
        continue;
      }
      if (callee instanceof Callee.MathFunction m) {
        label = m.function() == MathFn.SQRT ? "√" : m.function().javaName();
        if (m.function() == MathFn.MAX || m.function() == MathFn.MIN) {
          // Ties go to the first argument, as in the generated pullback.
          BinaryOp firstWins = m.function() == MathFn.MAX ? BinaryOp.GREATER_EQUAL : BinaryOp.LESS_EQUAL;
          Expr first = new Expr.Binary(firstWins, args.get(0), args.get(1), Type.BOOLEAN);
          partials.add(new Expr.Conditional(first, k == 0 ? ONE : ZERO, k == 0 ? ZERO : ONE, Type.DOUBLE));
        } else {
          partials.add(Rules.partial(m.owner(), m.function(), k, args, self));
        }
      } else if (callee instanceof Callee.Custom custom && custom.partialFor(k) != null && !custom.partialFor(k).array()) {
        Callee.Partial partial = custom.partialFor(k);
        List<Expr> partialArgs = new ArrayList<>(args);
        if (partial.takesResult()) {
          partialArgs.add(self);
        }
        partials.add(new Expr.Call(new Callee.StaticMethod(partial.owner(), partial.method()), partialArgs, Type.DOUBLE));
      } else if (callee instanceof Callee.StopGradient) {
        label = "stopGradient";
        partials.add(ZERO);
      } else {
        partials = null;
      }
    }
    if (partials == null) {
      evaluable = false;
    }
    return node(label, rebuilt, in, partials);
  }

  private Value conditional(Expr.Conditional c) {
    Expr condition = condition(c.condition());
    Value a = value(c.ifTrue());
    Value b = value(c.ifFalse());
    Expr rebuilt = new Expr.Conditional(condition, a.expr(), b.expr(), c.type());
    List<Value> in = new ArrayList<>();
    List<Expr> partials = new ArrayList<>();
    for (String ref : Walk.locals(condition)) {
      int id = Graph.refId(new Expr.Local(ref, Type.DOUBLE));
      if (id >= 0) {
        in.add(Value.of(id));
        partials.add(ZERO);
      }
    }
    if (a.isNode()) {
      in.add(a);
      partials.add(new Expr.Conditional(condition, ONE, ZERO, Type.DOUBLE));
    }
    if (b.isNode()) {
      in.add(b);
      partials.add(new Expr.Conditional(condition, ZERO, ONE, Type.DOUBLE));
    }
    if (in.isEmpty()) {
      return Value.constant(rebuilt);
    }
    return node("?:", rebuilt, in, partials);
  }

  /** A condition with its arithmetic operands turned into nodes. */
  private Expr condition(Expr e) {
    if (e instanceof Expr.Binary b && (b.op().isComparison() || b.op().isLogical())) {
      return new Expr.Binary(b.op(), condition(b.left()), condition(b.right()), b.type());
    } else if (e instanceof Expr.Unary u && u.op() == UnaryOp.NOT) {
      return new Expr.Unary(u.op(), condition(u.operand()), u.type());
    }
    return value(e).expr();
  }

  private Value node(String label, Expr value, List<Value> operands, List<Expr> partials) {
    return node(label, value, operands, partials, false);
  }

  /** A node over the node-valued operands; an integer node carries no derivative (partials 0). */
  private Value node(String label, Expr value, List<Value> operands, List<Expr> partials, boolean integral) {
    MutableNode n = add(Graph.Kind.OPERATION, label, "");
    for (Value v : operands) {
      if (v.isNode()) {
        n.inputs.add(v.node());
        if (integral) {
          n.partials.add(ZERO);
        }
      }
    }
    n.value = value;
    if (!integral) {
      n.partials = partials;
    }
    return Value.of(n.id);
  }
}
