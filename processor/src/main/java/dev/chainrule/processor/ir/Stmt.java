package dev.chainrule.processor.ir;

import java.util.List;

/**
 * Statements of the IR. Analyses key their results by statement identity (use an
 * {@link java.util.IdentityHashMap}): two statements with equal text are still different places.
 */
public sealed interface Stmt {

  Pos pos();

  /** {@code type name = init;} ({@code init} may be null: declared, assigned later). */
  record Declare(String name, Type type, Expr init, Pos pos) implements Stmt {}

  /**
   * {@code target = value} or, with {@code compound} set, {@code target op= value}. The target is
   * a {@link Expr.Local}, an {@link Expr.ArrayRead} or (generated code) an {@link Expr.Field}.
   */
  record Assign(Expr target, BinaryOp compound, Expr value, Pos pos) implements Stmt {
    /** The right-hand side as a plain assignment would have it: {@code target op value}. */
    public Expr effectiveValue() {
      if (compound == null) {
        return value;
      }
      return new Expr.Binary(compound, target, value, Type.promote(target.type(), value.type()));
    }
  }

  record If(Expr condition, List<Stmt> thenPart, List<Stmt> elsePart, Pos pos) implements Stmt {
    public If {
      thenPart = List.copyOf(thenPart);
      elsePart = List.copyOf(elsePart);
    }
  }

  record While(Expr condition, List<Stmt> body, Pos pos) implements Stmt {
    public While {
      body = List.copyOf(body);
    }
  }

  record DoWhile(List<Stmt> body, Expr condition, Pos pos) implements Stmt {
    public DoWhile {
      body = List.copyOf(body);
    }
  }

  /** {@code for (init; condition; update) body}; a null condition means {@code true}. */
  record For(List<Stmt> init, Expr condition, List<Stmt> update, List<Stmt> body, Pos pos)
      implements Stmt {
    public For {
      init = List.copyOf(init);
      update = List.copyOf(update);
      body = List.copyOf(body);
    }
  }

  record Block(List<Stmt> body, Pos pos) implements Stmt {
    public Block {
      body = List.copyOf(body);
    }
  }

  record Return(Expr value, Pos pos) implements Stmt {}

  record Break(Pos pos) implements Stmt {}

  record Continue(Pos pos) implements Stmt {}

  // ---- Generated code only ----

  /** An expression evaluated for its effect: {@code tape.push(x);}. */
  record Eval(Expr expr, Pos pos) implements Stmt {}

  /** A line comment in generated code. */
  record Comment(String text) implements Stmt {
    @Override
    public Pos pos() {
      return Pos.NONE;
    }
  }
}
