package dev.chainrule.processor.behaviour;

import static dev.chainrule.processor.behaviour.FunctionCase.at;
import static dev.chainrule.processor.behaviour.FunctionCase.piecewise;
import static dev.chainrule.processor.behaviour.FunctionCase.smooth;
import static dev.chainrule.processor.behaviour.LoopsAndArraysTest.matrix;
import static dev.chainrule.processor.behaviour.LoopsAndArraysTest.vector;

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
 * Harder loop shapes: returns and breaks out of loops, {@code while (true)}, {@code continue} in a
 * do-while (which jumps to the condition), array elements overwritten many times, indices from
 * data, local arrays passed to callees, rows of local matrices, ragged matrices, long tapes
 * (100,000 iterations), and empty or one-element arrays. Same checks as {@link LoopsAndArraysTest}.
 */
class LoopCornerCasesTest {

  static final String LOOP_CORNERS =
      """
      package p;

      import dev.chainrule.Differentiable;

      public final class LoopCorners {
        private LoopCorners() {}

        @Differentiable
        static double dot(double[] a, double[] b) {
          double s = 0;
          for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
          }
          return s;
        }

        @Differentiable
        static double square(double v) {
          return v * v;
        }

        @Differentiable
        static double sameCalleeTwiceInLoopStatement(double[] x, double y) {
          double s = 0;
          for (int i = 0; i < x.length; i++) {
            s += square(x[i]) + square(x[i] * y);
          }
          return s;
        }

        @Differentiable
        static double guardedLogInLoop(double[] x) {
          double s = 0;
          for (int i = 0; i < x.length; i++) {
            s += x[i] > 0 ? Math.log(x[i]) : 0;
            if (x[i] < 0) {
              continue;
            }
            s += Math.sqrt(x[i]);
          }
          return s;
        }

        @Differentiable
        static double sharedSubexpressionsInLoop(double[] x, double y) {
          double[] t = new double[x.length];
          double s = 0;
          for (int i = 0; i < x.length; i++) {
            t[i] = Math.exp(x[i] * y) + Math.exp(x[i] * y) * x[i];
            t[i] = t[i] * t[i] + Math.sin(t[i]) - x[i] * y;
            s += t[i] * (x[i] * y) + s * (x[i] * y);
          }
          return s;
        }

        @Differentiable
        static double firstAbove(double[] x, double limit) {
          for (int i = 0; i < x.length; i++) {
            double v = x[i] * x[i] * limit;
            if (v > 1) {
              return v + i;
            }
          }
          return -limit;
        }

        @Differentiable
        static double callsEarlyReturner(double[] x, double y) {
          double s = 0;
          for (int i = 0; i < 3; i++) {
            s += firstAbove(x, y + i);
          }
          return s;
        }

        @Differentiable
        static double whileTrue(double x) {
          double y = x;
          int k = 0;
          while (true) {
            y = Math.sin(y) + x;
            k++;
            if (k >= 7) {
              break;
            }
          }
          return y;
        }

        @Differentiable
        static double forEver(double x) {
          double y = 1;
          for (;;) {
            y = y * x + 0.5;
            if (Math.abs(y) > 20) {
              break;
            }
          }
          return y;
        }

        @Differentiable
        static double continueInDoWhile(double x, int n) {
          double s = 0;
          int k = 0;
          do {
            k++;
            if (k % 2 == 0) {
              continue;
            }
            s = s * x + k;
          } while (k < n);
          return s;
        }

        @Differentiable
        static double elementOverwrittenManyTimes(double[] x) {
          double[] t = new double[x.length];
          for (int i = 0; i < x.length; i++) {
            t[i] = x[i];
          }
          for (int k = 0; k < 4; k++) {
            for (int i = 0; i < x.length; i++) {
              t[i] = Math.sin(t[i]) * x[i] + t[(i + 1) % x.length];
            }
          }
          double s = 0;
          for (double v : t) {
            s += v;
          }
          return s;
        }

        @Differentiable
        static double dataDependentIndices(double[] x, int[] idx) {
          double[] t = new double[x.length];
          for (int k = 0; k < idx.length; k++) {
            t[idx[k]] += x[k] * x[k];
            t[idx[k]] = t[idx[k]] * x[k];
          }
          double s = 0;
          for (int i = 0; i < t.length; i++) {
            s += t[i] * (i + 1);
          }
          return s;
        }

        @Differentiable
        static double stencil(double[] x) {
          int n = x.length;
          double[] y = new double[n];
          for (int i = 1; i < n - 1; i++) {
            y[i] = x[i - 1] - 2 * x[i] + x[i + 1];
          }
          double s = 0;
          for (int i = n - 1; i >= 0; i--) {
            s += y[i] * y[i] * x[i];
          }
          return s;
        }

        @Differentiable
        static double localArrayToCallee(double[] x) {
          double[] t = new double[x.length];
          for (int i = 0; i < x.length; i++) {
            t[i] = Math.exp(x[i]);
          }
          return dot(t, t) + dot(t, x);
        }

        @Differentiable
        static double localMatrixRowsToCallee(double[] x) {
          int n = x.length;
          double[][] g = new double[n][n];
          for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
              g[i][j] = x[i] * Math.cos(x[j]);
            }
          }
          double s = 0;
          for (int i = 0; i < n; i++) {
            s += dot(g[i], x) * dot(g[i], g[i]);
          }
          return s;
        }

        @Differentiable
        static double writesThroughLocalRowAlias(double[] x) {
          int n = x.length;
          double[][] g = new double[n][n];
          for (int i = 0; i < n; i++) {
            double[] row = g[i];
            for (int j = 0; j < n; j++) {
              row[j] = x[i] - x[j] * x[j];
            }
          }
          double s = 0;
          for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
              s += g[i][j] * g[i][j];
            }
          }
          return s;
        }

        @Differentiable
        static double callResultIntoArray(double[] x) {
          double[] t = new double[x.length];
          for (int i = 0; i < x.length; i++) {
            t[i] = dot(x, x) * x[i];
          }
          return dot(t, x);
        }

        @Differentiable
        static double raggedMatrix(double[][] M) {
          double s = 0;
          for (double[] row : M) {
            double r = 1;
            for (int j = 0; j < row.length; j++) {
              r = r * row[j] + j;
            }
            s += r * row.length;
          }
          return s;
        }

        @Differentiable
        static double longTape(double x, int n) {
          double y = x;
          for (int i = 0; i < n; i++) {
            y = Math.sin(y) * 0.5 + x * 0.5;
          }
          return y;
        }

        @Differentiable
        static double shortArrays(double[] x) {
          double s = 1;
          for (int i = 0; i < x.length; i++) {
            s = s * x[i] + Math.sin(x[i]);
          }
          return s;
        }

        @Differentiable
        static double conditionMixesCounterAndValue(double[] x) {
          double s = 0;
          for (int i = 0; i < x.length && s < 5; i++) {
            s += x[i] * x[i];
          }
          return s;
        }

        @Differentiable
        static double loopVariableChangedInBody(double[] x) {
          double s = 0;
          for (int i = 0; i < x.length; i++) {
            s += x[i] * s + x[i];
            if (x[i] > 0) {
              i++;
            }
          }
          return s;
        }

        @Differentiable
        static double nestedBreakAndContinue(double[][] M, double y) {
          double s = y;
          for (int i = 0; i < M.length; i++) {
            if (M[i][0] < -0.5) {
              continue;
            }
            for (int j = 0; j < M[i].length; j++) {
              if (M[i][j] * y > 1) {
                break;
              }
              if (M[i][j] < 0) {
                continue;
              }
              s = s * 0.9 + M[i][j] * y;
            }
          }
          return s;
        }

        // Found by the random-program test: the outer call's partials were read after the inner
        // call's pullback had reused the same adjoint object.
        @Differentiable
        static double nestedSameCallee(double a, double b) {
          return twoArgs(twoArgs(a, b), b) + twoArgs(b, twoArgs(a * b, a));
        }

        @Differentiable
        static double twoArgs(double u, double v) {
          return u * Math.sin(v) + v * v;
        }

        // Found by the random-program test: two loops that both break (and continue) used to
        // declare their flags under the same name.
        @Differentiable
        static double twoLoopsBreakAndContinue(double[] x) {
          double s = 0;
          for (int i = 0; i < x.length; i++) {
            if (x[i] > 2) {
              break;
            }
            if (x[i] < -1) {
              continue;
            }
            s += x[i] * x[i];
          }
          for (int i = 0; i < x.length; i++) {
            if (s > 10) {
              break;
            }
            if (x[i] < 0) {
              continue;
            }
            s = s * 1.1 + Math.sin(x[i]);
          }
          return s;
        }

        // Found in review: a later update of w[0]'s adjoint was joined into an earlier one across a
        // read of the same element through the alias r.
        @Differentiable
        static double aliasReadBetweenUpdates(double[] x, double y) {
          double[] w = new double[3];
          double[] r = w;
          double s = 0;
          double u = x[0] * y;
          w[0] = x[1] * y;
          s += r[0] * 3.0;
          w[0] += u * u;
          s += r[0] * 2.0;
          return s;
        }

        @Differentiable
        static double rowAliasReadBetweenUpdates(double[] x, double y) {
          double[][] w = new double[2][2];
          double s = 0;
          for (int i = 0; i < 2; i++) {
            double[] r = w[i];
            double u = x[i] * y;
            r[1] = y * y;
            s += r[1] * 3.0;
            w[i][1] += u * u;
            s += r[1] * 2.0;
          }
          return s;
        }

        // Found by the random-program test: grid.length in the row index was taken for a value
        // that the writes into grid could change.
        @Differentiable
        static double lastRowAfterWrites(double[] x) {
          double[][] grid = new double[3][x.length];
          for (int r = 0; r < 3; r++) {
            for (int j = 0; j < x.length; j++) {
              grid[r][j] = x[j] * (r + 1) + (r > 0 ? grid[r - 1][j] * x[j] : 0);
            }
          }
          double[] line = grid[grid.length - 1];
          double s = 0;
          for (int j = 0; j < line.length; j++) {
            grid[0][j] = line[j] * 2;
            s += line[j] * line[j] + grid[0][j];
          }
          return s;
        }
      }
      """;

  private static CompiledSources compiled;

  @BeforeAll
  static void compile() {
    compiled = SharedCompilation.get();
  }

  static List<FunctionCase> cases() {
    List<String> x = List.of("x");
    return List.of(
        smooth("dot", List.of("a", "b"), at(vector(1, 3, 0.1, 1, true), vector(2, 3, 0.1, 1, true)),
            at(new double[0], new double[0]), at(vector(3, 1, 0.1, 1, true), vector(4, 1, 0.1, 1, true))),
        smooth("square", List.of("v"), at(-1.5), at(0.3), at(2.0)),
        smooth("sameCalleeTwiceInLoopStatement", List.of("x", "y"),
            at(vector(32, 3, 0.1, 1, true), 1.5), at(vector(33, 1, 0.1, 1, true), -0.7), at(vector(34, 5, 0.1, 1, true), 2.0)),
        smooth("guardedLogInLoop", x,
            at(new double[] {0.5, -1.0, 2.0}), at(new double[] {-0.3}), at(vector(35, 6, 0.2, 2, true))),
        smooth("sharedSubexpressionsInLoop", List.of("x", "y"),
            at(vector(36, 3, 0.1, 1, true), 0.5), at(vector(37, 1, 0.1, 1, true), -0.7), at(vector(38, 5, 0.1, 1, true), 0.3)),
        piecewise("firstAbove", List.of("x", "limit"),
            at(new double[] {0.5, 0.8, 2.0, 3.0}, 1.0), at(new double[] {0.1, 0.2}, 1.0), at(new double[] {3.0}, 0.5)),
        piecewise("callsEarlyReturner", List.of("x", "y"),
            at(new double[] {0.5, 0.8, 2.0}, 0.3), at(new double[] {0.1, 0.2}, 0.4), at(new double[] {1.5, -0.3}, 2.0)),
        smooth("whileTrue", x, at(0.5), at(-1.2), at(2.0)),
        piecewise("forEver", x, at(1.5), at(-2.3), at(3.7)),
        smooth("continueInDoWhile", x, at(0.7, 0), at(0.7, 5), at(-1.3, 6), at(1.1, 9)),
        smooth("elementOverwrittenManyTimes", x,
            at(vector(5, 4, 0.1, 1, true)), at(vector(6, 1, 0.1, 1, true)), at(vector(7, 7, 0.1, 1, true))),
        smooth("dataDependentIndices", x,
            at(vector(8, 4, 0.1, 1, true), new int[] {2, 2, 0, 3}), at(vector(9, 3, 0.1, 1, true), new int[] {1, 1, 1}),
            at(vector(10, 5, 0.1, 1, true), new int[] {4, 0})),
        smooth("stencil", x, at(vector(11, 5, 0.1, 1, true)), at(vector(12, 3, 0.1, 1, true)), at(vector(13, 2, 0.1, 1, true))),
        smooth("localArrayToCallee", x, at(vector(14, 4, 0.1, 1, true)), at(vector(15, 1, 0.1, 1, true)), at(vector(16, 6, 0.1, 1, true))),
        smooth("localMatrixRowsToCallee", x, at(vector(17, 3, 0.1, 1, true)), at(vector(18, 1, 0.1, 1, true)), at(vector(19, 4, 0.1, 1, true))),
        smooth("writesThroughLocalRowAlias", x, at(vector(20, 3, 0.1, 1, true)), at(vector(21, 1, 0.1, 1, true)), at(vector(22, 5, 0.1, 1, true))),
        smooth("callResultIntoArray", x, at(vector(23, 3, 0.1, 1, true)), at(vector(24, 1, 0.1, 1, true)), at(vector(25, 5, 0.1, 1, true))),
        smooth("raggedMatrix", List.of("M"),
            at((Object) new double[][] {{0.5, -1.0, 0.3}, {1.2}, {}, {0.7, 0.2}}),
            at((Object) new double[][] {{0.4}, {0.3, 0.9, -0.8, 0.1}}),
            at((Object) matrix(26, 3, 2, 0.1, 1, true))),
        smooth("longTape", x, at(0.5, 100_000), at(-1.2, 1), at(2.0, 40_000)),
        smooth("shortArrays", x, at(new double[0]), at(new double[] {0.7}), at(new double[] {-0.4, 1.3})),
        piecewise("conditionMixesCounterAndValue", x,
            at(new double[] {1.0, 1.5, 2.0, 0.5}), at(new double[] {0.3, -0.2}), at(new double[] {2.5, 0.1})),
        piecewise("loopVariableChangedInBody", x,
            at(vector(27, 6, 0.2, 1, true)), at(vector(28, 5, 0.2, 1, true)), at(new double[] {0.5, -0.3, -0.7, 0.9})),
        piecewise("nestedBreakAndContinue", List.of("M", "y"),
            at(matrix(29, 4, 3, 0.2, 1, true), 0.8), at(matrix(30, 3, 4, 0.2, 1, true), 1.7),
            at(matrix(31, 5, 2, 0.2, 1, true), -0.6)),
        smooth("nestedSameCallee", List.of("a", "b"), at(0.7, -1.2), at(1.5, 0.4), at(-0.3, 2.1)),
        smooth("twoArgs", List.of("u", "v"), at(0.7, -1.2), at(1.5, 0.4)),
        piecewise("twoLoopsBreakAndContinue", x,
            at(new double[] {0.5, -2.0, 1.0, 3.0, 0.2}), at(new double[] {1.5, -0.5, 0.8, 1.9}),
            at(vector(39, 6, 0.1, 1, true))),
        smooth("aliasReadBetweenUpdates", List.of("x", "y"), at(new double[] {0.3, -0.7, 1.1, 0.45}, 0.8),
            at(vector(43, 2, 0.1, 1, true), -1.3)),
        smooth("rowAliasReadBetweenUpdates", List.of("x", "y"), at(new double[] {0.3, -0.7, 1.1, 0.45}, 0.8),
            at(vector(44, 2, 0.1, 1, true), -1.3)),
        smooth("lastRowAfterWrites", x, at(vector(40, 3, 0.1, 1, true)), at(vector(41, 1, 0.1, 1, true)),
            at(vector(42, 5, 0.1, 1, true))));
  }

  /** Zeros and negatives: the guarded log and sqrt must not leak NaN or infinity into the gradient. */
  @Test
  void guardedLogInLoopLeaksNothingAtZeroAndNegatives() {
    double[] x = {0.0, -1.0, 4.0, -0.0, 0.25};
    Differentiated m = Differentiated.of(compiled, "p.LoopCorners", "guardedLogInLoop", "x");
    double[] g = (double[]) Differentiated.component(m.gradient((Object) x), "x");
    // d/dx of log(x) + sqrt(x) where x > 0, and 0 where x < 0. At the zeros only sqrt runs, whose
    // derivative there is infinite, so they are not checked.
    int[] checked = {1, 2, 4};
    double[] expected = {0, 1 / 4.0 + 1 / (2 * 2.0), 1 / 0.25 + 1 / (2 * 0.5)};
    for (int k = 0; k < checked.length; k++) {
      if (g[checked[k]] != expected[k]) {
        throw new AssertionError("∂/∂x[" + checked[k] + "] expected " + expected[k] + " but was " + g[checked[k]]
            + " in " + Arrays.toString(g));
      }
    }
  }

  static Stream<Arguments> points() {
    return FunctionCase.arguments(cases());
  }

  @ParameterizedTest(name = "{0} #{index}")
  @MethodSource("points")
  void gradientMatchesFiniteDifferencesAndValueIsExact(
      String method, List<String> wrt, Scheme scheme, Object[] point) {
    GradientOracle.check(
        Differentiated.of(compiled, "p.LoopCorners", method, wrt.toArray(new String[0])), scheme, point);
  }
}
