package dev.chainrule.processor.frontend;

import dev.chainrule.processor.diagnostics.Message;
import dev.chainrule.processor.diagnostics.Problem;
import dev.chainrule.processor.ir.BinaryOp;
import dev.chainrule.processor.ir.Expr;
import dev.chainrule.processor.ir.Pos;
import dev.chainrule.processor.ir.Stmt;
import dev.chainrule.processor.ir.Type;
import dev.chainrule.processor.ir.Walk;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The frontend's part of vector results: a method that returns {@code double[]} or
 * {@code double[][]}, or writes into an {@code @Out} parameter, is read into a body that ends with
 * {@code return r} of an array variable, its only {@code return} — the shape both transforms take.
 */
final class VectorResults {
  private VectorResults() {}

  /**
   * The start of an {@code @Out} method: a local array of the output's shape holding what the
   * caller passed, which the body reads and writes instead of the caller's array (the transforms
   * copy it into the caller's array at the end, after their own sweeps).
   */
  static List<Stmt> copyIn(Expr.Local param, Expr.Local shadow, String i, String j, Pos pos) {
    Expr.Local row = new Expr.Local(i, Type.INT);
    Expr rows = new Expr.Length(param);
    List<Stmt> out = new ArrayList<>();
    if (param.type() == Type.DOUBLE_ARRAY) {
      out.add(new Stmt.Declare(shadow.name(), shadow.type(), new Expr.NewArray(shadow.type(), List.of(rows)), pos));
      out.add(loop(row, rows, List.of(new Stmt.Assign(new Expr.ArrayRead(shadow, row, Type.DOUBLE), null,
          new Expr.ArrayRead(param, row, Type.DOUBLE), Pos.NONE))));
      return out;
    }
    Expr columns = new Expr.Conditional(
        new Expr.Binary(BinaryOp.EQUAL, rows, Expr.Literal.ofInt(0), Type.BOOLEAN), Expr.Literal.ofInt(0),
        new Expr.Length(new Expr.ArrayRead(param, Expr.Literal.ofInt(0), Type.DOUBLE_ARRAY)), Type.INT);
    out.add(new Stmt.Declare(shadow.name(), shadow.type(), new Expr.NewArray(shadow.type(), List.of(rows, columns)), pos));
    Expr.Local column = new Expr.Local(j, Type.INT);
    Expr paramRow = new Expr.ArrayRead(param, row, Type.DOUBLE_ARRAY);
    Expr shadowRow = new Expr.ArrayRead(shadow, row, Type.DOUBLE_ARRAY);
    Stmt inner = loop(column, new Expr.Length(paramRow), List.of(new Stmt.Assign(
        new Expr.ArrayRead(shadowRow, column, Type.DOUBLE), null, new Expr.ArrayRead(paramRow, column, Type.DOUBLE),
        Pos.NONE)));
    out.add(loop(row, rows, List.of(inner)));
    return out;
  }

  private static Stmt loop(Expr.Local counter, Expr bound, List<Stmt> body) {
    return new Stmt.For(List.of(new Stmt.Declare(counter.name(), Type.INT, Expr.Literal.ofInt(0), Pos.NONE)),
        new Expr.Binary(BinaryOp.LESS, counter, bound, Type.BOOLEAN),
        List.of(new Stmt.Assign(counter, BinaryOp.ADD, Expr.Literal.ofInt(1), Pos.NONE)), body, Pos.NONE);
  }

  /**
   * Checks that a vector-valued body returns once, at its end, an array variable (a row such as
   * {@code X[i]} becomes a variable first), and returns the body in that shape.
   *
   * @param fresh gives a name no user variable has
   */
  static List<Stmt> finalReturn(List<Stmt> body, String method, Pos methodPos, UnaryOperator<String> fresh) {
    List<Stmt> out = flattenLast(body);
    Stmt last = out.isEmpty() ? null : out.get(out.size() - 1);
    if (!(last instanceof Stmt.Return r) || r.value() == null) {
      throw new Problem(Message.VECTOR_RETURN, last == null ? methodPos : last.pos(), method,
          "it must end with a return statement");
    }
    Walk.forEachStmt(out.subList(0, out.size() - 1), s -> {
      if (s instanceof Stmt.Return early && early.value() != null) {
        throw new Problem(Message.VECTOR_RETURN, early.pos(), method, "this return is not its last statement");
      }
    });
    Expr value = r.value();
    if (value instanceof Expr.Local) {
      return out;
    }
    if (value instanceof Expr.ArrayRead row && row.array() instanceof Expr.Local) {
      String name = fresh.apply("result");
      out.set(out.size() - 1, new Stmt.Declare(name, value.type(), value, r.pos()));
      out.add(new Stmt.Return(new Expr.Local(name, value.type()), r.pos()));
      return out;
    }
    throw new Problem(Message.VECTOR_RETURN, r.pos(), method,
        "it must return an array variable, a row such as X[i] or an initializer such as new double[] {a, b}");
  }

  /** The body with a final block (an initializer and its return) spliced in. */
  private static List<Stmt> flattenLast(List<Stmt> body) {
    List<Stmt> out = new ArrayList<>(body);
    while (!out.isEmpty() && out.get(out.size() - 1) instanceof Stmt.Block b) {
      out.remove(out.size() - 1);
      out.addAll(b.body());
    }
    return out;
  }
}
