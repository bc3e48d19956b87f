package dev.chainrule.examples.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.numeric.JacobianCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fit of NIST's Thurber problem: the generated Jacobian against finite differences (core's
 * JacobianCheck, Richardson extrapolation), and the Levenberg–Marquardt fit against NIST's
 * certified values from both of NIST's starting points.
 */
class ThurberFitTest {
  static Stream<double[]> points() {
    return Stream.of(Thurber.START_1, Thurber.START_2, Thurber.CERTIFIED,
        new double[] {1100, 1200, 450, 60, 0.8, 0.35, 0.04});
  }

  @ParameterizedTest
  @MethodSource("points")
  void theGeneratedJacobianAgreesWithFiniteDifferences(double[] b) {
    double[] at = b.clone();
    ThurberDerivatives.ResidualsJacobian jacobian =
        ThurberDerivatives.residualsJacobian(at, Thurber.X, Thurber.Y);
    JacobianCheck.compareRecord(jacobian, v -> Thurber.residuals(v, Thurber.X, Thurber.Y), at)
        .assertWithin(1e-9);
    double[] value = Thurber.residuals(b, Thurber.X, Thurber.Y);
    for (int i = 0; i < value.length; i++) {
      assertEquals(value[i], jacobian.value()[i], "value " + i);
    }
  }

  @ParameterizedTest
  @MethodSource("points")
  void forwardAndReverseJacobiansAgree(double[] b) {
    ThurberDerivatives.ResidualsJacobianWork forward = new ThurberDerivatives.ResidualsJacobianWork();
    ThurberDerivatives.ResidualsJacobianWork reverse = new ThurberDerivatives.ResidualsJacobianWork();
    ThurberDerivatives.residualsJacobianForward(b, Thurber.X, Thurber.Y, forward);
    ThurberDerivatives.residualsJacobianReverse(b, Thurber.X, Thurber.Y, reverse);
    for (int i = 0; i < Thurber.X.length; i++) {
      for (int j = 0; j < b.length; j++) {
        double f = forward.b[i][j];
        assertEquals(f, reverse.b[i][j], 1e-13 * Math.max(1, Math.abs(f)), "J[" + i + "][" + j + "]");
      }
    }
  }

  @ParameterizedTest(name = "start {0}")
  @ValueSource(ints = {1, 2})
  void convergesToTheCertifiedValues(int which) {
    List<LevenbergMarquardt.Iteration> steps = new ArrayList<>();
    LevenbergMarquardt.Result fit =
        ThurberFit.fit(which == 1 ? Thurber.START_1 : Thurber.START_2, steps::add);
    assertNotEquals(LevenbergMarquardt.Stop.ITERATIONS, fit.stop());
    assertEquals(fit.iterations() + 1, steps.size());
    for (int k = 1; k < steps.size(); k++) {
      assertTrue(steps.get(k).cost() < steps.get(k - 1).cost(), "the cost decreases: " + steps);
    }
    // The sum of squares is flat at the minimum, so the parameters are accurate to about the
    // square root of its rounding: 8 digits or more here; NIST's certified values have 11.
    for (int j = 0; j < Thurber.CERTIFIED.length; j++) {
      assertEquals(Thurber.CERTIFIED[j], fit.parameters()[j], 1e-7 * Math.abs(Thurber.CERTIFIED[j]),
          "b" + (j + 1));
    }
    assertEquals(Thurber.CERTIFIED_RESIDUAL_SUM_OF_SQUARES, fit.cost(),
        1e-10 * Thurber.CERTIFIED_RESIDUAL_SUM_OF_SQUARES);
    assertEquals(Thurber.CERTIFIED_RESIDUAL_STANDARD_DEVIATION,
        Math.sqrt(ThurberFit.residualVariance(fit)),
        1e-10 * Thurber.CERTIFIED_RESIDUAL_STANDARD_DEVIATION);
    double[] sd = ThurberFit.standardDeviations(fit);
    for (int j = 0; j < sd.length; j++) {
      assertEquals(Thurber.CERTIFIED_STANDARD_DEVIATION[j], sd[j],
          1e-6 * Thurber.CERTIFIED_STANDARD_DEVIATION[j], "standard deviation of b" + (j + 1));
    }
  }
}
