package dev.chainrule.processor.frontend;

import com.sun.source.tree.BlockTree;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ContinueTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.tree.YieldTree;
import com.sun.source.util.TreeScanner;
import java.util.List;

/** Facts about jumps the switch lowering needs ({@link Switches}): where they are, and JLS 14.22. */
final class Jumps {
  private Jumps() {}

  /**
   * Whether {@code t} holds an unlabelled break of the statement around it (when {@code breaks})
   * or a yield of the switch expression around it (when {@code yields}); a switch statement's own
   * breaks are not searched, a loop's neither (a yield in a loop is refused where it is read).
   */
  static boolean jumps(Tree t, boolean breaks, boolean yields) {
    boolean[] found = {false};
    new OutsideLoops() {
      private int switches;

      @Override
      public Void visitBreak(BreakTree node, Void unused) {
        found[0] |= node.getLabel() == null && breaks && switches == 0;
        return null;
      }

      @Override
      public Void visitYield(YieldTree node, Void unused) {
        found[0] |= yields;
        return null;
      }

      @Override
      public Void visitSwitch(SwitchTree node, Void unused) {
        if (!yields) {
          return null; // its breaks are its own
        }
        switches++; // only its yields are the enclosing expression's
        super.visitSwitch(node, unused);
        switches--;
        return null;
      }

      @Override
      public Void visitSwitchExpression(SwitchExpressionTree node, Void unused) {
        return null;
      }
    }.scan(t, null);
    return found[0];
  }

  /** Java's "can complete normally" (JLS 14.22) for the statements a @Differentiable method may hold. */
  static boolean completesNormally(StatementTree s) {
    switch (s.getKind()) {
      case RETURN, THROW, BREAK, CONTINUE, YIELD:
        return false;
      case BLOCK: {
        List<? extends StatementTree> body = ((BlockTree) s).getStatements();
        return body.isEmpty() || completesNormally(body.get(body.size() - 1));
      }
      case IF: {
        IfTree t = (IfTree) s;
        return t.getElseStatement() == null || completesNormally(t.getThenStatement())
            || completesNormally(t.getElseStatement());
      }
      case WHILE_LOOP: {
        WhileLoopTree t = (WhileLoopTree) s;
        return !isTrue(t.getCondition()) || breaks(t.getStatement());
      }
      case FOR_LOOP: {
        ForLoopTree t = (ForLoopTree) s;
        return (t.getCondition() != null && !isTrue(t.getCondition())) || breaks(t.getStatement());
      }
      case DO_WHILE_LOOP: {
        DoWhileLoopTree t = (DoWhileLoopTree) s;
        return breaks(t.getStatement()) || !isTrue(t.getCondition())
            && (completesNormally(t.getStatement()) || continues(t.getStatement()));
      }
      case SWITCH: {
        SwitchTree t = (SwitchTree) s;
        boolean hasDefault = false;
        for (CaseTree c : t.getCases()) {
          hasDefault |= c.getExpressions().isEmpty();
          if (breaks(c)) {
            return true;
          }
          if (c.getCaseKind() == CaseTree.CaseKind.RULE) {
            if (!(c.getBody() instanceof StatementTree body) || completesNormally(body)) {
              return true;
            }
          }
        }
        List<? extends CaseTree> cases = t.getCases();
        if (!hasDefault || cases.isEmpty()) {
          return true;
        }
        CaseTree last = cases.get(cases.size() - 1);
        return last.getCaseKind() == CaseTree.CaseKind.STATEMENT
            && (last.getStatements().isEmpty()
                || completesNormally(last.getStatements().get(last.getStatements().size() - 1)));
      }
      default:
        return true;
    }
  }

  private static boolean isTrue(ExpressionTree condition) {
    ExpressionTree e = Switches.unparenthesized(condition);
    return e instanceof LiteralTree l && Boolean.TRUE.equals(l.getValue());
  }

  /** Whether {@code t} holds an unlabelled break of the statement around it. */
  private static boolean breaks(Tree t) {
    return jumps(t, true, false);
  }

  /** Whether {@code t} holds an unlabelled continue of the loop around it. */
  private static boolean continues(Tree t) {
    boolean[] found = {false};
    new OutsideLoops() {
      @Override
      public Void visitContinue(ContinueTree node, Void unused) {
        found[0] |= node.getLabel() == null;
        return null;
      }
    }.scan(t, null);
    return found[0];
  }

  /**
   * A scanner that does not enter loops (their breaks and continues are their own; a yield in one
   * is refused where it is read), lambdas or classes.
   */
  private static class OutsideLoops extends TreeScanner<Void, Void> {
    @Override
    public Void visitWhileLoop(WhileLoopTree node, Void unused) {
      return null;
    }

    @Override
    public Void visitDoWhileLoop(DoWhileLoopTree node, Void unused) {
      return null;
    }

    @Override
    public Void visitForLoop(ForLoopTree node, Void unused) {
      return null;
    }

    @Override
    public Void visitEnhancedForLoop(EnhancedForLoopTree node, Void unused) {
      return null;
    }

    @Override
    public Void visitLambdaExpression(LambdaExpressionTree node, Void unused) {
      return null;
    }

    @Override
    public Void visitClass(ClassTree node, Void unused) {
      return null;
    }
  }
}
