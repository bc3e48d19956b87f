package dev.chainrule.processor.behaviour;

import static dev.chainrule.processor.behaviour.FunctionCase.at;
import static dev.chainrule.processor.behaviour.FunctionCase.piecewise;
import static dev.chainrule.processor.behaviour.FunctionCase.smooth;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.numeric.FiniteDifferences.Scheme;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Loops and arrays (issue "Loops and arrays"): every loop form, local arrays, array parameters of
 * both ranks, calls inside loops, and control flow that depends on differentiated values. Each
 * method is checked at several points against finite differences of the original method (value
 * exact, partials of the parameters' shapes), and the classic ones also against closed forms.
 */
class LoopsAndArraysTest {

  static final String LOOPS =
      """
      package p;

      import dev.chainrule.Differentiable;
      import dev.chainrule.NoDerivative;

      public final class Loops {
        private Loops() {}

        @Differentiable
        public static double rosenbrock(double[] x) {
          double s = 0;
          for (int i = 0; i < x.length - 1; i++) {
            double a = x[i + 1] - x[i] * x[i];
            double b = 1 - x[i];
            s += 100 * a * a + b * b;
          }
          return s;
        }

        @Differentiable
        public static double horner(double[] c, double x) {
          double r = 0;
          for (int i = c.length - 1; i >= 0; i--) {
            r = r * x + c[i];
          }
          return r;
        }

        @Differentiable
        public static double newtonSqrt(double a) {
          double x = a;
          for (int k = 0; k < 30; k++) {
            x = 0.5 * (x + a / x);
          }
          return x;
        }

        @Differentiable
        public static double sqrtToTolerance(double a) {
          double x = 1;
          while (Math.abs(x * x - a) > 1e-12 * a) {
            x = 0.5 * (x + a / x);
          }
          return x;
        }

        @Differentiable
        public static double fixedPointCos(double a) {
          double x = 0.5;
          double previous = 0;
          int k = 0;
          while (Math.abs(x - previous) > 1e-14 && k < 1000) {
            previous = x;
            x = Math.cos(a * x);
            k++;
          }
          return x;
        }

        @Differentiable
        public static double matVecSquaredNorm(double[][] A, double[] v) {
          double n = 0;
          for (int i = 0; i < A.length; i++) {
            double u = 0;
            for (int j = 0; j < v.length; j++) {
              u += A[i][j] * v[j];
            }
            n += u * u;
          }
          return n;
        }

        @Differentiable
        public static double matVecThroughLocalVector(double[][] A, double[] v) {
          double[] u = new double[A.length];
          for (int i = 0; i < A.length; i++) {
            for (int j = 0; j < v.length; j++) {
              u[i] += A[i][j] * v[j];
            }
          }
          double n = 0;
          for (double e : u) {
            n += e * e;
          }
          return n;
        }

        @Differentiable
        static double sigmoid(double z) {
          return 1 / (1 + Math.exp(-z));
        }

        @Differentiable
        static double dot(double[] a, double[] b) {
          double s = 0;
          for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
          }
          return s;
        }

        @Differentiable
        public static double logisticLoss(
            double[] w, double b, @NoDerivative double[][] X, @NoDerivative double[] y) {
          double total = 0;
          for (int i = 0; i < X.length; i++) {
            double p = sigmoid(dot(w, X[i]) + b);
            total += -(y[i] * Math.log(p) + (1 - y[i]) * Math.log(1 - p));
          }
          return total / X.length;
        }

        @Differentiable
        public static double softmaxCrossEntropy(double[] z, int label) {
          double m = z[0];
          for (int i = 1; i < z.length; i++) {
            m = Math.max(m, z[i]);
          }
          double s = 0;
          for (int i = 0; i < z.length; i++) {
            s += Math.exp(z[i] - m);
          }
          return Math.log(s) + m - z[label];
        }

        @Differentiable
        public static double softmaxAgainstTarget(double[] z, @NoDerivative double[] t) {
          double[] p = new double[z.length];
          double m = z[0];
          for (double v : z) {
            m = Math.max(m, v);
          }
          double s = 0;
          for (int i = 0; i < z.length; i++) {
            p[i] = Math.exp(z[i] - m);
            s += p[i];
          }
          double loss = 0;
          for (int i = 0; i < z.length; i++) {
            p[i] /= s;
            loss -= t[i] * Math.log(p[i]);
          }
          return loss;
        }

        @Differentiable
        public static double scratchArray(double[] x) {
          double[] t = new double[x.length];
          for (int i = 0; i < x.length; i++) {
            t[i] = x[i] * x[i];
          }
          for (int i = 1; i < x.length; i++) {
            t[i] = t[i] + Math.sin(t[i - 1]);
          }
          double s = 0;
          for (int i = 0; i < x.length; i++) {
            s += t[i] * x[i];
          }
          return s;
        }

        @Differentiable
        public static double sumUntilLimit(double[] x, @NoDerivative double limit) {
          double s = 0;
          for (int i = 0; i < x.length; i++) {
            s += x[i] * x[i] * (i + 1);
            if (s > limit) {
              break;
            }
          }
          return s * s;
        }

        @Differentiable
        public static double skipNegatives(double[] x) {
          double s = 0;
          for (int i = 0; i < x.length; i++) {
            if (x[i] < 0) {
              continue;
            }
            s += Math.sqrt(x[i]) * x[i];
          }
          return s;
        }

        @Differentiable
        public static double callsInLoop(double[] w, double[][] X) {
          double s = 0;
          for (int i = 0; i < X.length; i++) {
            double d = dot(w, X[i]);
            s += d * d;
          }
          return s + dot(w, w);
        }

        @Differentiable
        public static double sameArrayTwice(double[] w) {
          return dot(w, w) * 0.5 + sigmoid(dot(w, w));
        }

        @Differentiable
        public static double doWhile(double x, int n) {
          double y = 1;
          int k = 0;
          do {
            y = y * x + Math.sin(y);
            k++;
          } while (k < n);
          return y;
        }

        @Differentiable
        public static double triangularNestedLoops(double[] x) {
          double s = 0;
          for (int i = 0; i < x.length; i++) {
            for (int j = i + 1; j < x.length; j++) {
              s += x[i] * Math.sin(x[j] - x[i]);
            }
          }
          return s;
        }

        @Differentiable
        public static double enhancedFor(double[] x, double[][] M) {
          double s = 0;
          for (double v : x) {
            s += v * v * v;
          }
          for (double[] row : M) {
            double r = 0;
            for (double v : row) {
              r += Math.exp(v) * s;
            }
            s += r * 0.1;
          }
          for (double[] row : M) {
            s += dot(row, x);
          }
          return s;
        }

        @Differentiable
        public static double local2dCompound(double[] x) {
          int n = x.length;
          double[][] g = new double[n][n];
          for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
              g[i][j] += x[i] * x[j];
              g[i][j] *= 1 + x[j];
              g[i][j] -= x[i];
            }
          }
          double s = 0;
          for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
              s += g[i][j] * g[j][i];
            }
          }
          return s;
        }

        @Differentiable
        public static double longBounds(double x, long n) {
          double s = 0;
          for (long i = 0; i < n; i++) {
            s += Math.sin(x * i) / (i + 1);
          }
          return s;
        }

        @Differentiable
        public static double decreasingLoop(double[] x) {
          int n = x.length;
          double suffix = 1;
          double s = 0;
          for (int i = n - 1; i >= 0; i--) {
            suffix = suffix * x[i];
            s += suffix;
          }
          return s;
        }

        @Differentiable
        public static double stepTwo(double[] x) {
          double s = 0;
          for (int i = 0; i + 1 < x.length; i += 2) {
            s += x[i] * x[i + 1];
          }
          for (int i = x.length - 1; i >= 0; i -= 2) {
            s += Math.cos(x[i]) * s;
          }
          return s;
        }

        @Differentiable
        public static double tripCountDependsOnValue(double x, double rate) {
          double y = x;
          int steps = 0;
          while (y < 100) {
            y = y * rate + 1;
            steps++;
          }
          return y + steps;
        }

        @Differentiable
        public static double reluInsideLoop(double[] w, double[] x) {
          double s = 0;
          for (int i = 0; i < x.length; i++) {
            double z = w[i] * x[i] - 0.1;
            double a = z > 0 ? z : 0;
            if (a > 0.5) {
              s += a * a;
            } else {
              s += a;
            }
          }
          return s;
        }

        @Differentiable
        public static double ifElseInsideLoop(double[] x, double y) {
          double s = y;
          for (int i = 0; i < x.length; i++) {
            if (x[i] > s) {
              s = s * 0.5 + x[i];
            } else if (x[i] < -1) {
              s = s - x[i] * y;
            } else {
              s = Math.sin(s) + x[i] * x[i];
            }
          }
          return s;
        }

        @Differentiable
        public static double integerIndexArrays(double[] x, int[] idx, int[][] pairs) {
          double s = 0;
          for (int k = 0; k < idx.length; k++) {
            s += x[idx[k]] * (k + 1);
          }
          for (int k = 0; k < pairs.length; k++) {
            s += x[pairs[k][0]] * x[pairs[k][1]];
          }
          return s;
        }

        @Differentiable
        public static double rowAliases(double[][] X, double[] w) {
          double s = 0;
          for (int i = 0; i < X.length; i++) {
            double[] row = X[i];
            for (int j = 0; j < row.length; j++) {
              s += row[j] * row[j] * w[j];
            }
          }
          return s;
        }

        @Differentiable
        public static double localArrayInitializer(double a, double b) {
          double[] c = {a, b, a * b};
          double s = 0;
          for (int i = 0; i < c.length; i++) {
            s += c[i] * c[i] * (i + 1);
          }
          return s;
        }

        @Differentiable
        public static double whileWithBreakAndContinue(double[] x) {
          double s = 0;
          int i = 0;
          while (i < x.length) {
            i++;
            if (x[i - 1] < 0) {
              continue;
            }
            s += x[i - 1] * s + x[i - 1];
            if (s > 50) {
              break;
            }
          }
          return s;
        }

        @Differentiable
        public static double innerBreak(double[][] M) {
          double s = 0;
          for (int i = 0; i < M.length; i++) {
            double r = 0;
            for (int j = 0; j < M[i].length; j++) {
              if (M[i][j] < 0) {
                break;
              }
              r += M[i][j] * M[i][j];
            }
            s += Math.sqrt(r + 1) * (i + 1);
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

  private static Differentiated loops(String method, String... wrt) {
    return Differentiated.of(compiled, "p.Loops", method, wrt);
  }

  /** Random values, each of magnitude in [lo, hi] and random sign (if {@code signed}). */
  static double[] vector(long seed, int n, double lo, double hi, boolean signed) {
    Random random = new Random(seed);
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      double magnitude = lo + (hi - lo) * random.nextDouble();
      v[i] = signed && random.nextBoolean() ? -magnitude : magnitude;
    }
    return v;
  }

  static double[][] matrix(long seed, int rows, int cols, double lo, double hi, boolean signed) {
    double[][] m = new double[rows][];
    for (int r = 0; r < rows; r++) {
      m[r] = vector(seed * 31 + r, cols, lo, hi, signed);
    }
    return m;
  }

  /** Labels 0/1 for a data set, fixed by {@code seed}. */
  static double[] labels(long seed, int n) {
    Random random = new Random(seed);
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      y[i] = random.nextBoolean() ? 1 : 0;
    }
    return y;
  }

  /** A probability vector (positive, sums to 1). */
  static double[] distribution(long seed, int n) {
    double[] t = vector(seed, n, 0.1, 1.0, false);
    double sum = 0;
    for (double v : t) {
      sum += v;
    }
    for (int i = 0; i < n; i++) {
      t[i] /= sum;
    }
    return t;
  }

  static List<FunctionCase> cases() {
    List<String> x = List.of("x");
    return List.of(
        smooth("rosenbrock", x,
            at(vector(1, 2, 0.2, 1.5, true)), at(new double[] {-1.2, 1.0}), at(vector(2, 2, 0.2, 1.5, true)),
            at(vector(3, 10, 0.2, 1.5, true)), at(vector(4, 10, 0.2, 1.5, true)), at(vector(5, 10, 0.2, 1.5, true)),
            at(vector(6, 50, 0.2, 1.5, true)), at(vector(7, 50, 0.2, 1.5, true)), at(vector(8, 50, 0.2, 1.5, true))),
        smooth("horner", List.of("c", "x"),
            at(vector(11, 5, 0.1, 2, true), 0.7), at(vector(12, 8, 0.1, 2, true), -1.3), at(vector(13, 1, 0.1, 2, true), 2.0)),
        smooth("newtonSqrt", List.of("a"), at(2.0), at(0.3), at(9.0), at(150.0)),
        piecewise("sqrtToTolerance", List.of("a"), at(2.0), at(0.3), at(9.0), at(150.0)),
        piecewise("fixedPointCos", List.of("a"), at(0.5), at(0.8), at(1.2)),
        smooth("matVecSquaredNorm", List.of("A", "v"),
            at(matrix(21, 3, 4, 0.1, 1, true), vector(22, 4, 0.1, 1, true)),
            at(matrix(23, 5, 2, 0.1, 1, true), vector(24, 2, 0.1, 1, true)),
            at(matrix(25, 1, 6, 0.1, 1, true), vector(26, 6, 0.1, 1, true))),
        smooth("matVecThroughLocalVector", List.of("A", "v"),
            at(matrix(27, 3, 4, 0.1, 1, true), vector(28, 4, 0.1, 1, true)),
            at(matrix(29, 5, 2, 0.1, 1, true), vector(30, 2, 0.1, 1, true)),
            at(matrix(31, 2, 2, 0.1, 1, true), vector(32, 2, 0.1, 1, true))),
        smooth("sigmoid", List.of("z"), at(-1.0), at(0.3), at(2.5)),
        smooth("dot", List.of("a", "b"),
            at(vector(33, 3, 0.1, 1, true), vector(34, 3, 0.1, 1, true)),
            at(vector(35, 1, 0.1, 1, true), vector(36, 1, 0.1, 1, true)),
            at(vector(37, 7, 0.1, 1, true), vector(38, 7, 0.1, 1, true))),
        smooth("logisticLoss", List.of("w", "b"),
            at(vector(41, 3, 0.1, 1, true), 0.2, matrix(42, 12, 3, 0.1, 2, true), labels(43, 12)),
            at(vector(44, 3, 0.1, 1, true), -0.5, matrix(45, 20, 3, 0.1, 2, true), labels(46, 20)),
            at(vector(47, 5, 0.1, 1, true), 1.0, matrix(48, 7, 5, 0.1, 2, true), labels(49, 7))),
        smooth("softmaxCrossEntropy", List.of("z"),
            at(vector(51, 4, 0.1, 2, true), 2), at(vector(52, 6, 0.1, 2, true), 0), at(vector(53, 3, 0.1, 2, true), 1)),
        smooth("softmaxAgainstTarget", List.of("z"),
            at(vector(54, 4, 0.1, 2, true), distribution(55, 4)),
            at(vector(56, 6, 0.1, 2, true), distribution(57, 6)),
            at(vector(58, 3, 0.1, 2, true), distribution(59, 3))),
        smooth("scratchArray", x,
            at(vector(61, 4, 0.1, 1.5, true)), at(vector(62, 7, 0.1, 1.5, true)), at(vector(63, 1, 0.1, 1.5, true))),
        // limits fall between partial sums, far from them relative to the finite-difference steps
        piecewise("sumUntilLimit", x,
            at(new double[] {0.5, -1.0, 1.5, 2.0}, 3.0), at(new double[] {0.5, -1.0, 1.5, 2.0}, 100.0),
            at(new double[] {2.0, 0.3}, 1.0)),
        piecewise("skipNegatives", x,
            at(vector(64, 5, 0.2, 2, true)), at(vector(65, 8, 0.2, 2, true)), at(vector(66, 3, 0.2, 2, false))),
        smooth("callsInLoop", List.of("w", "X"),
            at(vector(67, 3, 0.1, 1, true), matrix(68, 4, 3, 0.1, 1, true)),
            at(vector(69, 2, 0.1, 1, true), matrix(70, 6, 2, 0.1, 1, true)),
            at(vector(71, 5, 0.1, 1, true), matrix(72, 1, 5, 0.1, 1, true))),
        smooth("sameArrayTwice", List.of("w"),
            at(vector(73, 3, 0.1, 1, true)), at(vector(74, 6, 0.1, 1, true)), at(vector(75, 1, 0.1, 1, true))),
        smooth("doWhile", x, at(0.7, 0), at(0.7, 3), at(-0.4, 5), at(1.1, 2)),
        smooth("triangularNestedLoops", x,
            at(vector(76, 3, 0.1, 1.5, true)), at(vector(77, 6, 0.1, 1.5, true)), at(vector(78, 2, 0.1, 1.5, true))),
        smooth("enhancedFor", List.of("x", "M"),
            at(vector(79, 3, 0.1, 1, true), matrix(80, 2, 3, 0.1, 1, true)),
            at(vector(81, 2, 0.1, 1, true), matrix(82, 4, 2, 0.1, 1, true)),
            at(vector(83, 4, 0.1, 1, true), matrix(84, 1, 4, 0.1, 1, true))),
        smooth("local2dCompound", x,
            at(vector(85, 3, 0.1, 1, true)), at(vector(86, 5, 0.1, 1, true)), at(vector(87, 1, 0.1, 1, true))),
        smooth("longBounds", x, at(0.3, 5L), at(-1.2, 12L), at(2.0, 1L), at(0.9, 0L)),
        smooth("decreasingLoop", x,
            at(vector(88, 3, 0.2, 1.5, true)), at(vector(89, 6, 0.2, 1.5, true)), at(vector(90, 1, 0.2, 1.5, true))),
        smooth("stepTwo", x,
            at(vector(91, 4, 0.1, 1.5, true)), at(vector(92, 7, 0.1, 1.5, true)), at(vector(93, 1, 0.1, 1.5, true))),
        // y = x r^k + (r^k - 1)/(r - 1) after k steps; the points are far from a change of k
        piecewise("tripCountDependsOnValue", List.of("x", "rate"), at(1.3, 1.7), at(5.0, 2.5), at(0.2, 1.3)),
        piecewise("reluInsideLoop", List.of("w", "x"),
            at(vector(94, 4, 0.1, 1.5, true), vector(95, 4, 0.1, 1.5, true)),
            at(vector(96, 6, 0.1, 1.5, true), vector(97, 6, 0.1, 1.5, true)),
            at(vector(98, 3, 0.1, 1.5, true), vector(99, 3, 0.1, 1.5, true))),
        piecewise("ifElseInsideLoop", List.of("x", "y"),
            at(vector(100, 4, 0.1, 2, true), 0.3), at(vector(101, 6, 0.1, 2, true), -0.5), at(vector(102, 3, 0.1, 2, true), 1.5)),
        smooth("integerIndexArrays", x,
            at(vector(103, 4, 0.1, 1, true), new int[] {0, 3, 3, 1}, new int[][] {{0, 1}, {2, 2}}),
            at(vector(104, 2, 0.1, 1, true), new int[] {1}, new int[][] {{1, 0}, {1, 1}, {0, 0}}),
            at(vector(105, 3, 0.1, 1, true), new int[] {}, new int[][] {{2, 0}})),
        smooth("rowAliases", List.of("X", "w"),
            at(matrix(106, 3, 2, 0.1, 1, true), vector(107, 2, 0.1, 1, true)),
            at(matrix(108, 1, 4, 0.1, 1, true), vector(109, 4, 0.1, 1, true)),
            at(matrix(110, 5, 3, 0.1, 1, true), vector(111, 3, 0.1, 1, true))),
        smooth("localArrayInitializer", List.of("a", "b"), at(0.5, 1.5), at(-1.0, 2.0), at(2.0, -0.3)),
        piecewise("whileWithBreakAndContinue", x,
            at(vector(112, 5, 0.2, 2, true)), at(new double[] {3.0, 4.0, 5.0, 6.0}), at(vector(113, 8, 0.2, 2, true))),
        piecewise("innerBreak", List.of("M"),
            at((Object) matrix(114, 3, 4, 0.2, 1, true)), at((Object) matrix(115, 2, 5, 0.2, 1, true)),
            at((Object) matrix(116, 4, 2, 0.2, 1, false))));
  }

  static Stream<Arguments> points() {
    return FunctionCase.arguments(cases());
  }

  @ParameterizedTest(name = "{0} #{index}")
  @MethodSource("points")
  void gradientMatchesFiniteDifferencesAndValueIsExact(
      String method, List<String> wrt, Scheme scheme, Object[] point) {
    GradientOracle.check(loops(method, wrt.toArray(new String[0])), scheme, point);
  }

  @Test
  void casesCoverEveryMethod() {
    Set<String> declared = new TreeSet<>();
    for (Method m : compiled.type("p.Loops").getDeclaredMethods()) {
      if (Modifier.isStatic(m.getModifiers()) && !m.isSynthetic()) {
        declared.add(m.getName());
      }
    }
    Set<String> covered = new TreeSet<>();
    for (FunctionCase c : cases()) {
      covered.add(c.method());
    }
    assertEquals(declared, covered);
  }

  // ---- closed forms

  @Test
  void rosenbrockInTwoDimensionsMatchesItsClosedForm() {
    for (double[] p : new double[][] {{-1.2, 1.0}, {0.5, 0.25}, {2.0, -1.0}}) {
      double[] g = (double[]) Differentiated.component(loops("rosenbrock", "x").gradient((Object) p), "x");
      double x0 = p[0];
      double x1 = p[1];
      assertClose(-400 * x0 * (x1 - x0 * x0) - 2 * (1 - x0), g[0], 1e-13, "∂/∂x0 at " + x0 + ", " + x1);
      assertClose(200 * (x1 - x0 * x0), g[1], 1e-13, "∂/∂x1 at " + x0 + ", " + x1);
    }
  }

  @Test
  void hornerPartialsArePowersOfX() {
    double[] c = {0.5, -1.0, 2.0, 0.25, -0.75};
    for (double x : new double[] {-1.3, 0.7, 2.0}) {
      Record g = loops("horner", "c", "x").gradient(c, x);
      double[] dc = (double[]) Differentiated.component(g, "c");
      double dx = 0;
      for (int i = 0; i < c.length; i++) {
        assertClose(Math.pow(x, i), dc[i], 1e-14, "∂/∂c[" + i + "] at x = " + x);
        if (i > 0) {
          dx += i * c[i] * Math.pow(x, i - 1);
        }
      }
      assertClose(dx, (double) Differentiated.component(g, "x"), 1e-13, "∂/∂x at x = " + x);
    }
  }

  @Test
  void newtonSquareRootHasDerivativeOneOverTwoRootA() {
    for (double a : new double[] {0.3, 2.0, 9.0, 150.0}) {
      Record g = loops("newtonSqrt", "a").gradient(a);
      assertClose(1 / (2 * Math.sqrt(a)), (double) Differentiated.component(g, "a"), 1e-12, "a = " + a);
    }
  }

  @Test
  void newtonToToleranceHasDerivativeOneOverTwoRootA() {
    for (double a : new double[] {0.3, 2.0, 9.0, 150.0}) {
      Record g = loops("sqrtToTolerance", "a").gradient(a);
      // The loop stops within 1e-12 relative of the root; its derivative is that close too.
      assertClose(1 / (2 * Math.sqrt(a)), (double) Differentiated.component(g, "a"), 1e-9, "a = " + a);
    }
  }

  @Test
  void fixedPointDerivativeMatchesTheImplicitFunctionTheorem() {
    for (double a : new double[] {0.5, 0.8, 1.2}) {
      Record g = loops("fixedPointCos", "a").gradient(a);
      double x = Differentiated.recordValue(g);
      // x = cos(a x)  =>  dx/da = -x sin(a x) / (1 + a sin(a x))
      double expected = -x * Math.sin(a * x) / (1 + a * Math.sin(a * x));
      assertClose(expected, (double) Differentiated.component(g, "a"), 1e-9, "a = " + a);
    }
  }

  @Test
  void logisticLossGradientIsMeanOfResidualTimesFeatures() {
    double[] w = vector(121, 3, 0.1, 1, true);
    double b = 0.3;
    double[][] xs = matrix(122, 15, 3, 0.1, 2, true);
    double[] y = labels(123, 15);
    Record g = loops("logisticLoss", "w", "b").gradient(w, b, xs, y);
    double[] dw = new double[3];
    double db = 0;
    for (int i = 0; i < xs.length; i++) {
      double z = b;
      for (int j = 0; j < 3; j++) {
        z += w[j] * xs[i][j];
      }
      double residual = 1 / (1 + Math.exp(-z)) - y[i];
      for (int j = 0; j < 3; j++) {
        dw[j] += residual * xs[i][j] / xs.length;
      }
      db += residual / xs.length;
    }
    double[] actual = (double[]) Differentiated.component(g, "w");
    for (int j = 0; j < 3; j++) {
      assertClose(dw[j], actual[j], 1e-12, "∂/∂w[" + j + "]");
    }
    assertClose(db, (double) Differentiated.component(g, "b"), 1e-12, "∂/∂b");
  }

  @Test
  void softmaxCrossEntropyGradientIsSoftmaxMinusOneHot() {
    double[] z = {0.5, -1.0, 2.0, 0.1};
    int label = 1;
    double[] g = (double[]) Differentiated.component(loops("softmaxCrossEntropy", "z").gradient(z, label), "z");
    double sum = 0;
    for (double v : z) {
      sum += Math.exp(v);
    }
    for (int i = 0; i < z.length; i++) {
      assertClose(Math.exp(z[i]) / sum - (i == label ? 1 : 0), g[i], 1e-14, "∂/∂z[" + i + "]");
    }
  }

  /** |expected - actual| ≤ tol × max(1, |expected|). */
  static void assertClose(double expected, double actual, double tol, String what) {
    double error = Math.abs(expected - actual) / Math.max(1, Math.abs(expected));
    if (!(error <= tol)) {
      throw new AssertionError(what + ": expected " + expected + " but was " + actual + " (relative error " + error + ")");
    }
  }
}
