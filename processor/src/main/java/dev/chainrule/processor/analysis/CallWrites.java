package dev.chainrule.processor.analysis;

import dev.chainrule.processor.ir.Callee;
import dev.chainrule.processor.ir.Expr;
import dev.chainrule.processor.ir.Method;
import dev.chainrule.processor.ir.Param;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Which array arguments a call may write into: for other code, what the frontend read from its
 * source ({@link Callee.Source#writes}); for a {@code @Differentiable} method of this compilation,
 * the array parameters it writes, itself or through its callees ({@link
 * SideEffects#writtenParameters}). The analyses count such a call as a write of those arrays, and
 * the reverse sweep saves them before the call and puts them back when it passes the call, so that
 * a callee's pullback runs on the arrays its call saw.
 */
public final class CallWrites {
  /** No call writes into an array (methods whose callees are all unknown). */
  public static final CallWrites NONE = new CallWrites(d -> null);

  private final Function<Callee.Differentiable, Method> bodies;
  private final Map<Callee, Set<Integer>> cache = new HashMap<>();

  /** @param bodies the methods of this compilation, or null for one from a class file */
  public CallWrites(Function<Callee.Differentiable, Method> bodies) {
    this.bodies = bodies;
  }

  /** The positions of the array arguments {@code callee} may write into. */
  public Set<Integer> of(Callee callee) {
    if (callee instanceof Callee.Derivative n) {
      return of(n.of()); // its arguments are the method's
    }
    Set<Integer> known = cache.get(callee);
    if (known == null) {
      known = compute(callee);
      cache.put(callee, known);
    }
    return known;
  }

  /** The arguments of {@code c} that its callee may write into, in order. */
  public List<Expr> writtenArguments(Expr.Call c) {
    List<Expr> out = new ArrayList<>();
    Set<Integer> written = of(c.callee());
    for (int k = 0; k < c.args().size(); k++) {
      if (written.contains(k) && c.args().get(k).type().isArray()) {
        out.add(c.args().get(k));
      }
    }
    return out;
  }

  private Set<Integer> compute(Callee callee) {
    Set<Integer> out = new HashSet<>();
    if (callee instanceof Callee.StaticMethod m && m.source() != null) {
      for (int k = 0; k < m.source().writes().size(); k++) {
        if (m.source().writes().get(k)) {
          out.add(k);
        }
      }
    } else if (callee instanceof Callee.Differentiable d && bodies.apply(d) != null) {
      Method body = bodies.apply(d);
      Set<String> written = SideEffects.writtenParameters(body, bodies, new HashSet<>());
      List<Param> params = body.parameters();
      for (int k = 0; k < params.size(); k++) {
        // A write into a differentiated parameter is the callee's own error (it fails, and so its callers).
        if (params.get(k).type().isArray() && !params.get(k).differentiated() && written.contains(params.get(k).name())) {
          out.add(k);
        }
      }
    }
    return Set.copyOf(out);
  }
}
