package dev.chainrule.processor.symbolic;

import dev.chainrule.processor.ir.Expr;
import dev.chainrule.processor.ir.Method;
import dev.chainrule.processor.ir.Type;
import java.util.List;

/**
 * A method's computational graph as the chapter draws it: a node per operation (×, +, exp, a call),
 * inputs on the left, the result on the right. Each node says how to compute its value from its
 * inputs and, for each input, the local partial derivative — both expressions over node references
 * ({@link #ref}) and taken from {@code rules.Rules} — so a reader (the build plugin's report)
 * can put forward values on the edges and backward values under them at a sample point.
 *
 * <p>Straight-line code gets a node per operation. A loop, an {@code if} or a statement on arrays
 * is one node that summarises it (its source line, what it reads and writes), not unrolled; such a
 * graph is not {@link #evaluable()} step by step.
 *
 * @param nodes in an order where each node's inputs come before it; the last is the output
 * @param evaluable whether every node has a value expression and partials
 */
public record Graph(List<Node> nodes, boolean evaluable) {

  public enum Kind { INPUT, OPERATION, SUMMARY, OUTPUT }

  /**
   * @param id its index in {@link Graph#nodes()}
   * @param label what the node shows: {@code ×}, {@code + 1}, {@code exp}, a parameter's name
   * @param detail more for a reader: the source of a summarised statement, a parameter's type
   * @param names the locals this node's value is stored in (d1, subtotal), if any
   * @param inputs the nodes it reads, one entry per edge (a node read twice appears twice)
   * @param value its value over {@link #ref}s of its inputs (a parameter for an input node), or null
   * @param partials per input, the local partial ∂node/∂input over node references, or null
   * @param returns for a summary node, whether the statement returns the method's result
   */
  public record Node(int id, Kind kind, String label, String detail, List<String> names, List<Integer> inputs,
      Expr value, List<Expr> partials, boolean returns) {
    public Node {
      names = List.copyOf(names);
      inputs = List.copyOf(inputs);
      partials = partials == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(partials));
    }
  }

  public Graph {
    nodes = List.copyOf(nodes);
  }

  /** The graph of {@code method} (use the body the generated code differentiates: after inlining). */
  public static Graph of(Method method) {
    return GraphBuilder.build(method);
  }

  private static final String REF = "#";

  /** A reference to node {@code id} inside a node's value or partial expressions. */
  public static Expr ref(int id) {
    return new Expr.Local(REF + id, Type.DOUBLE);
  }

  /** The node a {@link #ref} names, or -1 for any other expression. */
  public static int refId(Expr e) {
    return e instanceof Expr.Local l && l.name().startsWith(REF) ? Integer.parseInt(l.name().substring(REF.length())) : -1;
  }
}
