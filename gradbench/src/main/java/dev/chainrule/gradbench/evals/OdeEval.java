package dev.chainrule.gradbench.evals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chainrule.gradbench.Eval;
import dev.chainrule.gradbench.Inputs;
import java.util.Map;

/**
 * {@code primal}: {@link Ode#solve}; {@code gradient}: ChainRule's pullback of {@link Ode#solve}
 * seeded with the last element's unit vector (the gradient of y_{n−1}).
 */
public final class OdeEval implements Eval {
  @Override
  public String module() {
    return "ode";
  }

  @Override
  public Map<String, Function> functions() {
    return Eval.of("primal", (Function) OdeEval::primal, "gradient", (Function) OdeEval::gradient);
  }

  private static double[] x(JsonNode input) {
    double[] x = Inputs.vector(input, "x");
    Inputs.require(x.length > 0, "\"x\" must not be empty");
    return x;
  }

  private static int steps(JsonNode input) {
    int s = Inputs.count(input, "s");
    Inputs.require(s > 0, "\"s\" must be positive");
    return s;
  }

  private static Prepared primal(JsonNode input) {
    double[] x = x(input);
    int s = steps(input);
    double[][] y = new double[1][];
    return Eval.of(() -> y[0] = Ode.solve(x, s), () -> y[0]);
  }

  private static Prepared gradient(JsonNode input) {
    double[] x = x(input);
    int s = steps(input);
    var adjoint = new OdeDerivatives.SolveAdjoint(new double[x.length]);
    double[] last = new double[x.length];
    last[x.length - 1] = 1;
    return Eval.of(() -> {
      adjoint.clear();
      OdeDerivatives.solvePullback(x, s, last, adjoint);
    }, () -> adjoint.x);
  }
}
