package dev.chainrule.gradbench.evals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chainrule.gradbench.Eval;
import dev.chainrule.gradbench.Inputs;
import java.util.Map;

/**
 * {@code objective}: {@link Lstm#objective}; {@code jacobian} (the gradient of that scalar with
 * respect to main_params and extra_params, flattened row by row and concatenated): its ChainRule
 * pullback.
 */
public final class LstmEval implements Eval {
  @Override
  public String module() {
    return "lstm";
  }

  @Override
  public Map<String, Function> functions() {
    return Eval.of("objective", (Function) LstmEval::objective, "jacobian", (Function) LstmEval::jacobian);
  }

  record Input(double[][] main, double[][] extra, double[][] state, double[][] sequence) {
    static Input read(JsonNode in) {
      double[][] sequence = Inputs.matrix(in, "sequence");
      Inputs.require(sequence.length > 1, "\"sequence\" must have at least two characters");
      int b = sequence[0].length;
      double[][] main = Inputs.matrix(in, "main_params");
      Inputs.require(main.length > 0 && main.length % 2 == 0,
          "\"main_params\" must have two rows per layer, has " + main.length);
      int layers = main.length / 2;
      return new Input(Inputs.matrix(Inputs.field(in, "main_params"), "\"main_params\"", 2 * layers, 4 * b),
          Inputs.matrix(Inputs.field(in, "extra_params"), "\"extra_params\"", 3, b),
          Inputs.matrix(Inputs.field(in, "state"), "\"state\"", 2 * layers, b), sequence);
    }
  }

  private static Prepared objective(JsonNode json) {
    Input in = Input.read(json);
    return Eval.scalar(() -> Lstm.objective(in.main, in.extra, in.state, in.sequence));
  }

  private static Prepared jacobian(JsonNode json) {
    Input in = Input.read(json);
    int b = in.sequence[0].length;
    var adjoint = new LstmDerivatives.ObjectiveAdjoint(new double[in.main.length][4 * b],
        new double[3][b]);
    return Eval.of(() -> {
      adjoint.clear();
      LstmDerivatives.objectivePullback(in.main, in.extra, in.state, in.sequence, 1.0, adjoint);
    }, () -> flatten(adjoint.mainParams, adjoint.extraParams));
  }

  /** The rows of each matrix one after the other. */
  static double[] flatten(double[][]... matrices) {
    int size = 0;
    for (double[][] m : matrices) {
      for (double[] row : m) {
        size += row.length;
      }
    }
    double[] out = new double[size];
    int at = 0;
    for (double[][] m : matrices) {
      for (double[] row : m) {
        System.arraycopy(row, 0, out, at, row.length);
        at += row.length;
      }
    }
    return out;
  }
}
