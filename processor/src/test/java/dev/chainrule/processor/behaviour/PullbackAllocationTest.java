package dev.chainrule.processor.behaviour;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntToDoubleFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The pullback allocates nothing per call once its adjoint has been used: Rosenbrock with n = 1000
 * (the benchmark) and every loop form that needs a workspace (tapes for overwritten
 * values and trip counts, local arrays, callee adjoints and row scratch).
 *
 * <p>Measurement: a small class compiled together with the differentiated source ({@code p.Bench})
 * calls a pullback {@code n} times in a loop, reusing one adjoint (cleared each time), behind an
 * {@link IntToDoubleFunction}. The test warms it up with 2,000 calls, then reads this thread's
 * allocated-bytes counter around one plain interface call running 200 pullbacks, and subtracts
 * the same measurement around a call running none (the cost of the measurement itself). No
 * reflection and no boxing happen between the two readings.
 *
 * <p>The result must be exactly zero bytes. Up to five measurements are taken and one zero
 * suffices: the JVM may, rarely, allocate in the measuring thread for its own reasons during one
 * reading (for instance when a deoptimization or an on-stack replacement happens to fall inside
 * it), whereas a pullback that allocates does so in every call, so it shows at least 200 × its
 * allocation in every measurement.
 */
class PullbackAllocationTest {
  private static final int WARM_UP_CALLS = 2_000;
  private static final int MEASURED_CALLS = 200;
  private static final int ATTEMPTS = 5;

  static final String BENCH =
      """
      package p;

      import java.util.function.IntToDoubleFunction;

      public final class Bench {
        private Bench() {}

        public static IntToDoubleFunction rosenbrock(double[] x) {
          LoopsDerivatives.RosenbrockAdjoint adjoint =
              new LoopsDerivatives.RosenbrockAdjoint(new double[x.length]);
          return n -> {
            double s = 0;
            for (int k = 0; k < n; k++) {
              adjoint.clear();
              s += LoopsDerivatives.rosenbrockPullback(x, 1.0, adjoint);
            }
            return s + adjoint.x[0];
          };
        }

        public static IntToDoubleFunction logisticLoss(double[] w, double b, double[][] X, double[] y) {
          LoopsDerivatives.LogisticLossAdjoint adjoint =
              new LoopsDerivatives.LogisticLossAdjoint(new double[w.length]);
          return n -> {
            double s = 0;
            for (int k = 0; k < n; k++) {
              adjoint.clear();
              s += LoopsDerivatives.logisticLossPullback(w, b, X, y, 1.0, adjoint);
            }
            return s + adjoint.w[0] + adjoint.b;
          };
        }

        public static IntToDoubleFunction newtonSqrt(double a) {
          LoopsDerivatives.NewtonSqrtAdjoint adjoint = new LoopsDerivatives.NewtonSqrtAdjoint();
          return n -> {
            double s = 0;
            for (int k = 0; k < n; k++) {
              adjoint.clear();
              s += LoopsDerivatives.newtonSqrtPullback(a, 1.0, adjoint);
            }
            return s + adjoint.a;
          };
        }

        public static IntToDoubleFunction fixedPointCos(double a) {
          LoopsDerivatives.FixedPointCosAdjoint adjoint = new LoopsDerivatives.FixedPointCosAdjoint();
          return n -> {
            double s = 0;
            for (int k = 0; k < n; k++) {
              adjoint.clear();
              s += LoopsDerivatives.fixedPointCosPullback(a, 1.0, adjoint);
            }
            return s + adjoint.a;
          };
        }

        public static IntToDoubleFunction matVecThroughLocalVector(double[][] A, double[] v) {
          double[][] dA = new double[A.length][];
          for (int i = 0; i < A.length; i++) {
            dA[i] = new double[A[i].length];
          }
          LoopsDerivatives.MatVecThroughLocalVectorAdjoint adjoint =
              new LoopsDerivatives.MatVecThroughLocalVectorAdjoint(dA, new double[v.length]);
          return n -> {
            double s = 0;
            for (int k = 0; k < n; k++) {
              adjoint.clear();
              s += LoopsDerivatives.matVecThroughLocalVectorPullback(A, v, 1.0, adjoint);
            }
            return s + adjoint.v[0];
          };
        }

        public static IntToDoubleFunction softmaxAgainstTarget(double[] z, double[] t) {
          LoopsDerivatives.SoftmaxAgainstTargetAdjoint adjoint =
              new LoopsDerivatives.SoftmaxAgainstTargetAdjoint(new double[z.length]);
          return n -> {
            double s = 0;
            for (int k = 0; k < n; k++) {
              adjoint.clear();
              s += LoopsDerivatives.softmaxAgainstTargetPullback(z, t, 1.0, adjoint);
            }
            return s + adjoint.z[0];
          };
        }

        public static IntToDoubleFunction local2dCompound(double[] x) {
          LoopsDerivatives.Local2dCompoundAdjoint adjoint =
              new LoopsDerivatives.Local2dCompoundAdjoint(new double[x.length]);
          return n -> {
            double s = 0;
            for (int k = 0; k < n; k++) {
              adjoint.clear();
              s += LoopsDerivatives.local2dCompoundPullback(x, 1.0, adjoint);
            }
            return s + adjoint.x[0];
          };
        }

        public static IntToDoubleFunction callsInLoop(double[] w, double[][] X) {
          double[][] dX = new double[X.length][];
          for (int i = 0; i < X.length; i++) {
            dX[i] = new double[X[i].length];
          }
          LoopsDerivatives.CallsInLoopAdjoint adjoint =
              new LoopsDerivatives.CallsInLoopAdjoint(new double[w.length], dX);
          return n -> {
            double s = 0;
            for (int k = 0; k < n; k++) {
              adjoint.clear();
              s += LoopsDerivatives.callsInLoopPullback(w, X, 1.0, adjoint);
            }
            return s + adjoint.w[0];
          };
        }

        public static IntToDoubleFunction tripCountDependsOnValue(double x, double rate) {
          LoopsDerivatives.TripCountDependsOnValueAdjoint adjoint =
              new LoopsDerivatives.TripCountDependsOnValueAdjoint();
          return n -> {
            double s = 0;
            for (int k = 0; k < n; k++) {
              adjoint.clear();
              s += LoopsDerivatives.tripCountDependsOnValuePullback(x, rate, 1.0, adjoint);
            }
            return s + adjoint.x;
          };
        }

        public static IntToDoubleFunction ifElseInsideLoop(double[] x, double y) {
          LoopsDerivatives.IfElseInsideLoopAdjoint adjoint =
              new LoopsDerivatives.IfElseInsideLoopAdjoint(new double[x.length]);
          return n -> {
            double s = 0;
            for (int k = 0; k < n; k++) {
              adjoint.clear();
              s += LoopsDerivatives.ifElseInsideLoopPullback(x, y, 1.0, adjoint);
            }
            return s + adjoint.y;
          };
        }

        public static IntToDoubleFunction whileWithBreakAndContinue(double[] x) {
          LoopsDerivatives.WhileWithBreakAndContinueAdjoint adjoint =
              new LoopsDerivatives.WhileWithBreakAndContinueAdjoint(new double[x.length]);
          return n -> {
            double s = 0;
            for (int k = 0; k < n; k++) {
              adjoint.clear();
              s += LoopsDerivatives.whileWithBreakAndContinuePullback(x, 1.0, adjoint);
            }
            return s + adjoint.x[0];
          };
        }

        public static IntToDoubleFunction enhancedFor(double[] x, double[][] M) {
          double[][] dM = new double[M.length][];
          for (int i = 0; i < M.length; i++) {
            dM[i] = new double[M[i].length];
          }
          LoopsDerivatives.EnhancedForAdjoint adjoint =
              new LoopsDerivatives.EnhancedForAdjoint(new double[x.length], dM);
          return n -> {
            double s = 0;
            for (int k = 0; k < n; k++) {
              adjoint.clear();
              s += LoopsDerivatives.enhancedForPullback(x, M, 1.0, adjoint);
            }
            return s + adjoint.x[0];
          };
        }

        /** The control: the gradient method allocates its adjoint and its record on every call. */
        public static IntToDoubleFunction newtonSqrtGradient(double a) {
          return n -> {
            double s = 0;
            for (int k = 0; k < n; k++) {
              s += LoopsDerivatives.newtonSqrtGradient(a).a();
            }
            return s;
          };
        }

        public static IntToDoubleFunction doWhile(double x, int m) {
          LoopsDerivatives.DoWhileAdjoint adjoint = new LoopsDerivatives.DoWhileAdjoint();
          return n -> {
            double s = 0;
            for (int k = 0; k < n; k++) {
              adjoint.clear();
              s += LoopsDerivatives.doWhilePullback(x, m, 1.0, adjoint);
            }
            return s + adjoint.x;
          };
        }
      }
      """;

  private static CompiledSources compiled;
  private static com.sun.management.ThreadMXBean threads;

  /** Where benchmark results go, so that nothing is optimized away. */
  private static double sink;

  @BeforeAll
  static void compileAndCheckSupport() {
    threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    assumeTrue(threads.isThreadAllocatedMemorySupported(), "this JVM cannot count allocated bytes");
    threads.setThreadAllocatedMemoryEnabled(true);
    compiled = CompiledSources.compile(Map.of("p.Loops", LoopsAndArraysTest.LOOPS, "p.Bench", BENCH));
  }

  static Stream<Arguments> benches() {
    return Stream.of(
        Arguments.of("rosenbrock", new Object[] {LoopsAndArraysTest.vector(1, 1000, 0.2, 1.5, true)}),
        Arguments.of("logisticLoss", new Object[] {LoopsAndArraysTest.vector(2, 3, 0.1, 1, true), 0.2,
            LoopsAndArraysTest.matrix(3, 20, 3, 0.1, 2, true), LoopsAndArraysTest.labels(4, 20)}),
        Arguments.of("newtonSqrt", new Object[] {2.0}),
        Arguments.of("fixedPointCos", new Object[] {0.8}),
        Arguments.of("matVecThroughLocalVector", new Object[] {
            LoopsAndArraysTest.matrix(5, 6, 4, 0.1, 1, true), LoopsAndArraysTest.vector(6, 4, 0.1, 1, true)}),
        Arguments.of("softmaxAgainstTarget", new Object[] {
            LoopsAndArraysTest.vector(7, 10, 0.1, 2, true), LoopsAndArraysTest.distribution(8, 10)}),
        Arguments.of("local2dCompound", new Object[] {LoopsAndArraysTest.vector(9, 8, 0.1, 1, true)}),
        Arguments.of("callsInLoop", new Object[] {
            LoopsAndArraysTest.vector(10, 4, 0.1, 1, true), LoopsAndArraysTest.matrix(11, 9, 4, 0.1, 1, true)}),
        Arguments.of("tripCountDependsOnValue", new Object[] {1.3, 1.7}),
        Arguments.of("ifElseInsideLoop", new Object[] {LoopsAndArraysTest.vector(12, 12, 0.1, 2, true), 0.3}),
        Arguments.of("whileWithBreakAndContinue", new Object[] {LoopsAndArraysTest.vector(13, 12, 0.2, 2, true)}),
        Arguments.of("enhancedFor", new Object[] {
            LoopsAndArraysTest.vector(14, 4, 0.1, 1, true), LoopsAndArraysTest.matrix(15, 3, 4, 0.1, 1, true)}),
        Arguments.of("doWhile", new Object[] {0.7, 25}));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("benches")
  void pullbackAllocatesNothingPerCallAfterWarmUp(String method, Object[] args) {
    IntToDoubleFunction bench =
        (IntToDoubleFunction) CompiledSources.invoke(compiled.method("p.Bench", method), args);
    sink += bench.applyAsDouble(WARM_UP_CALLS);
    List<Long> measured = new ArrayList<>();
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      long overhead = allocatedDuring(bench, 0);
      long bytes = allocatedDuring(bench, MEASURED_CALLS) - overhead;
      if (bytes == 0) {
        return;
      }
      measured.add(bytes);
    }
    throw new AssertionError(
        "LoopsDerivatives." + method + "Pullback allocates: " + measured + " bytes over "
            + MEASURED_CALLS + " calls in each of " + ATTEMPTS + " measurements (about "
            + measured.get(measured.size() - 1) / MEASURED_CALLS + " bytes per call)");
  }

  /** The measurement does see allocation: the gradient method allocates on every call. */
  @Test
  void measurementSeesTheAllocationsOfTheGradientMethod() {
    IntToDoubleFunction bench =
        (IntToDoubleFunction) CompiledSources.invoke(compiled.method("p.Bench", "newtonSqrtGradient"), 2.0);
    sink += bench.applyAsDouble(WARM_UP_CALLS);
    long bytes = allocatedDuring(bench, MEASURED_CALLS) - allocatedDuring(bench, 0);
    assertTrue(bytes >= 16L * MEASURED_CALLS, "measured only " + bytes + " bytes");
  }

  private static long allocatedDuring(IntToDoubleFunction bench, int calls) {
    long id = Thread.currentThread().getId();
    long before = threads.getThreadAllocatedBytes(id);
    double result = bench.applyAsDouble(calls);
    long after = threads.getThreadAllocatedBytes(id);
    sink += result;
    return after - before;
  }
}
