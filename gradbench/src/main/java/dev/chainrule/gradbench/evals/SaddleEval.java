package dev.chainrule.gradbench.evals;

import dev.chainrule.gradbench.Eval;
import java.util.Map;

/** TODO. */
public final class SaddleEval implements Eval {
  @Override
  public String module() {
    return "saddle";
  }

  @Override
  public Map<String, Function> functions() {
    return Map.of();
  }

  @Override
  public Map<String, String> waiting() {
    return Map.of("all", "TODO");
  }
}
