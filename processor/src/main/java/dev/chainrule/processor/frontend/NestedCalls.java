package dev.chainrule.processor.frontend;

import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import dev.chainrule.processor.diagnostics.Message;
import dev.chainrule.processor.diagnostics.Problem;
import dev.chainrule.processor.ir.Callee;
import dev.chainrule.processor.ir.Expr;
import dev.chainrule.processor.ir.Param;
import dev.chainrule.processor.ir.Pos;
import dev.chainrule.processor.ir.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;

/**
 * Recognizes calls of generated derivatives inside a differentiable method (nested
 * differentiation): {@code FDerivatives.fGradient(args).p()} and
 * {@code FDerivatives.fTangent(args, directions).tangent()}, where {@code f} is a
 * {@code @Differentiable} method of this compilation. The companion does not exist yet while the
 * processor reads the caller (it writes it in this round), so the call is resolved through the
 * method it differentiates: {@code FDerivatives} names the class {@code F} ({@code Outer_InnerDerivatives}
 * the nested {@code Outer.Inner}).
 */
final class NestedCalls {
  private static final String SUFFIX = "Derivatives";

  private NestedCalls() {}

  /** The derivative call {@code t} stands for, if it is one. */
  static Optional<Expr> recognize(MethodInvocationTree t, Resolver resolver, Function<ExpressionTree, Expr> expr,
      Pos pos) {
    if (!t.getArguments().isEmpty() || !(t.getMethodSelect() instanceof MemberSelectTree accessor)
        || !(accessor.getExpression() instanceof MethodInvocationTree inner)
        || !(inner.getMethodSelect() instanceof MemberSelectTree generated)) {
      return Optional.empty();
    }
    String companion = generated.getExpression().toString();
    String method = generated.getIdentifier().toString();
    if (!companion.endsWith(SUFFIX)) {
      return Optional.empty();
    }
    Callee.Derivative.Kind kind;
    String of;
    if (method.endsWith("Gradient")) {
      kind = Callee.Derivative.Kind.GRADIENT;
      of = method.substring(0, method.length() - "Gradient".length());
    } else if (method.endsWith("Tangent")) {
      kind = Callee.Derivative.Kind.TANGENT;
      of = method.substring(0, method.length() - "Tangent".length());
    } else {
      return Optional.empty();
    }
    String base = companion.substring(0, companion.length() - SUFFIX.length());
    Optional<TypeElement> found = resolver.type(base);
    if (found.isEmpty() && base.contains("_")) {
      found = resolver.type(base.replace('_', '.'));
    }
    if (found.isEmpty()) {
      return Optional.empty();
    }
    Optional<TypeElement> owner = found;
    List<Expr> args = new ArrayList<>();
    for (ExpressionTree a : inner.getArguments()) {
      args.add(expr.apply(a));
    }
    String name = of;
    ExecutableElement target = ElementFilter.methodsIn(owner.get().getEnclosedElements()).stream()
        .filter(m -> m.getSimpleName().contentEquals(name) && Signatures.isDifferentiable(m))
        .filter(m -> {
          List<Param> ps = Signatures.parametersOfCallee(m).orElse(List.of());
          int expected = ps.size() + (kind == Callee.Derivative.Kind.TANGENT
              ? (int) ps.stream().filter(Param::differentiated).count() : 0);
          return expected == args.size();
        })
        .findFirst()
        .orElseThrow(() -> new Problem(Message.NESTED_CALL, pos, companion + "." + method,
            "it names no @Differentiable method " + name + " of " + owner.get().getSimpleName()
                + " taking these arguments"));
    List<Param> params = Signatures.parametersOfCallee(target).orElseThrow();
    if (Signatures.resultType(target) != Type.DOUBLE) {
      throw new Problem(Message.NESTED_CALL, pos, companion + "." + method,
          name + " returns an array; nested derivatives are supported for methods returning double");
    }
    Callee.Differentiable f = new Callee.Differentiable(com.palantir.javapoet.ClassName.get(owner.get()), name, params);
    String component = accessor.getIdentifier().toString();
    if (kind == Callee.Derivative.Kind.TANGENT) {
      if (!component.equals("tangent")) {
        throw new Problem(Message.NESTED_CALL, pos, companion + "." + method, "read its tangent(): "
            + method + "(...).tangent()");
      }
      return Optional.of(new Expr.Call(new Callee.Derivative(f, kind, -1), args, Type.DOUBLE));
    }
    for (int i = 0; i < params.size(); i++) {
      Param p = params.get(i);
      if (p.name().equals(component) && p.differentiated()) {
        if (p.type() == Type.DOUBLE_MATRIX) {
          throw new Problem(Message.NESTED_CALL, pos, companion + "." + method,
              "the gradient block of a double[][] parameter is not supported as a nested derivative");
        }
        return Optional.of(new Expr.Call(new Callee.Derivative(f, kind, i), args, p.type()));
      }
    }
    throw new Problem(Message.NESTED_CALL, pos, companion + "." + method,
        "read one of its components named after a differentiated parameter of " + name);
  }
}
