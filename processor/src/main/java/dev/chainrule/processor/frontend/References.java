package dev.chainrule.processor.frontend;

import com.palantir.javapoet.ClassName;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.Trees;
import dev.chainrule.processor.diagnostics.Message;
import dev.chainrule.processor.diagnostics.Problem;
import dev.chainrule.processor.frontend.Resolver.Found;
import dev.chainrule.processor.ir.Callee;
import dev.chainrule.processor.ir.Expr;
import dev.chainrule.processor.ir.MathFn;
import dev.chainrule.processor.ir.Param;
import dev.chainrule.processor.ir.Pos;
import dev.chainrule.processor.ir.Type;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.Elements;

/**
 * The part of the frontend that reads names: identifiers, qualified names ({@code Outer.K},
 * {@code W.length}) and method calls, resolved as javac resolves them ({@link Resolver}) and checked
 * for what the generated companion, in the package of the enclosing class, can reach.
 */
final class References {
  private static final ClassName MATH = ClassName.get(Math.class);
  private static final ClassName STRICT_MATH = ClassName.get(StrictMath.class);
  private static final ClassName CHAIN_RULE = ClassName.get("dev.chainrule", "ChainRule");

  /** What the rest of the frontend provides: locals, expressions, positions. */
  interface Reader {
    Optional<Expr.Local> lookup(String name);

    Expr expr(ExpressionTree t);

    Pos pos(Tree t);

    <E extends Expr> E at(E expr, Tree t);
  }

  private final Elements elements;
  private final Trees trees;
  private final Resolver resolver;
  private final CustomDerivatives customs;
  private final Reader reader;

  References(Elements elements, Trees trees, Resolver resolver, CustomDerivatives customs, Reader reader) {
    this.elements = elements;
    this.trees = trees;
    this.resolver = resolver;
    this.customs = customs;
    this.reader = reader;
  }

  /** What a name in a qualified name stands for: a value, a class, or (part of) a package name. */
  private record Meaning(Expr value, TypeElement type, String packageName) {}

  Expr identifier(IdentifierTree t, Pos pos) {
    Meaning m = meaning(t);
    if (m.value() == null) {
      throw new Problem(Message.UNKNOWN_NAME, pos, t.getName());
    }
    return m.value();
  }

  Expr memberSelect(MemberSelectTree t, Pos pos) {
    Meaning m = meaning(t);
    if (m.value() == null) {
      throw new Problem(Message.UNKNOWN_NAME, pos, t.toString());
    }
    return m.value();
  }

  /**
   * As javac classifies an ambiguous name (JLS 6.5.2): a local, parameter or field in scope is a
   * value; else a class in scope; else a package name. A qualified name is a field or member class
   * of the class its qualifier names, or {@code length} of the array its qualifier is.
   */
  private Meaning meaning(ExpressionTree t) {
    if (t instanceof IdentifierTree id) {
      String name = id.getName().toString();
      Optional<Expr.Local> local = reader.lookup(name);
      if (local.isPresent()) {
        return new Meaning(local.get(), null, null);
      }
      Optional<Found<VariableElement>> field = resolver.unqualifiedField(name);
      if (field.isPresent()) {
        return new Meaning(staticField(field.get(), t), null, null);
      }
      Optional<TypeElement> type = resolver.type(name);
      return type.isPresent() ? new Meaning(null, type.get(), null) : new Meaning(null, null, name);
    }
    if (t instanceof MemberSelectTree select) {
      String name = select.getIdentifier().toString();
      Meaning q = meaning(select.getExpression());
      if (q.value() != null) {
        Expr target = q.value();
        if (name.equals("length") && target.type().isArray()) {
          return new Meaning(reader.at(new Expr.Length(target), t), null, null);
        }
        throw new Problem(Message.UNSUPPORTED_EXPRESSION, reader.pos(t), "'" + t + "'",
            "only array.length can be read from a value");
      }
      if (q.type() != null) {
        Optional<VariableElement> field = resolver.field(q.type(), name);
        if (field.isPresent()) {
          return new Meaning(staticField(new Found<>(field.get(), q.type()), t), null, null);
        }
        return resolver.memberType(q.type(), name)
            .map(type -> new Meaning(null, type, null))
            .orElseThrow(() -> new Problem(Message.UNKNOWN_NAME, reader.pos(t), t.toString()));
      }
      String dotted = q.packageName() + "." + name;
      TypeElement type = elements.getTypeElement(dotted);
      return type != null ? new Meaning(null, type, null) : new Meaning(null, null, dotted);
    }
    // Anything else (a call, an array element, a parenthesized expression) is a value.
    return new Meaning(reader.expr(t), null, null);
  }

  private Expr staticField(Found<VariableElement> found, Tree t) {
    Pos pos = reader.pos(t);
    VariableElement field = found.element();
    String name = field.getSimpleName().toString();
    if (!field.getModifiers().contains(Modifier.STATIC)) {
      throw new Problem(Message.FIELD_NOT_CONSTANT, pos, name);
    }
    Type type = Signatures.typeOf(field.asType()).orElseThrow(() -> new Problem(
        Message.UNSUPPORTED_TYPE, pos, field.asType(), field.asType().getKind().name().equals("FLOAT")
            ? " (float is not supported; use double)" : ""));
    Object constant = field.getConstantValue();
    if (!resolver.accessible(found)) {
      if (constant != null) {
        // A compile-time constant: javac would inline it too.
        return reader.at(new Expr.Literal(constant, type, null), t);
      }
      throw inaccessible(found, "field '" + name + "'", pos);
    }
    return reader.at(new Expr.StaticField(resolver.qualifier(found), name, type), t);
  }

  private Problem inaccessible(Found<? extends Element> found, String what, Pos pos) {
    if (Resolver.isPrivate(found.element())) {
      return new Problem(Message.INACCESSIBLE_MEMBER, pos, what);
    }
    TypeElement declaring = (TypeElement) found.element().getEnclosingElement();
    if (resolver.reachableMember(found.element())) {
      return new Problem(Message.UNREACHABLE_CLASS, pos, what, declaring.getQualifiedName(), companionPackage());
    }
    return new Problem(Message.UNREACHABLE_MEMBER, pos, what, declaring.getQualifiedName(), companionPackage());
  }

  private String companionPackage() {
    var pkg = elements.getPackageOf(resolver.enclosing());
    return pkg.isUnnamed() ? "the unnamed package" : "package " + pkg.getQualifiedName();
  }

  Expr call(MethodInvocationTree t, List<Expr> args, Pos pos) {
    ExpressionTree select = t.getMethodSelect();
    List<Type> argTypes = args.stream().map(Expr::type).toList();
    String name;
    List<Found<ExecutableElement>> candidates;
    String where;
    if (select instanceof IdentifierTree id) {
      name = id.getName().toString();
      candidates = resolver.unqualifiedMethods(name);
      where = candidates.isEmpty() ? name : candidates.get(0).through().getSimpleName() + "." + name;
    } else if (select instanceof MemberSelectTree m) {
      name = m.getIdentifier().toString();
      Meaning q;
      try {
        q = meaning(m.getExpression());
      } catch (Problem p) {
        if (p.kind() == Message.UNSUPPORTED_TYPE) {
          throw new Problem(Message.INSTANCE_CALL, pos, name); // System.out.println: a field of an object type
        }
        throw p;
      }
      if (q.value() != null) {
        throw new Problem(Message.INSTANCE_CALL, pos, name);
      }
      if (q.type() == null) {
        throw new Problem(Message.UNKNOWN_NAME, pos, m.getExpression().toString());
      }
      candidates = resolver.methods(q.type(), name);
      where = q.type().getSimpleName() + "." + name;
    } else {
      throw new Problem(Message.UNSUPPORTED_EXPRESSION, pos, "the call '" + t + "'",
          "call a static method by its name or Class.name");
    }
    String shownTypes = String.join(", ", argTypes.stream().map(Type::javaName).toList());
    if (!t.getTypeArguments().isEmpty()) {
      throw new Problem(Message.UNSUPPORTED_EXPRESSION, pos, "explicit type arguments (" + t + ")",
          "remove them");
    }
    List<Found<ExecutableElement>> found = resolver.applicable(candidates, argTypes);
    if (found.size() > 1) {
      throw new Problem(Message.AMBIGUOUS_CALL, pos, name, shownTypes);
    }
    if (found.size() == 1) {
      return reader.at(callOf(found.get(0), args, pos), t);
    }
    if (candidates.stream().anyMatch(c -> c.element().isVarArgs())) {
      throw new Problem(Message.UNSUPPORTED_EXPRESSION, pos, "calling " + where
          + ", which takes a variable number of arguments,", "pass the values to a method with fixed parameters");
    }
    throw new Problem(Message.UNRESOLVED_CALL, pos, where, shownTypes);
  }

  private Expr callOf(Found<ExecutableElement> found, List<Expr> args, Pos pos) {
    ExecutableElement method = found.element();
    TypeElement declaring = (TypeElement) method.getEnclosingElement();
    ClassName declared = ClassName.get(declaring);
    String name = method.getSimpleName().toString();
    Optional<Type> returnType = Signatures.typeOf(method.getReturnType());
    boolean writesOut = Signatures.isDifferentiable(method) && Signatures.outParameter(method) != null;
    if (returnType.isEmpty() && !writesOut) {
      throw new Problem(Message.UNSUPPORTED_EXPRESSION, pos, "calling " + declaring.getSimpleName() + "."
          + name + ", which returns " + method.getReturnType(), "call methods that return numbers");
    }
    if (!resolver.accessible(found)) {
      throw inaccessible(found, "method '" + name + "'", pos);
    }
    if (writesOut) {
      returnType = Optional.of(Type.DOUBLE); // unused: the call is a statement of its own
    }
    if (declared.equals(CHAIN_RULE) && name.equals("stopGradient")) {
      return new Expr.Call(new Callee.StopGradient(declared), args, Type.DOUBLE);
    }
    Optional<Callee.Custom> custom = customs.calleeFor(method);
    if (custom.isPresent()) {
      for (ExecutableElement derivative : customs.derivativesOf(method)) {
        Found<ExecutableElement> d = new Found<>(derivative, (TypeElement) derivative.getEnclosingElement());
        if (!resolver.accessible(d)) {
          throw new Problem(Message.UNREACHABLE_CUSTOM_DERIVATIVE, pos,
              ((TypeElement) derivative.getEnclosingElement()).getSimpleName() + "." + derivative.getSimpleName(),
              declaring.getSimpleName() + "." + name, companionPackage());
        }
      }
      return new Expr.Call(custom.get(), args, Type.DOUBLE);
    }
    if (declared.equals(MATH) || declared.equals(STRICT_MATH)) {
      Optional<MathFn> fn = MathFn.byName(name).filter(f -> f.arity() == args.size());
      if (fn.isPresent()) {
        return new Expr.Call(new Callee.MathFunction(declared, fn.get()), args, returnType.get());
      }
    }
    if (Signatures.isDifferentiable(method)) {
      if (!resolver.reachable(declaring)) {
        throw inaccessible(new Found<>(declaring, declaring), "class " + declaring.getSimpleName(), pos);
      }
      List<Param> params = Signatures.parametersOfCallee(method).orElse(List.of());
      if (params.size() == args.size()) {
        Type result = Signatures.resultType(method);
        String out = Signatures.outParameter(method);
        int outIndex = -1;
        for (int i = 0; i < params.size(); i++) {
          if (params.get(i).name().equals(out)) {
            outIndex = i;
          }
        }
        Callee.Differentiable callee = new Callee.Differentiable(declared, name, params, result, outIndex);
        return new Expr.Call(callee, args, result == Type.DOUBLE ? Type.DOUBLE : out != null ? null : result);
      }
    }
    String overload = resolver.methods(declaring, name).stream()
        .map(Found::element)
        .filter(m -> m != method && Signatures.isDifferentiable(m))
        .map(this::signature)
        .findFirst()
        .orElse(null);
    Callee.Source source = new Callee.Source(signature(method), overload, ParameterWrites.of(trees, method));
    return new Expr.Call(new Callee.StaticMethod(resolver.qualifier(found), name, source), args, returnType.get());
  }

  /** {@code C.g(double, int)}, {@code Outer.Inner.g(double[])}. */
  String signature(ExecutableElement m) {
    ClassName owner = ClassName.get((TypeElement) m.getEnclosingElement());
    // p.Math, not Math, where a class shadows one of java.lang.
    boolean shadowsJavaLang = !owner.packageName().equals("java.lang")
        && elements.getTypeElement("java.lang." + owner.simpleNames().get(0)) != null;
    String shown = shadowsJavaLang ? owner.canonicalName() : String.join(".", owner.simpleNames());
    return shown + "." + m.getSimpleName() + "("
        + String.join(", ", m.getParameters().stream().map(p -> simpleType(p.asType().toString())).toList()) + ")";
  }

  private static String simpleType(String type) {
    return type.replaceAll("\\b[\\w$]+\\.", "");
  }
}
