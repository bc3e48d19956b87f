package dev.chainrule;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Excludes a parameter of a {@link Differentiable} method from differentiation: it gets no
 * component in the gradient record and no adjoint, and is treated as a constant (data, a
 * hyper-parameter) by the derivative.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.PARAMETER)
public @interface NoDerivative {}
