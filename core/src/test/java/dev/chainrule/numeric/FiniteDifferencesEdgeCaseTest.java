package dev.chainrule.numeric;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.numeric.FiniteDifferences.Scheme;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleUnaryOperator;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Bad arguments, non-finite values, and restoring the caller's array. */
class FiniteDifferencesEdgeCaseTest {

  /** A NaN with an unusual payload, to check it is left alone bit for bit. */
  private static final double ODD_NAN = Double.longBitsToDouble(0x7ff8_0000_dead_beefL);

  private static long[] bits(double[] x) {
    long[] bits = new long[x.length];
    for (int i = 0; i < x.length; i++) {
      bits[i] = Double.doubleToRawLongBits(x[i]);
    }
    return bits;
  }

  @ParameterizedTest
  @EnumSource(Scheme.class)
  void restoresTheArrayBitwiseWhenFunctionThrowsMidway(Scheme scheme) {
    double[] x = {1.5, -0.0, 3.0, Double.MIN_VALUE, -7.25, 0.1 + 0.2};
    long[] before = bits(x);
    AtomicInteger calls = new AtomicInteger();
    ToDoubleFunction<double[]> f =
        v -> {
          calls.incrementAndGet();
          if (v[2] != 3.0) { // x[0] and x[1] are done; x[2] is being perturbed
            throw new IllegalStateException("boom at " + v[2]);
          }
          return v[0] * v[1] + v[2];
        };
    IllegalStateException thrown =
        assertThrows(IllegalStateException.class, () -> scheme.gradient(f, x));
    assertTrue(thrown.getMessage().startsWith("boom at "), "the exception propagates unchanged");
    assertTrue(calls.get() >= 5, "components 0 and 1 were evaluated first");
    assertArrayEquals(before, bits(x), "every entry restored, including the sign of -0.0");
  }

  @ParameterizedTest
  @EnumSource(Scheme.class)
  void restoresTheArrayBitwiseAfterNormalCompletion(Scheme scheme) {
    double[] x = {-0.0, 0.0, 1e-300, -123.456, ODD_NAN, Double.NEGATIVE_INFINITY};
    long[] before = bits(x);
    double[] g = scheme.gradient(v -> v[0] * v[0] + Math.sin(v[2]) + 2 * v[3], x);
    assertArrayEquals(before, bits(x));
    assertEquals(6, g.length);
  }

  @ParameterizedTest
  @EnumSource(Scheme.class)
  void passesTheCallersArrayToTheFunction(Scheme scheme) {
    double[] x = {2, 3};
    scheme.gradient(
        v -> {
          assertSame(x, v);
          return v[0] * v[1];
        },
        x);
  }

  @Test
  void nullArgumentsNameTheParameter() {
    ToDoubleFunction<double[]> f = v -> 0;
    assertEquals(
        "f",
        assertThrows(
                NullPointerException.class, () -> FiniteDifferences.gradient(null, new double[1]))
            .getMessage());
    assertEquals(
        "x",
        assertThrows(NullPointerException.class, () -> FiniteDifferences.gradient(f, null))
            .getMessage());
    assertEquals(
        "f",
        assertThrows(
                NullPointerException.class,
                () -> FiniteDifferences.gradientRichardson(null, new double[1]))
            .getMessage());
    assertEquals(
        "x",
        assertThrows(
                NullPointerException.class, () -> FiniteDifferences.gradientRichardson(f, null))
            .getMessage());
    assertEquals(
        "f",
        assertThrows(NullPointerException.class, () -> FiniteDifferences.derivative(null, 1))
            .getMessage());
    assertEquals(
        "f",
        assertThrows(
                NullPointerException.class, () -> FiniteDifferences.derivativeRichardson(null, 1))
            .getMessage());
    // Checked eagerly, even when there would be nothing to evaluate.
    assertThrows(NullPointerException.class, () -> FiniteDifferences.gradient(null, new double[0]));
    assertThrows(NullPointerException.class, () -> FiniteDifferences.derivative(null, Double.NaN));
  }

  @ParameterizedTest
  @EnumSource(Scheme.class)
  void emptyPointGivesEmptyGradientWithoutEvaluating(Scheme scheme) {
    AtomicInteger calls = new AtomicInteger();
    double[] g = scheme.gradient(v -> calls.incrementAndGet(), new double[0]);
    assertEquals(0, g.length);
    assertEquals(0, calls.get());
  }

  @ParameterizedTest
  @EnumSource(Scheme.class)
  void nonFiniteCoordinatesGiveNaNComponentsOnly(Scheme scheme) {
    // f ignores x[1] and x[3], so the other components remain well defined.
    ToDoubleFunction<double[]> f = v -> v[0] * v[0] + 3 * v[2];
    double[] x = {2, Double.NaN, 1, Double.POSITIVE_INFINITY};
    double[] g = scheme.gradient(f, x);
    assertEquals(4, g[0], 1e-7);
    assertTrue(Double.isNaN(g[1]));
    assertEquals(3, g[2], 1e-7);
    assertTrue(Double.isNaN(g[3]));
  }

  @ParameterizedTest
  @EnumSource(Scheme.class)
  void nonFiniteScalarPointGivesNaNWithoutEvaluating(Scheme scheme) {
    AtomicInteger calls = new AtomicInteger();
    DoubleUnaryOperator f = t -> calls.incrementAndGet();
    assertTrue(Double.isNaN(scheme.derivative(f, Double.NaN)));
    assertTrue(Double.isNaN(scheme.derivative(f, Double.NEGATIVE_INFINITY)));
    assertEquals(0, calls.get());
  }

  @ParameterizedTest
  @EnumSource(Scheme.class)
  void functionNaNAtPerturbedPointsGivesNaN(Scheme scheme) {
    // NaN as soon as x[0] exceeds 1, i.e. at every x + h e_0 for x[0] = 1.
    ToDoubleFunction<double[]> f = v -> (v[0] > 1 ? Double.NaN : v[0]) + 2 * v[1];
    double[] g = scheme.gradient(f, new double[] {1, 5});
    assertTrue(Double.isNaN(g[0]), "got " + g[0]);
    assertEquals(2, g[1], 1e-7);
    assertTrue(Double.isNaN(scheme.derivative(t -> Math.sqrt(-t * t - 1), 0.5)));
  }

  @ParameterizedTest
  @EnumSource(Scheme.class)
  void functionInfiniteAtPerturbedPointsGivesNaNNotInfinity(Scheme scheme) {
    ToDoubleFunction<double[]> f = v -> (v[0] > 1 ? Double.POSITIVE_INFINITY : v[0]) - v[1];
    double[] g = scheme.gradient(f, new double[] {1, 5});
    assertTrue(Double.isNaN(g[0]), "got " + g[0]);
    assertEquals(-1, g[1], 1e-7);
    assertTrue(Double.isNaN(scheme.derivative(t -> t < 3 ? Double.NEGATIVE_INFINITY : t, 3)));
  }

  @ParameterizedTest
  @EnumSource(Scheme.class)
  void coordinateWhosePerturbationOverflowsGivesNaN(Scheme scheme) {
    assertTrue(Double.isNaN(scheme.derivative(t -> 1.0, Double.MAX_VALUE)));
    assertTrue(Double.isNaN(scheme.derivative(t -> 1.0, -Double.MAX_VALUE)));
  }

  @Test
  void richardsonRecoversWhenOnlyTheLargeStepsLeaveTheDomain() {
    // sqrt at 0.02: the initial step 0.1 gives sqrt of a negative number, smaller ones do not.
    double actual = FiniteDifferences.derivativeRichardson(Math::sqrt, 0.02);
    double expected = 0.5 / Math.sqrt(0.02);
    assertEquals(expected, actual, 1e-10 * expected);
  }
}
