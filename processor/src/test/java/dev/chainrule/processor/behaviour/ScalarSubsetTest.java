package dev.chainrule.processor.behaviour;

import static dev.chainrule.processor.behaviour.FunctionCase.at;
import static dev.chainrule.processor.behaviour.FunctionCase.piecewise;
import static dev.chainrule.processor.behaviour.FunctionCase.smooth;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.numeric.FiniteDifferences.Scheme;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The scalar subset (issue "Foundation"): straight-line code, every supported {@code Math}
 * function, locals, reassignment, compound assignment, integer arithmetic, constants, branches,
 * early returns, calls to other differentiable methods, {@code @NoDerivative} and {@code wrt}.
 *
 * <p>All methods live in one source compiled once. Each is checked at several points against
 * Richardson finite differences of the original method (or central differences where a kink is
 * within Richardson's initial step), and its gradient's {@code value()} must be the original's
 * result bit for bit. Kinks are checked against the documented conventions, and the chapter's price
 * and sigmoid examples against closed forms.
 */
class ScalarSubsetTest {

  static final String SCALARS =
      """
      package p;

      import dev.chainrule.Differentiable;
      import dev.chainrule.NoDerivative;

      public final class Scalars {
        static final double SCALE = 2.5;
        static final double OFFSET = -0.75;
        static final int FACTOR = 3;
        static final long BIG = 4L;

        private Scalars() {}

        @Differentiable
        public static double price(double apple, double count, double tax) {
          return apple * count * tax;
        }

        @Differentiable
        public static double sigmoid(double x) {
          return 1 / (1 + Math.exp(-x));
        }

        @Differentiable
        static double square(double x) {
          return x * x;
        }

        // ---- one method per Math function, composed with something so the chain rule shows

        @Differentiable
        static double sinOf(double x, double y) {
          return Math.sin(x * y) + x;
        }

        @Differentiable
        static double cosOf(double x) {
          return Math.cos(3 * x - 1) * x;
        }

        @Differentiable
        static double tanOf(double x) {
          return Math.tan(x / 2) - x;
        }

        @Differentiable
        static double asinOf(double x) {
          return Math.asin(x) * x;
        }

        @Differentiable
        static double acosOf(double x, double y) {
          return Math.acos(x * y);
        }

        @Differentiable
        static double atanOf(double x) {
          return Math.atan(x * x + 1) / x;
        }

        @Differentiable
        static double atan2Of(double y, double x) {
          return Math.atan2(y, x) * (1 + y);
        }

        @Differentiable
        static double sinhOf(double x) {
          return Math.sinh(x) / (1 + x * x);
        }

        @Differentiable
        static double coshOf(double x) {
          return Math.cosh(x - 0.5);
        }

        @Differentiable
        static double tanhOf(double x, double y) {
          return Math.tanh(x * y) + y;
        }

        @Differentiable
        static double expOf(double x, double y) {
          return Math.exp(x) * y;
        }

        @Differentiable
        static double expm1Of(double x) {
          return Math.expm1(2 * x) - x;
        }

        @Differentiable
        static double logOf(double x, double y) {
          return Math.log(x * y);
        }

        @Differentiable
        static double log10Of(double x) {
          return Math.log10(x) * x;
        }

        @Differentiable
        static double log1pOf(double x) {
          return Math.log1p(x * x);
        }

        @Differentiable
        static double sqrtOf(double x, double y) {
          return Math.sqrt(x * x + y * y);
        }

        @Differentiable
        static double cbrtOf(double x) {
          return Math.cbrt(x) * 2;
        }

        @Differentiable
        static double powOf(double a, double b) {
          return Math.pow(a, b);
        }

        @Differentiable
        static double powConstantExponent(double x) {
          return Math.pow(x, 3) + Math.pow(x, -2.0);
        }

        @Differentiable
        static double absOf(double x, double y) {
          return Math.abs(x - y) * x;
        }

        @Differentiable
        static double maxOf(double x, double y) {
          return Math.max(x, y * y) * 2;
        }

        @Differentiable
        static double minOf(double x, double y) {
          return Math.min(x + 1, y) * y;
        }

        @Differentiable
        static double hypotOf(double x, double y) {
          return Math.hypot(x, 2 * y);
        }

        @Differentiable
        static double signumOf(double x, double y) {
          return Math.signum(y) * x + Math.signum(x * y);
        }

        @Differentiable
        static double floorOf(double x, double y) {
          return x * Math.floor(y) + Math.floor(x);
        }

        @Differentiable
        static double ceilOf(double x, double y) {
          return Math.ceil(x) * y + x;
        }

        @Differentiable
        static double rintOf(double x, double y) {
          return Math.rint(x * y) + x * y;
        }

        @Differentiable
        static double roundOf(double x) {
          return Math.round(x) * x + Math.round(2 * x);
        }

        @Differentiable
        static double strictMath(double x, double y) {
          return StrictMath.sin(x) * StrictMath.exp(y) + StrictMath.hypot(x, y) + StrictMath.pow(x * x, y);
        }

        // ---- constructs

        @Differentiable
        static double locals(double x, double y) {
          double a = x * y;
          double b = a + x;
          double c = a * b - y;
          return c / b;
        }

        @Differentiable
        static double varLocals(double x, double y) {
          var a = x * 2;
          var b = Math.sin(a) + y;
          var n = 3;
          return a * b * n;
        }

        @Differentiable
        static double reassignment(double x) {
          double t = x;
          t = t * t;
          t = t + x;
          t = Math.sin(t) * t;
          return t;
        }

        @Differentiable
        static double reassignedParameters(double x, double y) {
          x = x * y;
          y = x + y;
          x = x * y - Math.cos(x);
          return x - y;
        }

        @Differentiable
        static double compoundAssignment(double x, double y) {
          double s = x;
          s += y;
          s *= x;
          s -= y * y;
          s /= 1 + x * x;
          x *= s;
          return s + x;
        }

        @Differentiable
        static double integerDivision(double x, int n, long m) {
          double total = x * n;
          total += m * x;
          int half = n / 2;
          long third = m / 3;
          return total / n + half * x + third / x + (n % 3) * x;
        }

        @Differentiable
        static double mixedIntegers(double x, int k, long m) {
          int j = k * 2 + 1;
          long q = m * j;
          j++;
          q--;
          double r = x * j + q / 4 * x;
          return r / m + k / j;
        }

        @Differentiable
        static double incrementStatements(double x) {
          int k = 0;
          k++;
          k++;
          k--;
          long n = 5;
          n--;
          return x * k + n * x * x;
        }

        @Differentiable
        static double mathConstants(double x) {
          return Math.PI * x * x + Math.E * x + Math.PI;
        }

        @Differentiable
        static double classConstants(double x) {
          return SCALE * x + OFFSET + FACTOR * x * x + BIG / x;
        }

        @Differentiable
        static double unaryAndLogic(double x, double y) {
          double z = -x * -y + -(x - y);
          if ((x > 0 && y > 0) || !(x < -1)) {
            z = z * x;
          }
          return z;
        }

        @Differentiable
        static double ifElse(double x, double y) {
          double z = 0;
          if (x > y) {
            z = x * y;
          } else {
            z = x + y * y;
          }
          return z * z;
        }

        @Differentiable
        static double elseIfChain(double x) {
          double r = 0;
          if (x < -1) {
            r = -x * x;
          } else if (x < 0) {
            r = Math.sin(x);
          } else if (x < 2) {
            r = x * x * x;
          } else {
            r = Math.log(x);
          }
          return r * 2 + x;
        }

        @Differentiable
        static double ternaries(double x, double y) {
          double m = x > y ? x * x : y * 3;
          double n = x < 0 ? -x : (y > 1 ? x * y : x / y);
          return m + n;
        }

        @Differentiable
        static double earlyReturns(double x, double y) {
          if (x > 1) {
            if (y > 0) {
              return x * y;
            }
            return x - y * y;
          }
          double z = x * x;
          if (z > 0.25) {
            return z * y;
          }
          return z + y;
        }

        @Differentiable
        static double callsSameClass(double x, double y) {
          return sigmoid(x * y) + square(square(x) - y) + square(y);
        }

        @Differentiable
        static double callsOtherClass(double x, double y) {
          return Helper.cube(x) + Helper.weighted(x, y, 0.5) * Helper.cube(y);
        }

        @Differentiable
        static double callsPlainMethodOnInactiveValues(double x, int n) {
          return x * Helper.plainCount(n) + Math.max(n, 2) * x;
        }

        @Differentiable
        static double noDerivativeParameter(double x, @NoDerivative double y) {
          return x * y + Math.exp(y) * x * x;
        }

        @Differentiable(wrt = {"x", "z"})
        static double wrtSubset(double x, double y, double z) {
          return x * y * z + y * y + Math.sin(z);
        }

        @Differentiable
        static double integerParameters(double x, int n, long m, boolean flip) {
          double s = Math.pow(x, n) + m * x;
          return flip ? -s : s;
        }

        @Differentiable
        static double booleanParameter(double x, double y, boolean squared) {
          if (squared) {
            return x * x * y;
          }
          return x + y;
        }

        @Differentiable
        static double sharedSubexpression(double x) {
          double e = Math.exp(x);
          return e * e + e / x;
        }

        // ---- kinks, checked against the documented conventions

        @Differentiable
        static double relu(double x) {
          return x > 0 ? x : 0;
        }

        @Differentiable
        static double absolute(double x) {
          return Math.abs(x);
        }

        @Differentiable
        static double maximum(double x, double y) {
          return Math.max(x, y);
        }

        @Differentiable
        static double minimum(double x, double y) {
          return Math.min(x, y);
        }

        @Differentiable
        static double hypotenuse(double x, double y) {
          return Math.hypot(x, y);
        }
      }
      """;

  static final String HELPER =
      """
      package p;

      import dev.chainrule.Differentiable;

      public final class Helper {
        private Helper() {}

        @Differentiable
        public static double cube(double x) {
          return x * x * x;
        }

        @Differentiable
        public static double weighted(double x, double y, double w) {
          return w * x + (1 - w) * y * y;
        }

        public static int plainCount(int n) {
          return n * n + 1;
        }
      }
      """;

  /** The functions of the supported list; each must appear in {@link #SCALARS}. */
  static final List<String> MATH_FUNCTIONS =
      List.of(
          "sin", "cos", "tan", "asin", "acos", "atan", "atan2", "sinh", "cosh", "tanh", "exp",
          "expm1", "log", "log10", "log1p", "sqrt", "cbrt", "pow", "abs", "max", "min", "hypot",
          "signum", "floor", "ceil", "rint", "round");

  private static CompiledSources compiled;

  @BeforeAll
  static void compile() {
    compiled = SharedCompilation.get();
  }

  static final List<String> X = List.of("x");
  static final List<String> XY = List.of("x", "y");

  static List<FunctionCase> cases() {
    return List.of(
        smooth("price", List.of("apple", "count", "tax"), at(200.0, 5.0, 1.1), at(1.5, -2.0, 0.3), at(-3.0, 4.0, 2.0)),
        smooth("sigmoid", X, at(-2.0), at(0.0), at(0.5), at(3.0)),
        smooth("square", X, at(-1.5), at(0.3), at(2.0)),
        smooth("sinOf", XY, at(0.3, 1.2), at(-1.0, 2.0), at(2.5, -0.7)),
        smooth("cosOf", X, at(-0.8), at(0.4), at(1.9)),
        smooth("tanOf", X, at(-1.0), at(0.5), at(2.0)),
        smooth("asinOf", X, at(-0.6), at(0.1), at(0.7)),
        smooth("acosOf", XY, at(0.3, 0.5), at(-0.4, 1.2), at(0.6, -1.1)),
        smooth("atanOf", X, at(-2.0), at(0.5), at(1.5)),
        smooth("atan2Of", List.of("y", "x"), at(1.0, 2.0), at(-0.5, 1.5), at(2.0, -1.0), at(-1.0, -0.5)),
        smooth("sinhOf", X, at(-1.5), at(0.2), at(2.0)),
        smooth("coshOf", X, at(-1.0), at(0.5), at(3.0)),
        smooth("tanhOf", XY, at(0.5, 1.0), at(-1.0, 0.3), at(2.0, -0.4)),
        smooth("expOf", XY, at(0.0, 1.0), at(1.5, -2.0), at(-3.0, 0.5)),
        smooth("expm1Of", X, at(-0.5), at(0.001), at(1.5)),
        smooth("logOf", XY, at(0.5, 2.0), at(3.0, 0.1), at(1.2, 7.0)),
        smooth("log10Of", X, at(0.3), at(2.0), at(50.0)),
        smooth("log1pOf", X, at(-0.5), at(0.3), at(4.0)),
        smooth("sqrtOf", XY, at(3.0, 4.0), at(-1.0, 0.5), at(0.2, -2.0)),
        smooth("cbrtOf", X, at(-8.0), at(-0.5), at(0.3), at(27.0)),
        smooth("powOf", List.of("a", "b"), at(2.0, 3.0), at(0.5, -1.5), at(3.3, 0.7)),
        smooth("powConstantExponent", X, at(-2.0), at(-0.7), at(1.3)),
        smooth("absOf", XY, at(1.0, 3.0), at(2.0, -1.0), at(-1.5, 0.5)),
        smooth("maxOf", XY, at(3.0, 1.0), at(0.5, 2.0), at(-1.0, 0.5)),
        smooth("minOf", XY, at(1.0, 3.0), at(0.5, 1.0), at(-2.0, 0.0)),
        smooth("hypotOf", XY, at(3.0, 2.0), at(-1.0, 0.5), at(0.2, -3.0)),
        piecewise("signumOf", XY, at(1.5, 2.0), at(-0.5, 3.0), at(2.0, -1.0)),
        piecewise("floorOf", XY, at(1.5, 2.5), at(-0.3, 3.7), at(2.6, -1.4)),
        piecewise("ceilOf", XY, at(1.5, 2.0), at(-0.3, -1.2), at(2.6, 0.4)),
        piecewise("rintOf", XY, at(1.2, 1.5), at(-0.7, 2.0), at(2.0, 1.1)),
        piecewise("roundOf", X, at(0.1), at(1.3), at(-2.1)),
        smooth("strictMath", XY, at(0.5, 0.3), at(1.2, -0.4), at(-0.7, 1.1)),
        smooth("locals", XY, at(1.0, 2.0), at(-0.5, 1.5), at(2.0, -3.0)),
        smooth("varLocals", XY, at(0.3, 1.0), at(-1.0, 2.0), at(1.7, -0.5)),
        smooth("reassignment", X, at(-1.2), at(0.4), at(1.1)),
        smooth("reassignedParameters", XY, at(0.5, 1.5), at(-1.0, 0.7), at(2.0, -0.3)),
        smooth("compoundAssignment", XY, at(0.5, 1.0), at(-1.3, 0.4), at(2.0, -2.0)),
        smooth("integerDivision", X, at(1.5, 5, 7L), at(-0.8, 4, 10L), at(2.2, 7, -5L)),
        smooth("mixedIntegers", X, at(1.5, 2, 3L), at(-0.7, 5, 11L), at(3.1, -3, 6L)),
        smooth("incrementStatements", X, at(-1.0), at(0.5), at(2.0)),
        smooth("mathConstants", X, at(-1.0), at(0.5), at(2.0)),
        smooth("classConstants", X, at(-2.0), at(0.7), at(3.0)),
        smooth("unaryAndLogic", XY, at(1.0, 2.0), at(-2.0, 0.5), at(-0.5, -1.0)),
        smooth("ifElse", XY, at(2.0, 1.0), at(0.5, 1.5), at(-1.0, -3.0), at(-2.0, 1.0)),
        smooth("elseIfChain", X, at(-2.0), at(-0.5), at(1.0), at(3.0)),
        smooth("ternaries", XY, at(2.0, 0.5), at(0.5, 3.0), at(-1.0, 0.5), at(1.5, 2.5)),
        smooth("earlyReturns", XY, at(2.0, 1.0), at(2.0, -1.0), at(0.8, 1.5), at(0.3, 2.0)),
        smooth("callsSameClass", XY, at(0.5, 1.0), at(-1.0, 2.0), at(1.5, -0.5)),
        smooth("callsOtherClass", XY, at(0.5, 1.0), at(-1.0, 2.0), at(1.5, -0.5)),
        smooth("callsPlainMethodOnInactiveValues", X, at(1.5, 3), at(-2.0, 0), at(0.5, 7)),
        smooth("noDerivativeParameter", X, at(1.0, 2.0), at(-0.5, 0.3), at(2.0, -1.0)),
        smooth("wrtSubset", List.of("x", "z"), at(1.0, 2.0, 3.0), at(-0.5, 0.3, 1.2), at(2.0, -1.0, -0.7)),
        smooth("integerParameters", X, at(1.5, 3, 2L, false), at(-0.7, 5, -1L, true), at(2.0, 0, 5L, false)),
        smooth("booleanParameter", XY, at(1.5, 2.0, true), at(1.5, 2.0, false), at(-0.3, 0.7, true)),
        smooth("sharedSubexpression", X, at(-1.0), at(0.5), at(2.0)),
        smooth("relu", X, at(-1.5), at(0.7), at(2.0)),
        smooth("absolute", X, at(-2.0), at(0.5), at(3.0)),
        smooth("maximum", XY, at(2.0, 1.0), at(-1.0, 0.5), at(0.3, -2.0)),
        smooth("minimum", XY, at(2.0, 1.0), at(-1.0, 0.5), at(3.0, 4.0)),
        smooth("hypotenuse", XY, at(3.0, 4.0), at(-1.0, 2.0), at(0.5, -0.2)));
  }

  static Stream<Arguments> points() {
    return FunctionCase.arguments(cases());
  }

  private static Differentiated scalars(String method, List<String> wrt) {
    return Differentiated.of(compiled, "p.Scalars", method, wrt.toArray(new String[0]));
  }

  @ParameterizedTest(name = "{0} at {3}")
  @MethodSource("points")
  void gradientMatchesFiniteDifferencesAndValueIsExact(
      String method, List<String> wrt, Scheme scheme, Object[] point) {
    GradientOracle.check(scalars(method, wrt), scheme, point);
  }

  @Test
  void helperClassMethodsAreDifferentiatedToo() {
    Differentiated cube = Differentiated.of(compiled, "p.Helper", "cube", "x");
    Differentiated weighted = Differentiated.of(compiled, "p.Helper", "weighted", "x", "y", "w");
    for (double x : new double[] {-1.5, 0.4, 2.0}) {
      GradientOracle.check(cube, x);
      GradientOracle.check(weighted, x, 1 - x, 0.25 * x);
    }
  }

  @Test
  void casesCoverEveryMethodAndAtLeastFortyFunctions() {
    Set<String> declared = new TreeSet<>();
    for (Method m : compiled.type("p.Scalars").getDeclaredMethods()) {
      if (Modifier.isStatic(m.getModifiers()) && !m.isSynthetic()) {
        declared.add(m.getName());
      }
    }
    Set<String> covered = new TreeSet<>();
    for (FunctionCase c : cases()) {
      covered.add(c.method());
      assertTrue(c.points().size() >= 3, c.method() + " is checked at fewer than 3 points");
    }
    assertEquals(declared, covered, "every method of p.Scalars has a case");
    assertTrue(covered.size() >= 40, "only " + covered.size() + " functions");
    List<String> missing = new ArrayList<>();
    for (String fn : MATH_FUNCTIONS) {
      if (!SCALARS.contains("Math." + fn + "(")) {
        missing.add(fn);
      }
    }
    assertEquals(List.of(), missing, "Math functions not exercised");
  }

  // ---- closed forms from the chapter

  @Test
  void priceExampleGivesTheChapterNumbersExactly() {
    Record g = scalars("price", List.of("apple", "count", "tax")).gradient(200.0, 5.0, 1.1);
    assertEquals(1100.0, Differentiated.recordValue(g), 0.0, "value");
    // The partials are products of the other two arguments; 5 * 1.1 rounds to 5.5 exactly, 200 * 1.1
    // to 220.00000000000003, and the chain rule computes the same products.
    assertBits(5.5, (double) Differentiated.component(g, "apple"), "∂price/∂apple");
    assertBits(5 * 1.1, (double) Differentiated.component(g, "apple"), "∂price/∂apple");
    assertBits(200 * 1.1, (double) Differentiated.component(g, "count"), "∂price/∂count");
    assertBits(1000.0, (double) Differentiated.component(g, "tax"), "∂price/∂tax");
  }

  @Test
  void sigmoidDerivativeIsYTimesOneMinusY() {
    Differentiated sigmoid = scalars("sigmoid", X);
    for (double x : new double[] {-3, -1, 0, 0.5, 2, 4}) {
      Record g = sigmoid.gradient(x);
      double y = 1 / (1 + Math.exp(-x));
      double expected = y * (1 - y);
      double actual = (double) Differentiated.component(g, "x");
      // The two formulas round differently (1 - y cancels for large x): a few ulps apart at most.
      assertEquals(expected, actual, 1e-12 * expected, "sigmoid'(" + x + ")");
      assertBits(y, Differentiated.recordValue(g), "sigmoid(" + x + ")");
    }
  }

  // ---- kinks: the documented conventions

  @Test
  void reluHasDerivativeZeroAtZero() {
    assertGradient(scalars("relu", X), at(0.0), 0.0, 0.0);
  }

  @Test
  void absHasDerivativeZeroAtZero() {
    assertGradient(scalars("absolute", X), at(0.0), 0.0, 0.0);
  }

  @Test
  void maxTieGoesToTheFirstArgument() {
    assertGradient(scalars("maximum", XY), at(1.5, 1.5), 1.5, 1.0, 0.0);
    assertGradient(scalars("maximum", XY), at(-2.0, -2.0), -2.0, 1.0, 0.0);
    assertGradient(scalars("maxOf", XY), at(4.0, 2.0), 8.0, 2.0, 0.0);
  }

  @Test
  void minTieGoesToTheFirstArgument() {
    assertGradient(scalars("minimum", XY), at(1.5, 1.5), 1.5, 1.0, 0.0);
    assertGradient(scalars("minimum", XY), at(-2.0, -2.0), -2.0, 1.0, 0.0);
  }

  @Test
  void hypotAtTheOriginHasGradientZero() {
    assertGradient(scalars("hypotenuse", XY), at(0.0, 0.0), 0.0, 0.0, 0.0);
  }

  @Test
  void powWithZeroResultHasZeroExponentPartial() {
    // pow(0, 2) = 0: ∂/∂b = pow(a, b) log(a) is taken as 0 there, and ∂/∂a = b a^(b-1) = 0.
    assertGradient(scalars("powOf", List.of("a", "b")), at(0.0, 2.0), 0.0, 0.0, 0.0);
  }

  /** The gradient at {@code point} has exactly this value and these partials, in wrt order. */
  private static void assertGradient(Differentiated m, Object[] point, double value, double... partials) {
    Record g = m.gradient(point);
    String where = m.label() + " at " + Arrays.toString(point);
    assertBits(value, Differentiated.recordValue(g), where + ": value");
    Object[] parts = m.recordParts(g);
    for (int k = 0; k < partials.length; k++) {
      assertBits(partials[k], (double) parts[k], where + ": ∂/∂" + m.wrt().get(k));
    }
  }

  /** Equal as bits: 0.0 and -0.0 are both accepted for an expected zero. */
  private static void assertBits(double expected, double actual, String what) {
    if (expected == 0 && actual == 0) {
      return;
    }
    assertEquals(Double.doubleToLongBits(expected), Double.doubleToLongBits(actual),
        what + ": expected " + expected + " but was " + actual);
  }
}
