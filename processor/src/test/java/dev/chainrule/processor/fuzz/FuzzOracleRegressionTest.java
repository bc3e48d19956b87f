package dev.chainrule.processor.fuzz;

import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.chainrule.numeric.FiniteDifferences;
import dev.chainrule.processor.DifferentiableProcessor;
import dev.chainrule.processor.fuzz.Ast.*;
import dev.chainrule.processor.fuzz.Interpreter.D;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Minimised programs on which the random-program test once failed, kept as fixed programs. None
 * was a processor bug: each showed where the forward-mode oracle needed care, and each test checks
 * both the processor (against Hipparchus and, where the function allows it, finite differences)
 * and the oracle's decision.
 */
class FuzzOracleRegressionTest {
  private static final Lit ONE_E9 = new Lit(1e9);

  private static Ex x() {
    return new Ref("x");
  }

  private static Fn math(String fn, Ex... args) {
    return new Fn("Math", fn, List.of(args));
  }

  private static Method method(String name, St... body) {
    return new Method(name, List.of(new Param("x", 0)), List.of(body));
  }

  private static Loaded compile(List<Method> methods) {
    Compilation c = javac().withProcessors(new DifferentiableProcessor())
        .withOptions("-parameters")
        .compile(JavaFileObjects.forSourceString("fz.Regressions",
            Printer.unit("fz", "Regressions", methods)));
    assertEquals(Compilation.Status.SUCCESS, c.status(), c.diagnostics().toString());
    return new Loaded(c);
  }

  private static double gradient(Loaded l, String name, double x) {
    Record r = (Record) Loaded.invoke(l.method("fz.RegressionsDerivatives", name + "Gradient"), x);
    try {
      return (double) r.getClass().getMethod("x").invoke(r);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  private static Interpreter oracle(Method m) {
    return new Interpreter(Map.of(m.name(), m), 1);
  }

  /**
   * seed=7 class=1 f17: {@code sin} of a value near 1e41 (from {@code sinh(1.74 - cosh(cosh x))}).
   * Hipparchus computes values with FastMath, one ulp away from Math's, and one ulp of 1e41 changes
   * {@code cos} completely: the oracle must carry the program's exact values and only compute the
   * derivatives itself.
   */
  @Test
  void illConditionedSineOfHugeValueUsesTheProgramsExactValues() {
    Method m = method("hugeSine",
        new Decl("v", new Bin('-', new Lit(1.74), math("cosh", math("cosh", x()))), false),
        new Ret(null, math("sin", math("sinh", new Ref("v")))));
    Loaded l = compile(List.of(m));
    for (double x : new double[] {-2.35, -2.3, 2.31, 2.4}) {
      Interpreter it = oracle(m);
      D d = it.call(m.name(), List.of(it.var(0, x)));
      double original = (double) Loaded.invoke(l.method("fz.Regressions", m.name()), x);
      assertEquals(0, Double.compare(original, d.v()), "primal at " + x);
      assertTrue(Math.abs(d.g().getValue()) < 1e300 && Math.abs(d.v()) <= 1, "finite at " + x);
      double b = d.g().getGradient()[0];
      double a = gradient(l, m.name(), x);
      assertTrue(Math.abs(a - b) <= FuzzDifferentialTest.TOLERANCE * Math.max(1, Math.abs(b)),
          "at " + x + ": generated " + a + ", oracle " + b);
    }
  }

  /**
   * seed=7 class=11 f51: {@code x /= 1.5 + tanh(x - x)} with x near 1e9. The two paths through
   * {@code x - x} cancel exactly in forward mode; reverse mode adds {@code +c} and {@code -c}
   * (|c| about 3e8) separately into the adjoint of x, which rounds at about 1e-7. The oracle's path
   * magnitude marks the component as too ill-conditioned for 1e-9; the gradient is still right to
   * the accuracy that cancellation allows, checked against finite differences.
   */
  @Test
  void cancellingPathsAreMarkedIllConditioned() {
    Method m = method("cancel",
        new Assign("x", "=", new Bin('*', x(), ONE_E9)),
        new Assign("x", "/=", new Bin('+', new Lit(1.5),
            math("tanh", new Bin('-', x(), x())))),
        new Ret(null, x()));
    Loaded l = compile(List.of(m));
    double x = 0.7;
    Interpreter it = oracle(m);
    D d = it.call(m.name(), List.of(it.var(0, x)));
    double b = d.g().getGradient()[0];
    assertEquals(1e9 / 1.5, b, 1e-6 * Math.ulp(b) + Math.ulp(b), "forward mode: exactly 1e9 / 1.5");
    assertTrue(d.m()[0] > FuzzDifferentialTest.CANCELLATION * Math.abs(b),
        "path magnitude " + d.m()[0] + " marks the cancellation");
    double a = gradient(l, m.name(), x);
    double fd = FiniteDifferences.derivativeRichardson(
        t -> (double) Loaded.invoke(l.method("fz.Regressions", m.name()), t), x);
    assertTrue(Math.abs(a - b) <= 1e-16 * d.m()[0] * 10,
        "generated " + a + " within rounding of the path magnitude of " + b);
    assertTrue(Math.abs(fd - b) <= 1e-6 * Math.abs(b), "finite differences " + fd);
  }

  /**
   * seed=20261128 class=27 f84 (soak): {@code hypot(x0, x2)} with x2 near 1e17, later multiplied by
   * about x2. Hipparchus' {@code Gradient.hypot} treats an argument 2^27 times smaller than the
   * other as negligible and drops its derivative, so it said 0 where the derivative is about x0;
   * the oracle now applies {@code x / hypot} itself. Here {@code hypot(x, 1e17) * 1e17} has
   * derivative {@code x * 1e17 / hypot(x, 1e17)}, which is x in double arithmetic.
   */
  @Test
  void hypotOfVeryDifferentMagnitudesKeepsTheSmallArgumentsDerivative() {
    Method m = method("hypotHuge",
        new Ret(null, new Bin('*', math("hypot", x(), new Lit(1e17)), new Lit(1e17))));
    Loaded l = compile(List.of(m));
    for (double x : new double[] {-0.5354435387922795, 0.25, 3.0}) {
      Interpreter it = oracle(m);
      D d = it.call(m.name(), List.of(it.var(0, x)));
      assertEquals(x, d.g().getGradient()[0], 1e-15 * Math.abs(x), "oracle at " + x);
      assertEquals(x, gradient(l, m.name(), x), 1e-15 * Math.abs(x), "generated at " + x);
    }
  }

  /**
   * seed=7 class=0 f93: a local array element holding {@code x * NaN} that the result never reads.
   * Forward mode never looks at it; reverse mode multiplies that element's zero adjoint by the
   * local partial NaN (as JAX does), so the oracle must flag non-finite intermediates and the test
   * skips such points (counted) instead of comparing.
   */
  @Test
  void nonFiniteDeadIntermediateIsFlagged() {
    Method m = method("deadNaN",
        new NewArr("t", new IConst(2)),
        new SetEl("t", new IConst(1), "=", new Bin('*', x(), math("log", new Lit(-1.0)))),
        new Ret(null, new Bin('+', new Bin('*', new Lit(2.0), x()), new Get("t", new IConst(0)))));
    Loaded l = compile(List.of(m));
    Interpreter it = oracle(m);
    D d = it.call(m.name(), List.of(it.var(0, 0.7)));
    assertEquals(2.0, d.g().getGradient()[0], "forward mode");
    assertTrue(it.suspect.contains("non-finite intermediate"), "flagged: " + it.suspect);
    double original = (double) Loaded.invoke(l.method("fz.Regressions", m.name()), 0.7);
    assertEquals(0, Double.compare(original, d.v()), "primal");
  }

  /**
   * seed=7 class=5 f11 (after the generator learned reduction endings): {@code t[1] *= t[1]} in a
   * loop squares a dead element until it overflows to infinity, and reverse mode multiplies its zero
   * adjoint by that infinity. The value came from a compound assignment, which the oracle did not
   * check for non-finite results (only whole expressions); now it does.
   */
  @Test
  void overflowingCompoundAssignmentIsFlagged() {
    Method m = method("squaredToInfinity",
        new InitArr("t", List.of(x(), new Bin('+', x(), new Lit(4.0)))),
        new For("i", new IConst(12), List.of(new SetEl("t", new IConst(1), "*=", new Get("t", new IConst(1))))),
        new Decl("v", new Bin('*', new Lit(3.0), x()), false),
        new If(new Cmp(">", x(), new Lit(100.0)), List.of(new Assign("v", "+=", new Get("t", new IConst(1)))), null),
        new Ret(null, new Ref("v")));
    Loaded l = compile(List.of(m));
    Interpreter it = oracle(m);
    D d = it.call(m.name(), List.of(it.var(0, 0.7)));
    assertEquals(3.0, d.g().getGradient()[0], "forward mode");
    assertTrue(it.suspect.contains("non-finite intermediate"), "flagged: " + it.suspect);
    assertTrue(Double.isNaN(gradient(l, m.name(), 0.7)),
        "reverse mode: the dead element's zero adjoint times infinity (README: known behaviour)");
  }
}
