package dev.chainrule.processor.frontend;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ImportTree;
import com.sun.source.tree.MemberSelectTree;
import dev.chainrule.processor.ir.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/**
 * Resolves class, method and field names syntactically, as javac would for a static context: the
 * trees are not attributed while annotation processing runs, so names are looked up through the
 * enclosing classes, the imports, the package and {@code java.lang}.
 */
final class Resolver {
  private final Elements elements;
  private final TypeElement enclosing;
  private final CompilationUnitTree unit;

  Resolver(Elements elements, TypeElement enclosing, CompilationUnitTree unit) {
    this.elements = elements;
    this.enclosing = enclosing;
    this.unit = unit;
  }

  TypeElement enclosing() {
    return enclosing;
  }

  /** A class named by a simple or dotted name ({@code Math}, {@code Outer.Inner}, {@code java.lang.Math}). */
  Optional<TypeElement> type(String dotted) {
    String[] parts = dotted.split("\\.");
    Optional<TypeElement> first = simpleType(parts[0]);
    if (first.isPresent()) {
      return nested(first.get(), parts, 1);
    }
    for (int k = parts.length; k >= 1; k--) {
      TypeElement t = elements.getTypeElement(String.join(".", List.of(parts).subList(0, k)));
      if (t != null) {
        return nested(t, parts, k);
      }
    }
    return Optional.empty();
  }

  private Optional<TypeElement> nested(TypeElement start, String[] parts, int from) {
    TypeElement current = start;
    for (int i = from; i < parts.length; i++) {
      Optional<TypeElement> member = memberType(current, parts[i]);
      if (member.isEmpty()) {
        return Optional.empty();
      }
      current = member.get();
    }
    return Optional.of(current);
  }

  private static Optional<TypeElement> memberType(TypeElement owner, String name) {
    return ElementFilter.typesIn(owner.getEnclosedElements()).stream()
        .filter(t -> t.getSimpleName().contentEquals(name))
        .findFirst();
  }

  private Optional<TypeElement> simpleType(String name) {
    for (Element e = enclosing; e instanceof TypeElement type; e = e.getEnclosingElement()) {
      if (type.getSimpleName().contentEquals(name)) {
        return Optional.of(type);
      }
      Optional<TypeElement> member = memberType(type, name);
      if (member.isPresent()) {
        return member;
      }
    }
    for (ImportTree imp : unit.getImports()) {
      if (!imp.isStatic()) {
        MemberSelectTree id = (MemberSelectTree) imp.getQualifiedIdentifier();
        if (id.getIdentifier().contentEquals(name)) {
          return Optional.ofNullable(elements.getTypeElement(id.toString()));
        }
      }
    }
    PackageElement pkg = elements.getPackageOf(enclosing);
    String local = pkg.isUnnamed() ? name : pkg.getQualifiedName() + "." + name;
    TypeElement inPackage = elements.getTypeElement(local);
    if (inPackage != null) {
      return Optional.of(inPackage);
    }
    for (ImportTree imp : unit.getImports()) {
      MemberSelectTree id = (MemberSelectTree) imp.getQualifiedIdentifier();
      if (!imp.isStatic() && id.getIdentifier().contentEquals("*")) {
        String prefix = id.getExpression().toString();
        TypeElement t = elements.getTypeElement(prefix + "." + name);
        if (t != null) {
          return Optional.of(t);
        }
      }
    }
    return Optional.ofNullable(elements.getTypeElement("java.lang." + name));
  }

  /** The classes in which an unqualified static member {@code name} may be declared, nearest first. */
  List<TypeElement> ownersOfUnqualified(String name, ElementKind kind) {
    List<TypeElement> owners = new ArrayList<>();
    for (Element e = enclosing; e instanceof TypeElement type; e = e.getEnclosingElement()) {
      if (hasMember(type, name, kind)) {
        owners.add(type);
        return owners;
      }
    }
    for (ImportTree imp : unit.getImports()) {
      if (imp.isStatic()) {
        MemberSelectTree id = (MemberSelectTree) imp.getQualifiedIdentifier();
        String member = id.getIdentifier().toString();
        if (member.equals(name) || member.equals("*")) {
          type(id.getExpression().toString())
              .filter(t -> hasMember(t, name, kind))
              .ifPresent(owners::add);
        }
      }
    }
    return owners;
  }

  private static boolean hasMember(TypeElement type, String name, ElementKind kind) {
    return type.getEnclosedElements().stream()
        .anyMatch(m -> m.getKind() == kind && m.getSimpleName().contentEquals(name));
  }

  Optional<VariableElement> field(TypeElement owner, String name) {
    return ElementFilter.fieldsIn(owner.getEnclosedElements()).stream()
        .filter(f -> f.getSimpleName().contentEquals(name))
        .findFirst();
  }

  /** Static methods of {@code owner} named {@code name} that accept arguments of these types. */
  List<ExecutableElement> applicable(TypeElement owner, String name, List<Type> argTypes) {
    List<ExecutableElement> candidates = new ArrayList<>();
    for (ExecutableElement m : ElementFilter.methodsIn(owner.getEnclosedElements())) {
      if (m.getSimpleName().contentEquals(name)
          && m.getModifiers().contains(Modifier.STATIC)
          && !m.isVarArgs()
          && m.getParameters().size() == argTypes.size()
          && accepts(m, argTypes)) {
        candidates.add(m);
      }
    }
    if (candidates.size() <= 1) {
      return candidates;
    }
    List<ExecutableElement> mostSpecific = new ArrayList<>();
    for (ExecutableElement m : candidates) {
      if (candidates.stream().allMatch(other -> other == m || moreSpecific(m, other))) {
        mostSpecific.add(m);
      }
    }
    return mostSpecific.isEmpty() ? candidates : mostSpecific;
  }

  private static boolean accepts(ExecutableElement m, List<Type> argTypes) {
    for (int i = 0; i < argTypes.size(); i++) {
      Optional<Type> param = Signatures.typeOf(m.getParameters().get(i).asType());
      if (param.isEmpty() || !param.get().acceptsAssignmentFrom(argTypes.get(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean moreSpecific(ExecutableElement a, ExecutableElement b) {
    for (int i = 0; i < a.getParameters().size(); i++) {
      Type pa = Signatures.typeOf(a.getParameters().get(i).asType()).orElseThrow();
      Type pb = Signatures.typeOf(b.getParameters().get(i).asType()).orElseThrow();
      if (!pb.acceptsAssignmentFrom(pa)) {
        return false;
      }
    }
    return true;
  }

  static boolean isPrivate(Element e) {
    return e.getModifiers().contains(Modifier.PRIVATE);
  }
}
