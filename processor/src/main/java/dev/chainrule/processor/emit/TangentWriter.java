package dev.chainrule.processor.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.chainrule.processor.forward.Pushforward;
import dev.chainrule.processor.ir.Method;
import dev.chainrule.processor.ir.Naming;
import dev.chainrule.processor.ir.Param;
import dev.chainrule.processor.ir.WorkField;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * Writes a method's forward mode into its companion: the record {@code <Method>Tangent}, the
 * convenient {@code <method>Tangent} that returns it, the allocation-free {@code <method>Pushforward}
 * and its workspace class {@code <Method>TangentWork}.
 */
final class TangentWriter {
  private TangentWriter() {}

  static void addTo(TypeSpec.Builder type, ClassName companion, Pushforward p, CodePrinter printer) {
    Method method = p.plan().method();
    ClassName record = companion.nestedClass(Naming.tangentRecord(method.name()));
    ClassName work = companion.nestedClass(Naming.tangentWork(method.name()));
    type.addMethod(tangentMethod(method, p, record, work));
    type.addMethod(pushforwardMethod(method, p, work, printer));
    type.addType(record(method, record));
    type.addType(workClass(method, p, work));
  }

  /** The method's parameters followed by one direction per differentiated parameter. */
  private static List<ParameterSpec> parameters(Method method, Pushforward p) {
    List<ParameterSpec> out = new ArrayList<>(CompanionWriter.parameters(method));
    for (Param param : method.differentiated()) {
      out.add(ParameterSpec.builder(CodePrinter.typeName(param.type()), p.tangentParams().get(param.name())).build());
    }
    return out;
  }

  private static String arguments(Method method, Pushforward p, String last) {
    List<String> names = new ArrayList<>();
    method.parameters().forEach(param -> names.add(param.name()));
    method.differentiated().forEach(param -> names.add(p.tangentParams().get(param.name())));
    names.add(last);
    return String.join(", ", names);
  }

  private static CodeBlock directionsDoc(Method method, Pushforward p) {
    CodeBlock.Builder doc = CodeBlock.builder();
    for (Param param : method.differentiated()) {
      doc.add("@param $L the direction for {@code $L}$L\n", p.tangentParams().get(param.name()), param.name(),
          param.type().isArray() ? ", with its shape" : "");
    }
    return doc.build();
  }

  private static MethodSpec tangentMethod(Method method, Pushforward p, ClassName record, ClassName work) {
    NameAllocator names = new NameAllocator();
    method.parameters().forEach(param -> names.newName(param.name()));
    p.tangentParams().values().forEach(names::newName);
    String workName = names.newName("work");
    String value = names.newName("value");
    return MethodSpec.methodBuilder(Naming.tangentMethod(method.name()))
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .addJavadoc("Value and directional derivative of {@link $T#$L}\n",
            method.owner(), CompanionWriter.javadocSignature(method))
        .addJavadoc("(forward mode, a Jacobian-vector product): one sweep that computes each tangent next to\n"
            + "its value.\n\n")
        .addJavadoc(directionsDoc(method, p))
        .addJavadoc("@return the value and {@code Σ ∂$L/∂p · pTangent} over the differentiated parameters\n",
            method.name())
        .returns(record)
        .addParameters(parameters(method, p))
        .addStatement("$T $N = new $T()", work, workName, work)
        .addStatement("double $N = $N($L)", value, Naming.pushforwardMethod(method.name()),
            arguments(method, p, workName))
        .addStatement("return new $T($N, $N.tangent)", record, value, workName)
        .build();
  }

  private static MethodSpec pushforwardMethod(Method method, Pushforward p, ClassName work, CodePrinter printer) {
    return MethodSpec.methodBuilder(Naming.pushforwardMethod(method.name()))
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .addJavadoc("Pushforward (Jacobian-vector product) of {@link $T#$L}:\n",
            method.owner(), CompanionWriter.javadocSignature(method))
        .addJavadoc("returns its value and leaves {@code Σ ∂$L/∂p · pTangent} in {@code $N.tangent}. It needs no\n"
            + "tape, and it allocates nothing once {@code $N} has been used with the same shapes.\n\n",
            method.name(), p.workName(), p.workName())
        .addJavadoc(directionsDoc(method, p))
        .addJavadoc("@param $N receives the tangent; also the pushforward's reusable workspace\n", p.workName())
        .addJavadoc("@return the value of {@code $L}\n", method.name())
        .returns(TypeName.DOUBLE)
        .addParameters(parameters(method, p))
        .addParameter(work, p.workName())
        .addCode(printer.statements(p.body()))
        .build();
  }

  private static TypeSpec record(Method method, ClassName record) {
    return TypeSpec.recordBuilder(record)
        .addModifiers(Modifier.PUBLIC)
        .addJavadoc("Value and directional derivative of {@link $T#$L}.\n\n", method.owner(),
            CompanionWriter.javadocSignature(method))
        .addJavadoc("@param value the value of {@code $L}\n", method.name())
        .addJavadoc("@param tangent its derivative in the given direction\n")
        .recordConstructor(MethodSpec.constructorBuilder()
            .addParameter(TypeName.DOUBLE, "value")
            .addParameter(TypeName.DOUBLE, "tangent")
            .build())
        .build();
  }

  private static TypeSpec workClass(Method method, Pushforward p, ClassName work) {
    TypeSpec.Builder type = TypeSpec.classBuilder(work)
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
        .addJavadoc("Where {@link #$L} leaves the tangent of {@link $T#$L}, and its reusable\n",
            Naming.pushforwardMethod(method.name()), method.owner(), CompanionWriter.javadocSignature(method))
        .addJavadoc("workspace (buffers for local arrays, the workspaces of the methods it calls). Not\n"
            + "thread-safe: use one per thread.\n")
        .addField(FieldSpec.builder(TypeName.DOUBLE, "tangent", Modifier.PUBLIC)
            .addJavadoc("The directional derivative the last call computed.\n").build());
    for (WorkField f : p.workFields()) {
      type.addField(CompanionWriter.workField(f));
    }
    return type.build();
  }
}
