package dev.chainrule.processor.ir;

import com.palantir.javapoet.ClassName;
import java.util.List;

/** What a {@link Expr.Call} calls. */
public sealed interface Callee {

  ClassName owner();

  String name();

  /** A function of {@code java.lang.Math} or {@code java.lang.StrictMath} with a derivative rule. */
  record MathFunction(ClassName owner, MathFn function) implements Callee {
    @Override
    public String name() {
      return function.javaName();
    }
  }

  /**
   * Another {@code @Differentiable} method: its generated companion's pullback gives the partials.
   *
   * @param parameters the callee's parameters, in order, with whether each is differentiated
   */
  record Differentiable(ClassName owner, String name, List<Param> parameters) implements Callee {
    public Differentiable {
      parameters = List.copyOf(parameters);
    }

    public ClassName companion() {
      return Naming.companionOf(owner);
    }
  }

  /** Any other static method: allowed only where no derivative has to flow through it. */
  record StaticMethod(ClassName owner, String name) implements Callee {}
}
