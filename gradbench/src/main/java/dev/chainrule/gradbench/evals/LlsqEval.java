package dev.chainrule.gradbench.evals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chainrule.gradbench.Eval;
import dev.chainrule.gradbench.Inputs;
import java.util.Map;

/** {@code primal}: {@link Llsq#objective}; {@code gradient}: its ChainRule pullback. */
public final class LlsqEval implements Eval {
  @Override
  public String module() {
    return "llsq";
  }

  @Override
  public Map<String, Function> functions() {
    return Eval.of("primal", (Function) LlsqEval::primal, "gradient", (Function) LlsqEval::gradient);
  }

  private static Prepared primal(JsonNode input) {
    double[] x = Inputs.vector(input, "x");
    int n = Inputs.count(input, "n");
    return Eval.scalar(() -> Llsq.objective(x, n));
  }

  private static Prepared gradient(JsonNode input) {
    double[] x = Inputs.vector(input, "x");
    int n = Inputs.count(input, "n");
    var adjoint = new LlsqDerivatives.ObjectiveAdjoint(new double[x.length]);
    return Eval.of(() -> {
      adjoint.clear();
      LlsqDerivatives.objectivePullback(x, n, 1.0, adjoint);
    }, () -> adjoint.x);
  }
}
