package dev.chainrule.maven.check;

/**
 * A companion as ChainRule's contract shapes it (gradient, pullback, forward-mode tangent), written by
 * hand (pushforward included) so the checker is tested apart from the processor: f's derivatives are right, g's gradient
 * is wrong in ∂g/∂v[1] (2 instead of 3) while its pullback is right.
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
}
