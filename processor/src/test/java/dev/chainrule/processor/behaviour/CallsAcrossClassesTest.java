package dev.chainrule.processor.behaviour;

import static dev.chainrule.processor.behaviour.FunctionCase.at;
import static dev.chainrule.processor.behaviour.FunctionCase.smooth;
import static dev.chainrule.processor.behaviour.LoopsAndArraysTest.matrix;
import static dev.chainrule.processor.behaviour.LoopsAndArraysTest.vector;

import dev.chainrule.numeric.FiniteDifferences.Scheme;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Calls between {@code @Differentiable} methods of several classes compiled together: another
 * class of the same package, a class of another package (imported and fully qualified), a static
 * nested class (companion {@code Outer_InnerDerivatives}), chains of three classes, array and
 * matrix arguments (parameters, rows, local arrays), callees whose {@code @NoDerivative} or
 * non-{@code wrt} parameters receive constant data, and integer arguments.
 */
class CallsAcrossClassesTest {

  static final String MODEL =
      """
      package p;

      import dev.chainrule.Differentiable;
      import dev.chainrule.NoDerivative;
      import q.Geo;

      public final class Model {
        private Model() {}

        @Differentiable
        static double otherPackageImported(double x, double y) {
          return Geo.norm(x, y) * Geo.norm(y, 1.0);
        }

        @Differentiable
        static double otherPackageQualified(double x, double y) {
          return q.Geo.norm(x * y, x) + Math.sin(q.Geo.norm(y, y));
        }

        @Differentiable
        static double nestedClassCallee(double x, double y) {
          return Outer.Inner.softplus(x - y) * y;
        }

        @Differentiable
        static double chainOfThreeClasses(double x) {
          double[] v = {x, 2 * x};
          return Vec.sumOfNorms(v, x) + x;
        }

        @Differentiable
        static double arrayCalleeInOtherClass(double[] w, @NoDerivative double[][] X) {
          double s = 0;
          for (int i = 0; i < X.length; i++) {
            s += Math.tanh(Vec.dot(w, X[i]));
          }
          return s + Vec.dot(w, w);
        }

        @Differentiable
        static double matrixCallee(double[][] M, double[] v) {
          int n = M.length;
          double[][] twice = new double[n][v.length];
          for (int i = 0; i < n; i++) {
            for (int j = 0; j < v.length; j++) {
              twice[i][j] = 2 * M[i][j] * v[j];
            }
          }
          return Vec.frobenius(M) * Vec.frobenius(twice) + Vec.dot(M[0], v);
        }

        @Differentiable
        static double constantDataToNoDerivativeParameter(double x, @NoDerivative double[] data) {
          double s = 0;
          for (int i = 0; i < data.length; i++) {
            s += Vec.scaled(x, data[i]);
          }
          return s;
        }

        @Differentiable
        static double constantToNonWrtParameter(double x, double z) {
          return Vec.partly(x, 2.5, z) + Vec.partly(z, -1.0, x);
        }

        @Differentiable
        static double integerArguments(double[] x) {
          double s = 0;
          for (int i = 0; i < x.length; i++) {
            s += Vec.term(x[i], i, true) + Vec.term(x[i], 2, false);
          }
          return s;
        }

        public static final class Outer {
          private Outer() {}

          public static final class Inner {
            private Inner() {}

            @Differentiable
            public static double softplus(double z) {
              return Math.log1p(Math.exp(z));
            }
          }
        }
      }
      """;

  static final String VEC =
      """
      package p;

      import dev.chainrule.Differentiable;
      import dev.chainrule.NoDerivative;
      import q.Geo;

      public final class Vec {
        private Vec() {}

        @Differentiable
        public static double dot(double[] a, double[] b) {
          double s = 0;
          for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
          }
          return s;
        }

        @Differentiable
        public static double frobenius(double[][] M) {
          double s = 0;
          for (double[] row : M) {
            for (double v : row) {
              s += v * v;
            }
          }
          return Math.sqrt(s);
        }

        @Differentiable
        public static double sumOfNorms(double[] v, double y) {
          double s = 0;
          for (double e : v) {
            s += Geo.norm(e, y);
          }
          return s;
        }

        @Differentiable
        public static double scaled(double x, @NoDerivative double k) {
          return Math.sin(k * x) * k;
        }

        @Differentiable(wrt = {"x", "z"})
        public static double partly(double x, double y, double z) {
          return x * y * z + Math.exp(z * 0.1) * y;
        }

        @Differentiable
        public static double term(double x, int power, boolean negate) {
          double r = Math.pow(x, power) + power * x;
          return negate ? -r : r;
        }
      }
      """;

  static final String GEO =
      """
      package q;

      import dev.chainrule.Differentiable;

      public final class Geo {
        private Geo() {}

        @Differentiable
        public static double norm(double x, double y) {
          return Math.sqrt(x * x + y * y + 1);
        }
      }
      """;

  private static CompiledSources compiled;

  @BeforeAll
  static void compile() {
    compiled = SharedCompilation.get();
  }

  static final List<String> XY = List.of("x", "y");

  static List<FunctionCase> cases() {
    return List.of(
        smooth("otherPackageImported", XY, at(0.5, 1.0), at(-1.0, 2.0), at(1.5, -0.5)),
        smooth("otherPackageQualified", XY, at(0.5, 1.0), at(-1.0, 2.0), at(1.5, -0.5)),
        smooth("nestedClassCallee", XY, at(0.5, 1.0), at(-1.0, 2.0), at(1.5, -0.5)),
        smooth("chainOfThreeClasses", List.of("x"), at(0.5), at(-1.0), at(2.0)),
        smooth("arrayCalleeInOtherClass", List.of("w"),
            at(vector(1, 3, 0.1, 1, true), matrix(2, 4, 3, 0.1, 1, true)),
            at(vector(3, 2, 0.1, 1, true), matrix(4, 1, 2, 0.1, 1, true)),
            at(vector(5, 5, 0.1, 1, true), matrix(6, 6, 5, 0.1, 1, true))),
        smooth("matrixCallee", List.of("M", "v"),
            at(matrix(7, 2, 3, 0.1, 1, true), vector(8, 3, 0.1, 1, true)),
            at(matrix(9, 1, 1, 0.1, 1, true), vector(10, 1, 0.1, 1, true)),
            at(matrix(11, 4, 2, 0.1, 1, true), vector(12, 2, 0.1, 1, true))),
        smooth("constantDataToNoDerivativeParameter", List.of("x"),
            at(0.5, vector(13, 3, 0.1, 2, true)), at(-1.0, vector(14, 1, 0.1, 2, true)), at(2.0, vector(15, 5, 0.1, 2, true))),
        smooth("constantToNonWrtParameter", List.of("x", "z"), at(0.5, 1.0), at(-1.0, 2.0), at(1.5, -0.5)),
        smooth("integerArguments", List.of("x"),
            at(vector(16, 3, 0.1, 1.5, true)), at(vector(17, 1, 0.1, 1.5, true)), at(vector(18, 5, 0.1, 1.5, true))));
  }

  static Stream<Arguments> points() {
    return FunctionCase.arguments(cases());
  }

  @ParameterizedTest(name = "{0} #{index}")
  @MethodSource("points")
  void gradientMatchesFiniteDifferencesAndValueIsExact(
      String method, List<String> wrt, Scheme scheme, Object[] point) {
    GradientOracle.check(
        Differentiated.of(compiled, "p.Model", method, wrt.toArray(new String[0])), scheme, point);
  }

  @Test
  void calleesAreDifferentiatedThemselves() {
    for (double x : new double[] {-1.2, 0.4, 2.0}) {
      GradientOracle.check(Differentiated.of(compiled, "q.Geo", "norm", "x", "y"), x, 1 - x);
      GradientOracle.check(Differentiated.of(compiled, "p.Vec", "partly", "x", "z"), x, 0.5, 2 * x);
      GradientOracle.check(Differentiated.of(compiled, "p.Vec", "scaled", "x"), x, 1.5);
      GradientOracle.check(Differentiated.of(compiled, "p.Vec", "term", "x"), x, 3, true);
      GradientOracle.check(
          Differentiated.nested(compiled, "p.Model$Outer$Inner", "p.Model_Outer_InnerDerivatives", "softplus", "z"), x);
    }
    GradientOracle.check(Differentiated.of(compiled, "p.Vec", "frobenius", "M"), (Object) matrix(19, 3, 2, 0.1, 1, true));
    GradientOracle.check(Differentiated.of(compiled, "p.Vec", "sumOfNorms", "v", "y"), vector(20, 3, 0.1, 1, true), 0.7);
  }
}
