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
  private static final ClassName WORKSPACE = ClassName.get("dev.chainrule.runtime", "Workspace");

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

  /**
   * Writes the multi-directional pushforward {@code <method>MultiPushforward} (k directions per
   * sweep) and its workspace {@code <Method>MultiTangentWork}.
   */
  static void addMultiTo(TypeSpec.Builder type, ClassName companion, Pushforward p, CodePrinter printer) {
    Method method = p.plan().method();
    ClassName work = companion.nestedClass(Naming.multiTangentWork(method.name()));
    List<ParameterSpec> params = new ArrayList<>(CompanionWriter.parameters(method));
    for (Param param : method.differentiated()) {
      params.add(ParameterSpec.builder(CodePrinter.typeName(param.type().arrayOf()),
          p.tangentParams().get(param.name())).build());
    }
    if (p.outTangent() != null) {
      params.add(ParameterSpec.builder(CodePrinter.typeName(method.result().arrayOf()), p.outTangent()).build());
    }
    params.add(ParameterSpec.builder(TypeName.INT, p.directions()).build());
    params.add(ParameterSpec.builder(work, p.workName()).build());
    MethodSpec.Builder m = MethodSpec.methodBuilder(Naming.multiPushforwardMethod(method.name()))
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .addJavadoc("Multi-directional pushforward of {@link $T#$L}: one sweep carrying\n",
            method.owner(), CompanionWriter.javadocSignature(method))
        .addJavadoc("{@code $N} directions at once. Each direction has one more dimension than its parameter\n"
            + "({@code x[i][d]} is direction d of {@code x[i]}), and so does the tangent it leaves in $L.\n"
            + "It allocates nothing once {@code $N} has been used with the same shapes.\n",
            p.directions(), p.outTangent() != null ? "{@code " + p.outTangent() + "}" : "{@code " + p.workName() + ".tangent}",
            p.workName())
        .addParameters(params)
        .addCode(printer.statements(p.body()));
    if (method.outParam() == null) {
      m.returns(CodePrinter.typeName(method.result()));
    }
    type.addMethod(m.build());
    TypeSpec.Builder w = TypeSpec.classBuilder(work)
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
        .addJavadoc("Where {@link #$L} leaves its tangents, and its reusable workspace. Not thread-safe:\n"
            + "use one per thread.\n", Naming.multiPushforwardMethod(method.name()));
    if (method.outParam() == null) {
      w.addField(FieldSpec.builder(CodePrinter.typeName(method.result().arrayOf()), "tangent", Modifier.PUBLIC)
          .addJavadoc("The tangents the last call computed, direction last.\n").build());
    }
    for (WorkField f : p.workFields()) {
      w.addField(CompanionWriter.workField(f));
    }
    type.addType(w.build());
  }

  /** The method's parameters followed by one direction per differentiated parameter. */
  private static List<ParameterSpec> parameters(Method method, Pushforward p) {
    List<ParameterSpec> out = new ArrayList<>(CompanionWriter.parameters(method));
    for (Param param : method.differentiated()) {
      out.add(ParameterSpec.builder(CodePrinter.typeName(param.type()), p.tangentParams().get(param.name())).build());
    }
    return out;
  }

  /** The pushforward's parameters: those of {@link #parameters}, and the @Out result's tangent buffer. */
  private static List<ParameterSpec> pushforwardParameters(Method method, Pushforward p) {
    List<ParameterSpec> out = parameters(method, p);
    if (p.outTangent() != null) {
      out.add(ParameterSpec.builder(CodePrinter.typeName(method.result()), p.outTangent()).build());
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
    TypeName resultType = CodePrinter.typeName(method.result());
    MethodSpec.Builder b = MethodSpec.methodBuilder(Naming.tangentMethod(method.name()))
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
        .addStatement("$T $N = new $T()", work, workName, work);
    if (method.outParam() != null) {
      String out = method.outParam();
      String tangent = names.newName("tangent");
      b.addStatement("$T $N = $L", resultType, tangent, method.result() == dev.chainrule.processor.ir.Type.DOUBLE_ARRAY
              ? CodeBlock.of("new double[$N.length]", out) : CodeBlock.of("$T.zerosLike($N)", WORKSPACE, out))
          .addStatement("$N($L)", Naming.pushforwardMethod(method.name()), arguments(method, p, tangent + ", " + workName))
          .addStatement("return new $T($N, $N)", record, out, tangent);
    } else {
      b.addStatement("$T $N = $N($L)", resultType, value, Naming.pushforwardMethod(method.name()),
              arguments(method, p, workName))
          .addStatement("return new $T($N, $N.tangent)", record, value, workName);
    }
    return b.build();
  }

  private static MethodSpec pushforwardMethod(Method method, Pushforward p, ClassName work, CodePrinter printer) {
    MethodSpec.Builder b = MethodSpec.methodBuilder(Naming.pushforwardMethod(method.name()))
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .addJavadoc("Pushforward (Jacobian-vector product) of {@link $T#$L}:\n",
            method.owner(), CompanionWriter.javadocSignature(method));
    String where = p.outTangent() != null ? "{@code " + p.outTangent() + "}" : "{@code " + p.workName() + ".tangent}";
    b.addJavadoc("$L and leaves {@code Σ ∂$L/∂p · pTangent} in $L. It needs no\n"
            + "tape, and it allocates nothing once {@code $N} has been used with the same shapes.\n",
        p.outTangent() != null ? "writes its result into {@code " + method.outParam() + "}" : "returns its value",
        method.name(), where, p.workName());
    if (method.isVectorValued() && method.outParam() == null) {
      b.addJavadoc("The returned array and {@code $N.tangent} may be {@code $N}'s own buffers, overwritten by its\n"
          + "next use: copy them to keep them.\n", p.workName(), p.workName());
    }
    b.addJavadoc("\n").addJavadoc(directionsDoc(method, p));
    if (p.outTangent() != null) {
      b.addJavadoc("@param $N receives the tangent of {@code $L}\n", p.outTangent(), method.outParam());
    }
    b.addJavadoc("@param $N $L\n", p.workName(), p.outTangent() != null ? "the pushforward's reusable workspace"
        : "receives the tangent; also the pushforward's reusable workspace");
    if (method.outParam() == null) {
      b.addJavadoc("@return the value of {@code $L}\n", method.name()).returns(CodePrinter.typeName(method.result()));
    }
    return b.addParameters(pushforwardParameters(method, p))
        .addParameter(work, p.workName())
        .addCode(printer.statements(p.body()))
        .build();
  }

  private static TypeSpec record(Method method, ClassName record) {
    TypeName resultType = CodePrinter.typeName(method.result());
    return Records.record(record, List.of(new Records.Component("value", resultType),
            new Records.Component("tangent", resultType)))
        .addJavadoc("Value and directional derivative of {@link $T#$L}.\n\n", method.owner(),
            CompanionWriter.javadocSignature(method))
        .addJavadoc("@param value the value of {@code $L}\n", method.name())
        .addJavadoc("@param tangent its derivative in the given direction$L\n",
            method.isVectorValued() ? " (the value's shape)" : "")
        .build();
  }

  private static TypeSpec workClass(Method method, Pushforward p, ClassName work) {
    TypeSpec.Builder type = TypeSpec.classBuilder(work)
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
        .addJavadoc("Where {@link #$L} leaves the tangent of {@link $T#$L}, and its reusable\n",
            Naming.pushforwardMethod(method.name()), method.owner(), CompanionWriter.javadocSignature(method))
        .addJavadoc("workspace (buffers for local arrays, the workspaces of the methods it calls). Not\n"
            + "thread-safe: use one per thread.\n")
        ;
    if (method.outParam() == null) {
      type.addField(FieldSpec.builder(CodePrinter.typeName(method.result()), "tangent", Modifier.PUBLIC)
          .addJavadoc("The directional derivative the last call computed$L.\n",
              method.isVectorValued() ? " (the result's shape)" : "").build());
    }
    for (WorkField f : p.workFields()) {
      type.addField(CompanionWriter.workField(f));
    }
    return type.build();
  }
}
