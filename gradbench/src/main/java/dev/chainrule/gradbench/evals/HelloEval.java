package dev.chainrule.gradbench.evals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chainrule.gradbench.Eval;
import dev.chainrule.gradbench.Inputs;
import java.util.Map;

/** {@code square} is the primal; {@code double} is its derivative, by ChainRule's pullback. */
public final class HelloEval implements Eval {
  @Override
  public String module() {
    return "hello";
  }

  @Override
  public Map<String, Function> functions() {
    return Eval.of("square", (Function) HelloEval::square, "double", (Function) HelloEval::twice);
  }

  private static Prepared square(JsonNode input) {
    double x = Inputs.asNumber(input, "input");
    return Eval.scalar(() -> Hello.square(x));
  }

  private static Prepared twice(JsonNode input) {
    double x = Inputs.asNumber(input, "input");
    var adjoint = new HelloDerivatives.SquareAdjoint();
    return Eval.of(() -> {
      adjoint.clear();
      HelloDerivatives.squarePullback(x, 1.0, adjoint);
    }, () -> adjoint.x);
  }
}
