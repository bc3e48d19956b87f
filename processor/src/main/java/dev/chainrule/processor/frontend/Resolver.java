package dev.chainrule.processor.frontend;

import com.palantir.javapoet.ClassName;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ImportTree;
import com.sun.source.tree.MemberSelectTree;
import dev.chainrule.processor.ir.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * Resolves class, method and field names as javac does for code in a static method, without
 * attributing the trees (they are not attributed while annotation processing runs).
 *
 * <p>What a class's members are — declared and inherited through the superclass and interface
 * chain, minus the ones that are not inherited (private, package-private across packages, static
 * interface methods) — and which member hides which, comes from javac itself through
 * {@link Elements#getAllMembers} and {@link Elements#hides}. The order in which scopes shadow each
 * other is javac's ({@code Resolve.findType}, {@code findVar}, {@code findFun}; JLS 6.4.1):
 *
 * <ol>
 *   <li>parameters and locals (the caller looks those up first);
 *   <li>the members of each enclosing class, innermost first, inherited ones included — the first
 *       class that has a member of that name and kind decides (for methods even if none of its
 *       overloads applies, as javac's "comb rule" does);
 *   <li>single-type and single-static imports, and the classes of the compilation unit;
 *   <li>the classes of the package (types only);
 *   <li>on-demand imports ({@code import p.*}, {@code import static p.C.*}) and {@code java.lang}.
 * </ol>
 */
final class Resolver {
  private final Elements elements;
  private final TypeElement enclosing;
  private final CompilationUnitTree unit;
  private final PackageElement pkg;
  /** Per class, its members (declared and inherited) by simple name. */
  private final Map<TypeElement, Map<String, List<Element>>> members = new HashMap<>();

  /** A member and the class through which it was found (its declaring class or a subclass). */
  record Found<E extends Element>(E element, TypeElement through) {}

  Resolver(Elements elements, TypeElement enclosing, CompilationUnitTree unit) {
    this.elements = elements;
    this.enclosing = enclosing;
    this.unit = unit;
    this.pkg = elements.getPackageOf(enclosing);
  }

  TypeElement enclosing() {
    return enclosing;
  }

  // ---------------------------------------------------------------- types

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

  /** A member class of {@code owner}, declared or inherited. */
  Optional<TypeElement> memberType(TypeElement owner, String name) {
    return visible(owner, name, Resolver::isType).stream().map(TypeElement.class::cast).findFirst();
  }

  private Optional<TypeElement> simpleType(String name) {
    for (Element e = enclosing; e instanceof TypeElement type; e = e.getEnclosingElement()) {
      Optional<TypeElement> member = memberType(type, name);
      if (member.isPresent()) {
        return member;
      }
    }
    for (ImportTree imp : unit.getImports()) {
      MemberSelectTree id = (MemberSelectTree) imp.getQualifiedIdentifier();
      if (!id.getIdentifier().contentEquals(name)) {
        continue;
      }
      if (!imp.isStatic()) {
        return Optional.ofNullable(elements.getTypeElement(id.toString()));
      }
      Optional<TypeElement> imported = imported(id.getExpression().toString()).flatMap(t -> memberType(t, name))
          .filter(t -> t.getModifiers().contains(Modifier.STATIC));
      if (imported.isPresent()) {
        return imported;
      }
    }
    String local = pkg.isUnnamed() ? name : pkg.getQualifiedName() + "." + name;
    TypeElement inPackage = elements.getTypeElement(local);
    if (inPackage != null) {
      return Optional.of(inPackage);
    }
    for (ImportTree imp : unit.getImports()) {
      MemberSelectTree id = (MemberSelectTree) imp.getQualifiedIdentifier();
      if (!id.getIdentifier().contentEquals("*")) {
        continue;
      }
      String prefix = id.getExpression().toString();
      Optional<TypeElement> t;
      if (imp.isStatic()) {
        t = imported(prefix).flatMap(owner -> memberType(owner, name))
            .filter(m -> m.getModifiers().contains(Modifier.STATIC));
      } else {
        // import p.*; or import p.Outer.*; (the member classes of Outer)
        TypeElement direct = elements.getTypeElement(prefix + "." + name);
        t = direct != null ? Optional.of(direct)
            : Optional.ofNullable(elements.getTypeElement(prefix)).flatMap(owner -> memberType(owner, name));
      }
      if (t.isPresent()) {
        return t;
      }
    }
    return Optional.ofNullable(elements.getTypeElement("java.lang." + name));
  }

  /**
   * The class an import names: imports use canonical names, resolved from the top level (never
   * through the imports themselves), walking member classes where a name is inherited.
   */
  private Optional<TypeElement> imported(String canonical) {
    TypeElement direct = elements.getTypeElement(canonical);
    if (direct != null) {
      return Optional.of(direct);
    }
    String[] parts = canonical.split("\\.");
    for (int k = parts.length - 1; k >= 1; k--) {
      TypeElement t = elements.getTypeElement(String.join(".", List.of(parts).subList(0, k)));
      if (t != null) {
        return nested(t, parts, k);
      }
    }
    return Optional.empty();
  }

  // ---------------------------------------------------------------- fields

  /** The field an unqualified name refers to (after parameters and locals), if any. */
  Optional<Found<VariableElement>> unqualifiedField(String name) {
    for (Element e = enclosing; e instanceof TypeElement type; e = e.getEnclosingElement()) {
      Optional<VariableElement> f = field(type, name);
      if (f.isPresent()) {
        return Optional.of(new Found<>(f.get(), type));
      }
    }
    for (boolean onDemand : new boolean[] {false, true}) {
      for (TypeElement owner : staticImportOwners(name, onDemand)) {
        Optional<VariableElement> f = field(owner, name).filter(v -> v.getModifiers().contains(Modifier.STATIC));
        if (f.isPresent()) {
          return Optional.of(new Found<>(f.get(), owner));
        }
      }
    }
    return Optional.empty();
  }

  /** A field of {@code owner}, declared or inherited, that no other field of that name hides. */
  Optional<VariableElement> field(TypeElement owner, String name) {
    return visible(owner, name, e -> e.getKind() == ElementKind.FIELD).stream()
        .map(VariableElement.class::cast).findFirst();
  }

  // ---------------------------------------------------------------- methods

  /**
   * The methods an unqualified call {@code name(...)} chooses among: those of the innermost
   * enclosing class that has a method of that name (declared or inherited); else those of the
   * single-static imports of that name; else those of the on-demand static imports. Each comes
   * with the class through which it was found.
   */
  List<Found<ExecutableElement>> unqualifiedMethods(String name) {
    for (Element e = enclosing; e instanceof TypeElement type; e = e.getEnclosingElement()) {
      List<Found<ExecutableElement>> found = methods(type, name);
      if (!found.isEmpty()) {
        return found;
      }
    }
    for (boolean onDemand : new boolean[] {false, true}) {
      List<Found<ExecutableElement>> found = new ArrayList<>();
      for (TypeElement owner : staticImportOwners(name, onDemand)) {
        methods(owner, name).stream()
            .filter(m -> m.element().getModifiers().contains(Modifier.STATIC))
            .forEach(found::add);
      }
      if (!found.isEmpty()) {
        return found;
      }
    }
    return List.of();
  }

  /** The methods named {@code name} of {@code owner}, declared or inherited, not hidden. */
  List<Found<ExecutableElement>> methods(TypeElement owner, String name) {
    List<Found<ExecutableElement>> out = new ArrayList<>();
    for (Element m : visible(owner, name, e -> e.getKind() == ElementKind.METHOD)) {
      out.add(new Found<>((ExecutableElement) m, owner));
    }
    return out;
  }

  /** Static methods among {@code candidates} that accept arguments of these types, most specific first. */
  List<Found<ExecutableElement>> applicable(List<Found<ExecutableElement>> candidates, List<Type> argTypes) {
    List<Found<ExecutableElement>> fit = new ArrayList<>();
    for (Found<ExecutableElement> f : candidates) {
      ExecutableElement m = f.element();
      if (m.getModifiers().contains(Modifier.STATIC)
          && !m.isVarArgs()
          && m.getParameters().size() == argTypes.size()
          && accepts(m, argTypes)) {
        fit.add(f);
      }
    }
    if (fit.size() <= 1) {
      return fit;
    }
    List<Found<ExecutableElement>> mostSpecific = new ArrayList<>();
    for (Found<ExecutableElement> m : fit) {
      if (fit.stream().allMatch(other -> other == m || moreSpecific(m.element(), other.element()))) {
        mostSpecific.add(m);
      }
    }
    return mostSpecific.isEmpty() ? fit : mostSpecific;
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

  // ---------------------------------------------------------------- membership and access

  /**
   * The members of {@code owner} named {@code name} of one kind, declared or inherited, without
   * those another of them hides (javac's own membership and hiding).
   */
  private List<Element> visible(TypeElement owner, String name, java.util.function.Predicate<Element> kind) {
    List<Element> named = new ArrayList<>();
    for (Element m : members.computeIfAbsent(owner, this::byName).getOrDefault(name, List.of())) {
      if (kind.test(m)) {
        named.add(m);
      }
    }
    if (named.size() <= 1) {
      return named;
    }
    List<Element> out = new ArrayList<>();
    for (Element m : named) {
      if (named.stream().noneMatch(other -> other != m && elements.hides(other, m))) {
        out.add(m);
      }
    }
    // Nearest declaration first: one declared in owner itself before inherited ones.
    out.sort((a, b) -> Boolean.compare(a.getEnclosingElement() != owner, b.getEnclosingElement() != owner));
    return out;
  }

  private Map<String, List<Element>> byName(TypeElement owner) {
    Map<String, List<Element>> index = new HashMap<>();
    for (Element m : elements.getAllMembers(owner)) {
      index.computeIfAbsent(m.getSimpleName().toString(), k -> new ArrayList<>()).add(m);
    }
    return index;
  }

  /** The classes named by static imports of {@code name}: single ({@code import static p.C.name}) or on demand. */
  private List<TypeElement> staticImportOwners(String name, boolean onDemand) {
    List<TypeElement> owners = new ArrayList<>();
    for (ImportTree imp : unit.getImports()) {
      if (imp.isStatic()) {
        MemberSelectTree id = (MemberSelectTree) imp.getQualifiedIdentifier();
        String member = id.getIdentifier().toString();
        if (onDemand ? member.equals("*") : member.equals(name)) {
          imported(id.getExpression().toString()).ifPresent(owners::add);
        }
      }
    }
    return owners;
  }

  private static boolean isType(Element e) {
    return e.getKind().isClass() || e.getKind().isInterface();
  }

  /**
   * How generated code names the class of {@code found}: its declaring class when the companion
   * (in the package of the enclosing class) can reach it, else the class it was found through (a
   * public class may inherit a public member from a class its package cannot see).
   */
  ClassName qualifier(Found<? extends Element> found) {
    TypeElement declaring = (TypeElement) found.element().getEnclosingElement();
    return ClassName.get(reachable(declaring) ? declaring : found.through());
  }

  /**
   * Whether code in the companion's package can use a member found through a class: the member
   * is public, or package-private or protected in that package (the companion is no subclass), and
   * its declaring class or the class it was found through can be named there.
   */
  boolean accessible(Found<? extends Element> found) {
    TypeElement declaring = (TypeElement) found.element().getEnclosingElement();
    return reachableMember(found.element()) && (reachable(declaring) || reachable(found.through()));
  }

  boolean reachableMember(Element member) {
    java.util.Set<Modifier> modifiers = member.getModifiers();
    if (modifiers.contains(Modifier.PUBLIC)) {
      return true;
    }
    if (modifiers.contains(Modifier.PRIVATE)) {
      return false;
    }
    return elements.getPackageOf(member).equals(pkg);
  }

  /** Whether a class and every class enclosing it can be named from the companion's package. */
  boolean reachable(TypeElement type) {
    for (Element e = type; e instanceof TypeElement t; e = e.getEnclosingElement()) {
      if (!reachableMember(t)) {
        return false;
      }
    }
    return true;
  }

  static boolean isPrivate(Element e) {
    return e.getModifiers().contains(Modifier.PRIVATE);
  }
}
