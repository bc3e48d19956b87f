package dev.chainrule.processor.frontend;

import com.sun.source.tree.BreakTree;
import com.sun.source.tree.ContinueTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import dev.chainrule.processor.diagnostics.Message;
import dev.chainrule.processor.diagnostics.Problem;
import dev.chainrule.processor.ir.Expr;
import dev.chainrule.processor.ir.Pos;
import dev.chainrule.processor.ir.Stmt;
import dev.chainrule.processor.ir.Type;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Supplier;

/**
 * The part of the frontend that lowers labelled loops (issue 16, item 4) to the IR's unlabelled
 * {@code break} and {@code continue}, so no later stage knows about labels.
 *
 * <p>A {@code break outer} or {@code continue outer} in the labelled loop's own body is the
 * unlabelled one. From an inner loop it sets a flag of the label ({@code outerBroken},
 * {@code outerContinued}, declared false before the labelled loop) and breaks the inner loop; after
 * each loop between it and the label, {@code if (outerBroken) break;} leaves the next loop out, and
 * after the loop in the labelled one's body {@code if (outerContinued) { outerContinued = false;
 * continue; }} continues the labelled loop. (A switch is lowered to if/else first, so a
 * {@code break} it contains is the loop's.)
 *
 * <p>A label on anything but a loop ({@code outer: { ... }}) stays refused.
 */
final class Labels {

  /** A label of a loop being read. */
  private static final class Label {
    final String name;
    /** The loop depth of the labelled loop's body. */
    final int depth;
    Expr.Local broken;
    Expr.Local continued;
    int jumps;

    Label(String name, int depth) {
      this.name = name;
      this.depth = depth;
    }
  }

  private final Lowering reader;
  private final Deque<Label> labels = new ArrayDeque<>();
  private int depth;

  Labels(Lowering reader) {
    this.reader = reader;
  }

  private static boolean isLoop(Tree t) {
    return switch (t.getKind()) {
      case FOR_LOOP, ENHANCED_FOR_LOOP, WHILE_LOOP, DO_WHILE_LOOP -> true;
      default -> false;
    };
  }

  /** {@code name: loop}. */
  List<Stmt> labelled(LabeledStatementTree t, Pos pos) {
    StatementTree body = t.getStatement();
    if (!isLoop(body)) {
      throw new Problem(Message.LABELED, pos);
    }
    Label label = new Label(t.getLabel().toString(), depth + 1);
    labels.push(label);
    List<Stmt> loop;
    try {
      loop = reader.statement(body); // through loop() below
    } finally {
      labels.pop();
    }
    if (label.broken == null && label.continued == null) {
      return loop;
    }
    List<Stmt> out = new ArrayList<>();
    for (Expr.Local flag : new Expr.Local[] {label.broken, label.continued}) {
      if (flag != null) {
        out.add(new Stmt.Declare(flag.name(), Type.BOOLEAN, Expr.Literal.ofBoolean(false), pos));
      }
    }
    out.addAll(loop);
    return List.of(new Stmt.Block(out, pos));
  }

  /**
   * Reads a loop statement with {@code read}, then adds the checks of the labels that a jump
   * inside it targets beyond it.
   */
  List<Stmt> loop(Supplier<List<Stmt>> read, Pos pos) {
    int[] before = new int[labels.size()];
    int k = 0;
    for (Label l : labels) {
      before[k++] = l.jumps;
    }
    depth++;
    List<Stmt> loop;
    try {
      loop = read.get();
    } finally {
      depth--;
    }
    List<Stmt> out = new ArrayList<>(loop);
    k = 0;
    for (Label l : labels) {
      if (l.jumps == before[k++] || l.depth > depth) {
        continue; // no jump to it from inside, or the loop is the labelled one itself
      }
      if (l.broken != null) {
        out.add(new Stmt.If(l.broken, List.of(new Stmt.Break(pos)), List.of(), pos));
      }
      if (l.continued != null) {
        List<Stmt> then = l.depth == depth
            ? List.of(new Stmt.Assign(l.continued, null, Expr.Literal.ofBoolean(false), pos), new Stmt.Continue(pos))
            : List.of(new Stmt.Break(pos));
        out.add(new Stmt.If(l.continued, then, List.of(), pos));
      }
    }
    return out;
  }

  /** {@code break} or {@code continue}, labelled or not. */
  List<Stmt> jump(Tree t, Pos pos) {
    boolean isBreak = t instanceof BreakTree;
    var name = isBreak ? ((BreakTree) t).getLabel() : ((ContinueTree) t).getLabel();
    if (name == null) {
      return List.of(isBreak ? new Stmt.Break(pos) : new Stmt.Continue(pos));
    }
    Label label = null;
    for (Label l : labels) {
      if (l.name.contentEquals(name)) {
        label = l;
        break;
      }
    }
    if (label == null) {
      throw new Problem(Message.LABELED, pos); // javac reports an undefined label too
    }
    if (label.depth == depth) {
      return List.of(isBreak ? new Stmt.Break(pos) : new Stmt.Continue(pos));
    }
    label.jumps++;
    Expr.Local flag;
    if (isBreak) {
      if (label.broken == null) {
        label.broken = new Expr.Local(reader.freshName(label.name + "Broken"), Type.BOOLEAN);
      }
      flag = label.broken;
    } else {
      if (label.continued == null) {
        label.continued = new Expr.Local(reader.freshName(label.name + "Continued"), Type.BOOLEAN);
      }
      flag = label.continued;
    }
    return List.of(new Stmt.Assign(flag, null, Expr.Literal.ofBoolean(true), pos), new Stmt.Break(pos));
  }
}
