package dev.chainrule.processor.emit;

import dev.chainrule.processor.ir.BinaryOp;
import dev.chainrule.processor.ir.Expr;
import dev.chainrule.processor.ir.Stmt;
import dev.chainrule.processor.ir.Type;
import dev.chainrule.processor.ir.Walk;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An estimate of the bytecode javac makes of a generated method body: the JVM limits a method to
 * 65,535 bytes, and a pullback is several times larger than its method, so a method of thousands
 * of statements may give one javac rejects ("code too large") — after seconds of work on a file
 * the user cannot fix. The processor refuses such methods itself when the estimate is clearly over
 * the limit.
 *
 * <p>Each instruction is counted with its usual length: a local's load or store takes 1 byte
 * ({@code dload_0..3}), 2 ({@code dload n}) or 4 ({@code wide dload n}) by its slot, a constant
 * 1 ({@code dconst_0}, {@code iconst_*}) to 3 ({@code ldc2_w}), an operator 1, a comparison of
 * doubles 4 ({@code dcmpl} and a branch), a call 3 plus its arguments, a field 3 plus its object.
 * Over the benchmark shapes of issue 13 (straight-line code, loops, branches, calls, integer code)
 * it stays within 10% of javac's sizes.
 */
public final class CodeSize {
  /** The JVM's limit on the bytecode of one method. */
  public static final int LIMIT = 65_535;

  private final Map<String, Integer> slots = new HashMap<>();
  private int nextSlot;
  private long bytes;

  private CodeSize(int parameterSlots) {
    this.nextSlot = parameterSlots;
  }

  /**
   * The estimated bytecode length of {@code body}.
   *
   * @param parameters the method's parameters by name and type, in order (they take the first
   *     slots)
   */
  public static long estimate(List<Stmt> body, Map<String, Type> parameters) {
    CodeSize size = new CodeSize(0);
    parameters.forEach((name, type) -> size.slotOf(name, type));
    size.statements(body);
    return size.bytes;
  }

  private int slotOf(String name, Type type) {
    return slots.computeIfAbsent(name, n -> {
      int slot = nextSlot;
      nextSlot += type == Type.DOUBLE || type == Type.LONG ? 2 : 1;
      return slot;
    });
  }

  private static int localAccess(int slot) {
    return slot < 4 ? 1 : slot < 256 ? 2 : 4;
  }

  private void statements(List<Stmt> stmts) {
    for (Stmt s : stmts) {
      statement(s);
    }
  }

  private void statement(Stmt s) {
    if (s instanceof Stmt.Declare d) {
      if (d.init() != null) {
        expr(d.init());
      }
      bytes += localAccess(slotOf(d.name(), d.type()));
    } else if (s instanceof Stmt.Assign a) {
      if (a.target() instanceof Expr.Local l) {
        if (a.compound() != null) {
          bytes += localAccess(slotOf(l.name(), l.type())) + 1;
        }
        expr(a.value());
        bytes += localAccess(slotOf(l.name(), l.type()));
      } else {
        // array[i] op= v: the array and index, dup2, the load, the value, the op, the store.
        Expr target = a.target();
        for (Expr child : Walk.children(target)) {
          expr(child);
        }
        bytes += a.compound() != null ? 3 : 1;
        expr(a.value());
        bytes += 1;
      }
    } else if (s instanceof Stmt.If f) {
      expr(f.condition());
      bytes += 3;
      statements(f.thenPart());
      if (!f.elsePart().isEmpty()) {
        bytes += 3;
        statements(f.elsePart());
      }
    } else if (s instanceof Stmt.While w) {
      expr(w.condition());
      bytes += 6;
      statements(w.body());
    } else if (s instanceof Stmt.DoWhile d) {
      statements(d.body());
      expr(d.condition());
      bytes += 3;
    } else if (s instanceof Stmt.For f) {
      statements(f.init());
      if (f.condition() != null) {
        expr(f.condition());
      }
      bytes += 6;
      statements(f.body());
      statements(f.update());
    } else if (s instanceof Stmt.Block b) {
      statements(b.body());
    } else if (s instanceof Stmt.Return r) {
      expr(r.value());
      bytes += 1;
    } else if (s instanceof Stmt.Break || s instanceof Stmt.Continue) {
      bytes += 3;
    } else if (s instanceof Stmt.Eval e) {
      expr(e.expr());
      bytes += 1;
    }
  }

  private void expr(Expr e) {
    if (e instanceof Expr.Local l) {
      bytes += localAccess(slotOf(l.name(), l.type()));
      return;
    }
    if (e instanceof Expr.Literal l) {
      bytes += l.value() instanceof Number n && (n.doubleValue() == 0 || n.doubleValue() == 1) ? 1 : 3;
      return;
    }
    for (Expr child : Walk.children(e)) {
      expr(child);
    }
    if (e instanceof Expr.Binary b) {
      bytes += b.op().isComparison() && b.left().type() != null && !b.left().type().isIntegral() ? 4
          : b.op().isComparison() || b.op() == BinaryOp.CONDITIONAL_AND || b.op() == BinaryOp.CONDITIONAL_OR ? 3 : 1;
    } else if (e instanceof Expr.Conditional) {
      bytes += 6;
    } else if (e instanceof Expr.Call || e instanceof Expr.Invoke) {
      bytes += 3;
    } else if (e instanceof Expr.StaticField || e instanceof Expr.Field) {
      bytes += 3;
    } else if (e instanceof Expr.ObjectRef) {
      bytes += 2;
    } else if (e instanceof Expr.NewArray) {
      bytes += 4;
    } else {
      bytes += 1; // unary operator, cast, array element, length
    }
  }
}
