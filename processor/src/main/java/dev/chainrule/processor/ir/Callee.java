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

  /**
   * A method with user-supplied derivatives ({@code @CustomDerivative}): one partial per
   * differentiated parameter, called instead of differentiating a body.
   */
  record Custom(ClassName owner, String name, List<Param> parameters, List<Partial> partials) implements Callee {
    public Custom {
      parameters = List.copyOf(parameters);
      partials = List.copyOf(partials);
    }

    public Partial partialFor(int parameter) {
      return partials.stream().filter(p -> p.parameter() == parameter).findFirst().orElse(null);
    }

    public boolean usesResult() {
      return partials.stream().anyMatch(Partial::takesResult);
    }
  }

  /**
   * A user-supplied partial derivative: {@code owner.method(args..., [result])} returns
   * ∂f/∂args[parameter] for a double parameter; for a double[] parameter it is a pullback
   * {@code owner.method(args..., [result], seed, adjoint)}.
   */
  record Partial(int parameter, ClassName owner, String method, boolean takesResult, boolean array) {}

  /** {@code ChainRule.stopGradient(x)}: the value of x, through which no derivative flows. */
  record StopGradient(ClassName owner) implements Callee {
    @Override
    public String name() {
      return "stopGradient";
    }
  }

  /**
   * Any other static method: allowed only where no derivative has to flow through it.
   *
   * @param source what the frontend knows of a method the user calls, or null for methods
   *     generated code calls
   */
  record StaticMethod(ClassName owner, String name, Source source) implements Callee {
    public StaticMethod(ClassName owner, String name) {
      this(owner, name, null);
    }
  }

  /**
   * A user-called method as diagnostics describe it.
   *
   * @param signature {@code C.g(double, int)}
   * @param differentiableOverload a {@code @Differentiable} method of the same class and name
   *     (the advice to annotate this one would clash with it), or null
   * @param writes per parameter, whether the method may write into it (an array parameter whose
   *     body is not available counts as written)
   */
  record Source(String signature, String differentiableOverload, List<Boolean> writes) {
    public Source {
      writes = List.copyOf(writes);
    }
  }
}
