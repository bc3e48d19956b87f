package dev.chainrule.processor.emit;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.chainrule.processor.ir.Method;
import dev.chainrule.processor.ir.Naming;
import dev.chainrule.processor.ir.Param;
import dev.chainrule.processor.ir.Type;
import dev.chainrule.processor.forward.Pushforward;
import dev.chainrule.processor.reverse.Pullback;
import dev.chainrule.processor.ir.WorkField;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Modifier;

/**
 * The emit stage: writes the companion class {@code <Class>Derivatives} of one class — per method,
 * the gradient record, the value-and-gradient method, the pullback and its adjoint class.
 */
public final class CompanionWriter {
  private static final ClassName WORKSPACE = ClassName.get("dev.chainrule.runtime", "Workspace");
  private static final ClassName ARRAYS = ClassName.get("java.util", "Arrays");
  private static final ClassName OBJECTS = ClassName.get("java.util", "Objects");
  private static final String PROCESSOR = "dev.chainrule.processor.DifferentiableProcessor";

  private CompanionWriter() {}

  /**
   * @param generated the {@code @Generated} annotation type to use, or null if unavailable
   */
  public static JavaFile write(ClassName owner, List<Pullback> pullbacks, List<Pushforward> pushforwards,
      List<Pushforward> multiPushforwards, List<SecondOrder> secondOrders, ClassName generated) {
    return write(owner, pullbacks, pushforwards, multiPushforwards, secondOrders, generated, Set.of());
  }

  /**
   * @param generated the {@code @Generated} annotation type to use, or null if unavailable
   * @param packageClasses the simple names of the classes of the owner's package: the companion,
   *     in that package, writes other classes of those names ({@code Math}) fully qualified
   */
  public static JavaFile write(ClassName owner, List<Pullback> pullbacks, List<Pushforward> pushforwards,
      List<Pushforward> multiPushforwards, List<SecondOrder> secondOrders, ClassName generated,
      Set<String> packageClasses) {
    ClassName companion = Naming.companionOf(owner);
    TypeSpec.Builder type = TypeSpec.classBuilder(companion)
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .addJavadoc("Derivatives of the {@code @Differentiable} methods of {@link $T}, generated at compile\n"
            + "time by ChainRule (automatic differentiation, reverse and forward mode).\n", owner)
        .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
    if (generated != null) {
      type.addAnnotation(AnnotationSpec.builder(generated).addMember("value", "$S", PROCESSOR).build());
    }
    Set<String> variables = new LinkedHashSet<>();
    for (Pullback p : pullbacks) {
      variables.addAll(variableNames(p.body()));
      p.plan().method().parameters().forEach(param -> variables.add(param.name()));
    }
    for (Pushforward p : pushforwards) {
      variables.addAll(variableNames(p.body()));
      variables.addAll(p.tangentParams().values());
    }
    for (Pushforward p : multiPushforwards) {
      variables.addAll(variableNames(p.body()));
    }
    for (SecondOrder o : secondOrders) {
      variables.addAll(variableNames(o.single().body()));
      variables.addAll(variableNames(o.multi().body()));
    }
    // A local or a class of the package named like a class the generated code uses would shadow
    // it: qualify those classes.
    for (String v : variables) {
      type.alwaysQualify(v);
    }
    for (String c : packageClasses) {
      type.alwaysQualify(c); // JavaPoet names classes of the companion's own package simply anyway
    }
    CodePrinter printer = new CodePrinter(variables, packageClasses, owner.packageName());
    for (Pullback p : pullbacks) {
      MethodNames names = new MethodNames(companion, p.plan().method());
      boolean scalar = !p.plan().method().isVectorValued();
      if (scalar) {
        type.addMethod(gradientMethod(names, p));
      }
      type.addMethod(pullbackMethod(names, p, printer));
      if (scalar) {
        type.addType(gradientRecord(names, p.plan().method()));
      }
      SecondOrder second = secondOrders.stream().filter(o -> o.single().pullback() == p).findFirst().orElse(null);
      type.addType(adjointClass(names, p, second));
      if (second != null) {
        SecondOrderWriter.addTo(type, companion, second, printer);
      }
    }
    for (Pushforward p : pushforwards) {
      TangentWriter.addTo(type, companion, p, printer);
    }
    for (Pushforward p : multiPushforwards) {
      TangentWriter.addMultiTo(type, companion, p, printer);
    }
    for (Pushforward p : pushforwards) {
      if (p.plan().method().isVectorValued()) {
        boolean multi = multiPushforwards.stream().anyMatch(q -> q.plan().method() == p.plan().method());
        JacobianWriter.addTo(type, companion, p.plan().method(), p, multi);
      }
    }
    return JavaFile.builder(owner.packageName(), type.build())
        .skipJavaLangImports(true)
        .indent("  ")
        .build();
  }

  private static Set<String> variableNames(List<dev.chainrule.processor.ir.Stmt> body) {
    Set<String> names = new LinkedHashSet<>();
    dev.chainrule.processor.ir.Walk.forEachStmt(body, s -> {
      if (s instanceof dev.chainrule.processor.ir.Stmt.Declare d) {
        names.add(d.name());
      }
    });
    return names;
  }

  /** The generated names of one method. */
  private record MethodNames(Method method, ClassName record, ClassName adjoint, String gradient, String pullback) {
    MethodNames(ClassName companion, Method method) {
      this(method, companion.nestedClass(Naming.gradientRecord(method.name())),
          companion.nestedClass(Naming.adjointClass(method.name())),
          Naming.gradientMethod(method.name()), Naming.pullbackMethod(method.name()));
    }

    String signature() {
      return method.owner().simpleName() + "#" + method.name() + "("
          + String.join(", ", method.parameters().stream().map(p -> p.type().javaName()).toList()) + ")";
    }
  }

  static List<ParameterSpec> parameters(Method method) {
    List<ParameterSpec> out = new ArrayList<>();
    for (Param p : method.parameters()) {
      out.add(ParameterSpec.builder(CodePrinter.typeName(p.type()), p.name()).build());
    }
    return out;
  }

  static String arguments(Method method) {
    return String.join(", ", method.parameters().stream().map(Param::name).toList());
  }

  private static MethodSpec gradientMethod(MethodNames n, Pullback p) {
    Method method = n.method();
    NameAllocator names = new NameAllocator();
    method.parameters().forEach(param -> names.newName(param.name()));
    String adjoint = names.newName("adjoint");
    String value = names.newName("value");
    CodeBlock.Builder newAdjoint = CodeBlock.builder().add("new $T(", n.adjoint());
    List<CodeBlock> buffers = new ArrayList<>();
    for (Param param : method.differentiated()) {
      if (param.type() == Type.DOUBLE_ARRAY) {
        buffers.add(CodeBlock.of("new double[$N.length]", param.name()));
      } else if (param.type() == Type.DOUBLE_MATRIX) {
        buffers.add(CodeBlock.of("$T.zerosLike($N)", WORKSPACE, param.name()));
      }
    }
    newAdjoint.add("$L)", CodeBlock.join(buffers, ", "));
    List<CodeBlock> components = new ArrayList<>();
    components.add(CodeBlock.of("$N", value));
    for (Param param : method.differentiated()) {
      components.add(CodeBlock.of("$N.$N", adjoint, param.name()));
    }
    return MethodSpec.methodBuilder(n.gradient())
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .addJavadoc("Value and gradient of {@link $T#$L}, by one forward and one reverse sweep.\n",
            method.owner(), javadocSignature(method))
        .addJavadoc("$L", dev.chainrule.processor.symbolic.Formulas.javadoc(method))
        .addJavadoc("\n@return the value and the partial derivative with respect to each differentiated"
            + " parameter\n")
        .returns(n.record())
        .addParameters(parameters(method))
        .addStatement("$T $N = $L", n.adjoint(), adjoint, newAdjoint.build())
        .addStatement("double $N = $N($L1.0, $N)", value, n.pullback(),
            method.parameters().isEmpty() ? "" : arguments(method) + ", ", adjoint)
        .addStatement("return new $T($L)", n.record(), CodeBlock.join(components, ", "))
        .build();
  }

  static String javadocSignature(Method method) {
    return method.name() + "(" + String.join(", ", method.parameters().stream()
        .map(p -> p.type().javaName()).toList()) + ")";
  }

  private static MethodSpec pullbackMethod(MethodNames n, Pullback p, CodePrinter printer) {
    Method method = n.method();
    MethodSpec.Builder b = MethodSpec.methodBuilder(n.pullback())
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC);
    TypeName resultType = CodePrinter.typeName(method.result());
    if (!method.isVectorValued()) {
      b.addJavadoc("Pullback (vector-Jacobian product) of {@link $T#$L}: returns its value and adds\n",
              method.owner(), javadocSignature(method))
          .addJavadoc("{@code $N × ∂$L/∂p} into {@code $N.p} for every differentiated parameter {@code p}.\n",
              p.seedName(), method.name(), p.adjointName());
    } else {
      b.addJavadoc("Pullback (vector-Jacobian product) of {@link $T#$L}: computes its result and adds\n",
              method.owner(), javadocSignature(method))
          .addJavadoc("{@code Σᵢ $N[i] × ∂$L[i]/∂p} into {@code $N.p} for every differentiated parameter {@code p}\n"
              + "(the result's elements counted in row order).\n", p.seedName(), method.name(), p.adjointName());
    }
    b.addJavadoc("\n<p>It allocates nothing once {@code $N} has been used with the same shapes, so a\n"
            + "training loop can reuse one adjoint (after {@link $T#clear()}).\n", p.adjointName(), n.adjoint());
    if (method.isVectorValued() && method.outParam() == null) {
      b.addJavadoc("The returned array may be {@code $N}'s own buffer, overwritten by its next use: copy it to keep it.\n",
          p.adjointName());
    }
    b.addJavadoc("\n@param $N the adjoint of the result ($L)\n", p.seedName(), method.isVectorValued()
            ? "with the result's shape" : "{@code dout}; 1 for the plain gradient")
        .addJavadoc("@param $N where the partials accumulate; also the pullback's reusable workspace\n", p.adjointName());
    if (method.outParam() == null) {
      b.addJavadoc("@return the value of {@code $L}\n", method.name()).returns(resultType);
    }
    return b.addParameters(parameters(method))
        .addParameter(resultType, p.seedName())
        .addParameter(n.adjoint(), p.adjointName())
        .addCode(printer.statements(p.body()))
        .build();
  }

  private static TypeSpec gradientRecord(MethodNames n, Method method) {
    List<Records.Component> components = new ArrayList<>();
    components.add(new Records.Component("value", TypeName.DOUBLE));
    TypeSpec.Builder record = Records.record(n.record(), componentsOf(method, components))
        .addJavadoc("Value and gradient of {@link $T#$L}.\n\n", method.owner(), javadocSignature(method))
        .addJavadoc("@param value the value of {@code $L}\n", method.name());
    for (Param p : method.differentiated()) {
      record.addJavadoc("@param $L ∂$L/∂$L$L\n", p.name(), method.name(), p.name(),
          p.type().isArray() ? ", with the shape of {@code " + p.name() + "}" : "");
    }
    return record.build();
  }

  private static List<Records.Component> componentsOf(Method method, List<Records.Component> first) {
    List<Records.Component> out = new ArrayList<>(first);
    for (Param p : method.differentiated()) {
      out.add(new Records.Component(p.name(), CodePrinter.typeName(p.type())));
    }
    return out;
  }

  /** A method's forward-over-reverse derivatives: one direction, and k (for the Hessian). */
  public record SecondOrder(dev.chainrule.processor.forward.PullbackTangent single,
      dev.chainrule.processor.forward.PullbackTangent multi) {}

  private static TypeSpec adjointClass(MethodNames n, Pullback p, SecondOrder second) {
    Method method = n.method();
    TypeSpec.Builder type = TypeSpec.classBuilder(n.adjoint())
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
        .addJavadoc("Where {@link #$L} accumulates the partials of {@link $T#$L}: one public field per\n",
            n.pullback(), method.owner(), javadocSignature(method))
        .addJavadoc("differentiated parameter, named after it (arrays have the parameter's shape and are\n"
            + "the caller's buffers). It also holds the pullback's workspace, so reusing one instance\n"
            + "makes the pullback allocation-free. Not thread-safe: use one per thread.\n");
    MethodSpec.Builder withBuffers = MethodSpec.constructorBuilder().addModifiers(Modifier.PUBLIC)
        .addJavadoc("An adjoint that accumulates into the given arrays (one per differentiated array"
            + " parameter, in order).\n");
    MethodSpec.Builder clear = MethodSpec.methodBuilder("clear").addModifiers(Modifier.PUBLIC)
        .addJavadoc("Sets every accumulated partial to zero, keeping the arrays.\n");
    boolean hasArrays = false;
    for (Param param : method.differentiated()) {
      TypeName t = CodePrinter.typeName(param.type());
      type.addField(FieldSpec.builder(t, param.name(), Modifier.PUBLIC)
          .addJavadoc("Accumulated seed × ∂$L/∂$L.\n", method.name(), param.name())
          .build());
      switch (param.type()) {
        case DOUBLE -> clear.addStatement("$N = 0", param.name());
        case DOUBLE_ARRAY -> clear.addStatement("$T.fill($N, 0.0)", ARRAYS, param.name());
        default -> clear.beginControlFlow("for (double[] row : $N)", param.name())
            .addStatement("$T.fill(row, 0.0)", ARRAYS).endControlFlow();
      }
      if (param.type().isArray()) {
        hasArrays = true;
        withBuffers.addParameter(t, param.name());
        withBuffers.addStatement("this.$N = $T.requireNonNull($N, $S)", param.name(), OBJECTS, param.name(),
            param.name());
      }
    }
    for (WorkField f : p.workFields()) {
      type.addField(workField(f));
    }
    if (second != null) {
      SecondOrderWriter.addTangentFields(type, clear, method, second);
    }
    if (hasArrays) {
      type.addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PUBLIC)
          .addJavadoc("An adjoint whose array fields the caller sets before use.\n").build());
      type.addMethod(withBuffers.build());
    }
    type.addMethod(clear.build());
    return type.build();
  }

  static FieldSpec workField(WorkField f) {
    return switch (f.kind()) {
      case DOUBLE_STACK, INT_STACK, LONG_STACK -> {
        String simple = switch (f.kind()) {
          case DOUBLE_STACK -> "DoubleStack";
          case INT_STACK -> "IntStack";
          default -> "LongStack";
        };
        ClassName stack = ClassName.get("dev.chainrule.runtime", simple);
        yield FieldSpec.builder(stack, f.name(), Modifier.PRIVATE, Modifier.FINAL)
            .initializer("new $T()", stack).build();
      }
      case POOL -> FieldSpec.builder(ClassName.get("dev.chainrule.runtime", "ArrayPool"), f.name(), Modifier.PRIVATE,
          Modifier.FINAL).initializer("new $T()", ClassName.get("dev.chainrule.runtime", "ArrayPool")).build();
      // Created on first use (see WorkField#ensure): a recursive method's adjoint holds its own kind.
      case CALLEE -> FieldSpec.builder(f.calleeAdjoint(), f.name(), Modifier.PRIVATE).build();
      case DOUBLE_ARRAY -> FieldSpec.builder(ArrayTypeName.of(TypeName.DOUBLE), f.name(), Modifier.PRIVATE).build();
      case DOUBLE_MATRIX -> FieldSpec.builder(ArrayTypeName.of(ArrayTypeName.of(TypeName.DOUBLE)), f.name(), Modifier.PRIVATE).build();
      case DOUBLE_TENSOR -> FieldSpec.builder(CodePrinter.typeName(Type.DOUBLE_TENSOR), f.name(), Modifier.PRIVATE).build();
      case INT_ARRAY -> FieldSpec.builder(ArrayTypeName.of(TypeName.INT), f.name(), Modifier.PRIVATE).build();
      case INT_MATRIX -> FieldSpec.builder(ArrayTypeName.of(ArrayTypeName.of(TypeName.INT)), f.name(), Modifier.PRIVATE).build();
    };
  }
}
