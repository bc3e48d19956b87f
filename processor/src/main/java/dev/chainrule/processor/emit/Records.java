package dev.chainrule.processor.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import java.util.List;
import javax.lang.model.element.Modifier;

/** What the generated records share: components, and a {@code toString} that shows arrays' contents. */
final class Records {
  private static final ClassName ARRAYS = ClassName.get("java.util", "Arrays");

  private Records() {}

  /** A record component: its name and Java type. */
  record Component(String name, TypeName type) {}

  /** A public record with these components (and an array-aware {@code toString} when any is an array). */
  static TypeSpec.Builder record(ClassName name, List<Component> components) {
    MethodSpec.Builder constructor = MethodSpec.constructorBuilder();
    components.forEach(c -> constructor.addParameter(c.type(), c.name()));
    TypeSpec.Builder record = TypeSpec.recordBuilder(name)
        .addModifiers(Modifier.PUBLIC)
        .recordConstructor(constructor.build());
    if (components.stream().noneMatch(c -> c.type() instanceof com.palantir.javapoet.ArrayTypeName)) {
      return record;
    }
    CodeBlock.Builder text = CodeBlock.builder();
    for (int i = 0; i < components.size(); i++) {
      Component c = components.get(i);
      String label = (i == 0 ? name.simpleName() + "[" : ", ") + c.name() + "=";
      CodeBlock part;
      if (c.type().equals(TypeName.get(double[].class))) {
        part = CodeBlock.of("$T.toString($N)", ARRAYS, c.name());
      } else if (c.type() instanceof com.palantir.javapoet.ArrayTypeName) {
        part = CodeBlock.of("$T.deepToString($N)", ARRAYS, c.name());
      } else {
        part = CodeBlock.of("$N", c.name());
      }
      text.add(i == 0 ? "return $S + $L" : " + $S + $L", label, part);
    }
    return record.addMethod(MethodSpec.methodBuilder("toString")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(String.class)
        .addStatement("$L + $S", text.build(), "]")
        .build());
  }
}
