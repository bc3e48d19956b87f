package dev.chainrule.gradbench.evals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chainrule.gradbench.Eval;
import dev.chainrule.gradbench.Inputs;
import java.util.Map;

/** {@code primal}: {@link Lse#logSumExp}; {@code gradient}: its ChainRule pullback. */
public final class LseEval implements Eval {
  @Override
  public String module() {
    return "lse";
  }

  @Override
  public Map<String, Function> functions() {
    return Eval.of("primal", (Function) LseEval::primal, "gradient", (Function) LseEval::gradient);
  }

  private static double[] x(JsonNode input) {
    double[] x = Inputs.vector(input, "x");
    Inputs.require(x.length > 0, "\"x\" must not be empty");
    return x;
  }

  private static Prepared primal(JsonNode input) {
    double[] x = x(input);
    return Eval.scalar(() -> Lse.logSumExp(x));
  }

  private static Prepared gradient(JsonNode input) {
    double[] x = x(input);
    var adjoint = new LseDerivatives.LogSumExpAdjoint(new double[x.length]);
    return Eval.of(() -> {
      adjoint.clear();
      LseDerivatives.logSumExpPullback(x, 1.0, adjoint);
    }, () -> adjoint.x);
  }
}
