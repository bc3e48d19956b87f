package dev.chainrule.processor.ir;

import com.palantir.javapoet.ClassName;

/**
 * A private field of the generated adjoint class: storage the pullback reuses from call to call
 * (tapes, buffers for local arrays, the adjoints of the methods it calls).
 *
 * @param calleeAdjoint the adjoint class of a called method, for {@link Kind#CALLEE}; else null
 */
public record WorkField(String name, Kind kind, ClassName calleeAdjoint) {
  public enum Kind { DOUBLE_STACK, INT_STACK, LONG_STACK, DOUBLE_ARRAY, DOUBLE_MATRIX, DOUBLE_TENSOR, INT_ARRAY, INT_MATRIX, CALLEE }
}
