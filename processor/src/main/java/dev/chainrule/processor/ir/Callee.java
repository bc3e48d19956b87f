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
   * @param result what it computes: {@code DOUBLE}, or the array type of its vector result
   * @param out the index of its {@code @Out} parameter, or -1
   */
  record Differentiable(ClassName owner, String name, List<Param> parameters, Type result, int out)
      implements Callee {
    public Differentiable {
      parameters = List.copyOf(parameters);
    }

    /** A method returning {@code double}. */
    public Differentiable(ClassName owner, String name, List<Param> parameters) {
      this(owner, name, parameters, Type.DOUBLE, -1);
    }

    /** Whether it computes an array (returned, or written into its {@code @Out} parameter {@link #out}). */
    public boolean isVectorValued() {
      return result != Type.DOUBLE;
    }

    public ClassName companion() {
      return Naming.companionOf(owner);
    }
  }

  /**
   * A method with user-supplied derivatives ({@code @CustomDerivative}): one partial per
   * differentiated parameter, called instead of differentiating a body. A {@code double[]}
   * parameter's derivative comes in two forms: a pullback ({@code partials}, for reverse mode) and
   * a directional derivative ({@code tangents}, for forward mode); a {@code double} parameter's
   * partial serves both modes.
   */
  record Custom(ClassName owner, String name, List<Param> parameters, List<Partial> partials, List<Partial> tangents)
      implements Callee {
    public Custom {
      parameters = List.copyOf(parameters);
      partials = List.copyOf(partials);
      tangents = List.copyOf(tangents);
    }

    /** The reverse-mode derivative for a parameter, or null. */
    public Partial partialFor(int parameter) {
      return partials.stream().filter(p -> p.parameter() == parameter).findFirst().orElse(null);
    }

    /** The forward-mode derivative for a parameter (the partial itself for a double), or null. */
    public Partial tangentFor(int parameter) {
      Partial p = partialFor(parameter);
      if (p != null && !p.array()) {
        return p;
      }
      return tangents.stream().filter(t -> t.parameter() == parameter).findFirst().orElse(null);
    }

    public boolean usesResult() {
      return partials.stream().anyMatch(Partial::takesResult) || tangents.stream().anyMatch(Partial::takesResult);
    }
  }

  /**
   * A user-supplied partial derivative: {@code owner.method(args..., [result])} returns
   * ∂f/∂args[parameter] for a double parameter; for a double[] parameter it is a pullback
   * {@code owner.method(args..., [result], seed, adjoint)}, or in forward mode a directional
   * derivative {@code owner.method(args..., [result], tangent)}.
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
   * The pullback of another differentiable method, as generated code calls it:
   * {@code target.companion().targetPullback(args..., seed, adjoint)}.
   */
  record Pullback(Differentiable target) implements Callee {
    @Override
    public ClassName owner() {
      return target.companion();
    }

    @Override
    public String name() {
      return Naming.pullbackMethod(target.name());
    }
  }

  /**
   * A derivative of another differentiable method, called from a differentiable method (nested
   * differentiation): {@code FDerivatives.fGradient(args).p()} — the block {@code component} of
   * f's gradient — or {@code FDerivatives.fTangent(args, directions).tangent()} — f's directional
   * derivative, the arguments then followed by one direction per differentiated parameter. Its own
   * derivatives come from f's second-order derivatives (forward over reverse).
   */
  record Derivative(Differentiable of, Kind kind, int component) implements Callee {
    public enum Kind { GRADIENT, TANGENT }

    @Override
    public ClassName owner() {
      return of.companion();
    }

    @Override
    public String name() {
      return kind == Kind.GRADIENT ? Naming.gradientMethod(of.name()) : Naming.tangentMethod(of.name());
    }

    /** The record component the call reads: the parameter's name, or {@code tangent}. */
    public String accessor() {
      return kind == Kind.GRADIENT ? of.parameters().get(component).name() : "tangent";
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
