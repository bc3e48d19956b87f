package dev.chainrule.gradbench.evals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chainrule.gradbench.Eval;
import dev.chainrule.gradbench.Inputs;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code objective}: {@link Gmm#objective}; {@code jacobian} (the gradient of that scalar with
 * respect to alpha, mu, q and l): its ChainRule pullback.
 */
public final class GmmEval implements Eval {
  @Override
  public String module() {
    return "gmm";
  }

  @Override
  public Map<String, Function> functions() {
    return Eval.of("objective", (Function) GmmEval::objective, "jacobian", (Function) GmmEval::jacobian);
  }

  /** The eval's input, checked for consistent shapes. */
  record Input(double[] alpha, double[][] mu, double[][] q, double[][] l, double[][] x, int m,
      double gamma) {
    static Input read(JsonNode in) {
      int d = Inputs.count(in, "d");
      int k = Inputs.count(in, "k");
      int n = Inputs.count(in, "n");
      Inputs.require(d > 0 && k > 0, "\"d\" and \"k\" must be positive");
      return new Input(Inputs.vector(Inputs.field(in, "alpha"), "\"alpha\"", k),
          Inputs.matrix(Inputs.field(in, "mu"), "\"mu\"", k, d),
          Inputs.matrix(Inputs.field(in, "q"), "\"q\"", k, d),
          Inputs.matrix(Inputs.field(in, "l"), "\"l\"", k, d * (d - 1) / 2),
          Inputs.matrix(Inputs.field(in, "x"), "\"x\"", n, d),
          Inputs.count(in, "m"), Inputs.number(in, "gamma"));
    }
  }

  private static Prepared objective(JsonNode json) {
    Input in = Input.read(json);
    return Eval.scalar(() -> Gmm.objective(in.alpha, in.mu, in.q, in.l, in.x, in.m, in.gamma));
  }

  private static Prepared jacobian(JsonNode json) {
    Input in = Input.read(json);
    int k = in.alpha.length;
    var adjoint = new GmmDerivatives.ObjectiveAdjoint(new double[k],
        new double[k][in.mu[0].length], new double[k][in.q[0].length],
        new double[k][in.l[0].length]);
    return Eval.of(() -> {
      adjoint.clear();
      GmmDerivatives.objectivePullback(in.alpha, in.mu, in.q, in.l, in.x, in.m, in.gamma, 1.0,
          adjoint);
    }, () -> {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("alpha", adjoint.alpha);
      out.put("mu", adjoint.mu);
      out.put("q", adjoint.q);
      out.put("l", adjoint.l);
      return out;
    });
  }
}
