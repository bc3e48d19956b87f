package dev.chainrule.processor.forward;

import dev.chainrule.processor.ir.Stmt;
import dev.chainrule.processor.ir.WorkField;
import dev.chainrule.processor.reverse.Pullback;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The forward-mode derivative of a method's pullback (forward over reverse), ready to print.
 *
 * @param pullback the pullback it differentiates
 * @param tangentParams each differentiated parameter's direction parameter
 * @param seedTangent the name of the seed's tangent parameter
 * @param directions the number-of-directions parameter of the multi-directional form, else null
 * @param adjointTangents each differentiated parameter's public tangent field in the adjoint
 * @param body the statements
 * @param tangentFields private storage the adjoint class must add (tangent tapes and buffers)
 */
public record PullbackTangent(
    Pullback pullback,
    Map<String, String> tangentParams,
    String seedTangent,
    String directions,
    Map<String, String> adjointTangents,
    List<Stmt> body,
    List<WorkField> tangentFields) {
  public PullbackTangent {
    tangentParams = Collections.unmodifiableMap(new LinkedHashMap<>(tangentParams));
    adjointTangents = Collections.unmodifiableMap(new LinkedHashMap<>(adjointTangents));
    body = List.copyOf(body);
    tangentFields = List.copyOf(tangentFields);
  }

  public boolean multi() {
    return directions != null;
  }
}
