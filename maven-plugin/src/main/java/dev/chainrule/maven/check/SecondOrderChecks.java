package dev.chainrule.maven.check;

import dev.chainrule.maven.index.MethodIndex.Derivative;
import dev.chainrule.maven.index.MethodIndex.Parameter;
import dev.chainrule.numeric.GradientCheck;
import dev.chainrule.numeric.GradientCheck.Report;
import dev.chainrule.numeric.HessianCheck;
import dev.chainrule.numeric.VectorFunction;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

/**
 * The second derivatives of a method with a {@code double} result (core's HessianCheck): the
 * reference for second derivatives is differences of the method's generated gradient {@code
 * mGradient} (which is itself checked against finite differences of the method), the gradient each
 * gives against finite differences of the method.
 *
 * <ul>
 *   <li>{@code mHessian}, record and allocation-free forms: the value, the gradient, each Hessian
 *       entry {@code ∂²f/∂x∂y}, and the symmetry of the Hessian to rounding.
 *   <li>{@code mHvp}, record and adjoint forms: the value, the gradient and H·v along a random
 *       direction; for the record form the symmetry test {@code ⟨u, H·v⟩ = ⟨H·u, v⟩} with a second
 *       direction.
 *   <li>{@code mPullbackTangent}: with seed 1.5, seed tangent 0.5 and every adjoint field
 *       pre-filled with 0.25, the adjoint must hold 0.25 + 1.5 × gradient and its tangent fields
 *       0.25 + 1.5 × H·v + 0.5 × gradient; both are compared per unit seed.
 *   <li>{@code mMultiPullbackTangent}: the same with two directions and seed tangents 0.5 and -0.75.
 * </ul>
 */
final class SecondOrderChecks extends Checks {
  static final double SEED_TANGENT = 0.5;
  static final double[] SEED_TANGENTS = {0.5, -0.75};

  private final Derivative gradient;

  SecondOrderChecks(Subject s, Companion c, Findings found, Unchecked unchecked) {
    super(s, c, found, unchecked);
    this.gradient = s.m.derivative("gradient");
  }

  /** Whether {@code d} can be checked at all; lists it as unchecked if not. */
  private boolean possible(Derivative d) {
    if (s.vector()) {
      unchecked.add(d, "this plugin version checks second derivatives of methods with a double result only");
      return false;
    }
    if (gradient == null || c.form(gradient.method(), s.types()) == null) {
      unchecked.add(d, "there is no " + s.m.name() + "Gradient(" + String.join(", ", s.m.parameters().stream()
          .map(Parameter::type).toList()) + ") whose differences would be the reference");
      return false;
    }
    return true;
  }

  void hessian(Derivative d, At at) {
    if (!possible(d)) {
      return;
    }
    Forms forms = new Forms(d);
    Method record = forms.find(s.types());
    if (record != null) {
      Object result = call(record, d.method(), at).returned();
      sameRecordValue(d.method(), at, result);
      compareHessian(d.method(), at, Companion.component(result, "gradient", d.method()),
          Companion.component(result, "hessian", d.method()));
    }
    if (d.work() != null) {
      Class<?> workType = c.nested(d.work());
      Method method = forms.find(s.types(workType));
      if (method != null) {
        String label = d.method() + "(…, " + workType.getSimpleName() + ")";
        Object work = Companion.newInstance(workType);
        callForValue(method, label, at, work);
        compareHessian(label, at, Companion.field(work, "gradient"), Companion.field(work, "hessian"));
      }
    }
    forms.done();
  }

  private void compareHessian(String label, At at, Object gradientValue, Object hessianValue) {
    int n = at.x.length;
    if (!(gradientValue instanceof double[] g) || g.length != n || !(hessianValue instanceof double[][] h) || h.length != n
        || java.util.Arrays.stream(h).anyMatch(row -> row == null || row.length != n)) {
      found.problem(label, "shape", at.point, label + " gives a gradient " + Shapes.shape(gradientValue)
          + " and a Hessian " + Shapes.shape(hessianValue) + ", not double[" + n + "] and double[" + n + "][" + n + "]");
      return;
    }
    compareGradient(label, at, g);
    List<String> names = new ArrayList<>();
    List<String> upper = new ArrayList<>();
    List<String> mirrored = new ArrayList<>();
    List<Double> above = new ArrayList<>();
    List<Double> below = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        names.add(second(at, i, j));
        if (j > i) {
          upper.add(second(at, i, j));
          mirrored.add(second(at, j, i));
          above.add(h[i][j]);
          below.add(h[j][i]);
        }
      }
    }
    found.compare(label, at.point, scheme -> HessianCheck.compareWithGradient(gradientAt(at), h, at.x, scheme), names,
        "differences of " + gradient.method());
    found.agree(label, at.point, Report.of(unbox(above), unbox(below)), upper, mirrored);
  }

  void hvp(Derivative d, At at) {
    if (!possible(d)) {
      return;
    }
    List<Class<?>> directionTypes = s.differentiatedTypes(false);
    Forms forms = new Forms(d);
    Method record = forms.find(s.types(directionTypes.toArray(Class<?>[]::new)));
    if (record != null) {
      double[] hv = hvpRecord(d, record, at, at.v, true);
      double[] u = at.randoms(at.x.length);
      double[] hu = hvpRecord(d, record, at, u, false);
      found.agree(d.method(), at.point, HessianCheck.symmetryTest(at.v, hv, u, hu),
          List.of("⟨u, H·v⟩ (v = " + Shapes.brief(at.v) + ", u = " + Shapes.brief(u) + ")"), List.of("⟨H·u, v⟩"));
    }
    if (d.work() != null) {
      Class<?> adjointType = c.nested(d.work());
      List<Class<?>> withAdjoint = new ArrayList<>(directionTypes);
      withAdjoint.add(adjointType);
      Method method = forms.find(s.types(withAdjoint.toArray(Class<?>[]::new)));
      if (method != null) {
        String label = d.method() + "(…, " + adjointType.getSimpleName() + ")";
        // It clears the adjoint first: the pre-filled 0.25 must be gone.
        Object adjoint = Adjoints.make(adjointType, s, at.args, FirstOrderChecks.PREFILL);
        Adjoints.tangents(adjoint, s, at.args, d.tangentFields(), 0, FirstOrderChecks.PREFILL);
        callForValue(method, label, at, append(s.shapedParts(at.args, at.v), adjoint));
        compareGradient(label, at, Adjoints.read(adjoint, s));
        compareHv(label, at, Adjoints.readTangents(adjoint, s, d.tangentFields(), -1), at.v, "v");
      }
    }
    forms.done();
  }

  /** The record form along {@code v}; its gradient is compared too {@code withGradient}. */
  private double[] hvpRecord(Derivative d, Method record, At at, double[] v, boolean withGradient) {
    Object result = call(record, d.method(), at, s.shapedParts(at.args, v)).returned();
    sameRecordValue(d.method(), at, result);
    if (withGradient) {
      compareGradient(d.method(), at, blocks(result, d.method()));
    }
    List<Object> hvParts = new ArrayList<>();
    for (Parameter p : s.m.differentiated()) {
      String component = d.hvpComponents() == null ? null : d.hvpComponents().get(p.name());
      if (component == null) {
        throw new IllegalStateException("the index names no H·v block of " + p.name() + " for " + d.method()
            + ": rebuild with the same ChainRule version");
      }
      hvParts.add(Companion.component(result, component, d.method()));
    }
    double[] hv = Shapes.flattenParts(hvParts.toArray());
    compareHv(d.method(), at, hv, v, "v");
    return hv;
  }

  /**
   * {@code mPullbackTangent} along one random direction with seed tangent 0.5, {@code
   * mMultiPullbackTangent} along two with seed tangents 0.5 and -0.75; seed 1.5.
   */
  void pullbackTangent(Derivative d, At at, boolean multi) {
    if (!possible(d)) {
      return;
    }
    Class<?> adjointType = c.nested(d.type());
    List<Class<?>> types = new ArrayList<>(s.differentiatedTypes(multi));
    types.addAll(multi ? List.of(double.class, double[].class, int.class, adjointType)
        : List.of(double.class, double.class, adjointType));
    Method method = unchecked.form(c, d, s.types(types.toArray(Class<?>[]::new)));
    if (method == null) {
      return;
    }
    double[] seedTangents = multi ? SEED_TANGENTS : new double[] {SEED_TANGENT};
    int k = seedTangents.length;
    double[][] directions = multi ? directions(at, k) : new double[][] {at.v};
    Object adjoint = Adjoints.make(adjointType, s, at.args, FirstOrderChecks.PREFILL);
    Adjoints.tangents(adjoint, s, at.args, d.tangentFields(), multi ? k : 0, FirstOrderChecks.PREFILL);
    Object[] extra = multi ? append(multiDirections(at, directions), FirstOrderChecks.SEED, seedTangents.clone(), k, adjoint)
        : append(s.shapedParts(at.args, at.v), FirstOrderChecks.SEED, SEED_TANGENT, adjoint);
    callForValue(method, d.method(), at, extra);
    compareGradient(d.method(), at, perSeed(Adjoints.read(adjoint, s), null, 0));
    double[] generated = gradientAt(at).apply(at.x);
    for (int i = 0; i < k; i++) {
      double[] tangents = Adjoints.readTangents(adjoint, s, d.tangentFields(), multi ? i : -1);
      compareHv(d.method(), at, perSeed(tangents, generated, seedTangents[i]), directions[i],
          multi ? "direction " + (i + 1) + " of " + k : "v");
    }
  }

  /** (accumulated − pre-fill − seedTangent × gradient) / seed. */
  private static double[] perSeed(double[] accumulated, double[] gradient, double seedTangent) {
    double[] out = new double[accumulated.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = (accumulated[i] - FirstOrderChecks.PREFILL - (gradient == null ? 0 : seedTangent * gradient[i]))
          / FirstOrderChecks.SEED;
    }
    return out;
  }

  private void compareGradient(String label, At at, double[] g) {
    found.compare(label, at.point, scheme -> GradientCheck.compare(at.scalar, g, at.x, scheme), partials(at),
        "finite differences");
  }

  private void compareHv(String label, At at, double[] hv, double[] v, String which) {
    List<String> names = new ArrayList<>();
    for (String input : at.inputs) {
      names.add("(∇²" + s.m.name() + "·v)[" + input + "] for " + which + " = " + Shapes.brief(v));
    }
    found.compare(label, at.point, scheme -> HessianCheck.compareHvp(gradientAt(at), hv, at.x, v, scheme), names,
        "differences of " + gradient.method());
  }

  /** The generated gradient as a function of the flattened inputs. */
  private VectorFunction gradientAt(At at) {
    Method method = c.form(gradient.method(), s.types());
    return u -> {
      Object[] args = s.with(at.args, u);
      return blocks(c.invoke(method, gradient.method(), args, Types.copy(args)), gradient.method());
    };
  }

  private String second(At at, int i, int j) {
    String a = at.inputs.get(i);
    String b = at.inputs.get(j);
    return i == j ? "∂²" + s.m.name() + "/∂" + a + "²" : "∂²" + s.m.name() + "/∂" + a + "∂" + b;
  }

  private static double[] unbox(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).toArray();
  }
}
