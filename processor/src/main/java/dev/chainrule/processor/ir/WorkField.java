package dev.chainrule.processor.ir;

import com.palantir.javapoet.ClassName;

/**
 * A private field of the generated adjoint class: storage the pullback reuses from call to call
 * (tapes, buffers for local arrays, the adjoints of the methods it calls).
 *
 * @param calleeAdjoint the adjoint class of a called method, for {@link Kind#CALLEE}; else null
 */
public record WorkField(String name, Kind kind, ClassName calleeAdjoint) {
  public enum Kind { DOUBLE_STACK, INT_STACK, LONG_STACK, DOUBLE_ARRAY, DOUBLE_MATRIX, DOUBLE_TENSOR, INT_ARRAY, INT_MATRIX, CALLEE, POOL }

  /**
   * For a callee's adjoint or workspace: {@code if (owner.f == null) owner.f = new F();}. These are
   * created on first use rather than with their owner, so that a recursive method's adjoint, which
   * holds one of its own kind, is one object per level the recursion reached — reused afterwards.
   */
  public static java.util.List<Stmt> ensure(String owner, java.util.List<WorkField> fields) {
    java.util.List<Stmt> out = new java.util.ArrayList<>();
    for (WorkField f : fields) {
      if (f.kind() == Kind.CALLEE) {
        Expr field = new Expr.Field(new Expr.ObjectRef(owner), f.name(), null);
        out.add(new Stmt.If(new Expr.Binary(BinaryOp.EQUAL, field, new Expr.Literal(null, null, "null"), Type.BOOLEAN),
            java.util.List.of(new Stmt.Assign(field, null, new Expr.New(f.calleeAdjoint()), Pos.NONE)),
            java.util.List.of(), Pos.NONE));
      }
    }
    return out;
  }
}
