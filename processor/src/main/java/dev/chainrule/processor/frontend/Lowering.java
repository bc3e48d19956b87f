package dev.chainrule.processor.frontend;

import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.StatementTree;
import dev.chainrule.processor.ir.Expr;
import dev.chainrule.processor.ir.Pos;
import dev.chainrule.processor.ir.Stmt;
import dev.chainrule.processor.ir.Type;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * What {@link MethodReader} provides to the parts of the frontend that lower a construct to the
 * IR's existing statements ({@link Switches}, {@link ArrayCopies}): reading trees, positions,
 * method-wide unique locals and the scopes (and, as {@link References.Reader}, expressions,
 * positions and lookups).
 */
interface Lowering extends References.Reader {
  List<Stmt> statement(StatementTree s);

  Stmt expressionStatement(ExpressionTree e, Pos pos);

  Expr condition(ExpressionTree t);

  Expr.Local declareLocal(String sourceName, Type type, Pos pos);

  String freshName(String base);

  /** The frontend's scopes, innermost first. */
  Deque<Map<String, Expr.Local>> scopes();
}
