package dev.chainrule.processor.behaviour;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.numeric.FiniteDifferences.Scheme;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The rest of {@code java.lang.Math} with a derivative (issue 16, item 9): {@code fma},
 * {@code IEEEremainder}, {@code scalb}, {@code copySign}, {@code nextUp}, {@code nextDown},
 * {@code nextAfter}, {@code ulp} (and {@code clamp} on JDK 21+), in loops, branches and calls,
 * against finite differences and closed forms, and their second derivatives through forward over
 * reverse.
 */
class MathRestTest {

  static final String SOURCE = """
      package p;

      import dev.chainrule.Differentiable;

      public final class MathRest {
        private MathRest() {}

        @Differentiable(order = 2)
        public static double fused(double a, double b, double c) {
          double s = 0;
          for (int i = 0; i < 3; i++) {
            s = Math.fma(a, s + b, c * i);
          }
          return s;
        }

        @Differentiable(order = 2)
        public static double remainder(double a, double b) {
          double r = Math.IEEEremainder(a * a, b);
          return r * b + StrictMath.IEEEremainder(a, 0.75);
        }

        @Differentiable(order = 2)
        public static double scaled(double x, int n) {
          double y = Math.scalb(x * x, n);
          return n > 2 ? y + Math.scalb(Math.sin(x), -n) : y;
        }

        @Differentiable(order = 2)
        public static double signs(double m, double s) {
          return Math.copySign(m * m * m, s) + Math.copySign(m, -2.0) * s;
        }

        @Differentiable
        public static double steps(double x, double y) {
          double up = Math.nextUp(x * y);
          double down = Math.nextDown(Math.exp(x));
          double after = Math.nextAfter(y, x) + Math.ulp(x) * 1e3;
          return up * down + after;
        }

        @Differentiable
        public static double sumOfSteps(double[] v) {
          double s = 0;
          for (int i = 0; i < v.length; i++) {
            s += v[i] > 0 ? Math.nextUp(v[i]) * v[i] : Math.copySign(v[i], 1.0);
          }
          return s + helper(v[0]);
        }

        @Differentiable
        public static double helper(double x) {
          return Math.fma(x, x, Math.scalb(x, 3));
        }
      }
      """;

  private static CompiledSources compiled;

  @BeforeAll
  static void compile() {
    compiled = CompiledSources.compile(Map.of("p.MathRest", SOURCE));
  }

  private static Differentiated m(String method, String... wrt) {
    return Differentiated.of(compiled, "p.MathRest", method, wrt);
  }

  @Test
  void fusedMultiplyAdd() {
    // s1 = ab, s2 = a(ab + b) + c, s3 = a(s2 + b) + 2c = a³b + a²b + ab + ac + 2c
    double a = 0.7;
    double b = -1.3;
    double c = 0.4;
    Record g = GradientOracle.check(m("fused", "a", "b", "c"), a, b, c);
    assertEquals(a * a * a + a * a + a, (double) Differentiated.component(g, "b"), 1e-14);
    assertEquals(a + 2, (double) Differentiated.component(g, "c"), 1e-14);
    SecondOrderOracle.check(compiled, m("fused", "a", "b", "c"), Scheme.RICHARDSON, a, b, c);
  }

  @Test
  void ieeeRemainder() {
    // Away from the jumps (a² / b half an odd integer): the remainder is a² − n·b.
    for (double[] p : new double[][] {{1.7, 0.9}, {2.3, -1.1}, {0.4, 2.0}}) {
      double a = p[0];
      double b = p[1];
      Record g = GradientOracle.check(m("remainder", "a", "b"), Scheme.CENTRAL, a, b);
      double n = Math.rint(a * a / b);
      double r = Math.IEEEremainder(a * a, b);
      assertEquals(2 * a * b + 1, (double) Differentiated.component(g, "a"), 1e-12);
      assertEquals(r - n * b, (double) Differentiated.component(g, "b"), 1e-12);
      SecondOrderOracle.check(compiled, m("remainder", "a", "b"), Scheme.CENTRAL, a, b);
    }
  }

  @Test
  void scalbWithItsIntegerExponent() {
    for (int n : new int[] {-3, 0, 2, 5}) {
      Record g = GradientOracle.check(m("scaled", "x"), 1.2, n);
      double expected = 2 * 1.2 * Math.pow(2, n) + (n > 2 ? Math.cos(1.2) * Math.pow(2, -n) : 0);
      assertEquals(expected, (double) Differentiated.component(g, "x"), 1e-13);
      SecondOrderOracle.check(compiled, m("scaled", "x"), Scheme.RICHARDSON, 1.2, n);
    }
  }

  @Test
  void copySignOnBothSides() {
    for (double[] p : new double[][] {{0.8, 1.5}, {-0.8, 1.5}, {0.8, -1.5}, {-1.1, -0.5}}) {
      double m = p[0];
      double s = p[1];
      Record g = GradientOracle.check(m("signs", "m", "s"), Scheme.CENTRAL, m, s);
      double expected = 3 * m * m * Math.signum(m) * Math.signum(s) - Math.signum(m) * s;
      assertEquals(expected, (double) Differentiated.component(g, "m"), 1e-13);
      assertEquals(-Math.abs(m), (double) Differentiated.component(g, "s"), 1e-15);
      SecondOrderOracle.check(compiled, m("signs", "m", "s"), Scheme.CENTRAL, m, s);
    }
  }

  @Test
  void nextUpDownAfterAndUlp() {
    Record g = GradientOracle.check(m("steps", "x", "y"), Scheme.CENTRAL, 0.6, 1.4);
    // up · down ≈ x y · e^x; after ≈ y; ulp has derivative 0
    double x = 0.6;
    double y = 1.4;
    assertEquals(y * Math.exp(x) + x * y * Math.exp(x), (double) Differentiated.component(g, "x"), 1e-12);
    assertEquals(x * Math.exp(x) + 1, (double) Differentiated.component(g, "y"), 1e-12);
    GradientOracle.check(m("sumOfSteps", "v"), Scheme.CENTRAL, (Object) new double[] {0.5, -1.5, 2.0});
  }

  @Test
  void clampOnJdk21AndLater() {
    Assumptions.assumeTrue(Runtime.version().feature() >= 21, "Math.clamp exists from JDK 21 on");
    CompiledSources clamp = CompiledSources.compile(Map.of("p.Clamp", """
        package p;
        import dev.chainrule.Differentiable;
        public final class Clamp {
          @Differentiable(order = 2)
          public static double clamped(double x, double lo, double hi) {
            return Math.clamp(x * x, lo, hi) * x;
          }
        }
        """));
    Differentiated f = Differentiated.of(clamp, "p.Clamp", "clamped", "x", "lo", "hi");
    for (double x : new double[] {0.5, 1.0, 1.6}) { // below, inside, above [0.5, 2]
      Record g = GradientOracle.check(f, Scheme.CENTRAL, x, 0.5, 2.0);
      double v = x * x;
      double dx = v < 0.5 ? 0.5 : v > 2.0 ? 2.0 : 3 * v;
      assertEquals(dx, (double) Differentiated.component(g, "x"), 1e-14);
      assertEquals(v < 0.5 ? x : 0, (double) Differentiated.component(g, "lo"), 1e-15);
      assertEquals(v > 2.0 ? x : 0, (double) Differentiated.component(g, "hi"), 1e-15);
      SecondOrderOracle.check(clamp, f, Scheme.CENTRAL, x, 0.5, 2.0);
    }
  }
}
