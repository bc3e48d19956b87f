package dev.chainrule.gradbench.evals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chainrule.gradbench.Eval;
import dev.chainrule.gradbench.Inputs;
import java.util.Map;

/**
 * {@code primal}: {@link Det#det}; {@code gradient}: ChainRule's pullback of it, through the
 * recursion.
 */
public final class DetEval implements Eval {
  @Override
  public String module() {
    return "det";
  }

  @Override
  public Map<String, Function> functions() {
    return Eval.of("primal", (Function) DetEval::primal, "gradient", (Function) DetEval::gradient);
  }

  record Input(double[] a, int ell) {
    static Input read(JsonNode input) {
      int ell = Inputs.count(input, "ell");
      Inputs.require(ell > 0, "\"ell\" must be positive");
      return new Input(Inputs.vector(Inputs.field(input, "A"), "\"A\"", ell * ell), ell);
    }
  }

  private static Prepared primal(JsonNode json) {
    Input in = Input.read(json);
    return Eval.scalar(() -> Det.det(in.a, in.ell));
  }

  private static Prepared gradient(JsonNode json) {
    Input in = Input.read(json);
    var adjoint = new DetDerivatives.DetAdjoint(new double[in.a.length]);
    return Eval.of(() -> {
      adjoint.clear();
      DetDerivatives.detPullback(in.a, in.ell, 1.0, adjoint);
    }, () -> adjoint.a);
  }
}
