package dev.chainrule.processor.analysis;

import dev.chainrule.processor.ir.BinaryOp;
import dev.chainrule.processor.ir.Expr;

/**
 * How the reverse sweep runs a loop backwards.
 *
 * <ul>
 *   <li>{@code COUNTED}: {@code for (int i = start; i cmp bound; i += step)} whose counter only its
 *       update changes. The reverse loop reconstructs {@code i} instead of saving it; if
 *       {@code start} and {@code bound} cannot change after the loop starts and it has no early
 *       exit, it needs no record at all ({@code recordTrips} false).
 *   <li>{@code GENERAL}: any other loop. The forward sweep counts its iterations; the reverse sweep
 *       runs that many, and every value the loop overwrote that it needs is restored from the tape.
 * </ul>
 */
public record LoopPlan(
    Shape shape,
    Expr.Local counter,
    Expr start,
    BinaryOp comparison,
    Expr bound,
    long step,
    boolean recordTrips) {

  public enum Shape { COUNTED, GENERAL }

  public static final LoopPlan GENERAL_LOOP = new LoopPlan(Shape.GENERAL, null, null, null, null, 0, true);

  public boolean counted() {
    return shape == Shape.COUNTED;
  }
}
