package dev.chainrule;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the output array of a {@code void} {@link Differentiable} method, in the allocation-free
 * style of numerical code: the method writes its result into this {@code double[]} or
 * {@code double[][]} parameter, which the caller allocates.
 *
 * <pre>{@code
 * @Differentiable
 * static void polar(double r, double theta, @Out double[] xy) {
 *   xy[0] = r * Math.cos(theta);
 *   xy[1] = r * Math.sin(theta);
 * }
 * }</pre>
 *
 * <p>The output is differentiated as the method's result and never as an input: its Jacobian,
 * pushforward and pullback treat it exactly as a returned {@code double[]}, and the generated
 * methods take the same array and leave in it what the method leaves. What the method reads of the
 * array before writing it is taken as a constant. A method has at most one {@code @Out} parameter.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.PARAMETER)
public @interface Out {}
