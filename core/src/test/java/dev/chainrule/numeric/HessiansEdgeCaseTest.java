package dev.chainrule.numeric;

import static dev.chainrule.numeric.JacobiansEdgeCaseTest.bits;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.numeric.FiniteDifferences.Scheme;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@link Hessians}: bad arguments, non-finite values, and restoring the caller's array. */
class HessiansEdgeCaseTest {

  @ParameterizedTest
  @EnumSource(Scheme.class)
  void restoresTheArrayBitwiseWhenTheFunctionThrowsMidway(Scheme scheme) {
    double[] x = {1.5, -0.0, 3.0, 0.1 + 0.2};
    long[] before = bits(x);
    AtomicInteger calls = new AtomicInteger();
    ToDoubleFunction<double[]> f =
        v -> {
          if (calls.incrementAndGet() > 6) { // within the mixed entry (0, 1): two coordinates moved
            throw new IllegalStateException("boom");
          }
          return v[0] * v[1] * v[2] + v[3];
        };
    VectorFunction g =
        v -> {
          if (calls.incrementAndGet() > 1) { // the second evaluation: x is perturbed
            throw new IllegalStateException("boom");
          }
          return new double[] {v[1], v[0], 0, 1};
        };
    for (Executable call :
        new Executable[] {
          () -> Hessians.hessian(f, x, scheme),
          () -> Hessians.jacobianOfGradient(g, x, scheme),
          () -> Hessians.hvp(g, x, new double[] {1, 1, 1, 1}, scheme)
        }) {
      calls.set(0);
      assertEquals("boom", assertThrows(IllegalStateException.class, call).getMessage());
      assertArrayEquals(before, bits(x), "every entry restored, including -0.0");
    }
  }

  @ParameterizedTest
  @EnumSource(Scheme.class)
  void passesTheCallersArrayAndRestoresItAfterwards(Scheme scheme) {
    double[] x = {-0.0, 2, Double.MIN_VALUE};
    long[] before = bits(x);
    ToDoubleFunction<double[]> f =
        v -> {
          assertSame(x, v);
          return v[0] * v[1] + v[2] * v[2];
        };
    Hessians.hessian(f, x, scheme);
    assertArrayEquals(before, bits(x));
  }

  @ParameterizedTest
  @EnumSource(Scheme.class)
  void nonFiniteCoordinateGivesANaNRowAndColumnOnly(Scheme scheme) {
    ToDoubleFunction<double[]> f = v -> v[0] * v[0] * v[2]; // ignores v[1]
    double[][] h = Hessians.hessian(f, new double[] {2, Double.NaN, 3}, scheme);
    for (int k = 0; k < 3; k++) {
      assertTrue(Double.isNaN(h[1][k]) && Double.isNaN(h[k][1]), "row and column 1");
    }
    assertEquals(6, h[0][0], 1e-5);
    assertEquals(4, h[0][2], 1e-5);
    assertEquals(0, h[2][2], 1e-5);
  }

  @ParameterizedTest
  @EnumSource(Scheme.class)
  void functionNaNAtXSpoilsTheDiagonalOnly(Scheme scheme) {
    // NaN exactly at x (a removable hole): the mixed entries need no value at x itself.
    ToDoubleFunction<double[]> f = v -> v[0] == 1 && v[1] == 2 ? Double.NaN : v[0] * v[1];
    double[][] h = Hessians.hessian(f, new double[] {1, 2}, scheme);
    assertTrue(Double.isNaN(h[0][0]) && Double.isNaN(h[1][1]));
    assertEquals(1, h[0][1], 1e-6);
    assertEquals(1, h[1][0], 1e-6);
  }

  @ParameterizedTest
  @EnumSource(Scheme.class)
  void functionInfiniteNextToXGivesNaN(Scheme scheme) {
    ToDoubleFunction<double[]> f = v -> v[0] > 1 ? Double.POSITIVE_INFINITY : v[0] * v[0];
    assertTrue(Double.isNaN(Hessians.hessian(f, new double[] {1}, scheme)[0][0]));
  }

  @Test
  void richardsonRecoversWhenOnlyTheLargeStepsLeaveTheDomain() {
    // log at 0.02: the initial step 0.1 × max(1, |x|) leaves the domain, smaller ones do not.
    double[][] h = Hessians.hessianRichardson(v -> Math.log(v[0]), new double[] {0.02});
    double expected = -1 / (0.02 * 0.02);
    assertEquals(expected, h[0][0], 1e-9 * Math.abs(expected));
  }

  @Test
  void gradientOfTheWrongLengthIsRefused() {
    double[] x = {1, 2};
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Hessians.hessianFromGradient(v -> new double[3], x));
    assertTrue(e.getMessage().contains("a gradient"), e.getMessage());
    assertArrayEquals(new double[] {1, 2}, x, 0.0);
    assertThrows(
        IllegalArgumentException.class,
        () -> Hessians.hvp(v -> new double[1], x, new double[] {1, 0}));
    assertThrows(
        IllegalArgumentException.class,
        () -> Hessians.hvpRichardson(v -> new double[2], x, new double[] {1}));
  }

  @Test
  void nullArgumentsAreNamed() {
    ToDoubleFunction<double[]> f = v -> 0;
    VectorFunction g = v -> new double[v.length];
    double[] one = {1};
    assertMessage("f", () -> Hessians.hessian(null, one));
    assertMessage("x", () -> Hessians.hessianRichardson(f, null));
    assertMessage("gradient", () -> Hessians.hessianFromGradient(null, one));
    assertMessage("x", () -> Hessians.hessianFromGradientRichardson(g, null));
    assertMessage("v", () -> Hessians.hvp(g, one, null));
    assertMessage("gradient", () -> Hessians.hvpRichardson(null, one, one));
    assertMessage("h", () -> Hessians.symmetrize(null));
    assertMessage("f", () -> Hessians.hessian(null, new double[0]));
  }

  private static void assertMessage(String expected, Executable call) {
    assertEquals(expected, assertThrows(NullPointerException.class, call).getMessage());
  }
}
