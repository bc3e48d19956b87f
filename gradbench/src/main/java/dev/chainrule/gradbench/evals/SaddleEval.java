package dev.chainrule.gradbench.evals;

import dev.chainrule.gradbench.Eval;
import java.util.LinkedHashMap;
import java.util.Map;

/** All four variants wait for nested derivatives (see {@link Saddle}). */
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
    return nested("the argmin's gradient of max_y f(x, y)");
  }

  /** The four variants ff, fr, rf, rr and what each waits for. */
  static Map<String, String> nested(String what) {
    Map<String, String> out = new LinkedHashMap<>();
    String[] mode = {"forward", "reverse"};
    for (int outer = 0; outer < 2; outer++) {
      for (int inner = 0; inner < 2; inner++) {
        String name = "" + mode[outer].charAt(0) + mode[inner].charAt(0);
        out.put(name, "nested derivatives (" + what + " in " + mode[outer]
            + " mode over an inner " + mode[inner] + "-mode derivative" + (inner == 0
                ? ": <m>Tangent" : ": the pullback") + "), which ChainRule does not generate yet");
      }
    }
    return out;
  }
}
