package dev.chainrule.numeric;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.numeric.FiniteDifferences.Scheme;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@link Jacobians}: bad arguments, non-finite values, and restoring the caller's array. */
class JacobiansEdgeCaseTest {

  private static final double ODD_NAN = Double.longBitsToDouble(0x7ff8_0000_dead_beefL);

  static long[] bits(double[] x) {
    long[] bits = new long[x.length];
    for (int i = 0; i < x.length; i++) {
      bits[i] = Double.doubleToRawLongBits(x[i]);
    }
    return bits;
  }

  /** The six computations of {@link Jacobians}, by scheme, on one function. */
  private static void everyMethod(
      Scheme scheme, VectorFunction f, double[] x, double[] v, double[] w) {
    Jacobians.jacobian(f, x, scheme);
    Jacobians.jvp(f, x, v, scheme);
    Jacobians.vjp(f, x, w, scheme);
  }

  @ParameterizedTest
  @EnumSource(Scheme.class)
  void restoresTheArrayBitwiseWhenTheFunctionThrows(Scheme scheme) {
    double[] x = {1.5, -0.0, 3.0, Double.MIN_VALUE, 0.1 + 0.2};
    long[] before = bits(x);
    AtomicInteger calls = new AtomicInteger();
    VectorFunction f =
        v -> {
          if (calls.incrementAndGet() > 2) { // midway: a coordinate is perturbed
            throw new IllegalStateException("boom");
          }
          return new double[] {v[0] * v[2], v[1] + v[3] + v[4]};
        };
    for (Executable call :
        new Executable[] {
          () -> Jacobians.jacobian(f, x, scheme),
          () -> Jacobians.jvp(f, x, new double[] {1, 1, 1, 1, 1}, scheme),
          () -> Jacobians.vjp(f, x, new double[] {1, 1}, scheme),
        }) {
      calls.set(0);
      IllegalStateException e = assertThrows(IllegalStateException.class, call);
      assertEquals("boom", e.getMessage(), "the exception propagates unchanged");
      assertArrayEquals(before, bits(x), "every entry restored, including -0.0");
    }
  }

  @ParameterizedTest
  @EnumSource(Scheme.class)
  void restoresTheArrayBitwiseAfterNormalCompletion(Scheme scheme) {
    double[] x = {-0.0, 0.0, 1e-300, -123.456, ODD_NAN, Double.NEGATIVE_INFINITY};
    long[] before = bits(x);
    VectorFunction f = v -> new double[] {v[0] * v[0] + Math.sin(v[2]), 2 * v[3] - v[1]};
    everyMethod(scheme, f, x, new double[] {1, -1, 2, 0.5, 0, 0}, new double[] {1, 3});
    assertArrayEquals(before, bits(x));
  }

  @ParameterizedTest
  @EnumSource(Scheme.class)
  void passesTheCallersArrayToTheFunction(Scheme scheme) {
    double[] x = {2, 3};
    VectorFunction f =
        v -> {
          assertSame(x, v);
          return new double[] {v[0] * v[1]};
        };
    everyMethod(scheme, f, x, new double[] {1, 2}, new double[] {1});
  }

  @ParameterizedTest
  @EnumSource(Scheme.class)
  void nonFiniteCoordinateGivesANaNColumnOnly(Scheme scheme) {
    // f ignores x[1], so its other columns remain well defined.
    VectorFunction f = v -> new double[] {v[0] * v[2], v[0] + v[2]};
    double[][] j = Jacobians.jacobian(f, new double[] {2, Double.NaN, 5}, scheme);
    assertEquals(5, j[0][0], 1e-7);
    assertEquals(1, j[1][2], 1e-7);
    assertTrue(Double.isNaN(j[0][1]) && Double.isNaN(j[1][1]));
    double[] jv = Jacobians.jvp(f, new double[] {2, Double.NaN, 5}, new double[] {1, 0, 1}, scheme);
    assertEquals(7, jv[0], 1e-7, "a NaN coordinate that does not move is no obstacle");
    double[] moved =
        Jacobians.jvp(f, new double[] {2, Double.NaN, 5}, new double[] {1, 1, 1}, scheme);
    assertTrue(Double.isNaN(moved[0]) && Double.isNaN(moved[1]));
  }

  @ParameterizedTest
  @EnumSource(Scheme.class)
  void outputNaNAtPerturbedPointsGivesNaNEntriesOfThatOutputOnly(Scheme scheme) {
    // Output 0 is NaN as soon as x[0] exceeds 1, i.e. at every x + h e_0 for x[0] = 1.
    VectorFunction f = v -> new double[] {v[0] > 1 ? Double.NaN : v[0] * v[1], v[0] + 2 * v[1]};
    double[][] j = Jacobians.jacobian(f, new double[] {1, 5}, scheme);
    assertTrue(Double.isNaN(j[0][0]), "got " + j[0][0]);
    assertEquals(1, j[0][1], 1e-7);
    assertEquals(1, j[1][0], 1e-7);
    assertEquals(2, j[1][1], 1e-7);
    double[] jv = Jacobians.jvp(f, new double[] {1, 5}, new double[] {1, 0}, scheme);
    assertTrue(Double.isNaN(jv[0]));
    assertEquals(1, jv[1], 1e-7);
    // A NaN output of weight zero does not spoil the weighted sum.
    double[] wj = Jacobians.vjp(f, new double[] {1, 5}, new double[] {0, 1}, scheme);
    assertArrayEquals(new double[] {1, 2}, wj, 1e-7);
    assertTrue(Double.isNaN(Jacobians.vjp(f, new double[] {1, 5}, new double[] {1, 1}, scheme)[0]));
  }

  @ParameterizedTest
  @EnumSource(Scheme.class)
  void infiniteOutputGivesNaNNotInfinity(Scheme scheme) {
    VectorFunction f = v -> new double[] {v[0] > 1 ? Double.POSITIVE_INFINITY : v[0]};
    assertTrue(Double.isNaN(Jacobians.jacobian(f, new double[] {1}, scheme)[0][0]));
    assertTrue(Double.isNaN(Jacobians.jvp(f, new double[] {1}, new double[] {1}, scheme)[0]));
  }

  @ParameterizedTest
  @EnumSource(Scheme.class)
  void nonFiniteOrZeroDirection(Scheme scheme) {
    AtomicInteger calls = new AtomicInteger();
    VectorFunction.Into f =
        (v, out) -> {
          calls.incrementAndGet();
          out[0] = v[0] * v[1];
        };
    double[] x = {2, 3};
    assertArrayEquals(new double[] {0.0}, Jacobians.jvp(f, 1, x, new double[] {0, -0.0}, scheme));
    double[] nan = Jacobians.jvp(f, 1, x, new double[] {Double.NaN, 1}, scheme);
    assertTrue(Double.isNaN(nan[0]));
    double[] inf = Jacobians.jvp(f, 1, x, new double[] {1, Double.POSITIVE_INFINITY}, scheme);
    assertTrue(Double.isNaN(inf[0]));
    assertEquals(0, calls.get(), "none of these evaluate f");
  }

  @ParameterizedTest
  @EnumSource(Scheme.class)
  void overflowingPerturbationGivesNaN(Scheme scheme) {
    VectorFunction f = v -> new double[] {1.0};
    assertTrue(Double.isNaN(Jacobians.jacobian(f, new double[] {Double.MAX_VALUE}, scheme)[0][0]));
    double[] jv =
        Jacobians.jvp(f, new double[] {-Double.MAX_VALUE}, new double[] {1}, scheme);
    assertTrue(Double.isNaN(jv[0]));
  }

  @Test
  void anEntryTheFunctionDoesNotWriteIsNaN() {
    VectorFunction.Into forgetful = (v, out) -> out[0] = v[0] * v[0]; // never writes out[1]
    double[][] j = Jacobians.jacobian(forgetful, 2, new double[] {3});
    assertEquals(6, j[0][0], 1e-7);
    assertTrue(Double.isNaN(j[1][0]), "not a stale value");
    double[] wrapped = VectorFunction.of(2, forgetful).apply(new double[] {3});
    assertEquals(9, wrapped[0]);
    assertTrue(Double.isNaN(wrapped[1]));
  }

  @Test
  void reusedOrAliasedResultArraysAreSafe() {
    double[] shared = new double[1];
    VectorFunction reusing =
        v -> {
          shared[0] = v[0] * v[0];
          return shared;
        };
    assertEquals(4, Jacobians.jacobian(reusing, new double[] {2})[0][0], 1e-7);
    VectorFunction identity = v -> v; // returns the array being perturbed
    assertArrayEquals(
        new double[] {1, 0, 0, 1}, JacobiansTest.flat(Jacobians.jacobian(identity, new double[] {4, 5})), 1e-9);
  }

  @Test
  void emptyPointAndEmptyResult() {
    AtomicInteger calls = new AtomicInteger();
    VectorFunction f =
        v -> {
          calls.incrementAndGet();
          return new double[] {1, 2};
        };
    double[][] j = Jacobians.jacobian(f, new double[0]);
    assertEquals(2, j.length);
    assertEquals(0, j[0].length);
    assertEquals(1, calls.get(), "only to learn m");
    assertEquals(0, Jacobians.jacobianRichardson(v -> new double[0], new double[] {1, 2}).length);
    assertEquals(0, Jacobians.jvp((v, out) -> {}, 0, new double[] {1}, new double[] {1}).length);
    assertArrayEquals(new double[] {0, 0}, Jacobians.vjp(v -> new double[0], new double[2], new double[0]));
  }

  @Test
  void aFunctionThatChangesItsLengthIsRefusedAndTheArrayRestored() {
    double[] x = {1, 2};
    VectorFunction f = v -> v[0] == 1 ? new double[] {v[0], v[1]} : new double[] {v[0]};
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Jacobians.jacobian(f, x));
    assertTrue(e.getMessage().contains("returned 1 values where 2 were expected"), e.getMessage());
    assertArrayEquals(new double[] {1, 2}, x, 0.0);
    IllegalArgumentException vjp =
        assertThrows(
            IllegalArgumentException.class,
            () -> Jacobians.vjp(v -> new double[3], x, new double[] {1, 1}));
    assertTrue(vjp.getMessage().contains("one per entry of w"), vjp.getMessage());
  }

  @Test
  void aFunctionReturningNullIsNamed() {
    NullPointerException e =
        assertThrows(NullPointerException.class, () -> Jacobians.jacobian(v -> null, new double[1]));
    assertTrue(e.getMessage().contains("f returned null"), e.getMessage());
  }

  @Test
  void nullAndInconsistentArgumentsAreNamed() {
    VectorFunction f = v -> new double[] {v[0]};
    VectorFunction.Into into = (v, out) -> out[0] = v[0];
    double[] one = {1};
    assertMessage("f", () -> Jacobians.jacobian((VectorFunction) null, one));
    assertMessage("x", () -> Jacobians.jacobian(f, null));
    assertMessage("f", () -> Jacobians.jacobianRichardson((VectorFunction.Into) null, 1, one));
    assertMessage("x", () -> Jacobians.jacobianRichardson(into, 1, null));
    assertMessage("v", () -> Jacobians.jvp(f, one, null));
    assertMessage("v", () -> Jacobians.jvpRichardson(into, 1, one, null));
    assertMessage("w", () -> Jacobians.vjp(f, one, null));
    assertMessage("w", () -> Jacobians.vjpRichardson(into, one, null));
    assertMessage("f", () -> Jacobians.vjp((VectorFunction) null, one, one));
    IllegalArgumentException length =
        assertThrows(IllegalArgumentException.class, () -> Jacobians.jvp(f, one, new double[2]));
    assertEquals("v has length 2 but x has length 1", length.getMessage());
    IllegalArgumentException negative =
        assertThrows(IllegalArgumentException.class, () -> Jacobians.jacobian(into, -1, one));
    assertEquals("m is negative: -1", negative.getMessage());
    assertThrows(IllegalArgumentException.class, () -> VectorFunction.of(-2, into));
    assertMessage("f", () -> VectorFunction.of(1, null));
  }

  private static void assertMessage(String expected, Executable call) {
    assertEquals(expected, assertThrows(NullPointerException.class, call).getMessage());
  }
}
