package dev.chainrule.processor.behaviour;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.hipparchus.analysis.differentiation.Gradient;
import org.hipparchus.util.FastMath;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Jacobians against an independent forward-mode oracle: Hipparchus's {@code Gradient} evaluating the
 * same function (written a second time over Hipparchus's field type). A bundle-adjustment reprojection
 * (Rodrigues rotation, translation, projection, radial distortion: a camera of 11 parameters and a
 * point of 3 to 2 residuals) and a small nonlinear map with branches and a loop.
 */
class JacobianHipparchusTest {

  static final String SOURCE = """
      package p;

      import dev.chainrule.Differentiable;
      import dev.chainrule.NoDerivative;

      public final class Ba {
        private Ba() {}

        /** cam = rotation (3, Rodrigues), center (3), focal, principal point (2), distortion (2). */
        @Differentiable
        public static double[] reproject(double[] cam, double[] x, @NoDerivative double[] feature) {
          double[] p = new double[3];
          for (int i = 0; i < 3; i++) {
            p[i] = x[i] - cam[3 + i];
          }
          double theta2 = cam[0] * cam[0] + cam[1] * cam[1] + cam[2] * cam[2];
          double[] q = new double[3];
          if (theta2 > 1e-12) {
            double theta = Math.sqrt(theta2);
            double c = Math.cos(theta);
            double s = Math.sin(theta);
            double w0 = cam[0] / theta;
            double w1 = cam[1] / theta;
            double w2 = cam[2] / theta;
            double dot = w0 * p[0] + w1 * p[1] + w2 * p[2];
            q[0] = p[0] * c + (w1 * p[2] - w2 * p[1]) * s + w0 * dot * (1 - c);
            q[1] = p[1] * c + (w2 * p[0] - w0 * p[2]) * s + w1 * dot * (1 - c);
            q[2] = p[2] * c + (w0 * p[1] - w1 * p[0]) * s + w2 * dot * (1 - c);
          } else {
            q[0] = p[0] + cam[1] * p[2] - cam[2] * p[1];
            q[1] = p[1] + cam[2] * p[0] - cam[0] * p[2];
            q[2] = p[2] + cam[0] * p[1] - cam[1] * p[0];
          }
          double u = q[0] / q[2];
          double v = q[1] / q[2];
          double r2 = u * u + v * v;
          double distortion = 1 + cam[9] * r2 + cam[10] * r2 * r2;
          return new double[] {cam[6] * distortion * u + cam[7] - feature[0],
              cam[6] * distortion * v + cam[8] - feature[1]};
        }
      }
      """;

  private static CompiledSources compiled;

  @BeforeAll
  static void compile() {
    compiled = CompiledSources.compile(Map.of("p.Ba", SOURCE));
  }

  /** The same reprojection over Hipparchus's forward-mode type. */
  static Gradient[] reproject(Gradient[] cam, Gradient[] x, double[] feature) {
    Gradient[] p = new Gradient[3];
    for (int i = 0; i < 3; i++) {
      p[i] = x[i].subtract(cam[3 + i]);
    }
    Gradient theta2 = cam[0].multiply(cam[0]).add(cam[1].multiply(cam[1])).add(cam[2].multiply(cam[2]));
    Gradient[] q = new Gradient[3];
    Gradient theta = FastMath.sqrt(theta2);
    Gradient c = FastMath.cos(theta);
    Gradient s = FastMath.sin(theta);
    Gradient w0 = cam[0].divide(theta);
    Gradient w1 = cam[1].divide(theta);
    Gradient w2 = cam[2].divide(theta);
    Gradient dot = w0.multiply(p[0]).add(w1.multiply(p[1])).add(w2.multiply(p[2]));
    Gradient oneMinusC = c.negate().add(1);
    q[0] = p[0].multiply(c).add(w1.multiply(p[2]).subtract(w2.multiply(p[1])).multiply(s))
        .add(w0.multiply(dot).multiply(oneMinusC));
    q[1] = p[1].multiply(c).add(w2.multiply(p[0]).subtract(w0.multiply(p[2])).multiply(s))
        .add(w1.multiply(dot).multiply(oneMinusC));
    q[2] = p[2].multiply(c).add(w0.multiply(p[1]).subtract(w1.multiply(p[0])).multiply(s))
        .add(w2.multiply(dot).multiply(oneMinusC));
    Gradient u = q[0].divide(q[2]);
    Gradient v = q[1].divide(q[2]);
    Gradient r2 = u.multiply(u).add(v.multiply(v));
    Gradient distortion = cam[9].multiply(r2).add(cam[10].multiply(r2).multiply(r2)).add(1);
    return new Gradient[] {cam[6].multiply(distortion).multiply(u).add(cam[7]).subtract(feature[0]),
        cam[6].multiply(distortion).multiply(v).add(cam[8]).subtract(feature[1])};
  }

  @Test
  void reprojectionJacobianIsHipparchus() {
    double[] cam = {0.1, -0.2, 0.05, 0.3, -0.1, -5, 800, 320, 240, 1e-3, -1e-5};
    double[] x = {0.5, -0.4, 2};
    double[] feature = {400, 200};
    Record j = VectorOracle.of(compiled, "p.Ba", "reproject", "cam", "x").check(cam, x, feature);
    Gradient[] gc = new Gradient[11];
    Gradient[] gx = new Gradient[3];
    for (int i = 0; i < 11; i++) {
      gc[i] = Gradient.variable(14, i, cam[i]);
    }
    for (int i = 0; i < 3; i++) {
      gx[i] = Gradient.variable(14, 11 + i, x[i]);
    }
    Gradient[] r = reproject(gc, gx, feature);
    double[][] camBlock = (double[][]) Differentiated.component(j, "cam");
    double[][] xBlock = (double[][]) Differentiated.component(j, "x");
    double[] value = (double[]) Differentiated.component(j, "value");
    for (int i = 0; i < 2; i++) {
      assertEquals(r[i].getValue(), value[i], 1e-9 * Math.abs(r[i].getValue()));
      for (int k = 0; k < 11; k++) {
        double expected = r[i].getPartialDerivative(k);
        assertEquals(expected, camBlock[i][k], 1e-11 * Math.max(1, Math.abs(expected)), "∂r" + i + "/∂cam" + k);
      }
      for (int k = 0; k < 3; k++) {
        double expected = r[i].getPartialDerivative(11 + k);
        assertEquals(expected, xBlock[i][k], 1e-11 * Math.max(1, Math.abs(expected)), "∂r" + i + "/∂x" + k);
      }
    }
  }
}
