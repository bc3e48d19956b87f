/**
 * The numeric side of ChainRule: finite differences and gradient checking, the independent oracle
 * that generated (analytic) gradients are tested against.
 *
 * <ul>
 *   <li>{@link dev.chainrule.numeric.FiniteDifferences}: numerical derivatives and gradients, by
 *       central differences (2 evaluations per component, about {@code 1e-8} to {@code 1e-10}
 *       relative accuracy) or by Richardson extrapolation (typically 12 to 20 evaluations per
 *       component, about {@code 1e-11} to {@code 1e-14});
 *   <li>{@link dev.chainrule.numeric.GradientCheck}: compares an analytic gradient, or a generated
 *       gradient record, with the numerical one and produces a {@link
 *       dev.chainrule.numeric.GradientCheck.Report Report} with a readable table and an assertion
 *       for unit tests;
 *   <li>{@link dev.chainrule.numeric.Packing}: lays out {@code double}, {@code double[]} and {@code
 *       double[][]} parameters in one flat vector, so methods with array parameters can be checked
 *       too.
 * </ul>
 *
 * <p>A gradient check of a generated record in a JUnit test:
 *
 * <pre>{@code
 * GradientCheck.compareRecord(
 *         PricingDerivatives.priceGradient(200, 5, 1.1),
 *         v -> Pricing.price(v[0], v[1], v[2]),
 *         new double[] {200, 5, 1.1})
 *     .assertWithin(1e-8);
 * }</pre>
 */
package dev.chainrule.numeric;
