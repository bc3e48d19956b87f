package dev.chainrule.maven.check;

import dev.chainrule.maven.check.MethodResult.Status;
import dev.chainrule.maven.index.ClassIndex;
import dev.chainrule.maven.index.MethodIndex;
import dev.chainrule.maven.index.MethodIndex.Derivative;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Checks every derivative the index lists for one method against finite differences of the method
 * itself, at each sample point: central differences first, and Richardson extrapolation for an
 * entry that misses the tolerance before it counts as a failure.
 *
 * <p>The method is seen as a function of its differentiated parameters, flattened, to its result,
 * flattened ({@link Subject}). {@link FirstOrderChecks} covers gradients, pullbacks, tangents,
 * pushforwards and multi-directional pushforwards of scalar and vector-valued methods, and the
 * dot-product test between forward and reverse mode; {@link JacobianChecks} every form of the
 * Jacobian; {@link SecondOrderChecks} Hessians, Hessian-vector products and pullback tangents.
 * Generated derivatives that must agree to rounding (forward against reverse mode, a Hessian
 * against its transpose) are compared with {@code modesTolerance}. A kind this version does not
 * know is listed as unchecked, never skipped silently.
 */
public final class MethodChecker {
  /** The kinds this version checks. */
  static final Set<String> KINDS = Set.of("gradient", "pullback", "tangent", "pushforward", "multiPushforward", "jacobian",
      "jacobianForward", "jacobianReverse", "hvp", "hessian", "pullbackTangent", "multiPullbackTangent");
  /** The default agreement required between generated derivatives that compute the same numbers. */
  public static final double MODES_TOLERANCE = 1e-10;

  private final double tolerance;
  private final double modesTolerance;
  private final long seed;
  private final int defaultCount;

  public MethodChecker(double tolerance, long seed, int defaultCount) {
    this(tolerance, MODES_TOLERANCE, seed, defaultCount);
  }

  public MethodChecker(double tolerance, double modesTolerance, long seed, int defaultCount) {
    this.tolerance = tolerance;
    this.modesTolerance = modesTolerance;
    this.seed = seed;
    this.defaultCount = defaultCount;
  }

  public MethodResult check(ClassIndex c, MethodIndex m, ClassLoader loader) throws CheckException {
    long start = System.nanoTime();
    Class<?> owner = load(loader, c.owner());
    Class<?> companionType = load(loader, c.companion());
    Method target = find(owner, m.name(), Types.of(m.parameters()));
    Unchecked unchecked = new Unchecked();
    for (Derivative d : m.derivatives()) {
      if (!KINDS.contains(d.kind())) {
        unchecked.add(d, "this plugin version has no check for " + d.kind() + " derivatives");
      }
    }
    Points.Drawn drawn = Points.of(m, owner, seed, defaultCount);
    if (drawn.unchecked() != null) {
      return new MethodResult(c.owner(), m.name(), Status.UNCHECKED, drawn.unchecked(), 0, null, List.of(),
          unchecked.reasons, 0, 0, List.of(), millis(start));
    }
    Subject s = new Subject(c, m, target);
    Companion companion = new Companion(companionType, s);
    Findings found = new Findings(c.simpleName() + "." + m.name(), tolerance, modesTolerance);
    FirstOrderChecks first = new FirstOrderChecks(s, companion, found, unchecked);
    JacobianChecks jacobians = new JacobianChecks(s, companion, found, unchecked);
    SecondOrderChecks second = new SecondOrderChecks(s, companion, found, unchecked);
    List<String> checked = new ArrayList<>();
    int points = 0;
    String firstPoint = null;
    for (Object[] args : drawn.points()) {
      Object value = s.result(args);
      if (!Arrays.stream(Shapes.flatten(value)).allMatch(Double::isFinite)) {
        continue;
      }
      At at = new At(s, args, value, seed ^ (m.name().hashCode() * 31L + points));
      points++;
      firstPoint = firstPoint == null ? at.point : firstPoint;
      for (Derivative d : m.derivatives()) {
        if (!KINDS.contains(d.kind())) {
          continue;
        }
        try {
          dispatch(d, at, first, jacobians, second);
        } catch (RuntimeException e) {
          // A derivative that throws, or whose classes disagree with the contract: its failure, not the others'.
          found.problem(d.method(), "call", at.point, String.valueOf(e.getMessage()));
        }
        if (!checked.contains(d.method()) && !unchecked.has(d)) {
          checked.add(d.method());
        }
      }
      first.dotProduct(at);
    }
    checked.removeIf(name -> unchecked.reasons.stream().anyMatch(r -> r.startsWith(name + ": ")));
    if (points == 0) {
      return new MethodResult(c.owner(), m.name(), Status.UNCHECKED,
          "the method is not finite at any of the " + drawn.points().size() + " points: give a domain with @CheckPoints(min, max)",
          0, null, List.of(), unchecked.reasons, 0, 0, List.of(), millis(start));
    }
    Status status = found.failures.isEmpty() ? Status.PASSED : Status.FAILED;
    return new MethodResult(c.owner(), m.name(), status, null, points, firstPoint, checked, unchecked.reasons,
        found.components, found.maxError, found.failures, millis(start));
  }

  private static void dispatch(Derivative d, At at, FirstOrderChecks first, JacobianChecks jacobians, SecondOrderChecks second) {
    switch (d.kind()) {
      case "gradient" -> first.gradient(d, at);
      case "pullback" -> first.pullback(d, at);
      case "tangent" -> first.tangent(d, at);
      case "pushforward" -> first.pushforward(d, at, false);
      case "multiPushforward" -> first.pushforward(d, at, true);
      case "jacobian" -> jacobians.jacobian(d, at);
      case "jacobianForward", "jacobianReverse" -> jacobians.driver(d, at);
      case "hvp" -> second.hvp(d, at);
      case "hessian" -> second.hessian(d, at);
      case "pullbackTangent" -> second.pullbackTangent(d, at, false);
      case "multiPullbackTangent" -> second.pullbackTangent(d, at, true);
      default -> throw new IllegalStateException(d.kind());
    }
  }

  private static long millis(long start) {
    return (System.nanoTime() - start) / 1_000_000;
  }

  static Class<?> load(ClassLoader loader, String name) throws CheckException {
    try {
      return Class.forName(name, true, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      throw new CheckException("cannot load " + name + " from the project's classes: " + e);
    }
  }

  static Method find(Class<?> owner, String name, Class<?>[] types) {
    try {
      Method m = owner.getDeclaredMethod(name, types);
      m.setAccessible(true);
      return m;
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException(owner.getName() + " has no method " + name + Arrays.toString(types)
          + ": rebuild, the index and the classes disagree", e);
    }
  }
}
