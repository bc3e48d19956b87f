package dev.chainrule.processor.frontend;

import com.palantir.javapoet.ClassName;
import dev.chainrule.processor.diagnostics.Message;
import dev.chainrule.processor.diagnostics.Problem;
import dev.chainrule.processor.ir.Callee;
import dev.chainrule.processor.ir.Param;
import dev.chainrule.processor.ir.Pos;
import dev.chainrule.processor.ir.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;

/**
 * The {@code @CustomDerivative} methods of a compilation, checked against their targets and
 * indexed by target, so the frontend can turn a call of the target into a {@link Callee.Custom}.
 */
public final class CustomDerivatives {
  public static final String ANNOTATION = "dev.chainrule.CustomDerivative";

  private final Map<String, Target> byTarget = new HashMap<>();

  private record Target(ExecutableElement method, List<Callee.Partial> partials, Map<Integer, ExecutableElement> sources,
      List<Callee.Partial> tangents, Map<Integer, ExecutableElement> tangentSources) {}

  /**
   * Checks one {@code @CustomDerivative} method and records it.
   *
   * @param pos where the annotation is, for diagnostics
   * @throws Problem if it does not pair with its target
   */
  public void add(ExecutableElement derivative, Pos pos) {
    String name = derivative.getSimpleName().toString();
    if (!derivative.getModifiers().contains(Modifier.STATIC) || derivative.getModifiers().contains(Modifier.PRIVATE)) {
      throw new Problem(Message.CUSTOM_NOT_STATIC, pos, name);
    }
    AnnotationMirror annotation = Signatures.annotation(derivative, ANNOTATION).orElseThrow();
    TypeElement owner = (TypeElement) derivative.getEnclosingElement();
    String method = "";
    String wrt = "";
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e : annotation.getElementValues().entrySet()) {
      String key = e.getKey().getSimpleName().toString();
      Object value = e.getValue().getValue();
      if (key.equals("of") && value instanceof DeclaredType t && !t.toString().equals(ANNOTATION)) {
        owner = (TypeElement) t.asElement();
      } else if (key.equals("method")) {
        method = (String) value;
      } else if (key.equals("wrt")) {
        wrt = (String) value;
      }
    }
    String methodName = method;
    List<ExecutableElement> candidates = ElementFilter.methodsIn(owner.getEnclosedElements()).stream()
        .filter(m -> m.getSimpleName().contentEquals(methodName) && m.getModifiers().contains(Modifier.STATIC))
        .toList();
    String ownerName = owner.getSimpleName().toString();
    if (candidates.isEmpty()) {
      throw new Problem(Message.CUSTOM_NO_TARGET, pos, ownerName, method, ownerName);
    }
    List<? extends VariableElement> params = derivative.getParameters();
    ExecutableElement target = candidates.stream()
        .filter(m -> startsWith(params, m.getParameters()))
        .max((a, b) -> Integer.compare(a.getParameters().size(), b.getParameters().size()))
        .orElseThrow(() -> new Problem(Message.CUSTOM_SIGNATURE, pos, name,
            describe(candidates.get(0)), "it takes (" + types(params) + ")"));
    String targetName = ownerName + "." + method;
    List<Param> targetParams = parameters(target, pos, targetName);
    int index = wrtIndex(targetParams, wrt, pos, targetName);
    Param p = targetParams.get(index);
    List<? extends VariableElement> rest = params.subList(targetParams.size(), params.size());
    boolean takesResult;
    boolean tangentForm = false;
    if (p.type() == Type.DOUBLE) {
      boolean ok = derivative.getReturnType().getKind() == TypeKind.DOUBLE && rest.size() <= 1
          && rest.stream().allMatch(v -> v.asType().getKind() == TypeKind.DOUBLE);
      if (!ok) {
        throw new Problem(Message.CUSTOM_SHAPE, pos, p.name(), targetName,
            "double " + name + "(" + types(target.getParameters()) + "[, double result]) returning ∂"
                + method + "/∂" + p.name());
      }
      takesResult = rest.size() == 1;
    } else {
      int n = rest.size();
      boolean last = n >= 1 && Signatures.typeOf(rest.get(n - 1).asType()).orElse(null) == Type.DOUBLE_ARRAY;
      boolean pullback = derivative.getReturnType().getKind() == TypeKind.VOID && (n == 2 || n == 3) && last
          && rest.subList(0, n - 1).stream().allMatch(v -> v.asType().getKind() == TypeKind.DOUBLE);
      boolean tangent = derivative.getReturnType().getKind() == TypeKind.DOUBLE && (n == 1 || n == 2) && last
          && rest.subList(0, n - 1).stream().allMatch(v -> v.asType().getKind() == TypeKind.DOUBLE);
      if (!pullback && !tangent) {
        throw new Problem(Message.CUSTOM_SHAPE, pos, p.name(), targetName,
            "void " + name + "(" + types(target.getParameters())
                + "[, double result], double seed, double[] adjoint) adding seed × ∂" + method + "/∂"
                + p.name() + "[i] into adjoint[i] (reverse mode), or double " + name + "("
                + types(target.getParameters()) + "[, double result], double[] tangent) returning Σ ∂"
                + method + "/∂" + p.name() + "[i] · tangent[i] (forward mode)");
      }
      tangentForm = tangent;
      takesResult = tangent ? n == 2 : n == 3;
    }
    String key = key(target);
    Target entry = byTarget.computeIfAbsent(key,
        k -> new Target(target, new ArrayList<>(), new HashMap<>(), new ArrayList<>(), new HashMap<>()));
    ExecutableElement previous = (tangentForm ? entry.tangentSources() : entry.sources()).putIfAbsent(index, derivative);
    if (previous != null) {
      throw new Problem(Message.CUSTOM_DUPLICATE, pos, targetName, p.name(),
          ((TypeElement) previous.getEnclosingElement()).getSimpleName() + "." + previous.getSimpleName());
    }
    Callee.Partial partial = new Callee.Partial(index, ClassName.get((TypeElement) derivative.getEnclosingElement()),
        name, takesResult, p.type() == Type.DOUBLE_ARRAY);
    (tangentForm ? entry.tangents() : entry.partials()).add(partial);
  }

  /** The callee for a call of {@code target}, if it has custom derivatives. */
  Optional<Callee.Custom> calleeFor(ExecutableElement target) {
    Target t = byTarget.get(key(target));
    if (t == null) {
      return Optional.empty();
    }
    List<Param> params = new ArrayList<>();
    for (int i = 0; i < target.getParameters().size(); i++) {
      VariableElement v = target.getParameters().get(i);
      Type type = Signatures.typeOf(v.asType()).orElseThrow();
      params.add(new Param(v.getSimpleName().toString(), type,
          t.sources().containsKey(i) || t.tangentSources().containsKey(i)));
    }
    return Optional.of(new Callee.Custom(ClassName.get((TypeElement) target.getEnclosingElement()),
        target.getSimpleName().toString(), params, t.partials(), t.tangents()));
  }

  /** The {@code @CustomDerivative} methods of {@code target} (none if it has none). */
  List<ExecutableElement> derivativesOf(ExecutableElement target) {
    Target t = byTarget.get(key(target));
    return t == null ? List.of() : List.copyOf(t.sources().values());
  }

  private static List<Param> parameters(ExecutableElement target, Pos pos, String targetName) {
    if (target.getReturnType().getKind() != TypeKind.DOUBLE || target.getModifiers().contains(Modifier.PRIVATE)) {
      throw new Problem(Message.CUSTOM_TARGET_TYPE, pos, targetName);
    }
    List<Param> out = new ArrayList<>();
    for (VariableElement v : target.getParameters()) {
      Optional<Type> t = Signatures.typeOf(v.asType());
      if (t.isEmpty() || t.get().rank() > 1) {
        throw new Problem(Message.CUSTOM_TARGET_TYPE, pos, targetName);
      }
      out.add(new Param(v.getSimpleName().toString(), t.get(), t.get().isDifferentiable()));
    }
    return out;
  }

  private static int wrtIndex(List<Param> params, String wrt, Pos pos, String targetName) {
    if (wrt.isEmpty()) {
      List<Integer> differentiable = new ArrayList<>();
      for (int i = 0; i < params.size(); i++) {
        if (params.get(i).differentiated()) {
          differentiable.add(i);
        }
      }
      if (differentiable.size() != 1) {
        throw new Problem(Message.CUSTOM_WRT, pos, targetName,
            "it has " + differentiable.size() + " double or double[] parameters");
      }
      return differentiable.get(0);
    }
    for (int i = 0; i < params.size(); i++) {
      if (params.get(i).name().equals(wrt) || wrt.equals(Integer.toString(i))) {
        if (!params.get(i).differentiated()) {
          throw new Problem(Message.CUSTOM_WRT, pos, targetName, "parameter '" + wrt + "' is not double or double[]");
        }
        return i;
      }
    }
    throw new Problem(Message.CUSTOM_WRT, pos, targetName, "it has no parameter '" + wrt + "'");
  }

  private static boolean startsWith(List<? extends VariableElement> params, List<? extends VariableElement> prefix) {
    if (params.size() < prefix.size()) {
      return false;
    }
    for (int i = 0; i < prefix.size(); i++) {
      if (!sameType(params.get(i).asType(), prefix.get(i).asType())) {
        return false;
      }
    }
    return true;
  }

  private static boolean sameType(TypeMirror a, TypeMirror b) {
    return a.toString().equals(b.toString());
  }

  private static String key(ExecutableElement m) {
    return ((TypeElement) m.getEnclosingElement()).getQualifiedName() + "#" + m.getSimpleName()
        + "(" + types(m.getParameters()) + ")";
  }

  private static String types(List<? extends VariableElement> params) {
    return String.join(", ", params.stream().map(v -> v.asType().toString()).toList());
  }

  private static String describe(ExecutableElement m) {
    return ((TypeElement) m.getEnclosingElement()).getSimpleName() + "." + m.getSimpleName() + "(" + types(m.getParameters()) + ")";
  }
}
