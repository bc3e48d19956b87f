package dev.chainrule.gradbench.evals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chainrule.gradbench.Eval;
import dev.chainrule.gradbench.Inputs;
import java.util.Map;

/** {@code primal}: {@link Det#det}; {@code gradient} waits for recursion (see {@link Det}). */
public final class DetEval implements Eval {
  /** What the gradient waits for, as define and evaluate report it. */
  public static final String RECURSION = "ChainRule to differentiate recursion (det_of_minor calls"
      + " itself, as the eval specifies; the processor refuses a recursive @Differentiable method)";

  @Override
  public String module() {
    return "det";
  }

  @Override
  public Map<String, Function> functions() {
    return Eval.of("primal", (Function) DetEval::primal);
  }

  @Override
  public Map<String, String> waiting() {
    return Map.of("gradient", RECURSION);
  }

  private static Prepared primal(JsonNode input) {
    int ell = Inputs.count(input, "ell");
    double[] a = Inputs.vector(Inputs.field(input, "A"), "\"A\"", ell * ell);
    Inputs.require(ell > 0, "\"ell\" must be positive");
    return Eval.scalar(() -> Det.det(a, ell));
  }
}
