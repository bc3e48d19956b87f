package dev.chainrule.processor.rules;

import static dev.chainrule.processor.ir.Build.add;
import static dev.chainrule.processor.ir.Build.lit;
import static dev.chainrule.processor.ir.Build.mul;
import static dev.chainrule.processor.ir.Build.sub;

import com.palantir.javapoet.ClassName;
import dev.chainrule.processor.ir.Callee;
import dev.chainrule.processor.ir.Expr;
import dev.chainrule.processor.ir.Pos;
import dev.chainrule.processor.ir.Stmt;
import dev.chainrule.processor.ir.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The numeric fallback's partial derivative of opaque code: a five-point central-difference stencil
 * around the call's arguments ({@code dev.chainrule.runtime.NumericPartial}), four more calls per
 * argument. Both transforms use it for {@code @Differentiable(numericFallback = true)}.
 */
public final class NumericStencil {
  private static final ClassName NUMERIC_PARTIAL = ClassName.get("dev.chainrule.runtime", "NumericPartial");

  private NumericStencil() {}

  /**
   * Adds to {@code out} the statements computing ∂callee(in)/∂in[k] and returns the local holding
   * it; {@code in} are the call's argument values, evaluated once before.
   *
   * @param fresh gives fresh local names from a base
   */
  public static Expr.Local partial(Callee callee, List<Expr> in, int k, List<Stmt> out, UnaryOperator<String> fresh) {
    Expr.Local h = new Expr.Local(fresh.apply("h"), Type.DOUBLE);
    out.add(new Stmt.Declare(h.name(), Type.DOUBLE,
        new Expr.Call(new Callee.StaticMethod(NUMERIC_PARTIAL, "step"), List.of(in.get(k)), Type.DOUBLE), Pos.NONE));
    List<Expr> values = new ArrayList<>();
    for (double offset : new double[] {-2, -1, 1, 2}) {
      List<Expr> shifted = new ArrayList<>(in);
      Expr delta = mul(lit(Math.abs(offset)), h);
      shifted.set(k, offset < 0 ? sub(in.get(k), delta) : add(in.get(k), delta));
      Expr.Local f = new Expr.Local(fresh.apply("f"), Type.DOUBLE);
      out.add(new Stmt.Declare(f.name(), Type.DOUBLE, new Expr.Call(callee, shifted, Type.DOUBLE), Pos.NONE));
      values.add(f);
    }
    values.add(h);
    Expr.Local partial = new Expr.Local(fresh.apply("partial"), Type.DOUBLE);
    out.add(new Stmt.Declare(partial.name(), Type.DOUBLE,
        new Expr.Call(new Callee.StaticMethod(NUMERIC_PARTIAL, "stencil"), values, Type.DOUBLE), Pos.NONE));
    return partial;
  }
}
