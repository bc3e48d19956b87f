package dev.chainrule.processor.behaviour;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.numeric.FiniteDifferences.Scheme;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Nested differentiation: @Differentiable methods that call other methods' generated derivatives
 * ({@code fGradient(...).p()}, {@code fTangent(...).tangent()}), differentiated in both modes and
 * checked against finite differences of the original (which calls the derivative as it is) — the
 * perturbation-confusion test, bilevel problems with the inner derivative in a loop, and the four
 * combinations of modes of a saddle point problem and of a particle problem.
 */
class NestedDifferentiationTest {

  static final String SOURCE = """
      package p;

      import dev.chainrule.Differentiable;
      import dev.chainrule.NoDerivative;

      public final class Nested {
        private Nested() {}

        @Differentiable
        public static double add(double x, double y) {
          return x + y;
        }

        /** d/dx [x · d/dy (x + y)] = 1 at every x (confusing the perturbations gives 2). */
        @Differentiable
        public static double confusion(double x, double y) {
          return x * NestedDerivatives.addGradient(x, y).y();
        }

        /** The same through the inner tangent, and with a loop and a call around it. */
        @Differentiable
        public static double confusionLoop(double x, double y) {
          double s = 0;
          for (int i = 1; i <= 3; i++) {
            s += x * NestedDerivatives.addTangent(x * i, y, 0, 1).tangent() / 3;
          }
          return s;
        }

        @Differentiable
        public static double f(double x, double y) {
          return Math.sin(x * y) + x * x * y - 0.5 * y * y;
        }

        /** max over y by gradient ascent, then the value: a bilevel problem. */
        @Differentiable
        public static double ascent(double x, double y0) {
          double y = y0;
          for (int i = 0; i < 8; i++) {
            y = y + 0.2 * NestedDerivatives.fGradient(x, y).y();
          }
          return f(x, y);
        }

        @Differentiable
        public static double energy(double[] q) {
          double s = 0;
          for (int i = 0; i < q.length; i++) {
            s += Math.cos(q[i]) * q[i] + 0.1 * q[i] * q[i] * q[i];
          }
          return s;
        }

        /** A gradient block of an array parameter, used nonlinearly. */
        @Differentiable
        public static double force(double[] q, double t) {
          double[] g = NestedDerivatives.energyGradient(q).q();
          double s = 0;
          for (int i = 0; i < g.length; i++) {
            s += g[i] * g[i] * t + Math.exp(-g[i] * q[i]);
          }
          return s;
        }

        /** Saddle: x1, x2 minimise, y1, y2 maximise. */
        @Differentiable
        public static double saddle(double x1, double x2, double y1, double y2) {
          return (x1 * x1 + x2 * x2) - (y1 * y1 + y2 * y2) + x1 * y1 + 0.5 * Math.sin(x2 * y2);
        }

        /** The inner maximum by gradient ascent with the inner gradient by reverse mode. */
        @Differentiable
        public static double innerReverse(double x1, double x2) {
          double y1 = 1;
          double y2 = 1;
          for (int i = 0; i < 10; i++) {
            double g1 = NestedDerivatives.saddleGradient(x1, x2, y1, y2).y1();
            double g2 = NestedDerivatives.saddleGradient(x1, x2, y1, y2).y2();
            y1 += 0.25 * g1;
            y2 += 0.25 * g2;
          }
          return saddle(x1, x2, y1, y2);
        }

        /** The same with the inner gradient by forward mode, one direction per component. */
        @Differentiable
        public static double innerForward(double x1, double x2) {
          double y1 = 1;
          double y2 = 1;
          for (int i = 0; i < 10; i++) {
            double g1 = NestedDerivatives.saddleTangent(x1, x2, y1, y2, 0, 0, 1, 0).tangent();
            double g2 = NestedDerivatives.saddleTangent(x1, x2, y1, y2, 0, 0, 0, 1).tangent();
            y1 += 0.25 * g1;
            y2 += 0.25 * g2;
          }
          return saddle(x1, x2, y1, y2);
        }

        @Differentiable
        public static double potential(double px, double py, double w) {
          return 1 / Math.sqrt((px - 10) * (px - 10) + py * py) + 1 / Math.sqrt((px - 10) * (px - 10) + (py - 2) * (py - 2))
              + w * (px * px + py * py) * 1e-3;
        }

        /** A particle under the potential's force, Euler steps, the final x position's square. */
        @Differentiable
        public static double particle(double vx, double vy, @NoDerivative double w) {
          double px = 0;
          double py = 8;
          for (int i = 0; i < 20; i++) {
            double ax = -NestedDerivatives.potentialGradient(px, py, w).px();
            double ay = -NestedDerivatives.potentialGradient(px, py, w).py();
            vx += 0.1 * ax;
            vy += 0.1 * ay;
            px += 0.1 * vx;
            py += 0.1 * vy;
          }
          return px * px;
        }
      }
      """;

  private static CompiledSources compiled;

  @BeforeAll
  static void compile() {
    compiled = CompiledSources.compile(Map.of("p.Nested", SOURCE));
  }

  private static Differentiated nested(String method, String... wrt) {
    return Differentiated.of(compiled, "p.Nested", method, wrt);
  }

  @Test
  void noPerturbationConfusion() {
    for (double x : new double[] {-2, 0, 0.7, 5}) {
      Record g = GradientOracle.check(nested("confusion", "x", "y"), x, 0.3);
      assertEquals(1.0, (double) Differentiated.component(g, "x"), 0.0);
      assertEquals(0.0, (double) Differentiated.component(g, "y"), 0.0);
      Record loop = GradientOracle.check(nested("confusionLoop", "x", "y"), x, 0.3);
      assertEquals(1.0, (double) Differentiated.component(loop, "x"), 1e-15);
    }
  }

  @Test
  void bilevelAscentInALoop() {
    GradientOracle.check(nested("ascent", "x", "y0"), 0.4, 0.9);
    GradientOracle.check(nested("ascent", "x", "y0"), -1.1, 0.2);
  }

  @Test
  void gradientBlockOfAnArrayParameter() {
    GradientOracle.check(nested("force", "q", "t"), new double[] {0.3, -1.2, 2}, 2.0);
  }

  /** The four modes: inner reverse or forward, outer by the gradient (reverse) or tangent (forward). */
  @Test
  void saddleInEveryCombinationOfModes() {
    Record rr = GradientOracle.check(nested("innerReverse", "x1", "x2"), 0.5, -0.3);
    Record rf = GradientOracle.check(nested("innerForward", "x1", "x2"), 0.5, -0.3);
    for (String x : new String[] {"x1", "x2"}) {
      assertEquals((double) Differentiated.component(rr, x), (double) Differentiated.component(rf, x), 1e-12);
    }
  }

  @Test
  void particleUnderAForceFromAGradient() {
    GradientOracle.check(nested("particle", "vx", "vy"), Scheme.RICHARDSON, 0.75, 0.0, 1.0);
  }
}
