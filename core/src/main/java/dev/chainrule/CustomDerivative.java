package dev.chainrule;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Supplies the derivative of a static method — in the same class, another class, or a library
 * class you cannot annotate — so that {@link Differentiable} methods calling it use this
 * derivative instead of differentiating a body (in the spirit of Swift's
 * {@code @derivative(of:)} and JAX's {@code custom_vjp}).
 *
 * <p>One annotated method per differentiated parameter of the target. Its parameters repeat the
 * target's, optionally followed by one {@code double}: the target's result at those arguments
 * (so {@code exp}'s derivative can be its own value). Then:
 *
 * <ul>
 *   <li>for a {@code double} parameter {@code p}: the method returns {@code double}, the partial
 *       derivative ∂target/∂p;
 *   <li>for a {@code double[]} parameter {@code p}: the method returns {@code void} and takes two
 *       more parameters, {@code double seed, double[] adjoint}, and adds
 *       {@code seed × ∂target/∂p[i]} into {@code adjoint[i]} (a vector-Jacobian product).
 * </ul>
 *
 * <pre>{@code
 * @CustomDerivative(of = Erf.class, method = "erf")
 * static double erfDerivative(double x) {
 *   return 2 / Math.sqrt(Math.PI) * Math.exp(-x * x);
 * }
 * }</pre>
 *
 * <p>The processor checks the pairing at compile time (the target exists, the parameters
 * correspond, the shape matches) and reports a mismatch at this annotation. The custom derivative
 * must be compiled together with the {@code @Differentiable} methods that use it.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface CustomDerivative {

  /** The class declaring the target method; by default the class of the annotated method. */
  Class<?> of() default CustomDerivative.class;

  /** The name of the target method. */
  String method();

  /**
   * The target's parameter this is the derivative for; may be left out when the target has a
   * single {@code double} or {@code double[]} parameter.
   */
  String wrt() default "";
}
