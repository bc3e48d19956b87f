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
   * A tangent within ±{@link Double#MAX_VALUE}; NaN stays NaN. Forward mode applies it to the
   * tangents of {@code exp}, {@code expm1}, {@code sinh}, {@code cosh} and {@code pow}, whose
   * partial times a tangent overflows where a later operation maps the huge value back to a
   * finite one through a partial that is 0 ({@code atan(exp(720 * x))}): 0 × MAX is the 0 the finite
   * value implies, 0 × ∞ would be NaN. As {@link #cappedWhereInfinite} is for reverse mode.
   */
  public static double cappedTangent(double tangent) {
    return Math.max(-Double.MAX_VALUE, Math.min(tangent, Double.MAX_VALUE));
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

  /**
   * The derivative of {@link #atan2Y} along {@code (dy, dx)}: {@code (−2xy·dy + (y² − x²)·dx) / r⁴}
   * with r² = x² + y², also where r⁴ underflows or overflows (then in terms of x / r and y / r,
   * divided by r twice, so a tangent of the scale of x and y gives a finite result); 0 at the origin.
   * Forward over reverse (Hessian-vector products) calls it.
   */
  public static double atan2YTangent(double y, double x, double dy, double dx) {
    double r2 = x * x + y * y;
    double r4 = r2 * r2;
    if (r4 >= Double.MIN_NORMAL && r4 <= Double.MAX_VALUE) {
      return (-2 * x * y * dy + (y * y - x * x) * dx) / r4;
    }
    double r = Math.hypot(x, y);
    if (r == 0) {
      return 0;
    }
    double c = x / r;
    double s = y / r;
    return (-2 * c * s * dy + (s * s - c * c) * dx) / r / r;
  }

  /** The derivative of {@link #atan2X} along {@code (dy, dx)}: {@code ((y² − x²)·dy + 2xy·dx) / r⁴}, as {@link #atan2YTangent}. */
  public static double atan2XTangent(double y, double x, double dy, double dx) {
    double r2 = x * x + y * y;
    double r4 = r2 * r2;
    if (r4 >= Double.MIN_NORMAL && r4 <= Double.MAX_VALUE) {
      return ((y * y - x * x) * dy + 2 * x * y * dx) / r4;
    }
    double r = Math.hypot(x, y);
    if (r == 0) {
      return 0;
    }
    double c = x / r;
    double s = y / r;
    return ((s * s - c * c) * dy + 2 * c * s * dx) / r / r;
  }
}
