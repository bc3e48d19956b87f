/**
 * The compiled index: for each class with {@code @Differentiable} methods, a JSON resource in the
 * class output, {@code META-INF/chainrule/<binary class name>.json}, listing what was generated
 * (every derivative by kind and name), the check points the user asked for, and the symbolic views
 * (closed-form partials, computational graph). The build plugin ({@code chainrule-maven-plugin})
 * reads it to check and to explain every derivative without guessing by reflection. The format is
 * documented in {@link dev.chainrule.processor.index.IndexWriter}.
 */
package dev.chainrule.processor.index;
