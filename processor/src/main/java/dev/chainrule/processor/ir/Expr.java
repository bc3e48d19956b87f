package dev.chainrule.processor.ir;

import com.palantir.javapoet.ClassName;
import java.util.List;

/**
 * Expressions of the IR. The frontend produces them from source; the reverse stage builds new ones
 * for the generated code (adjoints, tape operations), which the emitter prints.
 */
public sealed interface Expr {

  Type type();

  /** A literal; {@code text} is the source spelling when there is one, else null. */
  record Literal(Object value, Type type, String text) implements Expr {
    public static Literal ofDouble(double v) {
      return new Literal(v, Type.DOUBLE, null);
    }

    public static Literal ofInt(int v) {
      return new Literal(v, Type.INT, null);
    }

    public static Literal ofBoolean(boolean v) {
      return new Literal(v, Type.BOOLEAN, null);
    }

    public double doubleValue() {
      return value instanceof Boolean ? Double.NaN : ((Number) value).doubleValue();
    }

    public boolean is(double v) {
      return type != Type.BOOLEAN && doubleValue() == v;
    }
  }

  /** A local variable or parameter. */
  record Local(String name, Type type) implements Expr {}

  /** A static field of some class: a constant such as {@code Math.PI} or {@code RATE}. */
  record StaticField(ClassName owner, String name, Type type) implements Expr {}

  record Unary(UnaryOp op, Expr operand, Type type) implements Expr {}

  record Binary(BinaryOp op, Expr left, Expr right, Type type) implements Expr {}

  record Conditional(Expr condition, Expr ifTrue, Expr ifFalse, Type type) implements Expr {}

  record Cast(Type type, Expr operand) implements Expr {}

  /** {@code array[index]}. */
  record ArrayRead(Expr array, Expr index, Type type) implements Expr {}

  /** {@code array.length}. */
  record Length(Expr array) implements Expr {
    @Override
    public Type type() {
      return Type.INT;
    }
  }

  /** A call of a static method: a {@code Math} function, a differentiable method, or other code. */
  record Call(Callee callee, List<Expr> args, Type type) implements Expr {
    public Call {
      args = List.copyOf(args);
    }
  }

  /** {@code new double[d0][d1]} (zero-filled). */
  record NewArray(Type type, List<Expr> dimensions) implements Expr {
    public NewArray {
      dimensions = List.copyOf(dimensions);
    }
  }

  // ---- Nodes that only generated code contains ----

  /** {@code target.name}: a field of the adjoint object the pullback works in. */
  record Field(Expr target, String name, Type type) implements Expr {}

  /** {@code target.method(args)}: an instance call such as {@code tape.pop()}. */
  record Invoke(Expr target, String method, List<Expr> args, Type type) implements Expr {
    public Invoke {
      args = List.copyOf(args);
    }
  }

  /** {@code new T()}: an adjoint or workspace the generated code creates on first use. */
  record New(com.palantir.javapoet.ClassName created) implements Expr {
    @Override
    public Type type() {
      return null;
    }
  }

  /** A reference to an object the generated code owns (an adjoint); it has no IR type. */
  record ObjectRef(String name) implements Expr {
    @Override
    public Type type() {
      return null;
    }
  }
}
