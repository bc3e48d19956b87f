package dev.chainrule.numeric;

import java.util.Arrays;
import java.util.Objects;

/**
 * A vector-valued function {@code f: Rⁿ → Rᵐ}, such as a method returning residuals, for {@link
 * Jacobians} and {@link JacobianCheck} (and a gradient {@code Rⁿ → Rⁿ} for {@link Hessians}).
 *
 * <p>{@code f} must return an array of the same length {@code m} at every point, must not modify
 * its argument, and must be deterministic. It may return a fresh array or one it reuses from call
 * to call: the finite-difference methods copy the values out at once.
 *
 * <pre>{@code
 * VectorFunction polar = v -> new double[] {v[0] * Math.cos(v[1]), v[0] * Math.sin(v[1])};
 * }</pre>
 *
 * A method with several parameters becomes a function of one flat vector through {@link Packing}
 * ({@code v -> Model.residuals(p.vector(v, 0), p.scalar(v, 1))}), and a method returning a {@code
 * double[][]} a function of its elements in row order ({@code v -> Packing.flatten((Object)
 * Model.field(v))}), as its generated Jacobian counts them. Functions in the allocation-free
 * style, writing their result into a caller's buffer, are {@link Into}; {@link #of(int, Into)}
 * adapts one to this interface.
 */
@FunctionalInterface
public interface VectorFunction {

  /**
   * The value of the function at {@code x}.
   *
   * @param x the point; must not be modified
   * @return the {@code m} values of the function
   */
  double[] apply(double[] x);

  /**
   * A vector-valued function {@code f: Rⁿ → Rᵐ} in the allocation-free style: it writes its {@code
   * m} values into {@code out}, a buffer the caller owns.
   *
   * <p>The finite-difference methods allocate their buffers once per call and pass a buffer of
   * length {@code m} filled with {@code NaN}, so an entry {@code f} forgets to write shows as
   * {@code NaN} (and fails a check) rather than as a stale value. {@code f} must not keep a
   * reference to {@code out}, must not modify {@code x}, and must be deterministic.
   *
   * <pre>{@code
   * // static void residuals(double[] camera, double[] point, @Out double[] r)
   * VectorFunction.Into f = (v, out) -> Model.residuals(p.vector(v, 0), p.vector(v, 1), out);
   * double[][] jacobian = Jacobians.jacobianRichardson(f, 2, p.flatten());
   * }</pre>
   */
  @FunctionalInterface
  interface Into {
    /**
     * Writes the value of the function at {@code x} into {@code out}.
     *
     * @param x the point; must not be modified
     * @param out the buffer for the {@code m} values, filled with {@code NaN} on entry
     */
    void apply(double[] x, double[] out);
  }

  /**
   * Adapts a function in the allocation-free style to this interface, e.g. to pass it to {@link
   * JacobianCheck}: each call of the result allocates a buffer of length {@code m}, fills it with
   * {@code NaN}, lets {@code f} write into it, and returns it.
   *
   * @param m the number of values {@code f} writes
   * @param f the function
   * @return the same function, returning a fresh array at each call
   * @throws NullPointerException if {@code f} is {@code null}
   * @throws IllegalArgumentException if {@code m} is negative
   */
  static VectorFunction of(int m, Into f) {
    Objects.requireNonNull(f, "f");
    VectorEvaluation.requireLength(m);
    return x -> {
      double[] out = new double[m];
      Arrays.fill(out, Double.NaN);
      f.apply(x, out);
      return out;
    };
  }
}
