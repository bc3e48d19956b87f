package dev.chainrule.gradbench.evals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chainrule.gradbench.Eval;
import dev.chainrule.gradbench.Inputs;
import java.util.Map;

/**
 * {@code primal}: {@link Det#det}. {@code gradient} waits for a processor fix: ChainRule now
 * differentiates the recursion, but the generated pullback of {@link Det#detOfMinor} does not give
 * back the index array {@code r} as it found it (see {@link #PULLBACK_BUG}), so the caller's next
 * sub-minor reads the wrong rows. {@code PendingEvalsTest} fails, saying so, once it does.
 */
public final class DetEval implements Eval {
  /** What the gradient waits for, as define and evaluate report it. */
  public static final String PULLBACK_BUG = "a processor fix: the generated pullback of"
      + " det_of_minor leaves its int[] parameter r changed (the reverse sweep restores the value"
      + " before r[n] = r0 but never the one before r[n] = r[r0]), so the recursion reads wrong"
      + " rows; recursion itself is supported";

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
    return Map.of("gradient", PULLBACK_BUG);
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
}
