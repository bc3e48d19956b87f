package dev.chainrule.processor.forward;

import dev.chainrule.processor.analysis.Plan;
import dev.chainrule.processor.ir.Stmt;
import dev.chainrule.processor.ir.WorkField;
import java.util.List;
import java.util.Map;

/**
 * The generated pushforward (forward mode) of one method, ready to print.
 *
 * @param plan what the analyses decided
 * @param workName the name of the workspace parameter
 * @param tangentParams each differentiated parameter's direction parameter ({@code x} to {@code xTangent})
 * @param outTangent the parameter receiving the tangent of an {@code @Out} result, or null
 * @param directions for the multi-directional pushforward, its number-of-directions parameter; else null
 * @param body the statements: the forward sweep with tangents, the tangent stored, the value returned
 * @param workFields the private storage its workspace class must provide
 */
public record Pushforward(
    Plan plan, String workName, Map<String, String> tangentParams, String outTangent, String directions,
    List<Stmt> body,
    List<WorkField> workFields) {
  public Pushforward {
    tangentParams = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(tangentParams));
    body = List.copyOf(body);
    workFields = List.copyOf(workFields);
  }

  /** Whether this carries k directions per sweep. */
  public boolean multi() {
    return directions != null;
  }
}
