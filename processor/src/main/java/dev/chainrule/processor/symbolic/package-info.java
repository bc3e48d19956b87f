/**
 * Symbolic views of a differentiable method, for people: the partial derivatives of a straight-line
 * method in closed form ({@code ∂price/∂apple = count · tax}), simplified and printed as text and as
 * MathML, and the method's computational graph (a node per operation, with each node's local
 * partials). Both apply the one table of derivative rules ({@code rules.Rules});
 * nothing here decides a derivative of its own. The companion's Javadoc shows the formulas, and the
 * compiled index ({@code index}) exports both for the build plugin's report.
 */
package dev.chainrule.processor.symbolic;
