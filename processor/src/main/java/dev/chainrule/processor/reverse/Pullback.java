package dev.chainrule.processor.reverse;

import dev.chainrule.processor.analysis.Plan;
import dev.chainrule.processor.diagnostics.Problem;
import dev.chainrule.processor.ir.Stmt;
import dev.chainrule.processor.ir.WorkField;
import java.util.List;

/**
 * The generated pullback of one method, ready to print.
 *
 * @param plan what the analyses decided
 * @param seedName the name of the seed parameter
 * @param adjointName the name of the adjoint parameter
 * @param body the statements of the pullback: forward sweep, reverse sweep, return
 * @param workFields the private storage its adjoint class must provide
 * @param warnings things the user should know (calls differentiated numerically)
 */
public record Pullback(
    Plan plan, String seedName, String adjointName, List<Stmt> body, List<WorkField> workFields,
    List<Problem> warnings) {
  public Pullback {
    body = List.copyOf(body);
    workFields = List.copyOf(workFields);
    warnings = List.copyOf(warnings);
  }
}
