package dev.chainrule.processor.forward;

import static dev.chainrule.processor.ir.Build.add;
import static dev.chainrule.processor.ir.Build.div;
import static dev.chainrule.processor.ir.Build.lit;
import static dev.chainrule.processor.ir.Build.mul;
import static dev.chainrule.processor.ir.Build.sub;

import com.palantir.javapoet.ClassName;
import dev.chainrule.processor.ir.Callee;
import dev.chainrule.processor.ir.Expr;
import dev.chainrule.processor.ir.Stmt;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Tangents of the runtime helpers the rules write into partials ({@code dev.chainrule.runtime.Partials}),
 * which forward over reverse meets in a pullback: a capped partial's tangent is the partial's (the cap
 * only acts where the result overflowed), and atan2's partials x/r² and −y/r² have the second
 * derivatives of atan2.
 */
final class HelperTangents {
  static final ClassName PARTIALS = ClassName.get("dev.chainrule.runtime", "Partials");

  private HelperTangents() {}

  static Tangents.Lin lin(Expr.Call c, Callee.StaticMethod m, List<Tangents.Lin> args, List<Stmt> out,
      BiFunction<Expr, List<Stmt>, Expr> atom) {
    List<Expr> in = new ArrayList<>();
    for (Tangents.Lin a : args) {
      in.add(atom.apply(a.value(), out));
    }
    Expr value = new Expr.Call(m, in, c.type());
    switch (m.name()) {
      case "cappedWhereInfinite":
        return new Tangents.Lin(value, args.get(0).tangent());
      case "atan2Y":
      case "atan2X": {
        Expr y = in.get(0);
        Expr x = in.get(1);
        Expr r2 = atom.apply(add(mul(x, x), mul(y, y)), out);
        Expr r4 = atom.apply(mul(r2, r2), out);
        Expr mixed = div(mul(mul(lit(2), x), y), r4);      // 2xy / r⁴
        Expr diagonal = div(sub(mul(y, y), mul(x, x)), r4); // (y² − x²) / r⁴
        // ∂(x/r²) = −2xy/r⁴ dy + (y² − x²)/r⁴ dx;  ∂(−y/r²) = (y² − x²)/r⁴ dy + 2xy/r⁴ dx.
        Expr dy = m.name().equals("atan2Y") ? dev.chainrule.processor.ir.Build.neg(mixed) : diagonal;
        Expr dx = m.name().equals("atan2Y") ? diagonal : mixed;
        Expr t = null;
        if (args.get(0).tangent() != null) {
          t = mul(dy, args.get(0).tangent());
        }
        if (args.get(1).tangent() != null) {
          Expr tx = mul(dx, args.get(1).tangent());
          t = t == null ? tx : add(t, tx);
        }
        return new Tangents.Lin(value, t);
      }
      default:
        throw new IllegalStateException("no tangent rule for Partials." + m.name());
    }
  }
}
