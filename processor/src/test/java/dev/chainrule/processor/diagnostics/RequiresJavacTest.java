package dev.chainrule.processor.diagnostics;

import static com.google.common.truth.Truth.assertThat;

import dev.chainrule.processor.DifferentiableProcessor;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import javax.annotation.processing.Messager;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.tools.Diagnostic;
import org.junit.jupiter.api.Test;

/**
 * Under a compiler without the com.sun.source tree API (ECJ, some IDE wrappers) {@code
 * Trees.instance} refuses the processing environment. The processor must then report one clear
 * error at the annotated method instead of failing. compile-testing always runs javac, so this test
 * drives the processor with a stand-in environment built from proxies.
 */
class RequiresJavacTest {

  @Test
  void reportsThatItNeedsJavac() {
    List<String> errors = new ArrayList<>();
    List<Element> reportedAt = new ArrayList<>();
    ExecutableElement method = fake(ExecutableElement.class, Map.of());
    TypeElement annotation = fake(TypeElement.class, Map.of());
    Messager messager = fake(Messager.class, Map.of("printMessage", args -> {
      if (args[0] == Diagnostic.Kind.ERROR) {
        errors.add(args[1].toString());
        reportedAt.add(args.length > 2 ? (Element) args[2] : null);
      }
      return null;
    }));
    Elements elements = fake(Elements.class, Map.of("getTypeElement", args -> annotation));
    ProcessingEnvironment env = fake(ProcessingEnvironment.class, Map.of(
        "getMessager", args -> messager,
        "getElementUtils", args -> elements));
    RoundEnvironment round = fake(RoundEnvironment.class, Map.of(
        "getElementsAnnotatedWith", args -> Set.of(method)));

    DifferentiableProcessor processor = new DifferentiableProcessor();
    processor.init(env);
    boolean claimed = processor.process(Set.of(annotation), round);

    assertThat(claimed).isFalse();
    assertThat(errors).hasSize(1);
    assertThat(errors.get(0)).contains("ChainRule requires javac");
    assertThat(errors.get(0)).contains("com.sun.source tree API");
    assertThat(errors.get(0)).contains("build with javac");
    assertThat(errors.get(0)).doesNotContain("internal error");
    assertThat(reportedAt).containsExactly(method);
  }

  /**
   * A proxy implementing {@code type}: the named methods answer through {@code answers}, the
   * identity methods by identity, everything else with null, false or zero.
   */
  private static <T> T fake(Class<T> type, Map<String, Function<Object[], Object>> answers) {
    Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (self, m, args) -> {
      Object[] given = args == null ? new Object[0] : args;
      switch (m.getName()) {
        case "equals":
          return self == given[0];
        case "hashCode":
          return System.identityHashCode(self);
        case "toString":
          return "fake " + type.getSimpleName();
        default:
          break;
      }
      Function<Object[], Object> answer = answers.get(m.getName());
      if (answer != null) {
        return answer.apply(given);
      }
      Class<?> result = m.getReturnType();
      if (result == boolean.class) {
        return false;
      }
      if (result.isPrimitive() && result != void.class) {
        return result == long.class ? 0L : result == double.class ? 0.0 : result == float.class ? 0f : 0;
      }
      return null;
    });
    return type.cast(proxy);
  }
}
