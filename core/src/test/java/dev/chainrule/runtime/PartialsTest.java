package dev.chainrule.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.numeric.FiniteDifferences;
import org.junit.jupiter.api.Test;

/**
 * The tangents of atan2's partials against Richardson differences of the partials along the
 * direction (an independent oracle at ordinary scales), and at scales where r⁴ = (x² + y²)²
 * underflows or overflows against the ordinary-scale value and the exact scaling law: the
 * tangent is homogeneous of degree −1 in (y, x, dy, dx) scaled together.
 */
class PartialsTest {
  private static final double[][] POINTS = {{1, 2, 0.3, 0.7}, {-0.5, 0.25, 1, -1}, {3, -1, -0.2, 0.4}, {0, 1, 1, 0}};

  @Test
  void atan2PartialTangentsAreDirectionalDerivativesOfThePartials() {
    for (double[] p : POINTS) {
      double y = p[0];
      double x = p[1];
      double dy = p[2];
      double dx = p[3];
      double numericY = FiniteDifferences.derivativeRichardson(s -> Partials.atan2Y(y + s * dy, x + s * dx), 0);
      double numericX = FiniteDifferences.derivativeRichardson(s -> Partials.atan2X(y + s * dy, x + s * dx), 0);
      assertEquals(numericY, Partials.atan2YTangent(y, x, dy, dx), 1e-8);
      assertEquals(numericX, Partials.atan2XTangent(y, x, dy, dx), 1e-8);
    }
  }

  @Test
  void atan2PartialTangentsStayFiniteWhereTheFourthPowerOfTheRadiusLeavesTheRange() {
    for (double scale : new double[] {1e-200, 1e-100, 1e100, 1e200}) {
      for (double[] p : POINTS) {
        double y = p[0] * scale;
        double x = p[1] * scale;
        double dy = p[2] * scale;
        double dx = p[3] * scale;
        double expectedY = Partials.atan2YTangent(p[0], p[1], p[2], p[3]) / scale;
        double expectedX = Partials.atan2XTangent(p[0], p[1], p[2], p[3]) / scale;
        assertEquals(expectedY, Partials.atan2YTangent(y, x, dy, dx), 1e-14 * Math.abs(expectedY) + Double.MIN_VALUE,
            "∂atan2Y at scale " + scale);
        assertEquals(expectedX, Partials.atan2XTangent(y, x, dy, dx), 1e-14 * Math.abs(expectedX) + Double.MIN_VALUE,
            "∂atan2X at scale " + scale);
      }
    }
    assertEquals(0, Partials.atan2YTangent(0, 0, 1, 1));
    assertEquals(0, Partials.atan2XTangent(0, 0, 1, 1));
  }
}
