package dev.chainrule.processor.symbolic;

import com.palantir.javapoet.ClassName;
import dev.chainrule.processor.ir.BinaryOp;
import dev.chainrule.processor.ir.Callee;
import dev.chainrule.processor.ir.Expr;
import dev.chainrule.processor.ir.MathFn;
import dev.chainrule.processor.ir.Type;
import dev.chainrule.processor.ir.UnaryOp;
import dev.chainrule.processor.ir.Walk;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Simplifies an expression of the parameters for reading: sums of terms and products of powers are
 * collected ({@code x · x} gives {@code x²}, {@code (a / b) · b} gives {@code a}, {@code x + x}
 * gives {@code 2 · x}), numbers are folded, and ones and zeros vanish. Sums inside products are
 * kept as they are (not multiplied out). The result is an IR expression with the same value up to
 * rounding; integer powers are {@code Math.pow} calls with a literal exponent.
 */
final class Simplifier {
  private static final ClassName MATH = ClassName.get("java.lang", "Math");

  /** A product of powers of atoms (exponents never 0), in the order the atoms first appeared. */
  private record Monomial(Map<Expr, Integer> powers) {
    static final Monomial ONE = new Monomial(Map.of());

    Monomial times(Monomial other) {
      Map<Expr, Integer> out = new LinkedHashMap<>(powers);
      other.powers.forEach((atom, n) -> out.merge(atom, n, Integer::sum));
      out.values().removeIf(n -> n == 0);
      return new Monomial(Collections.unmodifiableMap(out));
    }

    Monomial power(int n) {
      Map<Expr, Integer> out = new LinkedHashMap<>();
      powers.forEach((atom, k) -> out.put(atom, k * n));
      return new Monomial(Collections.unmodifiableMap(out));
    }
  }

  /** A sum of terms: monomial → coefficient, in the order the terms first appeared. */
  private record Poly(Map<Monomial, Double> terms) {
    static Poly constant(double c) {
      return c == 0 ? new Poly(Map.of()) : new Poly(Map.of(Monomial.ONE, c));
    }

    static Poly atom(Expr e) {
      return new Poly(Map.of(new Monomial(Map.of(e, 1)), 1.0));
    }

    boolean isSingleTerm() {
      return terms.size() == 1;
    }

    Map.Entry<Monomial, Double> single() {
      return terms.entrySet().iterator().next();
    }

    Double constantValue() {
      if (terms.isEmpty()) {
        return 0.0;
      }
      return isSingleTerm() && single().getKey().powers().isEmpty() ? single().getValue() : null;
    }

    Poly plus(Poly other) {
      Map<Monomial, Double> out = new LinkedHashMap<>(terms);
      other.terms.forEach((m, c) -> out.merge(m, c, Double::sum));
      out.values().removeIf(c -> c == 0);
      return new Poly(out);
    }

    Poly scale(double k) {
      if (k == 0) {
        return constant(0);
      }
      Map<Monomial, Double> out = new LinkedHashMap<>();
      terms.forEach((m, c) -> out.put(m, c * k));
      return new Poly(out);
    }
  }

  /** Expressions share sub-trees (a local used twice): each is simplified once. */
  private final Map<Expr, Poly> done = new java.util.IdentityHashMap<>();

  private Simplifier() {}

  static Expr simplify(Expr e) {
    return new Simplifier().simplified(uncapped(e));
  }

  /**
   * {@code e} without the guards the rules put on partials for overflow ({@code min(exp(x), MAX)},
   * {@code Partials.cappedWhereInfinite(p, out)}, atan2's scaled forms): they change nothing where
   * the values are finite, which is where a formula is read.
   */
  static Expr uncapped(Expr e) {
    List<Expr> children = Walk.children(e);
    if (children.isEmpty() || e instanceof Expr.Field || e instanceof Expr.Invoke) {
      return e;
    }
    List<Expr> c = new ArrayList<>();
    for (Expr child : children) {
      c.add(uncapped(child));
    }
    if (e instanceof Expr.Call call && call.callee() instanceof Callee.MathFunction m && c.size() == 2) {
      if (m.function() == MathFn.MIN && isLiteral(c.get(1), Double.MAX_VALUE)) {
        return c.get(0);
      }
      if (m.function() == MathFn.MAX && isLiteral(c.get(0), -Double.MAX_VALUE)) {
        return c.get(1);
      }
    }
    if (e instanceof Expr.Call call && call.callee() instanceof Callee.StaticMethod m
        && m.owner().simpleName().equals("Partials")) {
      Expr r2 = new Expr.Binary(BinaryOp.ADD, new Expr.Binary(BinaryOp.MULTIPLY, c.get(1), c.get(1), Type.DOUBLE),
          new Expr.Binary(BinaryOp.MULTIPLY, c.get(0), c.get(0), Type.DOUBLE), Type.DOUBLE);
      switch (m.name()) {
        case "cappedWhereInfinite":
          return c.get(0);
        case "atan2Y":
          return new Expr.Binary(BinaryOp.DIVIDE, c.get(1), r2, Type.DOUBLE);
        case "atan2X":
          return new Expr.Unary(UnaryOp.NEGATE, new Expr.Binary(BinaryOp.DIVIDE, c.get(0), r2, Type.DOUBLE),
              Type.DOUBLE);
        default:
          break;
      }
    }
    return Walk.withChildren(e, c);
  }

  private static boolean isLiteral(Expr e, double v) {
    return e instanceof Expr.Literal l && l.type() == Type.DOUBLE && l.doubleValue() == v;
  }

  private Expr simplified(Expr e) {
    return fromPoly(toPoly(e));
  }

  private Poly toPoly(Expr e) {
    Poly known = done.get(e);
    if (known == null) {
      known = computePoly(e);
      done.put(e, known);
    }
    return known;
  }

  private Poly computePoly(Expr e) {
    if (e instanceof Expr.Literal l && l.type() != Type.BOOLEAN) {
      return Poly.constant(l.doubleValue());
    } else if (e instanceof Expr.Unary u && u.op() == UnaryOp.NEGATE) {
      return toPoly(u.operand()).scale(-1);
    } else if (e instanceof Expr.Unary u && u.op() == UnaryOp.PLUS) {
      return toPoly(u.operand());
    } else if (e instanceof Expr.Cast c && c.type() == Type.DOUBLE) {
      return toPoly(c.operand());
    } else if (e instanceof Expr.Binary b && b.type() == Type.DOUBLE) {
      switch (b.op()) {
        case ADD:
          return toPoly(b.left()).plus(toPoly(b.right()));
        case SUBTRACT:
          return toPoly(b.left()).plus(toPoly(b.right()).scale(-1));
        case MULTIPLY:
          return times(toPoly(b.left()), toPoly(b.right()));
        case DIVIDE:
          return times(toPoly(b.left()), power(toPoly(b.right()), -1));
        default:
          break;
      }
    } else if (e instanceof Expr.Call c && c.callee() instanceof Callee.MathFunction m
        && m.function() == MathFn.POW && c.args().get(1) instanceof Expr.Literal exponent) {
      double n = exponent.doubleValue();
      if (n == Math.rint(n) && Math.abs(n) <= 16) {
        return power(toPoly(c.args().get(0)), (int) n);
      }
    }
    List<Expr> children = Walk.children(e);
    Expr atom = children.isEmpty() ? e : Walk.withChildren(e, children.stream().map(this::simplified).toList());
    return Poly.atom(atom);
  }

  private static Poly times(Poly p, Poly q) {
    Double cp = p.constantValue();
    if (cp != null) {
      return q.scale(cp);
    }
    Double cq = q.constantValue();
    if (cq != null) {
      return p.scale(cq);
    }
    Map.Entry<Monomial, Double> a = asTerm(p);
    Map.Entry<Monomial, Double> b = asTerm(q);
    Monomial m = a.getKey().times(b.getKey());
    return new Poly(Map.of(m, a.getValue() * b.getValue()));
  }

  private static Poly power(Poly p, int n) {
    Double c = p.constantValue();
    if (c != null && c != 0) {
      return Poly.constant(Math.pow(c, n));
    }
    Map.Entry<Monomial, Double> t = asTerm(p);
    double coefficient = Math.pow(t.getValue(), n);
    return new Poly(Map.of(t.getKey().power(n), coefficient));
  }

  /** A poly as one term: itself if it is one, else the sum as an atom. */
  private static Map.Entry<Monomial, Double> asTerm(Poly p) {
    if (p.isSingleTerm()) {
      return p.single();
    }
    return Map.entry(new Monomial(Map.of(fromPoly(p), 1)), 1.0);
  }

  private static Expr fromPoly(Poly p) {
    List<Expr> positive = new ArrayList<>();
    List<Boolean> negated = new ArrayList<>();
    p.terms().forEach((m, c) -> {
      positive.add(term(Math.abs(c), m));
      negated.add(c < 0);
    });
    if (positive.isEmpty()) {
      return Expr.Literal.ofDouble(0);
    }
    int first = negated.indexOf(false);
    if (first < 0) {
      first = 0;
    }
    Expr out = negated.get(first) ? new Expr.Unary(UnaryOp.NEGATE, positive.get(first), Type.DOUBLE) : positive.get(first);
    for (int i = 0; i < positive.size(); i++) {
      if (i != first) {
        out = new Expr.Binary(negated.get(i) ? BinaryOp.SUBTRACT : BinaryOp.ADD, out, positive.get(i), Type.DOUBLE);
      }
    }
    return out;
  }

  /** c · (numerator atoms) / (denominator atoms), c ≥ 0. */
  private static Expr term(double c, Monomial m) {
    Expr numerator = null;
    Expr denominator = null;
    for (Map.Entry<Expr, Integer> f : m.powers().entrySet()) {
      int n = f.getValue();
      Expr factor = n == 1 || n == -1 ? f.getKey()
          : new Expr.Call(new Callee.MathFunction(MATH, MathFn.POW),
              List.of(f.getKey(), Expr.Literal.ofDouble(Math.abs(n))), Type.DOUBLE);
      if (n > 0) {
        numerator = numerator == null ? factor : new Expr.Binary(BinaryOp.MULTIPLY, numerator, factor, Type.DOUBLE);
      } else {
        denominator = denominator == null ? factor : new Expr.Binary(BinaryOp.MULTIPLY, denominator, factor, Type.DOUBLE);
      }
    }
    if (c != 1 || numerator == null) {
      Expr k = Expr.Literal.ofDouble(c);
      numerator = numerator == null ? k : new Expr.Binary(BinaryOp.MULTIPLY, k, numerator, Type.DOUBLE);
    }
    return denominator == null ? numerator : new Expr.Binary(BinaryOp.DIVIDE, numerator, denominator, Type.DOUBLE);
  }
}
