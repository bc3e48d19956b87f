package dev.chainrule.processor;

import dev.chainrule.processor.analysis.Plan;
import dev.chainrule.processor.diagnostics.Message;
import dev.chainrule.processor.diagnostics.Problem;
import dev.chainrule.processor.emit.CompanionWriter;
import dev.chainrule.processor.forward.PullbackTangent;
import dev.chainrule.processor.forward.PullbackTangentBuilder;
import dev.chainrule.processor.forward.Pushforward;
import dev.chainrule.processor.forward.PushforwardBuilder;
import dev.chainrule.processor.frontend.Signatures;
import dev.chainrule.processor.ir.Callee;
import dev.chainrule.processor.ir.Expr;
import dev.chainrule.processor.ir.Method;
import dev.chainrule.processor.ir.Param;
import dev.chainrule.processor.ir.Walk;
import dev.chainrule.processor.reverse.Pullback;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import javax.lang.model.element.ExecutableElement;
import javax.tools.Diagnostic;

/**
 * Which derivatives beyond the gradient each method gets, and building them: every method's
 * pushforward; the multi-directional pushforward for vector-valued methods (their forward Jacobian),
 * second-order methods and, transitively, the methods they call; and for methods marked
 * {@code @Differentiable(order = 2)} and the methods they call, the pullback tangents (forward over
 * reverse) behind {@code <m>Hvp} and {@code <m>Hessian}. A mode that cannot be built for a callee
 * cannot be built for its callers either: each set is built to a fixed point.
 */
final class Modes {
  /** Where diagnostics go. */
  interface Reporter {
    void report(Problem p, ExecutableElement m, Diagnostic.Kind kind);

    void internal(ExecutableElement m, Throwable e);
  }

  private final Map<ExecutableElement, Plan> plans;
  private final Map<ExecutableElement, Pullback> pullbacks;
  private final Function<ExecutableElement, String> key;
  private final Reporter reporter;
  private final Map<String, ExecutableElement> byKey = new HashMap<>();
  private final Set<ExecutableElement> failed = new HashSet<>();
  private Map<ExecutableElement, Pushforward> pushforwards = Map.of();
  private Map<ExecutableElement, Pushforward> multi = Map.of();
  private final Map<ExecutableElement, CompanionWriter.SecondOrder> second = new LinkedHashMap<>();

  Modes(Map<ExecutableElement, Plan> plans, Map<ExecutableElement, Pullback> pullbacks,
      Function<ExecutableElement, String> key, Reporter reporter) {
    this.plans = plans;
    this.pullbacks = pullbacks;
    this.key = key;
    this.reporter = reporter;
    plans.keySet().forEach(m -> byKey.put(key.apply(m), m));
  }

  Map<ExecutableElement, Pushforward> pushforwards() {
    return pushforwards;
  }

  Map<ExecutableElement, Pushforward> multiPushforwards() {
    return multi;
  }

  Map<ExecutableElement, CompanionWriter.SecondOrder> secondOrders() {
    return second;
  }

  /** Whether a method had an error in a mode it was asked for (it generates nothing then). */
  boolean failed(ExecutableElement m) {
    return failed.contains(m);
  }

  void build() {
    pushforwards = forwardModes();
    Set<ExecutableElement> nested = new HashSet<>();
    plans.values().forEach(plan -> Walk.forEachStmt(plan.body(), s -> Walk.expressions(s).forEach(e -> Walk.forEach(e, x -> {
      if (x instanceof Expr.Call c && c.callee() instanceof Callee.Derivative n) {
        ExecutableElement of = byKey.get(n.of().owner().canonicalName() + "#" + n.of().name());
        if (of != null) {
          nested.add(of);
        }
      }
    }))));
    // A method whose derivative another calls needs second-order derivatives for that caller's.
    Set<ExecutableElement> secondOrder = closure(m -> Signatures.order(m) >= 2 || nested.contains(m));
    for (ExecutableElement m : new LinkedHashSet<>(secondOrder)) {
      if (plans.get(m).method().isVectorValued()) {
        if (Signatures.order(m) >= 2) {
          reporter.report(new Problem(Message.SECOND_ORDER_VECTOR, plans.get(m).method().pos(), m.getSimpleName()),
              m, Diagnostic.Kind.ERROR);
          failed.add(m);
        }
        secondOrder.remove(m);
      }
    }
    Set<ExecutableElement> needMulti = closure(m -> plans.get(m).method().isVectorValued());
    needMulti.addAll(secondOrder);
    multi = multiDirectionalModes(needMulti);
    secondOrderModes(secondOrder);
  }

  /** The methods {@code seed} selects and, transitively, the differentiable methods they call. */
  private Set<ExecutableElement> closure(Predicate<ExecutableElement> seed) {
    Set<ExecutableElement> out = new LinkedHashSet<>();
    Deque<ExecutableElement> todo = new ArrayDeque<>();
    plans.keySet().stream().filter(seed).forEach(todo::add);
    while (!todo.isEmpty()) {
      ExecutableElement m = todo.poll();
      if (!out.add(m)) {
        continue;
      }
      Walk.forEachStmt(plans.get(m).body(), s -> Walk.expressions(s).forEach(e -> Walk.forEach(e, x -> {
        Callee.Differentiable d = x instanceof Expr.Call c ? DifferentiableProcessor.called(c.callee()) : null;
        if (d != null) {
          ExecutableElement callee = byKey.get(d.owner().canonicalName() + "#" + d.name());
          if (callee != null) {
            todo.add(callee);
          }
        }
      })));
    }
    return out;
  }

  /**
   * Every method's forward mode. A method whose forward mode needs a derivative the user supplied
   * only as a pullback gets none, with a warning saying what to add; so do the methods whose
   * forward mode calls it. Their reverse mode is unaffected.
   */
  private Map<ExecutableElement, Pushforward> forwardModes() {
    Set<String> without = new HashSet<>();
    Map<ExecutableElement, Problem> reasons = new LinkedHashMap<>();
    Map<ExecutableElement, Pushforward> built = new LinkedHashMap<>();
    boolean changed = true;
    while (changed) {
      changed = false;
      built.clear();
      for (Map.Entry<ExecutableElement, Plan> e : plans.entrySet()) {
        ExecutableElement m = e.getKey();
        if (without.contains(key.apply(m))) {
          continue;
        }
        try {
          built.put(m, PushforwardBuilder.build(e.getValue(), without::contains));
        } catch (Problem p) {
          without.add(key.apply(m));
          changed = true;
          if (p.kind() == Message.CUSTOM_NO_TANGENT || p.kind() == Message.CALLS_WITHOUT_FORWARD) {
            reasons.put(m, p);
          } else {
            reporter.report(p, m, Diagnostic.Kind.ERROR);
            failed.add(m);
          }
        } catch (RuntimeException | StackOverflowError x) {
          without.add(key.apply(m));
          changed = true;
          reporter.internal(m, x);
          failed.add(m);
        }
      }
    }
    reasons.forEach((m, p) -> reporter.report(new Problem(Message.FORWARD_OMITTED, p.pos(), m.getSimpleName(),
        p.getMessage()), m, Diagnostic.Kind.WARNING));
    return built;
  }

  /** Multi-directional pushforwards; where one cannot be built, its users fall back or fail. */
  private Map<ExecutableElement, Pushforward> multiDirectionalModes(Set<ExecutableElement> needed) {
    Set<String> without = new HashSet<>();
    plans.keySet().stream().filter(m -> !needed.contains(m) || !pushforwards.containsKey(m))
        .forEach(m -> without.add(key.apply(m)));
    Map<ExecutableElement, Pushforward> built = new LinkedHashMap<>();
    boolean changed = true;
    while (changed) {
      changed = false;
      built.clear();
      for (ExecutableElement m : needed) {
        if (without.contains(key.apply(m))) {
          continue;
        }
        try {
          built.put(m, PushforwardBuilder.buildMulti(plans.get(m), without::contains));
        } catch (Problem | IllegalStateException p) {
          without.add(key.apply(m));
          changed = true;
        }
      }
    }
    return built;
  }

  /** Pullback tangents (one direction and k) for the second-order methods and their callees. */
  private void secondOrderModes(Set<ExecutableElement> needed) {
    Set<String> without = new HashSet<>();
    plans.keySet().stream().filter(m -> !needed.contains(m)).forEach(m -> without.add(key.apply(m)));
    Set<String> noForward = new HashSet<>();
    plans.keySet().stream().filter(m -> !pushforwards.containsKey(m)).forEach(m -> noForward.add(key.apply(m)));
    Set<String> noMulti = new HashSet<>();
    plans.keySet().stream().filter(m -> !multi.containsKey(m)).forEach(m -> noMulti.add(key.apply(m)));
    Map<ExecutableElement, Problem> problems = new LinkedHashMap<>();
    boolean changed = true;
    while (changed) {
      changed = false;
      second.clear();
      for (ExecutableElement m : needed) {
        if (without.contains(key.apply(m))) {
          continue;
        }
        try {
          checkSecondOrderNames(plans.get(m).method());
          PullbackTangent one = PullbackTangentBuilder.build(pullbacks.get(m), noForward::contains, without::contains);
          PullbackTangent k = PullbackTangentBuilder.buildMulti(pullbacks.get(m), noMulti::contains,
              without::contains);
          second.put(m, new CompanionWriter.SecondOrder(one, k));
        } catch (Problem p) {
          without.add(key.apply(m));
          problems.put(m, p);
          changed = true;
        } catch (RuntimeException | StackOverflowError x) {
          without.add(key.apply(m));
          changed = true;
          reporter.internal(m, x);
          failed.add(m);
        }
      }
    }
    problems.forEach((m, p) -> {
      reporter.report(p, m, Diagnostic.Kind.ERROR);
      failed.add(m);
    });
  }

  /**
   * The naming contract gives {@code <m>Hvp} a parameter {@code <p>Direction} and its record a
   * component {@code <p>Hvp} per differentiated parameter: another parameter of that name would
   * clash with it.
   */
  private static void checkSecondOrderNames(Method method) {
    Set<String> names = new HashSet<>(); // the parameters of <m>Hvp
    Set<String> components = new HashSet<>(); // the components of its record
    method.parameters().forEach(p -> names.add(p.name()));
    method.parameters().stream().filter(Param::differentiated).forEach(p -> components.add(p.name()));
    for (Param p : method.parameters()) {
      if (!p.differentiated()) {
        continue;
      }
      for (String[] generated : new String[][] {{"Hvp", "record component"}, {"Direction", "parameter"}}) {
        String name = p.name() + generated[0];
        if ((generated[0].equals("Hvp") ? components : names).contains(name)) {
          throw new Problem(Message.SECOND_ORDER_NAME_CLASH, method.pos(), name, method.name(), generated[1],
              method.name() + "Hvp", name, p.name());
        }
      }
    }
  }
}
