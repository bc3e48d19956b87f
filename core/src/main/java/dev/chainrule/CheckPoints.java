package dev.chainrule;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Where the build's gradient check ({@code chainrule-maven-plugin}'s {@code check} goal) evaluates a
 * {@code @Differentiable} method, when its default is wrong for the method. One line covers the
 * common cases:
 *
 * <pre>{@code
 * @Differentiable @CheckPoints(min = 0.1, max = 5)        // log, sqrt: positive inputs
 * @Differentiable @CheckPoints(lengths = {4})             // double[] v: 4 elements
 * @Differentiable @CheckPoints(lengths = {3, 3, 2, 2})    // double[] x, double[][] w (3 × 2), double[] b
 * @Differentiable @CheckPoints(provider = "pricePoints")  // exact points from a static method
 * }</pre>
 *
 * <p>Without it, every {@code double} parameter is drawn uniformly from [-2, 2] at 3 points, with a
 * fixed seed (so a build is reproducible), and a method with an array, {@code int}, {@code long} or
 * {@code boolean} parameter is reported <em>unchecked</em>, with the reason, since no default size
 * or integer is right in general.
 *
 * <p>The processor records these values in the compiled output next to the list of generated
 * derivatives ({@code META-INF/chainrule/}), so the annotation needs no run-time retention.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface CheckPoints {

  /** The smallest value drawn for a {@code double} parameter or array element. */
  double min() default -2;

  /** The largest value drawn for a {@code double} parameter or array element. */
  double max() default 2;

  /**
   * The sizes of the array parameters, in declaration order: one entry for a {@code double[]} or
   * {@code int[]}, two (rows, columns) for a {@code double[][]} or {@code int[][]}. {@code int[]}
   * elements and {@code int}/{@code long} parameters are drawn from 0 to 3, {@code boolean} ones are
   * {@code false} and {@code true} in turn.
   */
  int[] lengths() default {};

  /** How many points to draw. */
  int count() default 3;

  /**
   * The name of a static method of the same class, without parameters, returning {@code
   * Object[][]}: one row per point, holding the method's arguments in order ({@code Double} for a
   * {@code double}, {@code double[]} for a {@code double[]}, ...). When set, these points are used
   * instead of drawn ones.
   */
  String provider() default "";
}
