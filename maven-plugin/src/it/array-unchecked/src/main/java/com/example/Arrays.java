package com.example;

import dev.chainrule.Differentiable;
import dev.chainrule.Out;

public final class Arrays {
  private Arrays() {}

  @Differentiable
  public static double sum(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return s;
  }

  @Differentiable
  public static double square(double x) {
    return x * x;
  }

  /** Its output needs 100 elements: more than the check tries when it finds the size by running the method. */
  @Differentiable
  public static void tenByTen(double x, @Out double[] y) {
    y[99] = x * x;
  }
}
