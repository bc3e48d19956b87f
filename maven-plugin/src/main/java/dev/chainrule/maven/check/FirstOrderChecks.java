package dev.chainrule.maven.check;

import dev.chainrule.maven.index.MethodIndex.Derivative;
import dev.chainrule.numeric.GradientCheck;
import dev.chainrule.numeric.JacobianCheck;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

/**
 * The first derivatives of a method, scalar or vector-valued, against finite differences of the
 * method (core's GradientCheck and JacobianCheck):
 *
 * <ul>
 *   <li>{@code mGradient}: each partial.
 *   <li>{@code mPullback}: from an adjoint pre-filled with 0.25, after one call each field must
 *       hold 0.25 plus the seed times the partial — for a {@code double} result the seed 1.5 and
 *       the partial per unit seed; for a vector result a random seed {@code w} of the result's
 *       shape and the vector-Jacobian product {@code wᵀJ}.
 *   <li>{@code mTangent}, {@code mPushforward}: the Jacobian-vector product {@code J·v} along a
 *       random direction; an {@code @Out} method's into the tangent buffer it is given.
 *   <li>{@code mMultiPushforward}: two random directions in one call, each against its own
 *       difference.
 *   <li>the dot-product test {@code ⟨w, J·v⟩ = ⟨wᵀJ, v⟩} between the tangent and the pullback, to
 *       rounding.
 * </ul>
 *
 * Every call's value must be the method's own, bit for bit, and no call may change an argument
 * (other than writing the result into an {@code @Out} parameter).
 */
final class FirstOrderChecks extends Checks {
  static final double PREFILL = 0.25;
  static final double SEED = 1.5;
  static final int DIRECTIONS = 2;

  FirstOrderChecks(Subject s, Companion c, Findings found, Unchecked unchecked) {
    super(s, c, found, unchecked);
  }

  void gradient(Derivative d, At at) {
    Method method = unchecked.form(c, d, s.types());
    if (method == null) {
      return;
    }
    Object record = call(method, d.method(), at).returned();
    sameRecordValue(d.method(), at, record);
    double[] g = blocks(record, d.method());
    found.compare(d.method(), at.point, scheme -> GradientCheck.compare(at.scalar, g, at.x, scheme), partials(at),
        "finite differences");
  }

  void pullback(Derivative d, At at) {
    Class<?> adjointType = c.nested(d.type());
    Class<?> seedType = s.vector() ? Types.type(s.m.resultType()) : double.class;
    Method method = unchecked.form(c, d, s.types(seedType, adjointType));
    if (method == null) {
      return;
    }
    Object seed = s.vector() ? Shapes.shaped(at.w, at.value) : (Object) SEED;
    Object adjoint = Adjoints.make(adjointType, s, at.args, PREFILL);
    callForValue(method, d.method(), at, seed, adjoint);
    double[] accumulated = Adjoints.read(adjoint, s);
    double[] wj = new double[accumulated.length];
    for (int i = 0; i < wj.length; i++) {
      wj[i] = s.vector() ? accumulated[i] - PREFILL : (accumulated[i] - PREFILL) / SEED;
    }
    if (s.vector()) {
      List<String> names = new ArrayList<>();
      for (String input : at.inputs) {
        names.add("wᵀ∂" + At.name(s) + "/∂" + input + " (w = " + Shapes.brief(at.w) + ")");
      }
      found.compare(d.method(), at.point, scheme -> JacobianCheck.compareVjp(at.f, wj, at.x, at.w, scheme), names,
          "finite differences");
    } else {
      // The partials, per unit of seed.
      found.compare(d.method(), at.point, scheme -> GradientCheck.compare(at.scalar, wj, at.x, scheme), partials(at),
          "finite differences");
    }
    if (at.wj == null) {
      at.wj = wj;
      at.wjFrom = d.method();
    }
  }

  void tangent(Derivative d, At at) {
    Method method = unchecked.form(c, d, s.types(s.differentiatedTypes(false).toArray(Class<?>[]::new)));
    if (method == null) {
      return;
    }
    Object record = call(method, d.method(), at, s.shapedParts(at.args, at.v)).returned();
    sameRecordValue(d.method(), at, record);
    jvp(d, at, Shapes.flatten(Companion.component(record, "tangent", d.method())), at.v, "v");
  }

  /** {@code mPushforward} with one direction, {@code mMultiPushforward} with {@link #DIRECTIONS}. */
  void pushforward(Derivative d, At at, boolean multi) {
    Class<?> workType = c.nested(d.type());
    List<Class<?>> extra = new ArrayList<>(s.differentiatedTypes(multi));
    if (s.out >= 0) {
      Class<?> out = Types.type(s.m.resultType());
      extra.add(multi ? out.arrayType() : out);
    }
    if (multi) {
      extra.add(int.class);
    }
    extra.add(workType);
    Method method = unchecked.form(c, d, s.types(extra.toArray(Class<?>[]::new)));
    if (method == null) {
      return;
    }
    double[][] directions = multi ? directions(at, DIRECTIONS) : new double[][] {at.v};
    List<Object> arguments = new ArrayList<>(List.of(multi ? multiDirections(at, directions) : s.shapedParts(at.args, at.v)));
    if (s.out >= 0) {
      arguments.add(multi ? Shapes.filledWithDirections(at.value, DIRECTIONS, 0) : Shapes.filled(at.value, 0));
    }
    if (multi) {
      arguments.add(DIRECTIONS);
    }
    Object work = Companion.newInstance(workType);
    arguments.add(work);
    Object[] args = callForValue(method, d.method(), at, arguments.toArray()).args();
    Object tangent = s.out >= 0 ? args[args.length - (multi ? 3 : 2)] : Companion.field(work, "tangent");
    if (!multi) {
      jvp(d, at, Shapes.flatten(tangent), at.v, "v");
      return;
    }
    for (int k = 0; k < DIRECTIONS; k++) {
      jvp(d, at, Shapes.direction(tangent, k), directions[k], "direction " + (k + 1) + " of " + DIRECTIONS);
    }
  }

  /** The test ⟨w, J·v⟩ = ⟨wᵀJ, v⟩ of the tangent and the pullback at this point. */
  void dotProduct(At at) {
    if (at.jv == null || at.wj == null) {
      return;
    }
    double[] w = s.vector() ? at.w : new double[] {1};
    String seeds = " (v = " + Shapes.brief(at.v) + ", w = " + Shapes.brief(w) + ")";
    found.agree(at.jvFrom, at.point, JacobianCheck.dotProductTest(at.v, at.jv, w, at.wj), List.of("⟨w, J·v⟩" + seeds),
        List.of("⟨wᵀJ, v⟩ from " + at.wjFrom));
  }

  private void jvp(Derivative d, At at, double[] jv, double[] v, String which) {
    List<String> names = new ArrayList<>();
    for (String output : at.outputs) {
      names.add("the derivative of " + output + " along " + which + " = " + Shapes.brief(v));
    }
    found.compare(d.method(), at.point, scheme -> JacobianCheck.compareJvp(at.f, jv, at.x, v, scheme), names,
        "finite differences");
    if (at.jv == null && v == at.v) {
      at.jv = jv;
      at.jvFrom = d.method();
    }
  }
}
