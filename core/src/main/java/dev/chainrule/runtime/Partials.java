package dev.chainrule.runtime;

/**
 * Local partial derivatives that generated code calls where one expression cannot be both fast
 * and as robust as the primal it differentiates (issue 13): each is exact where the textbook
 * formula is, and stays finite where that formula overflows or underflows in an intermediate.
 */
public final class Partials {
  private Partials() {}

  /**
   * {@code partial}, within ±{@link Double#MAX_VALUE} where {@code result} is infinite, unchanged
   * where {@code result} is finite or NaN. A partial that is infinite because its own result
   * overflowed meets a zero adjoint where a later operation maps the overflow back to a finite
   * value ({@code 1 / (1 + pow(x, 8))} at large x); 0 × MAX is the 0 the finite value implies,
   * 0 × ∞ would be NaN.
   */
  public static double cappedWhereInfinite(double partial, double result) {
    if (Math.abs(result) <= Double.MAX_VALUE || Double.isNaN(result)) {
      return partial;
    }
    return Math.max(-Double.MAX_VALUE, Math.min(partial, Double.MAX_VALUE));
  }

  /**
   * ∂atan2(y, x)/∂y = x / (x² + y²), also where x² + y² underflows or overflows; 0 at the origin,
   * where atan2 has no derivative (the convention of hypot there).
   */
  public static double atan2Y(double y, double x) {
    double r2 = x * x + y * y;
    if (r2 >= Double.MIN_NORMAL && r2 <= Double.MAX_VALUE) {
      return x / r2;
    }
    double r = Math.hypot(x, y);
    return r == 0 ? 0 : x / r / r;
  }

  /** ∂atan2(y, x)/∂x = −y / (x² + y²), as {@link #atan2Y}; 0 at the origin. */
  public static double atan2X(double y, double x) {
    double r2 = x * x + y * y;
    if (r2 >= Double.MIN_NORMAL && r2 <= Double.MAX_VALUE) {
      return -y / r2;
    }
    double r = Math.hypot(x, y);
    return r == 0 ? 0 : -y / r / r;
  }
}
