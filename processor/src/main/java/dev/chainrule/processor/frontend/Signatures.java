package dev.chainrule.processor.frontend;

import dev.chainrule.processor.diagnostics.Message;
import dev.chainrule.processor.diagnostics.Problem;
import dev.chainrule.processor.ir.Param;
import dev.chainrule.processor.ir.Pos;
import dev.chainrule.processor.ir.Type;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntFunction;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/** The signature side of a differentiable method: what it may look like, and what it differentiates. */
public final class Signatures {
  public static final String DIFFERENTIABLE = "dev.chainrule.Differentiable";
  public static final String NO_DERIVATIVE = "dev.chainrule.NoDerivative";
  public static final String OUT = "dev.chainrule.Out";

  private Signatures() {}

  public static boolean isDifferentiable(Element element) {
    return annotation(element, DIFFERENTIABLE).isPresent();
  }

  static Optional<? extends AnnotationMirror> annotation(Element element, String name) {
    return element.getAnnotationMirrors().stream()
        .filter(a -> ((TypeElement) a.getAnnotationType().asElement()).getQualifiedName().contentEquals(name))
        .findFirst();
  }

  /** The IR type of a Java type, if ChainRule supports it. */
  public static Optional<Type> typeOf(TypeMirror type) {
    return switch (type.getKind()) {
      case DOUBLE -> Optional.of(Type.DOUBLE);
      case INT -> Optional.of(Type.INT);
      case LONG -> Optional.of(Type.LONG);
      case BOOLEAN -> Optional.of(Type.BOOLEAN);
      case ARRAY -> {
        TypeMirror component = ((ArrayType) type).getComponentType();
        Optional<Type> inner = typeOf(component);
        yield inner.flatMap(Signatures::arrayOf);
      }
      default -> Optional.empty();
    };
  }

  static Optional<Type> arrayOf(Type element) {
    return switch (element) {
      case DOUBLE -> Optional.of(Type.DOUBLE_ARRAY);
      case DOUBLE_ARRAY -> Optional.of(Type.DOUBLE_MATRIX);
      case INT -> Optional.of(Type.INT_ARRAY);
      case INT_ARRAY -> Optional.of(Type.INT_MATRIX);
      default -> Optional.empty();
    };
  }

  /**
   * Checks what the annotated method itself must be (static, with a body, reachable, returning
   * double) and reports the first problem at {@code pos}.
   */
  static void checkMethod(ExecutableElement method, Pos pos) {
    String name = method.getSimpleName().toString();
    Set<Modifier> modifiers = method.getModifiers();
    if (modifiers.contains(Modifier.ABSTRACT) || modifiers.contains(Modifier.NATIVE)) {
      throw new Problem(Message.NO_BODY, pos, name);
    }
    if (!modifiers.contains(Modifier.STATIC)) {
      throw new Problem(Message.NOT_STATIC, pos, name);
    }
    if (modifiers.contains(Modifier.PRIVATE)) {
      throw new Problem(Message.PRIVATE_METHOD, pos, name, companionName(method));
    }
    for (Element e = method.getEnclosingElement(); e instanceof TypeElement type; e = e.getEnclosingElement()) {
      if (type.getModifiers().contains(Modifier.PRIVATE)
          || type.getNestingKind() == NestingKind.LOCAL
          || type.getNestingKind() == NestingKind.ANONYMOUS) {
        throw new Problem(Message.INACCESSIBLE_CLASS, pos, name, describe(type));
      }
    }
    if (!method.getTypeParameters().isEmpty()) {
      throw new Problem(Message.GENERIC_METHOD, pos, name);
    }
    if (method.isVarArgs()) {
      throw new Problem(Message.VARARGS, pos, name);
    }
    TypeKind returns = method.getReturnType().getKind();
    boolean vector = typeOf(method.getReturnType()).filter(t -> t == Type.DOUBLE_ARRAY || t == Type.DOUBLE_MATRIX)
        .isPresent();
    long outs = method.getParameters().stream().filter(p -> annotation(p, OUT).isPresent()).count();
    if (returns == TypeKind.VOID && outs >= 1) {
      return;
    }
    if (returns != TypeKind.DOUBLE && !vector) {
      throw new Problem(Message.RETURN_TYPE, pos, name, method.getReturnType());
    }
  }

  /**
   * What a method computes: {@code DOUBLE}, the array type it returns, or the type of its
   * {@code @Out} parameter.
   */
  public static Type resultType(ExecutableElement method) {
    String out = outParameter(method);
    if (out != null) {
      return method.getParameters().stream().filter(p -> p.getSimpleName().contentEquals(out))
          .map(p -> typeOf(p.asType()).orElseThrow()).findFirst().orElseThrow();
    }
    return typeOf(method.getReturnType()).orElse(Type.DOUBLE);
  }

  /** The name of the method's {@code @Out} parameter, or null. */
  public static String outParameter(ExecutableElement method) {
    return method.getParameters().stream().filter(p -> annotation(p, OUT).isPresent())
        .map(p -> p.getSimpleName().toString()).findFirst().orElse(null);
  }

  private static String describe(TypeElement type) {
    return switch (type.getNestingKind()) {
      case LOCAL -> "local class " + type.getSimpleName();
      case ANONYMOUS -> "an anonymous class";
      default -> "private class " + type.getSimpleName();
    };
  }

  private static String companionName(ExecutableElement method) {
    TypeElement owner = (TypeElement) method.getEnclosingElement();
    return dev.chainrule.processor.ir.Naming.companionOf(
        com.palantir.javapoet.ClassName.get(owner)).simpleName();
  }

  /**
   * The parameters with their IR types and which ones the gradient includes: those named by
   * {@code wrt}, or by default every double, double[] and double[][] parameter not marked
   * {@code @NoDerivative}.
   *
   * @param paramPos where each parameter is, for diagnostics
   * @param annotationPos where the annotation is, for diagnostics about {@code wrt}
   */
  static List<Param> parameters(ExecutableElement method, IntFunction<Pos> paramPos, Pos annotationPos) {
    List<? extends VariableElement> declared = method.getParameters();
    Set<String> wrt = wrt(method);
    List<String> names = declared.stream().map(p -> p.getSimpleName().toString()).toList();
    for (String w : wrt) {
      if (!names.contains(w)) {
        throw new Problem(Message.WRT_UNKNOWN, annotationPos, w, method.getSimpleName(), names);
      }
    }
    List<Param> params = new ArrayList<>();
    for (int i = 0; i < declared.size(); i++) {
      VariableElement p = declared.get(i);
      String name = names.get(i);
      TypeMirror mirror = p.asType();
      Optional<Type> type = typeOf(mirror);
      if (type.isEmpty()) {
        String hint = mirror.getKind() == TypeKind.FLOAT ? " (use double instead of float)" : "";
        throw new Problem(Message.PARAMETER_TYPE, paramPos.apply(i), name, mirror, hint);
      }
      if (name.equals("value")) {
        throw new Problem(Message.PARAMETER_NAMED_VALUE, paramPos.apply(i));
      }
      boolean noDerivative = annotation(p, NO_DERIVATIVE).isPresent();
      boolean named = wrt.contains(name);
      if (annotation(p, OUT).isPresent()) {
        checkOut(method, p, type.get(), named || noDerivative, paramPos.apply(i));
        params.add(new Param(name, type.get(), false));
        continue;
      }
      if (named && !type.get().isDifferentiable()) {
        throw new Problem(Message.WRT_NOT_DIFFERENTIABLE, annotationPos, name, type.get().javaName());
      }
      if (named && noDerivative) {
        throw new Problem(Message.WRT_NO_DERIVATIVE, annotationPos, name);
      }
      boolean differentiated = wrt.isEmpty() ? type.get().isDifferentiable() && !noDerivative : named;
      if (differentiated && RESERVED_COMPONENTS.contains(name)) {
        throw new Problem(Message.PARAMETER_NAMED_LIKE_OBJECT_METHOD, paramPos.apply(i), name);
      }
      params.add(new Param(name, type.get(), differentiated));
    }
    checkSlots(method, params, annotationPos);
    return params;
  }

  private static void checkOut(ExecutableElement method, VariableElement p, Type type, boolean marked, Pos pos) {
    String name = p.getSimpleName().toString();
    if (type != Type.DOUBLE_ARRAY && type != Type.DOUBLE_MATRIX) {
      throw new Problem(Message.OUT_PARAMETER, pos, name, "has type " + type.javaName());
    }
    if (method.getReturnType().getKind() != TypeKind.VOID) {
      throw new Problem(Message.OUT_PARAMETER, pos, name, "is in a method that returns " + method.getReturnType());
    }
    if (method.getParameters().stream().filter(q -> annotation(q, OUT).isPresent()).count() > 1) {
      throw new Problem(Message.OUT_PARAMETER, pos, name, "is one of several @Out parameters");
    }
    if (marked) {
      throw new Problem(Message.OUT_PARAMETER, pos, name,
          "is also named in wrt or marked @NoDerivative (an output is never differentiated as an input)");
    }
  }

  /**
   * Names Java forbids for record components (JLS 8.10.1): a differentiated parameter becomes a
   * component of the gradient record.
   */
  private static final Set<String> RESERVED_COMPONENTS = Set.of(
      "clone", "finalize", "getClass", "hashCode", "notify", "notifyAll", "toString", "wait");

  /** The JVM's limit on a method's parameter slots (a double or long takes two, {@code this} one). */
  static final int MAX_SLOTS = 255;

  /**
   * The generated methods must fit the JVM's 255 parameter slots (a double or long takes two, a
   * reference one): the pullback takes the method's parameters plus the seed and the adjoint, the
   * pushforward the parameters plus a tangent per differentiated parameter and its workspace.
   * (The gradient record's constructor and the tangent method take fewer.)
   */
  private static void checkSlots(ExecutableElement method, List<Param> params, Pos pos) {
    int slots = 0;
    int tangents = 0;
    for (Param p : params) {
      int size = p.type() == Type.DOUBLE || p.type() == Type.LONG ? 2 : 1;
      slots += size;
      tangents += p.differentiated() ? size : 0;
    }
    int pullback = slots + 3;
    int pushforward = slots + tangents + 1;
    if (Math.max(pullback, pushforward) > MAX_SLOTS) {
      boolean forward = pushforward > pullback;
      throw new Problem(Message.TOO_MANY_PARAMETERS, pos, method.getSimpleName(), slots,
          forward ? "pushforward adds a tangent for each differentiated parameter and its workspace"
              : "pullback adds the seed and the adjoint",
          Math.max(pullback, pushforward), MAX_SLOTS);
    }
  }

  /**
   * Best-effort parameters of another differentiable method (from source or a class file), for
   * calling its pullback; problems there are reported at that method, not here.
   */
  public static Optional<List<Param>> parametersOfCallee(ExecutableElement method) {
    try {
      return Optional.of(parameters(method, i -> Pos.NONE, Pos.NONE));
    } catch (Problem e) {
      return Optional.empty();
    }
  }

  /** The highest derivative order the method's {@code @Differentiable} asks for (1 by default). */
  public static int order(ExecutableElement method) {
    return annotation(method, DIFFERENTIABLE)
        .flatMap(a -> a.getElementValues().entrySet().stream()
            .filter(e -> e.getKey().getSimpleName().contentEquals("order"))
            .map(e -> (Integer) e.getValue().getValue())
            .findFirst())
        .orElse(1);
  }

  /** Whether the method's {@code @Differentiable} allows numeric differentiation of opaque calls. */
  static boolean numericFallback(ExecutableElement method) {
    return annotation(method, DIFFERENTIABLE)
        .flatMap(a -> a.getElementValues().entrySet().stream()
            .filter(e -> e.getKey().getSimpleName().contentEquals("numericFallback"))
            .map(e -> (Boolean) e.getValue().getValue())
            .findFirst())
        .orElse(false);
  }

  private static Set<String> wrt(ExecutableElement method) {
    Set<String> names = new LinkedHashSet<>();
    annotation(method, DIFFERENTIABLE).ifPresent(a -> a.getElementValues().forEach((k, v) -> {
      if (k.getSimpleName().contentEquals("wrt")) {
        @SuppressWarnings("unchecked")
        List<? extends AnnotationValue> values = (List<? extends AnnotationValue>) v.getValue();
        values.forEach(value -> names.add((String) value.getValue()));
      }
    }));
    return names;
  }

  static boolean isMethod(Element e) {
    return e.getKind() == ElementKind.METHOD;
  }
}
