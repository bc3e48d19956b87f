package dev.chainrule.numeric;

import static dev.chainrule.numeric.FiniteDifferencesTest.relativeError;
import static dev.chainrule.numeric.FiniteDifferencesTest.scaledError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleUnaryOperator;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Accuracy and cost of the Richardson-extrapolated derivatives ({@link
 * FiniteDifferences#derivativeRichardson} and {@link FiniteDifferences#gradientRichardson}).
 */
class RichardsonTest {

  /** The accuracy this test suite requires; the documented typical accuracy is tighter. */
  private static final double TOLERANCE = 1e-10;

  private static void assertAccurate(String what, double expected, double actual) {
    double error = scaledError(actual, expected);
    assertTrue(
        error <= TOLERANCE,
        () -> what + ": expected " + expected + ", got " + actual + " (error " + error + ")");
  }

  @ParameterizedTest
  @ValueSource(doubles = {-4, -1, -0.0, 0.3, 1, 2.5, 8})
  void exp(double x) {
    assertAccurate(
        "exp'(" + x + ")", Math.exp(x), FiniteDifferences.derivativeRichardson(Math::exp, x));
  }

  @ParameterizedTest
  @ValueSource(doubles = {-5, -1.5, 0, 0.7, 1, 3, 10})
  void sinAndCos(double x) {
    assertAccurate(
        "sin'(" + x + ")", Math.cos(x), FiniteDifferences.derivativeRichardson(Math::sin, x));
    assertAccurate(
        "cos'(" + x + ")", -Math.sin(x), FiniteDifferences.derivativeRichardson(Math::cos, x));
  }

  @ParameterizedTest
  @ValueSource(doubles = {-1.4, -0.5, 0, 0.9, 1.5})
  void tan(double x) {
    double secant = 1 / Math.cos(x);
    assertAccurate(
        "tan'(" + x + ")", secant * secant, FiniteDifferences.derivativeRichardson(Math::tan, x));
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.01, 0.05, 0.3, 1, 2, 50, 1e6})
  void logRelativeToTheDerivativeItself(double x) {
    // Near 0 the large initial step leaves log's domain: smaller steps must take over.
    double actual = FiniteDifferences.derivativeRichardson(Math::log, x);
    assertTrue(relativeError(actual, 1 / x) <= TOLERANCE, () -> "log'(" + x + ") = " + actual);
  }

  @Test
  void polynomialOfDegreeSix() {
    // q(x) = x^6 - 4x^3 + 2, q'(x) = 6x^5 - 12x^2
    for (double x : new double[] {-2, -0.4, 0.1, 1.7, 3}) {
      double actual =
          FiniteDifferences.derivativeRichardson(t -> Math.pow(t, 6) - 4 * t * t * t + 2, x);
      assertAccurate("q'(" + x + ")", 6 * Math.pow(x, 5) - 12 * x * x, actual);
    }
  }

  @Test
  void nearSingularity() {
    // 1/(x - c) with c at distance 0.01 from x: the first tableaus straddle or approach the pole.
    double x = 1;
    double c = 1.01;
    double actual = FiniteDifferences.derivativeRichardson(t -> 1 / (t - c), x);
    double expected = -1 / ((x - c) * (x - c));
    assertTrue(relativeError(actual, expected) <= TOLERANCE, () -> "got " + actual);
  }

  @Test
  void gradientOfSeveralVariables() {
    // f(x, y, z) = exp(x) sin(y) + x y log(z) + y / z
    ToDoubleFunction<double[]> f =
        v -> Math.exp(v[0]) * Math.sin(v[1]) + v[0] * v[1] * Math.log(v[2]) + v[1] / v[2];
    double x = 0.6;
    double y = -2.2;
    double z = 3.5;
    double[] expected = {
      Math.exp(x) * Math.sin(y) + y * Math.log(z),
      Math.exp(x) * Math.cos(y) + x * Math.log(z) + 1 / z,
      x * y / z - y / (z * z)
    };
    double[] actual = FiniteDifferences.gradientRichardson(f, new double[] {x, y, z});
    for (int i = 0; i < 3; i++) {
      assertAccurate("component " + i, expected[i], actual[i]);
    }
  }

  @Test
  void largeAndTinyCoordinates() {
    double big = 1e8;
    double cube = FiniteDifferences.derivativeRichardson(t -> t * t * t, big);
    assertTrue(relativeError(cube, 3 * big * big) <= TOLERANCE, "(x^3)' = " + cube);
    double sqrt = FiniteDifferences.derivativeRichardson(Math::sqrt, big);
    assertTrue(relativeError(sqrt, 0.5 / Math.sqrt(big)) <= TOLERANCE, "sqrt' = " + sqrt);

    double tiny = 1e-12;
    double cosPlusLinear = FiniteDifferences.derivativeRichardson(t -> Math.cos(t) + 5 * t, tiny);
    assertTrue(relativeError(cosPlusLinear, 5 - Math.sin(tiny)) <= TOLERANCE);
  }

  @Test
  void isMoreAccurateThanPlainCentralDifferences() {
    // exp at 10: central differences lose ~1e-10 to truncation and rounding; Richardson does not.
    double exact = Math.exp(10);
    double central = relativeError(FiniteDifferences.derivative(Math::exp, 10), exact);
    double richardson = relativeError(FiniteDifferences.derivativeRichardson(Math::exp, 10), exact);
    assertTrue(richardson < central / 100, "Richardson " + richardson + ", central " + central);
  }

  @Test
  void costIsBoundedAndSmallForLinearFunctions() {
    AtomicInteger calls = new AtomicInteger();
    DoubleUnaryOperator linear =
        t -> {
          calls.incrementAndGet();
          return 3 * t - 1;
        };
    assertEquals(3, FiniteDifferences.derivativeRichardson(linear, 0.25), 1e-14);
    assertTrue(calls.get() <= 6, "a linear function needs at most three rows: " + calls);

    for (double x : new double[] {0.001, 0.5, 1.56}) {
      calls.set(0);
      FiniteDifferences.derivativeRichardson(
          t -> {
            calls.incrementAndGet();
            return Math.tan(t) + Math.log(t);
          },
          x);
      assertTrue(calls.get() >= 4 && calls.get() <= 80, "evaluations at " + x + ": " + calls);
    }
  }
}
