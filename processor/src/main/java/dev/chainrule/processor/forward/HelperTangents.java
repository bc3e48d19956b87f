package dev.chainrule.processor.forward;

import static dev.chainrule.processor.ir.Build.lit;

import com.palantir.javapoet.ClassName;
import dev.chainrule.processor.ir.Callee;
import dev.chainrule.processor.ir.Expr;
import dev.chainrule.processor.ir.Stmt;
import dev.chainrule.processor.rules.Rules;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Tangents of the runtime helpers the rules write into partials ({@code dev.chainrule.runtime.Partials}),
 * which forward over reverse meets in a pullback: a capped partial's tangent is the partial's,
 * capped at ±MAX where it overflows (as forward mode caps the tangents of exp and its kin: 0 × MAX
 * stays the 0 a later zero partial implies), and the tangents of atan2's partials x/r² and −y/r² are runtime helpers too,
 * {@code atan2YTangent} and {@code atan2XTangent}, because r⁴ under- or overflows for |x|, |y|
 * beyond about 1e±77 where the products they are multiplied by are of order one.
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
      case "cappedWhereInfinite": {
        // the partial is capped where its result overflowed; its tangent where it overflows
        Expr t = args.get(0).tangent();
        return new Tangents.Lin(value, t == null ? null : Rules.cappedTangent(t));
      }
      case "atan2Y":
      case "atan2X": {
        Expr dy = args.get(0).tangent();
        Expr dx = args.get(1).tangent();
        if (dy == null && dx == null) {
          return new Tangents.Lin(value, null);
        }
        Callee tangent = new Callee.StaticMethod(PARTIALS, m.name() + "Tangent");
        return new Tangents.Lin(value, new Expr.Call(tangent,
            List.of(in.get(0), in.get(1), dy == null ? lit(0) : dy, dx == null ? lit(0) : dx), c.type()));
      }
      default:
        throw new IllegalStateException("no tangent rule for Partials." + m.name());
    }
  }
}
