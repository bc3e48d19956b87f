package dev.chainrule.maven.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.maven.check.MethodResult.Status;
import dev.chainrule.maven.index.MethodIndex;
import dev.chainrule.maven.index.MethodIndex.Derivative;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checker on what the processor really generates for vector-valued methods (returned arrays,
 * {@code @Out} parameters), second-order methods and a nested derivative: every derivative listed
 * in the index is checked, and passes.
 */
class GeneratedChecksTest {
  private static final MethodChecker CHECKER = new MethodChecker(1e-6, 17, 3);

  static final String SOURCE = """
      package fixture;

      import dev.chainrule.CheckPoints;
      import dev.chainrule.Differentiable;
      import dev.chainrule.NoDerivative;
      import dev.chainrule.Out;

      public final class Shapes {
        private Shapes() {}

        @Differentiable
        public static double[] polar(double r, double theta) {
          double[] xy = new double[2];
          xy[0] = r * Math.cos(theta);
          xy[1] = r * Math.sin(theta);
          return xy;
        }

        @Differentiable
        @CheckPoints(lengths = {3, 3})
        public static void scale(double[] x, double a, @Out double[] y) {
          for (int i = 0; i < x.length; i++) {
            y[i] = a * x[i] * Math.exp(x[i]);
          }
        }

        // No @CheckPoints: y's size (3) is found by running the method.
        @Differentiable
        public static void spherical(double r, double theta, double phi, @Out double[] y) {
          y[0] = r * Math.sin(theta) * Math.cos(phi);
          y[1] = r * Math.sin(theta) * Math.sin(phi);
          y[2] = r * Math.cos(theta);
        }

        // lengths leaves y out: it gets one element per x, the smallest size the method runs with.
        @Differentiable
        @CheckPoints(lengths = {4})
        public static void squares(double[] x, @Out double[] y) {
          for (int i = 0; i < x.length; i++) {
            y[i] = x[i] * x[i];
          }
        }

        @Differentiable
        @CheckPoints(lengths = {2, 3})
        public static double[][] outer(double[] u, double[] v) {
          double[][] m = new double[u.length][v.length];
          for (int i = 0; i < u.length; i++) {
            for (int j = 0; j < v.length; j++) {
              m[i][j] = Math.sin(u[i]) * v[j];
            }
          }
          return m;
        }

        @Differentiable(order = 2)
        public static double rosen(double x, double y) {
          return (1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x);
        }

        @Differentiable(order = 2)
        @CheckPoints(lengths = {3, 3, 3})
        public static double quadratic(double[] x, @NoDerivative double[][] a) {
          double s = 0;
          for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < x.length; j++) {
              s += x[i] * a[i][j] * x[j] + Math.sin(x[i]) * x[j];
            }
          }
          return s;
        }

        @Differentiable(order = 2)
        @CheckPoints(lengths = {2, 2})
        public static double matrix(double[][] m, double t) {
          double s = 0;
          for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < m[i].length; j++) {
              s += Math.exp(m[i][j] * t) * m[i][j];
            }
          }
          return s;
        }

        // A parameter named like x's tangent field: the index says where x's tangent went.
        @Differentiable(order = 2)
        @CheckPoints(lengths = {2})
        public static double bowl(double x, double[] w, double xTangent) {
          double s = x * xTangent * xTangent;
          for (int i = 0; i < w.length; i++) {
            s += w[i] * w[i] * x;
          }
          return s;
        }

        @Differentiable
        public static double inner(double x, double y) {
          return x * y + Math.sin(y) * x;
        }

        // Calls inner's gradient: inner gets its second derivatives without being marked.
        @Differentiable
        public static double outerSlope(double x, double y) {
          return x * ShapesDerivatives.innerGradient(x, y).y();
        }
      }
      """;

  private static Generated generated;

  @BeforeAll
  static void compile(@TempDir Path dir) {
    generated = Generated.compile(dir, Map.of("fixture.Shapes", SOURCE));
  }

  private static MethodResult check(String method) throws CheckException {
    MethodResult r = generated.check(CHECKER, "fixture.Shapes", method);
    assertEquals(Status.PASSED, r.status(), method + ": " + r.reason() + " " + r.failures());
    assertEquals(List.of(), r.unchecked(), method);
    MethodIndex m = generated.method("fixture.Shapes", method);
    assertEquals(m.derivatives().stream().map(Derivative::method).toList(), r.checked(), method + ": every derivative");
    assertTrue(r.maxRelativeError() < 1e-7, method + ": " + r.maxRelativeError());
    return r;
  }

  private static List<String> kinds(String method) {
    return generated.method("fixture.Shapes", method).derivatives().stream().map(Derivative::kind).toList();
  }

  @Test
  void aReturnedVectorHasEveryFirstDerivativeChecked() throws CheckException {
    assertEquals(List.of("pullback", "tangent", "pushforward", "multiPushforward", "jacobian", "jacobianForward",
        "jacobianReverse"), kinds("polar"));
    MethodResult r = check("polar");
    assertEquals(3, r.points());
    // Per point: the Jacobian's 2 × 2 entries in four forms, wᵀJ (2), J·v from the tangent and the
    // pushforward (2 each), two directions of the multi-directional pushforward (4), the dot product (1).
    assertEquals(3 * (4 * 4 + 2 + 2 + 2 + 4 + 1), r.components());
  }

  @Test
  void anOutParameterWithItsSizeFromLengths() throws CheckException {
    MethodResult r = check("scale");
    assertTrue(r.firstPoint().endsWith("y=@Out double[3]"), r.firstPoint());
  }

  @Test
  void anOutParameterWhoseSizeIsFoundByRunningTheMethod() throws CheckException {
    assertTrue(check("spherical").firstPoint().endsWith("y=@Out double[3]"));
    assertTrue(check("squares").firstPoint().endsWith("y=@Out double[4]"));
  }

  @Test
  void aReturnedMatrix() throws CheckException {
    check("outer");
  }

  @Test
  void secondOrderMethodsHaveHessiansHvpsAndPullbackTangentsChecked() throws CheckException {
    assertEquals(List.of("gradient", "pullback", "tangent", "pushforward", "multiPushforward", "hvp", "hessian",
        "pullbackTangent", "multiPullbackTangent"), kinds("rosen"));
    MethodResult r = check("rosen");
    // Per point: gradient (2), pullback (2), tangent and pushforward (1 each), multi (2), the dot
    // product (1); the HVP record along v (gradient 2 + H·v 2) and along u (H·u 2), their symmetry
    // test (1), the adjoint form (2 + 2); the Hessian in two forms (gradient 2, entries 4, symmetry 1);
    // the pullback tangent (2 + 2) and the multi-directional one (2 + 2 × 2).
    assertEquals(3 * (2 + 2 + 1 + 1 + 2 + 1 + (4 + 2 + 1 + 4) + 2 * (2 + 4 + 1) + 4 + 6), r.components());
    check("quadratic");
    check("matrix");
    check("bowl");
  }

  @Test
  void aMethodWhoseGradientAnotherCallsHasItsSecondDerivativesChecked() throws CheckException {
    assertTrue(kinds("inner").containsAll(List.of("hvp", "hessian", "pullbackTangent")), kinds("inner").toString());
    check("inner");
    check("outerSlope");
  }
}
