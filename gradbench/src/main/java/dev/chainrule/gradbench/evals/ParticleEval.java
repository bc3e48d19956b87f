package dev.chainrule.gradbench.evals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chainrule.gradbench.Eval;
import dev.chainrule.gradbench.Inputs;
import java.util.Map;

/**
 * The four variants, named outer mode then inner mode: the argmin over w by {@link
 * GradientDescent}, with d x₀(t_f)² / dw by ChainRule's pullback (outer reverse: {@code r?}) or
 * pushforward (outer forward: {@code f?}) of {@link Particle#crossingReverse} (inner reverse:
 * {@code ?r}) or {@link Particle#crossingForward} (inner forward: {@code ?f}). What ChainRule runs
 * for the inner derivative's own derivative is in docs/gradbench.md ("particle and saddle").
 */
public final class ParticleEval implements Eval {
  @Override
  public String module() {
    return "particle";
  }

  @Override
  public Map<String, Function> functions() {
    return Eval.of("ff", (Function) in -> prepare(in, false, false),
        "fr", (Function) in -> prepare(in, false, true),
        "rf", (Function) in -> prepare(in, true, false),
        "rr", (Function) in -> prepare(in, true, true));
  }

  private static Prepared prepare(JsonNode input, boolean outerReverse, boolean innerReverse) {
    double[] start = {Inputs.number(input, "w")};
    GradientDescent.Objective objective = objective(outerReverse, innerReverse);
    return Eval.scalar(() -> GradientDescent.argmin(objective, start)[0]);
  }

  /** x₀(t_f)² as a function of w = x[0] and its derivative in the modes asked for. */
  static GradientDescent.Objective objective(boolean outerReverse, boolean innerReverse) {
    var reverseOverReverse = new ParticleDerivatives.CrossingReverseAdjoint();
    var reverseOverForward = new ParticleDerivatives.CrossingForwardAdjoint();
    var forwardOverReverse = new ParticleDerivatives.CrossingReverseTangentWork();
    var forwardOverForward = new ParticleDerivatives.CrossingForwardTangentWork();
    return new GradientDescent.Objective() {
      @Override
      public double value(double[] x) {
        return innerReverse ? Particle.crossingReverse(x[0]) : Particle.crossingForward(x[0]);
      }

      @Override
      public void gradient(double[] x, double[] gradient) {
        if (outerReverse && innerReverse) {
          reverseOverReverse.clear();
          ParticleDerivatives.crossingReversePullback(x[0], 1.0, reverseOverReverse);
          gradient[0] = reverseOverReverse.w;
        } else if (outerReverse) {
          reverseOverForward.clear();
          ParticleDerivatives.crossingForwardPullback(x[0], 1.0, reverseOverForward);
          gradient[0] = reverseOverForward.w;
        } else if (innerReverse) {
          ParticleDerivatives.crossingReversePushforward(x[0], 1.0, forwardOverReverse);
          gradient[0] = forwardOverReverse.tangent;
        } else {
          ParticleDerivatives.crossingForwardPushforward(x[0], 1.0, forwardOverForward);
          gradient[0] = forwardOverForward.tangent;
        }
      }
    };
  }
}
