package dev.chainrule.maven.check;

/**
 * A companion as ChainRule's contract shapes it, written by hand so that the checker is tested apart
 * from the processor, with mistakes the processor would not make: f's derivatives are right; g's
 * gradient is wrong in ∂g/∂v[1] (2 instead of 3) while its pullback is right; p's tangent is off by
 * a relative 1e-8 (within finite differences' reach, not the dot-product test's) and its
 * allocation-free Jacobian has a block of the wrong shape; r's gradient changes its argument; h's
 * Hessian is wrong in one mixed entry (so also asymmetric) while its HVP is right.
 */
public final class HandDerivatives {
  private HandDerivatives() {}

  public record FGradient(double value, double x, double y) {}

  public record FTangent(double value, double tangent) {}

  public static final class FAdjoint {
    public double x;
    public double y;
  }

  public static FGradient fGradient(double x, double y) {
    return new FGradient(Hand.f(x, y), y + Math.cos(x), x);
  }

  public static double fPullback(double x, double y, double seed, FAdjoint adjoint) {
    adjoint.x += seed * (y + Math.cos(x));
    adjoint.y += seed * x;
    return Hand.f(x, y);
  }

  public static FTangent fTangent(double x, double y, double xTangent, double yTangent) {
    return new FTangent(Hand.f(x, y), (y + Math.cos(x)) * xTangent + x * yTangent);
  }

  public static final class FTangentWork {
    public double tangent;
  }

  public static double fPushforward(double x, double y, double xTangent, double yTangent, FTangentWork work) {
    work.tangent = (y + Math.cos(x)) * xTangent + x * yTangent;
    return Hand.f(x, y);
  }

  public record GGradient(double value, double[] v) {}

  public static final class GAdjoint {
    public double[] v;

    public GAdjoint(double[] v) {
      this.v = v;
    }
  }

  public static GGradient gGradient(double[] v) {
    return new GGradient(Hand.g(v), new double[] {2 * v[0], 2});
  }

  public static double gPullback(double[] v, double seed, GAdjoint adjoint) {
    adjoint.v[0] += seed * 2 * v[0];
    adjoint.v[1] += seed * 3;
    return Hand.g(v);
  }

  public record PJacobian(double[] value, double[] x, double[] y) {}

  public record PTangent(double[] value, double[] tangent) {}

  public static final class PAdjoint {
    public double x;
    public double y;
  }

  public static final class PJacobianWork {
    public double[] x;
    public double[] y;
  }

  public static PJacobian pJacobian(double x, double y) {
    return new PJacobian(Hand.p(x, y), new double[] {y, Math.cos(x)}, new double[] {x, 0});
  }

  /** The block x has three rows for two outputs. */
  public static double[] pJacobian(double x, double y, PJacobianWork work) {
    work.x = new double[] {y, Math.cos(x), 0};
    work.y = new double[] {x, 0};
    return Hand.p(x, y);
  }

  public static PTangent pTangent(double x, double y, double xTangent, double yTangent) {
    double off = 1 + 1e-8;
    return new PTangent(Hand.p(x, y), new double[] {(y * xTangent + x * yTangent) * off, Math.cos(x) * xTangent * off});
  }

  public static double[] pPullback(double x, double y, double[] seed, PAdjoint adjoint) {
    adjoint.x += seed[0] * y + seed[1] * Math.cos(x);
    adjoint.y += seed[0] * x;
    return Hand.p(x, y);
  }

  public record RGradient(double value, double[] v) {}

  public static RGradient rGradient(double[] v) {
    RGradient g = new RGradient(Hand.r(v), new double[] {v[1], v[0]});
    v[0] = 0;
    return g;
  }

  public record HGradient(double value, double x, double y) {}

  public record HHessian(double value, double[] gradient, double[][] hessian) {}

  public record HHvp(double value, double x, double y, double xHvp, double yHvp) {}

  public static HGradient hGradient(double x, double y) {
    return new HGradient(Hand.h(x, y), 2 * x * y, x * x);
  }

  /** ∂²h/∂x∂y is 2x; the first row says 2x + 0.1. */
  public static HHessian hHessian(double x, double y) {
    return new HHessian(Hand.h(x, y), new double[] {2 * x * y, x * x}, new double[][] {{2 * y, 2 * x + 0.1}, {2 * x, 0}});
  }

  public static HHvp hHvp(double x, double y, double xDirection, double yDirection) {
    return new HHvp(Hand.h(x, y), 2 * x * y, x * x, 2 * y * xDirection + 2 * x * yDirection, 2 * x * xDirection);
  }
}
