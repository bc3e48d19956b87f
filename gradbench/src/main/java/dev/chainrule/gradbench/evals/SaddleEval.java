package dev.chainrule.gradbench.evals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chainrule.gradbench.Eval;
import dev.chainrule.gradbench.Inputs;
import java.util.Map;

/**
 * The four variants, named outer mode then inner mode. Step 1, the argmin over (x1, y1) of max over
 * (x2, y2) of f: {@link GradientDescent} with the gradient of {@link Saddle#innerMaxReverse} (inner
 * reverse: {@code ?r}) or {@link Saddle#innerMaxForward} (inner forward: {@code ?f}) by ChainRule's
 * pullback (outer reverse: {@code r?}) or two pushforwards (outer forward: {@code f?}). Step 2, the
 * argmax over (x2, y2) at that point, with ∂f/∂(x2, y2) in the argmin's mode, as the eval's README
 * asks: {@code objectivePullback} or two {@code objectivePushforward}s. The output is x1, y1, x2, y2.
 */
public final class SaddleEval implements Eval {
  @Override
  public String module() {
    return "saddle";
  }

  @Override
  public Map<String, Function> functions() {
    return Eval.of("ff", (Function) in -> prepare(in, false, false),
        "fr", (Function) in -> prepare(in, false, true),
        "rf", (Function) in -> prepare(in, true, false),
        "rr", (Function) in -> prepare(in, true, true));
  }

  private static Prepared prepare(JsonNode input, boolean outerReverse, boolean innerReverse) {
    double[] start = Inputs.vector(Inputs.field(input, "start"), "\"start\"", 2);
    GradientDescent.Objective outer = outer(start, outerReverse, innerReverse);
    double[][] out = new double[1][];
    return Eval.of(() -> {
      double[] x = GradientDescent.argmin(outer, start);
      double[] y = GradientDescent.argmax(inner(x, outerReverse), start);
      out[0] = new double[] {x[0], x[1], y[0], y[1]};
    }, () -> out[0]);
  }

  /** max over (x2, y2) of f(x1, y1, x2, y2) as a function of (x1, y1), and its gradient. */
  static GradientDescent.Objective outer(double[] start, boolean outerReverse, boolean innerReverse) {
    double s1 = start[0];
    double s2 = start[1];
    var reverseOverReverse = new SaddleDerivatives.InnerMaxReverseAdjoint();
    var reverseOverForward = new SaddleDerivatives.InnerMaxForwardAdjoint();
    var forwardOverReverse = new SaddleDerivatives.InnerMaxReverseTangentWork();
    var forwardOverForward = new SaddleDerivatives.InnerMaxForwardTangentWork();
    return new GradientDescent.Objective() {
      @Override
      public double value(double[] x) {
        return innerReverse ? Saddle.innerMaxReverse(x[0], x[1], s1, s2)
            : Saddle.innerMaxForward(x[0], x[1], s1, s2);
      }

      @Override
      public void gradient(double[] x, double[] g) {
        if (outerReverse && innerReverse) {
          reverseOverReverse.clear();
          SaddleDerivatives.innerMaxReversePullback(x[0], x[1], s1, s2, 1.0, reverseOverReverse);
          g[0] = reverseOverReverse.x1;
          g[1] = reverseOverReverse.y1;
        } else if (outerReverse) {
          reverseOverForward.clear();
          SaddleDerivatives.innerMaxForwardPullback(x[0], x[1], s1, s2, 1.0, reverseOverForward);
          g[0] = reverseOverForward.x1;
          g[1] = reverseOverForward.y1;
        } else if (innerReverse) {
          SaddleDerivatives.innerMaxReversePushforward(x[0], x[1], s1, s2, 1, 0, forwardOverReverse);
          g[0] = forwardOverReverse.tangent;
          SaddleDerivatives.innerMaxReversePushforward(x[0], x[1], s1, s2, 0, 1, forwardOverReverse);
          g[1] = forwardOverReverse.tangent;
        } else {
          SaddleDerivatives.innerMaxForwardPushforward(x[0], x[1], s1, s2, 1, 0, forwardOverForward);
          g[0] = forwardOverForward.tangent;
          SaddleDerivatives.innerMaxForwardPushforward(x[0], x[1], s1, s2, 0, 1, forwardOverForward);
          g[1] = forwardOverForward.tangent;
        }
      }
    };
  }

  /** f(x1, y1, ·, ·) at the argmin x, with ∂f/∂(x2, y2) by reverse or forward mode. */
  static GradientDescent.Objective inner(double[] x, boolean reverse) {
    var adjoint = new SaddleDerivatives.ObjectiveAdjoint();
    var work = new SaddleDerivatives.ObjectiveTangentWork();
    return new GradientDescent.Objective() {
      @Override
      public double value(double[] y) {
        return Saddle.objective(x[0], x[1], y[0], y[1]);
      }

      @Override
      public void gradient(double[] y, double[] g) {
        if (reverse) {
          adjoint.clear();
          SaddleDerivatives.objectivePullback(x[0], x[1], y[0], y[1], 1.0, adjoint);
          g[0] = adjoint.x2;
          g[1] = adjoint.y2;
        } else {
          SaddleDerivatives.objectivePushforward(x[0], x[1], y[0], y[1], 0, 0, 1, 0, work);
          g[0] = work.tangent;
          SaddleDerivatives.objectivePushforward(x[0], x[1], y[0], y[1], 0, 0, 0, 1, work);
          g[1] = work.tangent;
        }
      }
    };
  }
}
