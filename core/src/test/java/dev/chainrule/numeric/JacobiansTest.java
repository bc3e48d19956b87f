package dev.chainrule.numeric;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link Jacobians} against closed forms (a rotation, polar and spherical coordinates), their
 * costs, and their steps at large and small scales.
 */
class JacobiansTest {

  static final double CENTRAL_TOLERANCE = 1e-8;
  static final double RICHARDSON_TOLERANCE = 1e-10;

  /** The largest error over the entries, relative to {@code max(1, |expected|)}. */
  static double maxError(double[][] actual, double[][] expected) {
    assertEquals(expected.length, actual.length, "rows");
    double worst = 0;
    for (int i = 0; i < expected.length; i++) {
      worst = Math.max(worst, maxError(actual[i], expected[i]));
    }
    return worst;
  }

  static double maxError(double[] actual, double[] expected) {
    assertEquals(expected.length, actual.length, "length");
    double worst = 0;
    for (int i = 0; i < expected.length; i++) {
      double e = FiniteDifferencesTest.scaledError(actual[i], expected[i]);
      worst = Double.isNaN(e) ? Double.POSITIVE_INFINITY : Math.max(worst, e);
    }
    return worst;
  }

  static void assertClose(double[][] expected, double[][] actual, double tolerance, String what) {
    double error = maxError(actual, expected);
    assertTrue(error <= tolerance, () -> what + ": max error " + error);
  }

  static void assertClose(double[] expected, double[] actual, double tolerance, String what) {
    double error = maxError(actual, expected);
    assertTrue(error <= tolerance, () -> what + ": max error " + error);
  }

  static double[] times(double[][] a, double[] v) {
    double[] result = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < v.length; j++) {
        result[i] += a[i][j] * v[j];
      }
    }
    return result;
  }

  static double[] transposeTimes(double[][] a, double[] w) {
    double[] result = new double[a.length == 0 ? 0 : a[0].length];
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < result.length; j++) {
        result[j] += w[i] * a[i][j];
      }
    }
    return result;
  }

  // --- A rotation of the plane: f(x, y, θ) = R(θ)(x, y) -----------------------------------------

  static double[] rotate(double[] v) {
    double c = Math.cos(v[2]);
    double s = Math.sin(v[2]);
    return new double[] {c * v[0] - s * v[1], s * v[0] + c * v[1]};
  }

  /** ∂/∂(x, y) is R(θ) itself; ∂/∂θ is R'(θ)(x, y) = (-y', x') for the rotated point (x', y'). */
  static double[][] rotationJacobian(double x, double y, double theta) {
    double c = Math.cos(theta);
    double s = Math.sin(theta);
    return new double[][] {{c, -s, -s * x - c * y}, {s, c, c * x - s * y}};
  }

  @ParameterizedTest
  @ValueSource(doubles = {-2.5, -0.3, 0, 0.7, 1.9, 3.1})
  void rotation(double theta) {
    double[] x = {1.5, -0.8, theta};
    double[][] expected = rotationJacobian(1.5, -0.8, theta);
    assertClose(expected, Jacobians.jacobian(JacobiansTest::rotate, x), CENTRAL_TOLERANCE, "central");
    assertClose(
        expected,
        Jacobians.jacobianRichardson(JacobiansTest::rotate, x),
        RICHARDSON_TOLERANCE,
        "Richardson");
    assertArrayEquals(new double[] {1.5, -0.8, theta}, x, 0.0);
  }

  @Test
  void linearMapIsExactUpToRounding() {
    // A fixed rotation by 0.4 rad is linear: every difference quotient is exact but for rounding.
    VectorFunction r = v -> rotate(new double[] {v[0], v[1], 0.4});
    double[][] expected = {
      {Math.cos(0.4), -Math.sin(0.4)}, {Math.sin(0.4), Math.cos(0.4)}
    };
    double[] x = {3, -7};
    assertClose(expected, Jacobians.jacobian(r, x), 1e-10, "central");
    assertClose(expected, Jacobians.jacobianRichardson(r, x), 1e-14, "Richardson");
    double[] v = {0.3, -1.1};
    assertClose(times(expected, v), Jacobians.jvpRichardson(r, x, v), 1e-14, "J v");
    double[] w = {2, 0.5};
    assertClose(transposeTimes(expected, w), Jacobians.vjpRichardson(r, x, w), 1e-14, "w J");
  }

  // --- Polar and spherical coordinates -------------------------------------------------------

  static double[] polar(double[] v) {
    return new double[] {v[0] * Math.cos(v[1]), v[0] * Math.sin(v[1])};
  }

  static double[] spherical(double[] v) {
    double r = v[0];
    double theta = v[1];
    double phi = v[2];
    return new double[] {
      r * Math.sin(phi) * Math.cos(theta), r * Math.sin(phi) * Math.sin(theta), r * Math.cos(phi)
    };
  }

  static double[][] sphericalJacobian(double r, double theta, double phi) {
    double st = Math.sin(theta);
    double ct = Math.cos(theta);
    double sp = Math.sin(phi);
    double cp = Math.cos(phi);
    return new double[][] {
      {sp * ct, -r * sp * st, r * cp * ct}, {sp * st, r * sp * ct, r * cp * st}, {cp, 0, -r * sp}
    };
  }

  @Test
  void polarToCartesian() {
    for (double r : new double[] {0.01, 1, 40}) {
      for (double theta : new double[] {-3, -1, 0, 0.5, 2}) {
        double[][] expected = {
          {Math.cos(theta), -r * Math.sin(theta)}, {Math.sin(theta), r * Math.cos(theta)}
        };
        double[] x = {r, theta};
        String at = "at r = " + r + ", theta = " + theta;
        assertClose(expected, Jacobians.jacobian(JacobiansTest::polar, x), CENTRAL_TOLERANCE, at);
        assertClose(
            expected,
            Jacobians.jacobianRichardson(JacobiansTest::polar, x),
            RICHARDSON_TOLERANCE,
            at);
      }
    }
  }

  @Test
  void sphericalJacobianAndProductsAtRandomPoints() {
    Random random = new Random(7);
    for (int trial = 0; trial < 50; trial++) {
      double r = 0.1 + 3 * random.nextDouble();
      double theta = (2 * random.nextDouble() - 1) * Math.PI;
      double phi = random.nextDouble() * Math.PI;
      double[] x = {r, theta, phi};
      double[][] expected = sphericalJacobian(r, theta, phi);
      double[] v = {random.nextGaussian(), random.nextGaussian(), random.nextGaussian()};
      double[] w = {random.nextGaussian(), random.nextGaussian(), random.nextGaussian()};
      String at = "trial " + trial;
      VectorFunction f = JacobiansTest::spherical;
      assertClose(expected, Jacobians.jacobian(f, x), CENTRAL_TOLERANCE, at);
      assertClose(expected, Jacobians.jacobianRichardson(f, x), RICHARDSON_TOLERANCE, at);
      assertClose(times(expected, v), Jacobians.jvp(f, x, v), CENTRAL_TOLERANCE, at);
      assertClose(times(expected, v), Jacobians.jvpRichardson(f, x, v), RICHARDSON_TOLERANCE, at);
      assertClose(transposeTimes(expected, w), Jacobians.vjp(f, x, w), CENTRAL_TOLERANCE, at);
      assertClose(
          transposeTimes(expected, w), Jacobians.vjpRichardson(f, x, w), RICHARDSON_TOLERANCE, at);
    }
  }

  @Test
  void writeIntoFormsGiveTheSameResults() {
    VectorFunction.Into into =
        (v, out) -> {
          double[] value = spherical(v);
          System.arraycopy(value, 0, out, 0, 3);
        };
    VectorFunction f = JacobiansTest::spherical;
    double[] x = {1.3, 0.4, 2.2};
    double[] v = {0.2, -1, 0.5};
    double[] w = {1, 2, -1};
    assertArrayEquals(flat(Jacobians.jacobian(f, x)), flat(Jacobians.jacobian(into, 3, x)), 0.0);
    assertArrayEquals(
        flat(Jacobians.jacobianRichardson(f, x)),
        flat(Jacobians.jacobianRichardson(into, 3, x)),
        0.0);
    assertArrayEquals(Jacobians.jvp(f, x, v), Jacobians.jvp(into, 3, x, v), 0.0);
    assertArrayEquals(
        Jacobians.jvpRichardson(f, x, v), Jacobians.jvpRichardson(into, 3, x, v), 0.0);
    assertArrayEquals(Jacobians.vjp(f, x, w), Jacobians.vjp(into, x, w), 0.0);
    assertArrayEquals(Jacobians.vjpRichardson(f, x, w), Jacobians.vjpRichardson(into, x, w), 0.0);
  }

  static double[] flat(double[][] m) {
    return Packing.flatten((Object) m);
  }

  @Test
  void jvpAlongACoordinateIsThatColumn() {
    double[] x = {0.9, -2.1, 1.2};
    double[][] expected = sphericalJacobian(0.9, -2.1, 1.2);
    for (int j = 0; j < 3; j++) {
      double[] e = new double[3];
      e[j] = 1;
      double[] column = {expected[0][j], expected[1][j], expected[2][j]};
      assertClose(column, Jacobians.jvp(JacobiansTest::spherical, x, e), CENTRAL_TOLERANCE, "e" + j);
    }
  }

  // --- Costs --------------------------------------------------------------------------------

  @Test
  void centralCostsAreExact() {
    AtomicInteger calls = new AtomicInteger();
    VectorFunction f =
        v -> {
          calls.incrementAndGet();
          return spherical(v);
        };
    VectorFunction.Into into =
        (v, out) -> {
          calls.incrementAndGet();
          System.arraycopy(spherical(v), 0, out, 0, 3);
        };
    double[] x = {1, 2, 3};
    Jacobians.jacobian(f, x);
    assertEquals(1 + 2 * 3, calls.getAndSet(0), "1 + 2n: one to learn m");
    Jacobians.jacobian(into, 3, x);
    assertEquals(2 * 3, calls.getAndSet(0), "2n");
    Jacobians.jvp(f, x, new double[] {1, 1, 1});
    assertEquals(3, calls.getAndSet(0));
    Jacobians.jvp(into, 3, x, new double[] {1, 1, 1});
    assertEquals(2, calls.getAndSet(0));
    Jacobians.vjp(f, x, new double[] {1, 1, 1});
    assertEquals(2 * 3, calls.getAndSet(0), "m is w.length: nothing to learn");
  }

  @Test
  void richardsonCostIsBoundedPerColumn() {
    AtomicInteger calls = new AtomicInteger();
    VectorFunction.Into into =
        (v, out) -> {
          calls.incrementAndGet();
          System.arraycopy(spherical(v), 0, out, 0, 3);
        };
    Jacobians.jacobianRichardson(into, 3, new double[] {1.2, 0.3, 2.0});
    assertTrue(calls.get() >= 3 * 4 && calls.get() <= 3 * 80, "evaluations: " + calls);
    calls.set(0);
    Jacobians.jvpRichardson(into, 3, new double[] {1.2, 0.3, 2.0}, new double[] {1, -1, 0.5});
    assertTrue(calls.get() >= 4 && calls.get() <= 80, "evaluations: " + calls);
  }

  @Test
  void linearColumnsNeedFewRichardsonRows() {
    AtomicInteger calls = new AtomicInteger();
    VectorFunction.Into linear =
        (v, out) -> {
          calls.incrementAndGet();
          out[0] = 3 * v[0] - v[1];
          out[1] = 0.5 * v[1];
        };
    double[][] j = Jacobians.jacobianRichardson(linear, 2, new double[] {0.25, 4});
    assertArrayEquals(new double[] {3, -1, 0, 0.5}, flat(j), 1e-14);
    assertTrue(calls.get() <= 2 * 6, "a linear column needs at most three rows: " + calls);
  }

  // --- Steps --------------------------------------------------------------------------------

  @Test
  void stepsScaleWithLargeCoordinates() {
    double big = 1e8;
    VectorFunction f = v -> new double[] {Math.sqrt(v[0]) * v[1], v[0] * v[0] * v[0]};
    double[] x = {big, 3};
    double[][] expected = {{1.5 / Math.sqrt(big), Math.sqrt(big)}, {3 * big * big, 0}};
    double[][] central = Jacobians.jacobian(f, x);
    double[][] richardson = Jacobians.jacobianRichardson(f, x);
    for (double[][] j : new double[][][] {central, richardson}) {
      // relative to each entry itself: the tiny and the huge ones alike
      assertTrue(FiniteDifferencesTest.relativeError(j[0][0], expected[0][0]) <= 1e-8);
      assertTrue(FiniteDifferencesTest.relativeError(j[0][1], expected[0][1]) <= 1e-8);
      assertTrue(FiniteDifferencesTest.relativeError(j[1][0], expected[1][0]) <= 1e-8);
      assertEquals(0, j[1][1], 1e-6);
    }
  }

  @Test
  void directionsOfAnyMagnitudeGiveTheSameProduct() {
    double[] x = {1.3, 0.4, 2.2};
    double[][] expected = sphericalJacobian(1.3, 0.4, 2.2);
    double[] unit = {0.6, -0.3, 0.9};
    for (double scale : new double[] {1e-300, 1e-20, 1e-3, 1, 1e5, 1e200}) {
      double[] v = {unit[0] * scale, unit[1] * scale, unit[2] * scale};
      double[] jv = Jacobians.jvpRichardson(JacobiansTest::spherical, x, v);
      double[] expectedJv = times(expected, v);
      for (int i = 0; i < 3; i++) {
        double error = FiniteDifferencesTest.relativeError(jv[i], expectedJv[i]);
        assertTrue(error <= RICHARDSON_TOLERANCE, "scale " + scale + ": error " + error);
      }
    }
  }

  @Test
  void jvpStepIsRelativeToTheCoordinatesItMoves() {
    // x_0 is large, x_1 small: a step proportional to |x| overall would swamp x_1's curvature.
    VectorFunction f = v -> new double[] {Math.log(v[0]) + Math.exp(v[1])};
    double[] x = {1e6, 0.5};
    double[] v = {1e6, 1}; // moves both coordinates by the same relative amount
    double expected = 1e6 / 1e6 + Math.exp(0.5);
    assertEquals(expected, Jacobians.jvp(f, x, v)[0], 1e-8 * expected);
    assertEquals(expected, Jacobians.jvpRichardson(f, x, v)[0], 1e-11 * expected);
  }
}
