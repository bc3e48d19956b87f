package dev.chainrule.numeric;

import static dev.chainrule.numeric.JacobiansTest.times;

import java.util.Random;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * The accuracy {@link Hessians} documents, measured against Hipparchus' derivative structures of
 * order 2 ({@link FieldFunctions}: the same code run on doubles, on Hipparchus' {@code Gradient}
 * for the exact gradient whose differences are taken, and on {@code DerivativeStructure} for the
 * exact Hessian) on log-sum-exp, Rosenbrock's function, logistic loss and a mixed smooth
 * function, at random points. Second differences of {@code f} are measured relative to {@code
 * max(1, |f(x)|)} as well as to the entry, since their rounding error is proportional to {@code
 * |f|}. Print the figures with {@code mvn -B -q -pl core test -Dtest='*AccuracyTest'
 * -Dchainrule.accuracy.print=true}.
 */
class HessiansAccuracyTest {

  private static final int POINTS = 25;

  private final Random random = new Random(99);

  private void measure(String name, FieldFunctions.Scalar function, int n, double spread) {
    ToDoubleFunction<double[]> f = FieldFunctions.scalarOnDoubles(function);
    VectorFunction gradient = FieldFunctions.gradient(function);
    ErrorStats central = new ErrorStats(name + " Hessian, second differences");
    ErrorStats richardson = new ErrorStats(name + " Hessian, Richardson of second differences");
    ErrorStats fromGradient = new ErrorStats(name + " Hessian, differences of the gradient");
    ErrorStats fromGradientRichardson = new ErrorStats(name + " Hessian, Richardson of gradient");
    ErrorStats hvp = new ErrorStats(name + " H v, differences of the gradient");
    ErrorStats hvpRichardson = new ErrorStats(name + " H v, Richardson of the gradient");
    for (int p = 0; p < POINTS; p++) {
      double[] x = new double[n];
      double[] v = new double[n];
      for (int i = 0; i < n; i++) {
        x[i] = spread * random.nextGaussian();
        v[i] = random.nextGaussian();
      }
      double[][] exact = FieldFunctions.hessian(function, x);
      double size = Math.max(1, Math.abs(f.applyAsDouble(x)));
      central.add(Hessians.hessian(f, x), exact, size);
      richardson.add(Hessians.hessianRichardson(f, x), exact, size);
      fromGradient.add(Hessians.hessianFromGradient(gradient, x), exact, 1);
      fromGradientRichardson.add(Hessians.hessianFromGradientRichardson(gradient, x), exact, 1);
      double[] hv = times(exact, v);
      double norm = 1;
      for (double value : hv) {
        norm = Math.max(norm, Math.abs(value));
      }
      hvp.add(Hessians.hvp(gradient, x, v), hv, norm);
      hvpRichardson.add(Hessians.hvpRichardson(gradient, x, v), hv, norm);
    }
    central.assertWithin(HessiansTest.SECOND_DIFFERENCE_TOLERANCE, 1e-7);
    richardson.assertWithin(HessiansTest.RICHARDSON_SECOND_TOLERANCE, 1e-10);
    fromGradient.assertWithin(JacobiansTest.CENTRAL_TOLERANCE, 1e-9);
    hvp.assertWithin(JacobiansTest.CENTRAL_TOLERANCE, 1e-9);
    fromGradientRichardson.assertWithin(JacobiansTest.RICHARDSON_TOLERANCE, 1e-11);
    hvpRichardson.assertWithin(JacobiansTest.RICHARDSON_TOLERANCE, 1e-11);
  }

  @Test
  void logSumExp() {
    measure("log-sum-exp", FieldFunctions.LOG_SUM_EXP, 5, 2);
  }

  @Test
  void rosenbrock() {
    measure("Rosenbrock", FieldFunctions.ROSENBROCK, 6, 1);
  }

  @Test
  void logisticLoss() {
    measure("logistic loss", FieldFunctions.LOGISTIC_LOSS, 3, 1);
  }

  @Test
  void mixed() {
    measure("mixed", FieldFunctions.MIXED, 4, 1);
  }
}
