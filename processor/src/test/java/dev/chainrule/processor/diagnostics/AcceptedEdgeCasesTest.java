package dev.chainrule.processor.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.numeric.GradientCheck;
import dev.chainrule.numeric.Packing;
import dev.chainrule.processor.Compiled;
import org.junit.jupiter.api.Test;

/**
 * Constructs near the edge of the subset that are valid and must be accepted, with gradients
 * checked against Richardson finite differences: they look like some refused input but are not.
 */
class AcceptedEdgeCasesTest {

  private static Compiled compile(String members) {
    return Diagnosis.compiledMembers(members);
  }

  /** An endless loop left by return (no unreachable code, unlike the rejected variant). */
  @Test
  void endlessLoopLeftByReturn() {
    Compiled c = compile("""
        @Differentiable
        static double f(double x) {
          while (true) {
            x = x * 1.5 + Math.sin(x);
            if (x > 10) {
              return x * x;
            }
          }
        }
        """);
    for (double x : new double[] {0.3, 2.2, 11}) {
      GradientCheck.compareRecord((Record) c.call("p.CDerivatives", "fGradient", x),
          v -> (double) c.call("p.C", "f", v[0]), new double[] {x}).assertWithin(1e-8);
    }
  }

  /** A row alias whose index variable changes afterwards: the alias keeps the row it was given. */
  @Test
  void rowAliasWithIndexChangedLater() {
    Compiled c = compile("""
        @Differentiable
        static double f(double[][] W) {
          int i = 0;
          double[] row = W[i];
          i = 1;
          return row[0] * W[i][0] + row[1] * row[1];
        }
        """);
    double[][] w = {{0.5, -1.5}, {2, 0.25}};
    Packing p = Packing.of((Object) w);
    GradientCheck.compareRecord((Record) c.call("p.CDerivatives", "fGradient", (Object) w),
        v -> (double) c.call("p.C", "f", (Object) p.matrix(v, 0)), p).assertWithin(1e-8);
  }

  /** h(int) and h(double) both apply to an int argument; Java picks h(int), and so must the derivative. */
  @Test
  void overloadedHelperOnConstantArgument() {
    Compiled c = compile("""
        static double h(int k) {
          return k;
        }
        static double h(double v) {
          return v * 100;
        }
        @Differentiable
        static double f(double x, int n) {
          return x * h(n);
        }
        """);
    GradientCheck.compareRecord((Record) c.call("p.CDerivatives", "fGradient", 0.7, 3),
        v -> (double) c.call("p.C", "f", v[0], 3), new double[] {0.7}).assertWithin(1e-8);
  }

  /**
   * A method without parameters: a gradient with the value only. FAILS today: the generated
   * gradient method calls {@code fPullback(, 1.0, adjoint)}, which does not compile.
   */
  @Test
  void noParameters() {
    Compiled c = compile("""
        @Differentiable
        static double f() {
          return 1.5 * Math.PI;
        }
        """);
    assertEquals(1.5 * Math.PI, value(c.call("p.CDerivatives", "fGradient")), 0);
  }

  /** Only an int parameter: nothing is differentiated, the record holds the value. */
  @Test
  void nothingToDifferentiate() {
    Compiled c = compile("""
        @Differentiable
        static double f(int n) {
          return n * 0.5;
        }
        """);
    assertEquals(3.5, value(c.call("p.CDerivatives", "fGradient", 7)), 0);
  }

  private static double value(Object gradient) {
    try {
      return (double) gradient.getClass().getMethod("value").invoke(gradient);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }
}
