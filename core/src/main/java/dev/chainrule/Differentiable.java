package dev.chainrule;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a static method whose reverse-mode derivative ChainRule generates at compile time.
 *
 * <p>For a method {@code m} in class {@code C} of package {@code p}, the annotation processor writes
 * {@code p.CDerivatives} (a nested class {@code Outer.Inner} gives {@code Outer_InnerDerivatives})
 * holding:
 *
 * <ul>
 *   <li>{@code MGradient mGradient(<same parameters>)}: the value and every partial derivative, as a
 *       record with {@code value()} and one component per differentiated parameter, named exactly as
 *       the parameter ({@code double[]} and {@code double[][]} partials have the parameter's shape);
 *   <li>{@code double mPullback(<same parameters>, double seed, MAdjoint adjoint)}: the
 *       vector-Jacobian product; returns the value and adds {@code seed × ∂m/∂p} into the adjoint's
 *       field for each differentiated parameter {@code p}. It allocates nothing once the adjoint has
 *       been used once, so a training loop can reuse it;
 *   <li>{@code MAdjoint}: the reusable accumulator of the pullback (one public field per
 *       differentiated parameter, plus the private workspace the reverse sweep needs).
 * </ul>
 *
 * <p>The method must be {@code static}, return {@code double}, and use only the subset of Java that
 * ChainRule supports (see the project README); anything else is a compile error at its position.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Differentiable {

  /**
   * Names of the parameters to differentiate with respect to. Empty (the default) means every
   * parameter of type {@code double}, {@code double[]} or {@code double[][]} that is not marked
   * {@link NoDerivative}.
   */
  String[] wrt() default {};

  /**
   * Allows calls to code ChainRule cannot read (neither {@code Math}, nor {@code @Differentiable},
   * nor given a {@link CustomDerivative}) on values that depend on a differentiated input: such a
   * call is then differentiated numerically, by a five-point central-difference stencil around the
   * call's arguments (four extra calls per differentiated argument; relative accuracy about 1e-10
   * for a smooth function varying on a scale of at least max(1, |x|), see
   * {@code dev.chainrule.runtime.NumericPartial}), and the compiler prints a warning at the call.
   * Off by default: without it such a call is a compile error.
   */
  boolean numericFallback() default false;

  /**
   * The highest order of derivatives to generate: 1 (the default) for gradients, pullbacks,
   * pushforwards and Jacobians; 2 adds, for a method returning {@code double}, the Hessian-vector
   * product {@code <m>Hvp} (forward mode over the pullback: value, gradient and H·v in one sweep pair)
   * and the dense Hessian {@code <m>Hessian}. The methods it calls get what they need for that without
   * being marked.
   */
  int order() default 1;
}
