package dev.chainrule.processor.behaviour;

import static org.junit.jupiter.api.Assertions.assertSame;

import dev.chainrule.numeric.Packing;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The pullback's contract, on every function and point of {@link ScalarSubsetTest}, {@link
 * ScalarCornerCasesTest}, {@link LoopsAndArraysTest}, {@link LoopCornerCasesTest} and {@link
 * CallsAcrossClassesTest}: it returns the original's value, it ADDS {@code seed × gradient} into
 * the adjoint (so a reused adjoint accumulates, and the seed scales linearly), {@code clear()}
 * resets it, the adjoint accumulates into the caller's buffers, and one adjoint can be reused with
 * other shapes.
 *
 * <p>The gradient method is itself a pullback with seed 1 on a fresh adjoint, so that comparison
 * is exact; sums of several pullbacks round differently from {@code 2g} or {@code 3g}, so those are
 * compared to {@code 1e-11} relative to the gradient's largest component.
 */
class PullbackTest {
  private static final double LINEARITY_TOLERANCE = 1e-11;

  private static CompiledSources compiled;

  @BeforeAll
  static void compile() {
    compiled = SharedCompilation.get();
  }

  static Stream<Arguments> points() {
    return Stream.of(
            ScalarSubsetTest.cases().stream().flatMap(c -> arguments("p.Scalars", c)),
            ScalarCornerCasesTest.cases().stream().flatMap(c -> arguments("p.Corners", c)),
            LoopsAndArraysTest.cases().stream().flatMap(c -> arguments("p.Loops", c)),
            LoopCornerCasesTest.cases().stream().flatMap(c -> arguments("p.LoopCorners", c)),
            CallsAcrossClassesTest.cases().stream().flatMap(c -> arguments("p.Model", c)))
        .flatMap(s -> s);
  }

  private static Stream<Arguments> arguments(String owner, FunctionCase c) {
    return c.points().stream().map(p -> Arguments.of(owner, c.method(), c.wrt(), p));
  }

  private static Differentiated method(String owner, String name, List<String> wrt) {
    return Differentiated.of(compiled, owner, name, wrt.toArray(new String[0]));
  }

  @ParameterizedTest(name = "{0}.{1} #{index}")
  @MethodSource("points")
  void pullbackAddsSeedTimesGradient(String owner, String name, List<String> wrt, Object[] point) {
    Differentiated m = method(owner, name, wrt);
    String where = m.label() + " at " + GradientOracle.describe(point);
    double value = m.value(Differentiated.deepCopy(point));
    double[] g = flat(m.recordParts(m.gradient(point)));

    Object adjoint = m.newAdjoint(point);
    double returned = m.pullback(point, 1.0, adjoint);
    assertBits(value, returned, where + ": pullback's return value");
    assertBitsEqual(g, flat(m.adjointParts(adjoint)), where + ": seed 1 on a fresh adjoint");

    m.pullback(point, 1.0, adjoint);
    assertScaled(2, g, flat(m.adjointParts(adjoint)), where + ": the same adjoint used twice");

    m.clear(adjoint);
    assertBitsEqual(new double[g.length], flat(m.adjointParts(adjoint)), where + ": after clear()");
    m.pullback(point, 3.0, adjoint);
    assertScaled(3, g, flat(m.adjointParts(adjoint)), where + ": seed 3");

    m.clear(adjoint);
    m.pullback(point, 1.0, adjoint);
    assertBitsEqual(g, flat(m.adjointParts(adjoint)), where + ": seed 1 after clear()");

    m.clear(adjoint);
    m.pullback(point, 0.0, adjoint);
    assertBitsEqual(new double[g.length], flat(m.adjointParts(adjoint)), where + ": seed 0");
  }

  @Test
  void pullbackAddsOntoWhatTheAdjointAlreadyHolds() {
    Differentiated m = method("p.Loops", "logisticLoss", List.of("w", "b"));
    Object[] point = {
      LoopsAndArraysTest.vector(1, 3, 0.1, 1, true), 0.4,
      LoopsAndArraysTest.matrix(2, 6, 3, 0.1, 2, true), LoopsAndArraysTest.labels(3, 6)
    };
    double[] g = flat(m.recordParts(m.gradient(point)));
    double[] w = {10, 20, 30};
    Object adjoint = m.newEmptyAdjoint();
    m.setAdjointParts(adjoint, w, -5.0);
    m.pullback(point, 1.0, adjoint);
    double[] expected = {10 + g[0], 20 + g[1], 30 + g[2], -5 + g[3]};
    assertClose(expected, flat(m.adjointParts(adjoint)), 1e-13, "prefilled adjoint");
    assertSame(w, m.adjointParts(adjoint)[0], "the adjoint accumulates into the caller's buffer");
  }

  @Test
  void callerBuffersReceiveThePartials() {
    Differentiated m = method("p.Loops", "matVecSquaredNorm", List.of("A", "v"));
    double[][] a = LoopsAndArraysTest.matrix(4, 3, 2, 0.1, 1, true);
    double[] v = LoopsAndArraysTest.vector(5, 2, 0.1, 1, true);
    Record g = m.gradient(a, v);
    double[][] dA = {new double[2], new double[2], new double[2]};
    double[] dv = new double[2];
    Object adjoint = m.newEmptyAdjoint();
    m.setAdjointParts(adjoint, dA, dv);
    m.pullback(new Object[] {a, v}, 1.0, adjoint);
    assertBitsEqual(flat(m.recordParts(g)), flat(new Object[] {dA, dv}), "caller's buffers");
  }

  /**
   * One adjoint, used first with large then with smaller shapes (the caller swaps in buffers of
   * the new shapes): the pullback must size its workspace (local arrays, tapes, callee scratch)
   * to the current arguments, not reuse stale lengths or values.
   */
  @Test
  void oneAdjointServesSeveralShapes() {
    int[] sizes = {7, 3, 5, 1, 7};
    checkShapes("matVecThroughLocalVector", List.of("A", "v"), sizes,
        n -> new Object[] {LoopsAndArraysTest.matrix(n, n, n + 1, 0.1, 1, true), LoopsAndArraysTest.vector(n, n + 1, 0.1, 1, true)});
    checkShapes("softmaxAgainstTarget", List.of("z"), sizes,
        n -> new Object[] {LoopsAndArraysTest.vector(n, n + 1, 0.1, 2, true), LoopsAndArraysTest.distribution(n, n + 1)});
    checkShapes("local2dCompound", List.of("x"), sizes,
        n -> new Object[] {LoopsAndArraysTest.vector(n, n, 0.1, 1, true)});
    checkShapes("scratchArray", List.of("x"), sizes,
        n -> new Object[] {LoopsAndArraysTest.vector(n, n, 0.1, 1, true)});
    checkShapes("logisticLoss", List.of("w", "b"), sizes,
        n -> new Object[] {LoopsAndArraysTest.vector(n, n, 0.1, 1, true), 0.1 * n,
            LoopsAndArraysTest.matrix(n, 2 * n, n, 0.1, 2, true), LoopsAndArraysTest.labels(n, 2 * n)});
    checkShapes("callsInLoop", List.of("w", "X"), sizes,
        n -> new Object[] {LoopsAndArraysTest.vector(n, n, 0.1, 1, true), LoopsAndArraysTest.matrix(n, n + 2, n, 0.1, 1, true)});
    checkShapes("rosenbrock", List.of("x"), new int[] {50, 2, 10},
        n -> new Object[] {LoopsAndArraysTest.vector(n, n, 0.2, 1.5, true)});
  }

  private void checkShapes(String name, List<String> wrt, int[] sizes, java.util.function.IntFunction<Object[]> point) {
    Differentiated m = method("p.Loops", name, wrt);
    Object shared = m.newEmptyAdjoint();
    for (int n : sizes) {
      Object[] args = point.apply(n);
      Object fresh = m.newAdjoint(args);
      m.setAdjointParts(shared, m.adjointParts(fresh));
      m.clear(shared);
      double value = m.pullback(args, 1.0, shared);
      String where = m.label() + " with size " + n + " after sizes " + Arrays.toString(sizes);
      assertBits(m.value(args), value, where + ": value");
      assertBitsEqual(flat(m.recordParts(m.gradient(args))), flat(m.adjointParts(shared)), where);
    }
  }

  static double[] flat(Object[] parts) {
    return Packing.flatten(parts);
  }

  static void assertBits(double expected, double actual, String what) {
    if (Double.doubleToRawLongBits(expected) != Double.doubleToRawLongBits(actual)) {
      throw new AssertionError(what + ": expected " + expected + " but was " + actual);
    }
  }

  static void assertBitsEqual(double[] expected, double[] actual, String what) {
    if (!Arrays.equals(expected, actual)) {
      throw new AssertionError(
          what + ":\n expected " + Arrays.toString(expected) + "\n but was  " + Arrays.toString(actual));
    }
  }

  /** {@code actual ≈ k × g}, to {@link #LINEARITY_TOLERANCE} relative to max(1, max |k g|). */
  static void assertScaled(double k, double[] g, double[] actual, String what) {
    double[] expected = new double[g.length];
    double scale = 1;
    for (int i = 0; i < g.length; i++) {
      expected[i] = k * g[i];
      scale = Math.max(scale, Math.abs(expected[i]));
    }
    assertClose(expected, actual, LINEARITY_TOLERANCE * scale, what + " (expected " + k + " × gradient)");
  }

  static void assertClose(double[] expected, double[] actual, double absoluteTolerance, String what) {
    for (int i = 0; i < expected.length; i++) {
      if (!(Math.abs(expected[i] - actual[i]) <= absoluteTolerance)) {
        throw new AssertionError(
            what + ": component " + i + " expected " + expected[i] + " but was " + actual[i]
                + "\n expected " + Arrays.toString(expected) + "\n but was  " + Arrays.toString(actual));
      }
    }
  }
}
