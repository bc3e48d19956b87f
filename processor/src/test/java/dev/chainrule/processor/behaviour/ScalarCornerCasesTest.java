package dev.chainrule.processor.behaviour;

import static dev.chainrule.processor.behaviour.FunctionCase.at;
import static dev.chainrule.processor.behaviour.FunctionCase.smooth;

import dev.chainrule.numeric.FiniteDifferences.Scheme;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Less obvious combinations within the scalar subset: values overwritten in only one branch,
 * self-referencing compound assignments, calls whose results feed back into their arguments,
 * boolean and integer locals steering branches, integer overloads of {@code Math} functions, and
 * calls passing one active value to several parameters, shared sub-expressions, and guards whose
 * untaken branch would compute NaN or infinity. Same checks as {@link ScalarSubsetTest}.
 */
class ScalarCornerCasesTest {

  static final String CORNERS =
      """
      package p;

      import dev.chainrule.Differentiable;

      public final class Corners {
        private Corners() {}

        @Differentiable
        static double square(double x) {
          return x * x;
        }

        @Differentiable
        static double mix(double a, double b, double c) {
          return a * b + Math.sin(c) * a;
        }

        @Differentiable
        static double assignedInOneBranch(double x, double y) {
          double z = x * y;
          if (x > 0) {
            z = z * z + x;
          }
          return z * y;
        }

        @Differentiable
        static double parameterAssignedInOneBranch(double x, double y) {
          if (y > 0) {
            x = x * x;
          }
          return x * y;
        }

        @Differentiable
        static double selfReferencingCompound(double x, double y) {
          double s = x + y;
          s *= s;
          s += s;
          x -= x * y;
          s /= x;
          return s;
        }

        @Differentiable
        static double callResultFedBack(double x) {
          x = square(x) + 1;
          x = square(x) - x;
          return Math.log(x);
        }

        @Differentiable
        static double oneValueToSeveralParameters(double x, double y) {
          return mix(x, x, x) + mix(y, x * y, y);
        }

        @Differentiable
        static double sameCalleeTwiceInOneStatement(double x, double y) {
          return square(x) + square(x * y);
        }

        @Differentiable
        static double guardedLogInTernary(double x, double y) {
          return (x > 0 ? Math.log(x) : x * y) + (y > 0 ? Math.sqrt(y) * x : 0);
        }

        @Differentiable
        static double guardedDivisionInBranch(double x, double y) {
          double r = x * y;
          if (x != 0) {
            r = r + y / x;
          }
          if (y >= 0) {
            r = r * Math.sqrt(y);
          }
          return r;
        }

        @Differentiable
        static double guardedEarlyReturn(double x) {
          if (x <= 0) {
            return -x * x;
          }
          return Math.log(x) * Math.sqrt(x);
        }

        @Differentiable
        static double sharedSubexpressionsInOneStatement(double x, double y) {
          return Math.sin(x * y) * Math.sin(x * y) + (x * y) / (1 + Math.sin(x * y)) + Math.exp(x - y) * (x - y);
        }

        @Differentiable
        static double sameExpressionAcrossReassignment(double x, double y) {
          double a = Math.sin(x * y);
          x = x * 2 + y;
          double b = Math.sin(x * y);
          y = y - a;
          return a * b + Math.sin(x * y) * y;
        }

        @Differentiable
        static double nestedCalls(double x) {
          return square(square(square(x) + x));
        }

        @Differentiable
        static double callWithConstantArguments(double x) {
          return square(3.0) * x + mix(1.0, 2.0, 0.5);
        }

        @Differentiable
        static double booleanLocals(double x, double y) {
          boolean positive = x > 0;
          boolean large = y * y > 2;
          double r = x * y;
          if (positive && !large) {
            r = r + Math.exp(x);
          } else if (large) {
            r = r * y;
          }
          return r;
        }

        @Differentiable
        static double integerLocalsSteerBranches(double x, int n) {
          int k = n % 3;
          int sign = x > 0 ? 1 : -1;
          double r = x;
          if (k == 0) {
            r = r * r;
          } else if (k == 1) {
            r = Math.sin(r) * sign;
          } else {
            r = r * sign + 1;
          }
          return r * k - n * x;
        }

        @Differentiable
        static double integerMathOverloads(double x, int n, long m) {
          int a = Math.max(n, 2) / 3;
          long b = Math.abs(m) / 2;
          int c = Math.min(n, -n);
          return x * a + b * x * x + c / x;
        }

        @Differentiable
        static double mixedLiteralMathArguments(double x) {
          return Math.max(x, 0) + Math.min(1, x * x) + Math.pow(2, x);
        }

        @Differentiable
        static double returnFromElseIfChain(double x) {
          if (x < -1) {
            return x * x;
          } else if (x < 1) {
            double t = Math.sin(x);
            if (t > 0.5) {
              return t * x;
            }
            return t + x;
          } else {
            return Math.sqrt(x);
          }
        }

        @Differentiable
        static double nestedTernaries(double x, double y) {
          return x > 0 ? (y > 0 ? x * y : x - y) : (y > 0 ? -x * y * y : Math.exp(x + y));
        }

        @Differentiable
        static double ternaryInsideArithmetic(double x, double y) {
          double a = (x > y ? x : y) * (x < 0 ? -x : 2 * x);
          return a + (y > 1 ? Math.log(y) : y);
        }

        @Differentiable
        static double valueOverwrittenBeforeUse(double x, double y) {
          double a = Math.exp(x);
          double b = a * y;
          a = Math.cos(y);
          b = b * a;
          a = b + a * x;
          return a * b;
        }

        @Differentiable
        static double longAndIntArithmetic(double x, long m, int n) {
          long p = m * n - 3;
          double q = p / 2 + x / p;
          int r = (int) (m % 5);
          return q * x + r;
        }

        @Differentiable
        static double divisionByActive(double x, double y) {
          double s = 1 / x;
          s /= y;
          s = (x - y) / (s + x * y);
          return s;
        }
      }
      """;

  private static CompiledSources compiled;

  @BeforeAll
  static void compile() {
    compiled = SharedCompilation.get();
  }

  static final List<String> X = List.of("x");
  static final List<String> XY = List.of("x", "y");

  static List<FunctionCase> cases() {
    return List.of(
        smooth("assignedInOneBranch", XY, at(1.0, 2.0), at(-1.0, 0.5), at(0.5, -1.5)),
        smooth("parameterAssignedInOneBranch", XY, at(1.5, 2.0), at(-1.0, -0.5), at(0.5, 1.5)),
        smooth("selfReferencingCompound", XY, at(1.0, 2.0), at(-1.5, 0.5), at(2.0, -0.3)),
        smooth("callResultFedBack", X, at(0.5), at(-1.2), at(2.0)),
        smooth("oneValueToSeveralParameters", XY, at(0.5, 1.0), at(-1.0, 2.0), at(1.5, -0.5)),
        smooth("sameCalleeTwiceInOneStatement", XY, at(1.5, 2.0), at(-1.0, 0.5), at(0.7, -1.3)),
        smooth("guardedLogInTernary", XY, at(-1.0, -2.0), at(2.0, 3.0), at(-0.5, 1.5), at(0.5, -1.0)),
        smooth("guardedDivisionInBranch", XY, at(1.5, -0.5), at(-2.0, 3.0), at(0.5, 2.0)),
        smooth("guardedEarlyReturn", X, at(-1.0), at(0.5), at(2.0)),
        smooth("sharedSubexpressionsInOneStatement", XY, at(0.5, 1.0), at(-1.0, 2.0), at(1.5, -0.5)),
        smooth("sameExpressionAcrossReassignment", XY, at(0.5, 1.0), at(-1.0, 2.0), at(1.5, -0.5)),
        smooth("nestedCalls", X, at(0.5), at(-1.2), at(1.1)),
        smooth("callWithConstantArguments", X, at(0.5), at(-1.2), at(2.0)),
        smooth("booleanLocals", XY, at(1.0, 0.5), at(-1.0, 2.0), at(0.5, -3.0), at(-1.0, 0.5)),
        smooth("integerLocalsSteerBranches", X, at(1.5, 3), at(-0.5, 4), at(0.7, 5), at(-2.0, 7)),
        smooth("integerMathOverloads", X, at(1.5, 4, -7L), at(-0.5, 1, 9L), at(2.0, 8, 3L)),
        smooth("mixedLiteralMathArguments", X, at(0.5), at(-2.0), at(2.0)),
        smooth("returnFromElseIfChain", X, at(-2.0), at(0.2), at(0.9), at(3.0)),
        smooth("nestedTernaries", XY, at(1.0, 2.0), at(1.0, -2.0), at(-1.0, 2.0), at(-1.0, -2.0)),
        smooth("ternaryInsideArithmetic", XY, at(2.0, 1.5), at(-1.0, 0.5), at(0.5, 3.0)),
        smooth("valueOverwrittenBeforeUse", XY, at(0.5, 1.0), at(-1.0, 2.0), at(1.5, -0.5)),
        smooth("longAndIntArithmetic", X, at(1.5, 3L, 2), at(-0.5, 7L, -1), at(2.0, 4L, 5)),
        smooth("divisionByActive", XY, at(1.0, 2.0), at(-1.5, 0.5), at(2.0, -0.3)));
  }

  /**
   * On the boundary of a guard, where the untaken branch would compute log(0), 1/0 or sqrt of a
   * negative number, the gradient is the taken branch's (derived by hand), finite, with nothing of
   * the untaken branch leaking in as NaN or infinity.
   */
  @Test
  void untakenBranchesLeakNothingAtTheirGuards() {
    assertGradient("guardedLogInTernary", XY, at(0.0, 0.0), 0.0, 0.0); // x * y + 0
    assertGradient("guardedLogInTernary", XY, at(-1.0, -2.0), -2.0, -1.0); // x * y + 0
    assertGradient("guardedDivisionInBranch", XY, at(0.0, -1.0), -1.0, 0.0); // x * y
    assertGradient("guardedDivisionInBranch", XY, at(0.0, 2.0), 2 * Math.sqrt(2.0), 0.0); // x y sqrt(y)
    assertGradient("guardedEarlyReturn", X, at(0.0), 0.0); // -x * x
    assertGradient("guardedEarlyReturn", X, at(-3.0), 6.0); // -x * x
  }

  private static void assertGradient(String method, List<String> wrt, Object[] point, double... partials) {
    Differentiated m = Differentiated.of(compiled, "p.Corners", method, wrt.toArray(new String[0]));
    Object[] actual = m.recordParts(m.gradient(point));
    for (int k = 0; k < partials.length; k++) {
      double a = (double) actual[k];
      if (!(Math.abs(a - partials[k]) <= 1e-15 * Math.max(1, Math.abs(partials[k])))) {
        throw new AssertionError(m.label() + " at " + Arrays.toString(point) + ": ∂/∂" + wrt.get(k)
            + " expected " + partials[k] + " but was " + a);
      }
    }
  }

  static Stream<Arguments> points() {
    return FunctionCase.arguments(cases());
  }

  @ParameterizedTest(name = "{0} at {3}")
  @MethodSource("points")
  void gradientMatchesFiniteDifferencesAndValueIsExact(
      String method, List<String> wrt, Scheme scheme, Object[] point) {
    GradientOracle.check(
        Differentiated.of(compiled, "p.Corners", method, wrt.toArray(new String[0])), scheme, point);
  }
}
