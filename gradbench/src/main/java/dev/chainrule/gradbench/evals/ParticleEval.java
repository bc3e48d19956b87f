package dev.chainrule.gradbench.evals;

import dev.chainrule.gradbench.Eval;
import java.util.Map;

/** All four variants wait for nested derivatives (see {@link Particle}). */
public final class ParticleEval implements Eval {
  @Override
  public String module() {
    return "particle";
  }

  @Override
  public Map<String, Function> functions() {
    return Map.of();
  }

  @Override
  public Map<String, String> waiting() {
    return SaddleEval.nested("d x₀(t_f)² / dw through the Euler loop");
  }
}
