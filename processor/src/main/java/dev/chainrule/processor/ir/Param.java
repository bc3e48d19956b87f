package dev.chainrule.processor.ir;

/** A parameter of a differentiable method, and whether the gradient includes it. */
public record Param(String name, Type type, boolean differentiated) {}
