package dev.chainrule.numeric;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleUnaryOperator;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Accuracy of the plain central differences ({@link FiniteDifferences#derivative} and {@link
 * FiniteDifferences#gradient}) against closed-form derivatives, their convergence order, and their
 * step scaling.
 */
class FiniteDifferencesTest {

  /** The accuracy central differences promise on smooth, well-scaled functions. */
  private static final double CENTRAL_TOLERANCE = 1e-8;

  /** Error relative to {@code max(1, |expected|)}, as documented for finite differences. */
  static double scaledError(double actual, double expected) {
    return Math.abs(actual - expected) / Math.max(1.0, Math.abs(expected));
  }

  /** Plain relative error, for checks that must hold even for small or large derivatives. */
  static double relativeError(double actual, double expected) {
    return Math.abs(actual - expected) / Math.abs(expected);
  }

  static void assertDerivative(double expected, double actual, double tolerance, String what) {
    double error = scaledError(actual, expected);
    assertTrue(
        error <= tolerance,
        () -> what + ": expected " + expected + ", got " + actual + " (error " + error + ")");
  }

  @ParameterizedTest
  @ValueSource(doubles = {-2.5, -1, 0, 0.3, 1, 2, 7.5})
  void polynomial(double x) {
    // p(x) = 3x^4 - 2x^3 + x - 7, p'(x) = 12x^3 - 6x^2 + 1
    DoubleUnaryOperator p = t -> 3 * t * t * t * t - 2 * t * t * t + t - 7;
    double expected = 12 * x * x * x - 6 * x * x + 1;
    double actual = FiniteDifferences.derivative(p, x);
    assertDerivative(expected, actual, CENTRAL_TOLERANCE, "p'(" + x + ")");
  }

  @ParameterizedTest
  @ValueSource(doubles = {-3, -0.5, 0, 0.7, 2, 5})
  void exp(double x) {
    double actual = FiniteDifferences.derivative(Math::exp, x);
    assertDerivative(Math.exp(x), actual, CENTRAL_TOLERANCE, "exp'(" + x + ")");
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.2, 0.5, 1, 3, 10, 1000})
  void log(double x) {
    double expected = 1 / x;
    double actual = FiniteDifferences.derivative(Math::log, x);
    assertTrue(
        relativeError(actual, expected) <= CENTRAL_TOLERANCE, () -> "log'(" + x + ") = " + actual);
  }

  @ParameterizedTest
  @ValueSource(doubles = {-3, -1, 0, 0.5, 1, 2.5, 6})
  void sinCosTan(double x) {
    double sin = FiniteDifferences.derivative(Math::sin, x);
    double cos = FiniteDifferences.derivative(Math::cos, x);
    assertAll(
        () -> assertDerivative(Math.cos(x), sin, CENTRAL_TOLERANCE, "sin'(" + x + ")"),
        () -> assertDerivative(-Math.sin(x), cos, CENTRAL_TOLERANCE, "cos'(" + x + ")"));
  }

  @ParameterizedTest
  @ValueSource(doubles = {-1.2, -0.5, 0, 0.4, 1, 1.3})
  void tan(double x) {
    double secant = 1 / Math.cos(x);
    double actual = FiniteDifferences.derivative(Math::tan, x);
    assertDerivative(secant * secant, actual, CENTRAL_TOLERANCE, "tan'(" + x + ")");
  }

  @Test
  void gradientOfSeveralVariables() {
    // f(x, y, z) = x^2 y + y sin z + exp(x z)
    ToDoubleFunction<double[]> f =
        v -> v[0] * v[0] * v[1] + v[1] * Math.sin(v[2]) + Math.exp(v[0] * v[2]);
    double x = 0.8;
    double y = -1.5;
    double z = 2.1;
    double[] expected = {
      2 * x * y + z * Math.exp(x * z), x * x + Math.sin(z), y * Math.cos(z) + x * Math.exp(x * z)
    };
    double[] actual = FiniteDifferences.gradient(f, new double[] {x, y, z});
    assertEquals(3, actual.length);
    for (int i = 0; i < 3; i++) {
      assertDerivative(expected[i], actual[i], CENTRAL_TOLERANCE, "component " + i);
    }
  }

  @Test
  void productOfTwentyVariables() {
    double[] x = new double[20];
    for (int i = 0; i < x.length; i++) {
      x[i] = (i % 2 == 0 ? 1 : -1) * (0.6 + 0.04 * i); // mixed signs, product of order 1e-1
    }
    ToDoubleFunction<double[]> product =
        v -> {
          double p = 1;
          for (double t : v) {
            p *= t;
          }
          return p;
        };
    double[] central = FiniteDifferences.gradient(product, x);
    double[] richardson = FiniteDifferences.gradientRichardson(product, x);
    for (int i = 0; i < x.length; i++) {
      double othersProduct = 1; // d/dx_i of x_0 x_1 ... x_19 is the product of the others
      for (int j = 0; j < x.length; j++) {
        if (j != i) {
          othersProduct *= x[j];
        }
      }
      assertDerivative(othersProduct, central[i], CENTRAL_TOLERANCE, "central " + i);
      assertDerivative(othersProduct, richardson[i], 1e-10, "Richardson " + i);
    }
  }

  @Test
  void gradientCostsExactlyTwoEvaluationsPerComponent() {
    AtomicInteger calls = new AtomicInteger();
    ToDoubleFunction<double[]> f =
        v -> {
          calls.incrementAndGet();
          return v[0] * v[1] + v[2] * v[2] * v[3];
        };
    FiniteDifferences.gradient(f, new double[] {1, 2, 3, 4});
    assertEquals(8, calls.get());

    AtomicInteger scalarCalls = new AtomicInteger();
    FiniteDifferences.derivative(
        t -> {
          scalarCalls.incrementAndGet();
          return t * t;
        },
        3);
    assertEquals(2, scalarCalls.get());
  }

  /** Central differences are second-order: halving h divides the (truncation) error by 4. */
  @Test
  void centralDifferenceErrorFallsWithTheSquareOfTheStep() {
    assertSecondOrder("exp at 0.5", Math::exp, Math.exp(0.5), 0.5);
    assertSecondOrder("sin at 1", Math::sin, Math.cos(1.0), 1.0);
    double x = 0.3; // d/dx 1/(1+x^2) = -2x / (1+x^2)^2
    double exact = -2 * x / Math.pow(1 + x * x, 2);
    assertSecondOrder("1/(1+x^2) at 0.3", t -> 1 / (1 + t * t), exact, x);
  }

  private static void assertSecondOrder(
      String what, DoubleUnaryOperator f, double exact, double x) {
    // Steps large enough that truncation error (~1e-5..1e-7) dwarfs rounding error (~1e-13).
    double h = 1e-2;
    double previousError = Math.abs(FiniteDifferences.centralDifference(f, x, h) - exact);
    for (int halvings = 1; halvings <= 3; halvings++) {
      h /= 2;
      double error = Math.abs(FiniteDifferences.centralDifference(f, x, h) - exact);
      double ratio = previousError / error;
      assertTrue(ratio > 3.9 && ratio < 4.1, what + ": error ratio " + ratio + " at h = " + h);
      previousError = error;
    }
  }

  @Test
  void stepScalesWithLargeCoordinates() {
    double x = 1e8;
    // A fixed step of ~6e-6 would leave only ~9 significant digits of sqrt's change, here the
    // step is ~600 and the full accuracy remains; checked relative to the (small) derivative.
    double sqrt = FiniteDifferences.derivative(Math::sqrt, x);
    assertTrue(relativeError(sqrt, 0.5 / Math.sqrt(x)) <= CENTRAL_TOLERANCE, "sqrt' = " + sqrt);
    double cube = FiniteDifferences.derivative(t -> t * t * t, x);
    assertTrue(relativeError(cube, 3 * x * x) <= CENTRAL_TOLERANCE, "(x^3)' = " + cube);
    double log = FiniteDifferences.derivative(Math::log, x);
    assertTrue(relativeError(log, 1 / x) <= CENTRAL_TOLERANCE, "log' = " + log);
    double[] gradient = FiniteDifferences.gradient(v -> v[0] * v[1], new double[] {-x, 3 * x});
    assertTrue(relativeError(gradient[0], 3 * x) <= CENTRAL_TOLERANCE);
    assertTrue(relativeError(gradient[1], -x) <= CENTRAL_TOLERANCE);
  }

  @Test
  void stepDoesNotShrinkWithTinyCoordinates() {
    double x = 1e-12;
    // A step proportional to |x| (~1e-17) would drown cos(x) + 5x in rounding error.
    double cosPlusLinear = FiniteDifferences.derivative(t -> Math.cos(t) + 5 * t, x);
    assertTrue(relativeError(cosPlusLinear, 5 - Math.sin(x)) <= CENTRAL_TOLERANCE);
    double exp = FiniteDifferences.derivative(Math::exp, -x);
    assertTrue(relativeError(exp, Math.exp(-x)) <= CENTRAL_TOLERANCE);
    double[] gradient =
        FiniteDifferences.gradient(v -> Math.sin(v[0]) + v[1] * v[1], new double[] {x, -0.0});
    assertTrue(relativeError(gradient[0], Math.cos(x)) <= CENTRAL_TOLERANCE);
    assertEquals(0.0, gradient[1], 1e-10); // d/dy y^2 at y = -0
  }

  @Test
  void schemeConstantsDispatchToTheirMethods() {
    DoubleUnaryOperator f = Math::sinh;
    assertEquals(
        FiniteDifferences.derivative(f, 0.4), FiniteDifferences.Scheme.CENTRAL.derivative(f, 0.4));
    assertEquals(
        FiniteDifferences.derivativeRichardson(f, 0.4),
        FiniteDifferences.Scheme.RICHARDSON.derivative(f, 0.4));
    ToDoubleFunction<double[]> g = v -> Math.sinh(v[0]) * v[1];
    double[] x = {0.4, 2};
    assertEquals(
        FiniteDifferences.gradient(g, x)[1], FiniteDifferences.Scheme.CENTRAL.gradient(g, x)[1]);
    assertEquals(
        FiniteDifferences.gradientRichardson(g, x)[0],
        FiniteDifferences.Scheme.RICHARDSON.gradient(g, x)[0]);
  }
}
