package dev.chainrule.processor.behaviour;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.numeric.FiniteDifferences.Scheme;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Recursion (issue "Differentiate Java as people write it"): direct and mutual, on integers and on
 * array prefixes, with branches; gradients, tangents and (for an order-2 method) Hessians against
 * finite differences and closed forms, and the adjoint reused across calls of different depths.
 */
class RecursionTest {

  static final String SOURCE = """
      package p;

      import dev.chainrule.Differentiable;

      public final class Rec {
        private Rec() {}

        /** x^n by repeated squaring. */
        @Differentiable(order = 2)
        public static double power(double x, int n) {
          if (n == 0) {
            return 1;
          }
          double h = power(x, n / 2);
          return n % 2 == 0 ? h * h : h * h * x;
        }

        @Differentiable
        public static double even(double x, int n) {
          return n == 0 ? Math.cos(x) : odd(x * 1.1, n - 1) + x;
        }

        @Differentiable
        public static double odd(double x, int n) {
          return n == 0 ? Math.sin(x) : even(x * x, n - 1) * 0.5;
        }

        /** Horner's rule over a prefix, recursively, with a loop in each level. */
        @Differentiable
        public static double horner(double[] c, double x, int n) {
          if (n == 0) {
            return 0;
          }
          double s = 0;
          for (int i = 0; i < 2; i++) {
            s += 0.5 * c[n - 1];
          }
          return s + x * horner(c, x, n - 1);
        }

        /** A continued fraction, its depth from the data. */
        @Differentiable
        public static double fraction(double x, double[] a, int k) {
          if (k == a.length) {
            return 0;
          }
          return a[k] / (x + fraction(x, a, k + 1));
        }
      }
      """;

  private static CompiledSources compiled;

  @BeforeAll
  static void compile() {
    compiled = CompiledSources.compile(Map.of("p.Rec", SOURCE));
  }

  private static Differentiated rec(String method, String... wrt) {
    return Differentiated.of(compiled, "p.Rec", method, wrt);
  }

  @Test
  void powerByRepeatedSquaring() {
    for (int n : new int[] {0, 1, 2, 7, 12}) {
      Record g = GradientOracle.check(rec("power", "x"), 1.3, n);
      assertEquals(n * Math.pow(1.3, n - 1), (double) Differentiated.component(g, "x"), 1e-12 * Math.pow(1.3, n));
    }
    Record h = SecondOrderOracle.check(compiled, rec("power", "x"), Scheme.RICHARDSON, 1.3, 7);
    assertEquals(42 * Math.pow(1.3, 5), ((double[][]) Differentiated.component(h, "hessian"))[0][0], 1e-10);
  }

  @Test
  void mutualRecursion() {
    for (int n : new int[] {0, 1, 4, 5}) {
      GradientOracle.check(rec("even", "x"), 0.7, n);
      GradientOracle.check(rec("odd", "x"), 0.7, n);
    }
  }

  @Test
  void recursionOverArrays() {
    double[] c = {1, -2, 0.5, 3};
    for (int n = 0; n <= c.length; n++) {
      GradientOracle.check(rec("horner", "c", "x"), c, 0.8, n);
    }
    GradientOracle.check(rec("fraction", "x", "a"), 1.5, new double[] {1, 2, 0.5, 3}, 0);
  }

  @Test
  void mutualRecursionAcrossClasses() {
    CompiledSources two = CompiledSources.compile(Map.of("p.C", """
        package p;
        import dev.chainrule.Differentiable;
        public class C {
          @Differentiable
          public static double f(double x, int n) {
            return n == 0 ? x : D.g(x * 2, n - 1);
          }
        }
        """, "p.D", """
        package p;
        import dev.chainrule.Differentiable;
        public class D {
          @Differentiable
          public static double g(double x, int n) {
            return n == 0 ? x : Math.sin(C.f(x, n - 1));
          }
        }
        """));
    for (int n = 0; n <= 4; n++) {
      GradientOracle.check(Differentiated.of(two, "p.C", "f", "x"), 0.4, n);
      GradientOracle.check(Differentiated.of(two, "p.D", "g", "x"), 0.4, n);
    }
    // f(x, 2) = sin(2x): the closed form
    Record g = GradientOracle.check(Differentiated.of(two, "p.C", "f", "x"), 0.4, 2);
    assertEquals(2 * Math.cos(0.8), (double) Differentiated.component(g, "x"), 1e-14);
  }
}
