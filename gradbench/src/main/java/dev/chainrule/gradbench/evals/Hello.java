package dev.chainrule.gradbench.evals;

import dev.chainrule.Differentiable;

/** GradBench's {@code hello} eval ({@code evals/hello/README.md}): f(x) = x². */
public final class Hello {
  private Hello() {}

  @Differentiable
  public static double square(double x) {
    return x * x;
  }
}
