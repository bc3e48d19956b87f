package dev.chainrule.gradbench;

import dev.chainrule.gradbench.evals.BaEval;
import dev.chainrule.gradbench.evals.DetEval;
import dev.chainrule.gradbench.evals.GmmEval;
import dev.chainrule.gradbench.evals.HelloEval;
import dev.chainrule.gradbench.evals.HtEval;
import dev.chainrule.gradbench.evals.KmeansEval;
import dev.chainrule.gradbench.evals.LlsqEval;
import dev.chainrule.gradbench.evals.LseEval;
import dev.chainrule.gradbench.evals.LstmEval;
import dev.chainrule.gradbench.evals.OdeEval;
import dev.chainrule.gradbench.evals.ParticleEval;
import dev.chainrule.gradbench.evals.SaddleEval;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The evals this tool knows, by module name. */
public final class Registry {
  private final Map<String, Eval> evals = new LinkedHashMap<>();

  public Registry(List<Eval> evals) {
    for (Eval e : evals) {
      this.evals.put(e.module(), e);
    }
  }

  /** All twelve of GradBench's evals. */
  public static Registry standard() {
    return new Registry(List.of(new HelloEval(), new LseEval(), new LlsqEval(), new GmmEval(),
        new LstmEval(), new OdeEval(), new DetEval(), new KmeansEval(), new BaEval(),
        new HtEval(), new ParticleEval(), new SaddleEval()));
  }

  /** The eval of that module, or null. */
  public Eval find(String module) {
    return evals.get(module);
  }

  public List<String> modules() {
    return List.copyOf(evals.keySet());
  }
}
