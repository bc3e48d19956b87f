/**
 * The numeric side of ChainRule: finite differences and derivative checking, the independent
 * oracle that generated (analytic) gradients, Jacobians, tangents, pullbacks, Hessians and
 * Hessian-vector products are tested against.
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
 *   <li>{@link dev.chainrule.numeric.Jacobians}: Jacobians, Jacobian-vector products {@code J·v}
 *       and vector-Jacobian products {@code wᵀJ} of {@link dev.chainrule.numeric.VectorFunction}s
 *       (also in the allocation-free style, {@link dev.chainrule.numeric.VectorFunction.Into}), by
 *       central differences or Richardson extrapolation;
 *   <li>{@link dev.chainrule.numeric.Hessians}: Hessians by second differences of a function or by
 *       differences of its gradient, Hessian-vector products, symmetry;
 *   <li>{@link dev.chainrule.numeric.JacobianCheck} and {@link dev.chainrule.numeric.HessianCheck}:
 *       the same reports for Jacobians (dense or as a generated record of blocks), tangents
 *       ({@code J·v}), pullbacks ({@code wᵀJ}), Hessians (dense or as a generated record) and
 *       Hessian-vector products, and the dot-product tests {@code ⟨w, J·v⟩ = ⟨Jᵀw, v⟩} between
 *       forward and reverse mode and {@code ⟨w, H·v⟩ = ⟨H·w, v⟩} between two HVPs;
 *   <li>{@link dev.chainrule.numeric.Packing}: lays out {@code double}, {@code double[]} and {@code
 *       double[][]} parameters in one flat vector, so methods with array parameters can be checked
 *       too; {@link dev.chainrule.numeric.Packing#named} names the parts in reports and {@link
 *       dev.chainrule.numeric.Packing#ofRecord} flattens a gradient record.
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
