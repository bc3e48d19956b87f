package dev.chainrule.processor.index;

import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import dev.chainrule.processor.ir.Method;
import dev.chainrule.processor.ir.Naming;
import dev.chainrule.processor.ir.Param;
import dev.chainrule.processor.reverse.Pullback;
import dev.chainrule.processor.symbolic.Graph;
import dev.chainrule.processor.symbolic.Partials;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * Writes the index of one class: {@code META-INF/chainrule/<binary name>.json} in the class output.
 *
 * <pre>{@code
 * { "format": 1,                        // a reader skips what it does not know; new fields may appear
 *   "class": "p.Pricing", "companion": "p.PricingDerivatives", "source": "Pricing.java",
 *   "methods": [ {
 *     "name": "price", "line": 17, "source": "...the method's source text...",
 *     "parameters": [ {"name": "apple", "type": "double", "differentiated": true}, ... ],
 *     "result": "double", "out": null,   // a vector result: "double[]" or "double[][]", maybe into an @Out parameter
 *     "checkPoints": {"min": -2, "max": 2, "lengths": [], "count": 3, "provider": ""},   // or null
 *     "derivatives": [                  // every derivative the companion holds, by contract name
 *       {"kind": "gradient", "method": "priceGradient", "type": "PriceGradient", "forms": 1, "source": "..."},
 *       {"kind": "pullback", "method": "pricePullback", "type": "PriceAdjoint", "forms": 1, "source": "..."},
 *       {"kind": "hvp", "method": "priceHvp", "type": "PriceHvp", "forms": 2, "source": "...",
 *        "work": "PriceAdjoint",          // the class of the allocation-free form, where there is one
 *        "tangentFields": {"apple": "appleTangent", ...},   // hvp, pullbackTangent, multiPullbackTangent:
 *        "hvpComponents": {"apple": "appleHvp", ...}} ],  // the adjoint's tangent fields, the HVP record's blocks
 *     "symbolic": {"closedForm": true, "reason": null,
 *                  "partials": [ {"wrt": "apple", "text": "count · tax", "mathml": "<math>...", "expr": [...]} ]},
 *     "graph": {"evaluable": true, "nodes": [ {"id": 0, "kind": "INPUT", "label": "apple", "value": ["var", "apple"],
 *               "inputs": [], "partials": [], ...}, ... ]} } ] }
 * }</pre>
 *
 * <p>Kinds are the suffixes of the naming contract with a lower-case first letter: {@code gradient},
 * {@code pullback}, {@code tangent}, {@code pushforward}, {@code multiPushforward}, {@code jacobian},
 * {@code jacobianForward}, {@code jacobianReverse}, {@code hvp}, {@code hessian}, {@code pullbackTangent},
 * {@code multiPullbackTangent}; the list is read from the generated companion itself, so a method
 * appears here as soon as the companion holds it.
 * Expressions are in the form {@link ExprJson} describes.
 */
public final class IndexWriter {
  /** The derivative kinds of the naming contract, by method-name suffix. */
  private static final List<String> KINDS = List.of("Gradient", "Pullback", "Tangent", "Pushforward", "MultiPushforward",
      "Jacobian", "JacobianForward", "JacobianReverse", "Hvp", "Hessian", "PullbackTangent", "MultiPullbackTangent");
  private static final String CHECK_POINTS = "dev.chainrule.CheckPoints";

  private IndexWriter() {}

  /**
   * Writes the index of {@code owner}; reports a warning (never an error, never an exception) if it
   * cannot, since the companion itself is fine.
   */
  public static void write(ProcessingEnvironment env, TypeElement owner, List<Pullback> pullbacks, JavaFile companion) {
    try {
      String text = Json.write(index(env, owner, pullbacks, companion));
      FileObject file = env.getFiler().createResource(StandardLocation.CLASS_OUTPUT, "",
          "META-INF/chainrule/" + env.getElementUtils().getBinaryName(owner) + ".json", owner);
      try (Writer w = file.openWriter()) {
        w.write(text);
      }
    } catch (IOException | RuntimeException e) {
      env.getMessager().printMessage(Diagnostic.Kind.WARNING,
          "ChainRule could not write its index of " + owner.getSimpleName() + " for chainrule-maven-plugin: " + e, owner);
    }
  }

  static Map<String, Object> index(ProcessingEnvironment env, TypeElement owner, List<Pullback> pullbacks, JavaFile companion) {
    Trees trees = Trees.instance(env);
    TypeSpec type = companion.typeSpec();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("format", 1);
    out.put("class", env.getElementUtils().getBinaryName(owner).toString());
    out.put("companion", companion.packageName().isEmpty() ? type.name() : companion.packageName() + "." + type.name());
    TreePath path = trees.getPath(owner);
    out.put("source", path == null ? null : fileName(path.getCompilationUnit()));
    List<Object> methods = new ArrayList<>();
    for (Pullback p : pullbacks) {
      methods.add(method(env, trees, owner, p.plan().method(), type));
    }
    out.put("methods", methods);
    return out;
  }

  private static Map<String, Object> method(ProcessingEnvironment env, Trees trees, TypeElement owner, Method method, TypeSpec companion) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", method.name());
    ExecutableElement element = element(owner, method.name());
    TreePath path = element == null ? null : trees.getPath(element);
    out.put("line", path == null ? -1 : line(trees, path));
    out.put("source", path == null ? null : sourceText(trees, path));
    List<Object> parameters = new ArrayList<>();
    for (Param p : method.parameters()) {
      parameters.add(ordered("name", p.name(), "type", p.type().javaName(), "differentiated", p.differentiated()));
    }
    out.put("parameters", parameters);
    out.put("result", method.result().javaName());
    out.put("out", method.outParam());
    out.put("checkPoints", element == null ? null : checkPoints(env, element));
    out.put("derivatives", derivatives(method, companion));
    out.put("symbolic", guarded(() -> symbolic(method)));
    out.put("graph", guarded(() -> graph(Graph.of(method))));
    return out;
  }

  private static List<Object> derivatives(Method method, TypeSpec companion) {
    String name = method.name();
    List<Object> out = new ArrayList<>();
    for (String suffix : KINDS) {
      String methodName = name + suffix;
      List<MethodSpec> forms = companion.methodSpecs().stream().filter(m -> m.name().equals(methodName)).toList();
      if (forms.isEmpty()) {
        continue;
      }
      String typeName = switch (suffix) {
        case "Pullback", "PullbackTangent", "MultiPullbackTangent" -> Naming.adjointClass(name);
        case "Pushforward" -> Naming.tangentWork(name);
        case "MultiPushforward" -> Naming.multiTangentWork(name);
        case "JacobianForward", "JacobianReverse" -> Naming.jacobianWork(name);
        default -> Naming.capitalize(name) + suffix;
      };
      String workName = switch (suffix) {
        case "Jacobian" -> Naming.jacobianWork(name);
        case "Hessian" -> Naming.hessianWork(name);
        case "Hvp" -> Naming.adjointClass(name);
        default -> null;
      };
      StringBuilder source = new StringBuilder();
      forms.forEach(m -> source.append(source.length() > 0 ? "\n" : "").append(m));
      String kind = Character.toLowerCase(suffix.charAt(0)) + suffix.substring(1);
      Map<String, Object> entry = ordered("kind", kind, "method", methodName, "type", hasType(companion, typeName) ? typeName : null,
          "forms", forms.size(), "source", source.toString());
      if (workName != null && hasType(companion, workName)) {
        entry.put("work", workName);
      }
      if (suffix.equals("Hvp") || suffix.endsWith("PullbackTangent")) {
        Map<String, Object> fields = new LinkedHashMap<>();
        Map<String, Object> components = new LinkedHashMap<>();
        for (Param p : method.parameters()) {
          if (p.differentiated()) {
            fields.put(p.name(), Naming.adjointTangentField(p.name(), method.parameters(), suffix.startsWith("Multi")));
            components.put(p.name(), Naming.hvpComponent(p.name()));
          }
        }
        entry.put("tangentFields", fields);
        if (suffix.equals("Hvp")) {
          entry.put("hvpComponents", components);
        }
      }
      out.add(entry);
    }
    return out;
  }

  private static boolean hasType(TypeSpec companion, String name) {
    return companion.typeSpecs().stream().anyMatch(t -> t.name().equals(name));
  }

  private static Map<String, Object> symbolic(Method method) {
    Partials partials = Partials.of(method);
    List<Object> list = new ArrayList<>();
    for (Partials.Partial p : partials.partials()) {
      list.add(ordered("wrt", p.wrt(), "text", p.text(), "mathml", partials.mathMl(p), "expr", ExprJson.of(p.formula())));
    }
    return ordered("closedForm", partials.isClosedForm(), "reason", partials.reason(), "partials", list);
  }

  private static Map<String, Object> graph(Graph graph) {
    List<Object> nodes = new ArrayList<>();
    for (Graph.Node n : graph.nodes()) {
      List<Object> partials = null;
      if (n.partials() != null) {
        partials = new ArrayList<>();
        for (var e : n.partials()) {
          partials.add(ExprJson.of(e));
        }
      }
      Map<String, Object> node = ordered("id", n.id(), "kind", n.kind().name(), "label", n.label(), "detail", n.detail(),
          "names", n.names(), "inputs", n.inputs(), "value", ExprJson.of(n.value()), "partials", partials);
      node.put("returns", n.returns());
      nodes.add(node);
    }
    return ordered("evaluable", graph.evaluable(), "nodes", nodes);
  }

  /** A symbolic view that fails says why, and the rest of the index is still written. */
  private static Object guarded(java.util.function.Supplier<Map<String, Object>> work) {
    try {
      return work.get();
    } catch (RuntimeException | StackOverflowError e) {
      return ordered("error", String.valueOf(e));
    }
  }

  private static Map<String, Object> checkPoints(ProcessingEnvironment env, ExecutableElement element) {
    for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
      Element type = mirror.getAnnotationType().asElement();
      if (!(type instanceof TypeElement t) || !t.getQualifiedName().contentEquals(CHECK_POINTS)) {
        continue;
      }
      Map<String, Object> out = new LinkedHashMap<>();
      env.getElementUtils().getElementValuesWithDefaults(mirror).forEach((k, v) -> out.put(k.getSimpleName().toString(), plain(v)));
      return out;
    }
    return null;
  }

  private static Object plain(AnnotationValue v) {
    Object value = v.getValue();
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>();
      list.forEach(item -> out.add(plain((AnnotationValue) item)));
      return out;
    }
    return value instanceof Number || value instanceof Boolean || value instanceof String ? value : String.valueOf(value);
  }

  private static ExecutableElement element(TypeElement owner, String name) {
    for (Element e : owner.getEnclosedElements()) {
      if (e instanceof ExecutableElement m && m.getSimpleName().contentEquals(name)
          && m.getAnnotationMirrors().stream().anyMatch(a -> a.getAnnotationType().toString().equals("dev.chainrule.Differentiable"))) {
        return m;
      }
    }
    return null;
  }

  private static long line(Trees trees, TreePath path) {
    CompilationUnitTree unit = path.getCompilationUnit();
    long start = trees.getSourcePositions().getStartPosition(unit, path.getLeaf());
    return start < 0 ? -1 : unit.getLineMap().getLineNumber(start);
  }

  /** The method's own text, from the start of its line (so that indentation is kept). */
  private static String sourceText(Trees trees, TreePath path) {
    CompilationUnitTree unit = path.getCompilationUnit();
    SourcePositions positions = trees.getSourcePositions();
    Tree tree = path.getLeaf();
    long start = positions.getStartPosition(unit, tree);
    long end = positions.getEndPosition(unit, tree);
    try {
      CharSequence text = unit.getSourceFile().getCharContent(true);
      if (start < 0 || end > text.length()) {
        return null;
      }
      int from = (int) start;
      while (from > 0 && text.charAt(from - 1) != '\n') {
        from--;
      }
      return text.subSequence(from, (int) end).toString();
    } catch (IOException e) {
      return null;
    }
  }

  private static String fileName(CompilationUnitTree unit) {
    String name = unit.getSourceFile().getName();
    return name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
  }

  private static Map<String, Object> ordered(Object... keysAndValues) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      out.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return out;
  }
}
