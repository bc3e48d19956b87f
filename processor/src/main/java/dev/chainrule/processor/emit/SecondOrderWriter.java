package dev.chainrule.processor.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.chainrule.processor.forward.PullbackTangent;
import dev.chainrule.processor.ir.Method;
import dev.chainrule.processor.ir.Naming;
import dev.chainrule.processor.ir.Param;
import dev.chainrule.processor.ir.Type;
import dev.chainrule.processor.ir.WorkField;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Modifier;

/**
 * Writes a method's second-order derivatives (forward over reverse): the pullback tangents
 * {@code <method>PullbackTangent} and {@code <method>MultiPullbackTangent} that callers' second
 * derivatives call, the Hessian-vector product {@code <method>Hvp} (record {@code <Method>Hvp}) and
 * the dense Hessian {@code <method>Hessian} (record {@code <Method>Hessian}, workspace
 * {@code <Method>HessianWork}), and the tangent fields they add to {@code <Method>Adjoint}.
 */
final class SecondOrderWriter {
  private static final ClassName ARRAYS = ClassName.get("java.util", "Arrays");
  private static final ClassName WORKSPACE = ClassName.get("dev.chainrule.runtime", "Workspace");
  private static final ClassName BLOCKS = ClassName.get("dev.chainrule.runtime", "JacobianBlocks");
  /** Directions per sweep of the Hessian. */
  static final int CHUNK = 16;

  private SecondOrderWriter() {}

  /** The adjoint's public tangent fields (one and k directions) and private tangent storage; clear() zeroes them. */
  static void addTangentFields(TypeSpec.Builder type, MethodSpec.Builder clear, Method method,
      CompanionWriter.SecondOrder second) {
    for (Param p : method.differentiated()) {
      for (PullbackTangent t : List.of(second.single(), second.multi())) {
        String name = t.adjointTangents().get(p.name());
        Type fieldType = t.multi() ? p.type().arrayOf() : p.type();
        type.addField(FieldSpec.builder(CodePrinter.typeName(fieldType), name, Modifier.PUBLIC)
            .addJavadoc(t.multi()
                ? CodeBlock.of("The tangents of {@code $L} in each direction of the multi-directional pullback"
                    + " tangent (direction last).\n", p.name())
                : CodeBlock.of("The tangent of {@code $L}: with seed 1, the Hessian-vector product's block for"
                    + " it.\n", p.name()))
            .build());
        if (fieldType == Type.DOUBLE) {
          clear.addStatement("$N = 0", name);
        } else {
          clear.addStatement("if ($N != null) $T.fill($N, 0.0)", name, WORKSPACE, name);
        }
      }
    }
    Set<String> seen = new HashSet<>();
    for (PullbackTangent t : List.of(second.single(), second.multi())) {
      for (WorkField f : t.tangentFields()) {
        if (seen.add(f.name())) {
          type.addField(CompanionWriter.workField(f));
        }
      }
    }
  }

  static void addTo(TypeSpec.Builder type, ClassName companion, CompanionWriter.SecondOrder second,
      CodePrinter printer) {
    Method method = second.single().pullback().plan().method();
    type.addMethod(pullbackTangent(method, second.single(), companion, printer));
    type.addMethod(pullbackTangent(method, second.multi(), companion, printer));
    ClassName hvp = companion.nestedClass(Naming.hvpRecord(method.name()));
    ClassName hessian = companion.nestedClass(Naming.hessianRecord(method.name()));
    ClassName hessianWork = companion.nestedClass(Naming.hessianWork(method.name()));
    ClassName adjoint = companion.nestedClass(Naming.adjointClass(method.name()));
    type.addMethod(hvpConvenient(method, second.single(), hvp, adjoint));
    type.addMethod(hvpAllocationFree(method, second.single(), adjoint));
    type.addType(hvpRecord(method, second.single(), hvp));
    type.addMethod(hessianConvenient(method, hessian, hessianWork));
    type.addMethod(hessianAllocationFree(method, second.multi(), hessianWork, adjoint));
    type.addType(Records.record(hessian, List.of(new Records.Component("value", TypeName.DOUBLE),
            new Records.Component("gradient", TypeName.get(double[].class)),
            new Records.Component("hessian", TypeName.get(double[][].class))))
        .addJavadoc("Value, gradient and Hessian of {@link $T#$L}, over the differentiated parameters\n"
            + "flattened in declaration order (arrays in row order).\n\n", method.owner(),
            CompanionWriter.javadocSignature(method))
        .addJavadoc("@param value the value\n@param gradient the gradient\n@param hessian the Hessian, row i the"
            + " derivatives of gradient[i]\n")
        .build());
    type.addType(hessianWorkClass(method, hessianWork, adjoint));
  }

  private static MethodSpec pullbackTangent(Method method, PullbackTangent t, ClassName companion,
      CodePrinter printer) {
    String adjointName = t.pullback().adjointName();
    List<ParameterSpec> params = new ArrayList<>(CompanionWriter.parameters(method));
    for (Param p : method.differentiated()) {
      params.add(ParameterSpec.builder(CodePrinter.typeName(t.multi() ? p.type().arrayOf() : p.type()),
          t.tangentParams().get(p.name())).build());
    }
    params.add(ParameterSpec.builder(TypeName.DOUBLE, t.pullback().seedName()).build());
    params.add(ParameterSpec.builder(t.multi() ? TypeName.get(double[].class) : TypeName.DOUBLE, t.seedTangent())
        .build());
    if (t.multi()) {
      params.add(ParameterSpec.builder(TypeName.INT, t.directions()).build());
    }
    params.add(ParameterSpec.builder(companion.nestedClass(Naming.adjointClass(method.name())), adjointName).build());
    return MethodSpec.methodBuilder(t.multi() ? Naming.multiPullbackTangentMethod(method.name())
            : Naming.pullbackTangentMethod(method.name()))
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .addJavadoc("The derivative of {@link #$L} along the given directions (forward mode over the pullback):\n",
            Naming.pullbackMethod(method.name()))
        .addJavadoc("besides the pullback's work it adds into {@code $N.pTangent} the tangent of what it adds into\n"
            + "{@code $N.p}$L. With seed 1 and seed tangent 0 that is the Hessian-vector product.\n", adjointName,
            adjointName, t.multi() ? " (one per direction, direction last, in {@code pTangents})" : "")
        .addParameters(params)
        .returns(TypeName.DOUBLE)
        .addCode(printer.statements(t.body()))
        .build();
  }

  private static List<ParameterSpec> withDirections(Method method) {
    List<ParameterSpec> params = new ArrayList<>(CompanionWriter.parameters(method));
    for (Param p : method.differentiated()) {
      params.add(ParameterSpec.builder(CodePrinter.typeName(p.type()), Naming.directionParameter(p.name())).build());
    }
    return params;
  }

  private static String args(Method method, boolean directions, String... more) {
    List<String> all = new ArrayList<>();
    method.parameters().forEach(p -> all.add(p.name()));
    if (directions) {
      method.differentiated().forEach(p -> all.add(Naming.directionParameter(p.name())));
    }
    all.addAll(List.of(more));
    return String.join(", ", all);
  }

  private static String local(Method method, String base) {
    Set<String> taken = new HashSet<>();
    method.parameters().forEach(p -> taken.add(p.name()));
    method.differentiated().forEach(p -> taken.add(Naming.directionParameter(p.name())));
    return Naming.fresh(base, taken);
  }

  private static CodeBlock zerosLike(Param p) {
    return switch (p.type()) {
      case DOUBLE -> CodeBlock.of("0");
      case DOUBLE_ARRAY -> CodeBlock.of("new double[$N.length]", p.name());
      default -> CodeBlock.of("$T.zerosLike($N)", WORKSPACE, p.name());
    };
  }

  private static MethodSpec hvpConvenient(Method method, PullbackTangent t, ClassName record, ClassName adjoint) {
    String a = local(method, "adjoint");
    String value = local(method, "value");
    MethodSpec.Builder b = MethodSpec.methodBuilder(Naming.hvpMethod(method.name()))
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .addJavadoc("Value, gradient and Hessian-vector product of {@link $T#$L} along the directions\n",
            method.owner(), CompanionWriter.javadocSignature(method))
        .addJavadoc("{@code pDirection} (one per differentiated parameter, of its shape): forward mode over the\n"
            + "pullback, one forward and one reverse sweep.\n")
        .addParameters(withDirections(method))
        .returns(record)
        .addStatement("$T $N = new $T()", adjoint, a, adjoint);
    List<CodeBlock> parts = new ArrayList<>();
    parts.add(CodeBlock.of("$N", value));
    for (Param p : method.differentiated()) {
      if (p.type().isArray()) {
        b.addStatement("$N.$N = $L", a, p.name(), zerosLike(p));
        b.addStatement("$N.$N = $L", a, t.adjointTangents().get(p.name()), zerosLike(p));
      }
    }
    b.addStatement("double $N = $N($L)", value, Naming.hvpMethod(method.name()), args(method, true, a));
    method.differentiated().forEach(p -> parts.add(CodeBlock.of("$N.$N", a, p.name())));
    method.differentiated().forEach(p -> parts.add(CodeBlock.of("$N.$N", a, t.adjointTangents().get(p.name()))));
    return b.addStatement("return new $T($L)", record, CodeBlock.join(parts, ", ")).build();
  }

  private static MethodSpec hvpAllocationFree(Method method, PullbackTangent t, ClassName adjoint) {
    String a = local(method, "adjoint");
    List<ParameterSpec> params = withDirections(method);
    params.add(ParameterSpec.builder(adjoint, a).build());
    return MethodSpec.methodBuilder(Naming.hvpMethod(method.name()))
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .addJavadoc("The Hessian-vector product of {@link $T#$L} without allocation: clears {@code $N},\n",
            method.owner(), CompanionWriter.javadocSignature(method), a)
        .addJavadoc("leaves the gradient in its fields {@code p} and H·direction in its fields {@code pTangent}\n"
            + "(arrays: the caller's buffers, set before the call), and returns the value.\n")
        .addParameters(params)
        .returns(TypeName.DOUBLE)
        .addStatement("$N.clear()", a)
        .addStatement("return $N($L)", Naming.pullbackTangentMethod(method.name()), args(method, true, "1.0", "0.0", a))
        .build();
  }

  private static TypeSpec hvpRecord(Method method, PullbackTangent t, ClassName record) {
    List<Records.Component> components = new ArrayList<>();
    components.add(new Records.Component("value", TypeName.DOUBLE));
    for (Param p : method.differentiated()) {
      components.add(new Records.Component(p.name(), CodePrinter.typeName(p.type())));
    }
    for (Param p : method.differentiated()) {
      components.add(new Records.Component(Naming.hvpComponent(p.name()), CodePrinter.typeName(p.type())));
    }
    TypeSpec.Builder r = Records.record(record, components)
        .addJavadoc("Value, gradient and Hessian-vector product of {@link $T#$L}.\n\n", method.owner(),
            CompanionWriter.javadocSignature(method))
        .addJavadoc("@param value the value\n");
    method.differentiated().forEach(p -> r.addJavadoc("@param $L ∂$L/∂$L\n", p.name(), method.name(), p.name()));
    method.differentiated().forEach(p -> r.addJavadoc("@param $L the block of H·direction for {@code $L}\n",
        Naming.hvpComponent(p.name()), p.name()));
    return r.build();
  }

  private static MethodSpec hessianConvenient(Method method, ClassName record, ClassName work) {
    String w = local(method, "work");
    String value = local(method, "value");
    return MethodSpec.methodBuilder(Naming.hessianMethod(method.name()))
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .addJavadoc("Value, gradient and dense Hessian of {@link $T#$L} over the differentiated\n",
            method.owner(), CompanionWriter.javadocSignature(method))
        .addJavadoc("parameters flattened in declaration order: forward mode with $L directions per sweep over the\n"
            + "pullback.\n", CHUNK)
        .addParameters(CompanionWriter.parameters(method))
        .returns(record)
        .addStatement("$T $N = new $T()", work, w, work)
        .addStatement("double $N = $N($L)", value, Naming.hessianMethod(method.name()), args(method, false, w))
        .addStatement("return new $T($N, $N.gradient, $N.hessian)", record, value, w, w)
        .build();
  }

  private static MethodSpec hessianAllocationFree(Method method, PullbackTangent t, ClassName work, ClassName adjoint) {
    String w = local(method, "work");
    String inputs = local(method, "inputs");
    String chunk = local(method, "chunk");
    String first = local(method, "first");
    String value = local(method, "value");
    String a = local(method, "adjoint");
    MethodSpec.Builder b = MethodSpec.methodBuilder(Naming.hessianMethod(method.name()))
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .addJavadoc("The gradient and Hessian of {@link $T#$L} into {@code $N.gradient} and\n", method.owner(),
            CompanionWriter.javadocSignature(method), w)
        .addJavadoc("{@code $N.hessian}, allocating nothing once {@code $N} has been used with the same shapes.\n", w, w)
        .addJavadoc("@return the value\n")
        .addParameters(CompanionWriter.parameters(method))
        .addParameter(work, w)
        .returns(TypeName.DOUBLE);
    List<CodeBlock> offsets = new ArrayList<>();
    List<CodeBlock> sizes = new ArrayList<>();
    for (Param p : method.differentiated()) {
      offsets.add(sizes.isEmpty() ? CodeBlock.of("0") : CodeBlock.join(sizes, " + "));
      sizes.add(switch (p.type()) {
        case DOUBLE -> CodeBlock.of("1");
        case DOUBLE_ARRAY -> CodeBlock.of("$N.length", p.name());
        default -> CodeBlock.of("$T.inputs($N)", BLOCKS, p.name());
      });
    }
    b.addStatement("int $N = $L", inputs, sizes.isEmpty() ? CodeBlock.of("0") : CodeBlock.join(sizes, " + "));
    b.addStatement("int $N = Math.max(1, Math.min($N, $L))", chunk, inputs, CHUNK);
    b.addStatement("if ($N.adjoint == null) $N.adjoint = new $T()", w, w, adjoint);
    b.addStatement("$T $N = $N.adjoint", adjoint, a, w);
    b.addStatement("$N.gradient = $T.block($N.gradient, $N)", w, BLOCKS, w, inputs);
    b.addStatement("$N.hessian = $T.block($N.hessian, $N, $N)", w, BLOCKS, w, inputs, inputs);
    b.addStatement("$N.seedTangents = $T.zeros($N.seedTangents, $N)", w, WORKSPACE, w, chunk);
    List<String> dirs = new ArrayList<>();
    int k = 0;
    for (Param p : method.differentiated()) {
      String tangents = t.adjointTangents().get(p.name());
      String dir = w + ".directions" + k;
      dirs.add(dir);
      switch (p.type()) {
        case DOUBLE -> b.addStatement("$L = $T.zeros($L, $N)", dir, WORKSPACE, dir, chunk)
            .addStatement("$N.$N = $T.zeros($N.$N, $N)", a, tangents, WORKSPACE, a, tangents, chunk);
        case DOUBLE_ARRAY -> b.addStatement("$L = $T.zeros($L, $N.length, $N)", dir, WORKSPACE, dir, p.name(), chunk)
            .addStatement("$N.$N = $T.zeros($N.$N, $N.length)", a, p.name(), WORKSPACE, a, p.name(), p.name())
            .addStatement("$N.$N = $T.zeros($N.$N, $N.length, $N)", a, tangents, WORKSPACE, a, tangents, p.name(), chunk);
        default -> b.addStatement("$L = $T.zerosLike($L, $N, $N)", dir, WORKSPACE, dir, p.name(), chunk)
            .addStatement("$N.$N = $T.zerosLike($N.$N, $N)", a, p.name(), WORKSPACE, a, p.name(), p.name())
            .addStatement("$N.$N = $T.zerosLike($N.$N, $N, $N)", a, tangents, WORKSPACE, a, tangents, p.name(), chunk);
      }
      k++;
    }
    b.addStatement("double $N = 0", value);
    b.beginControlFlow("for (int $N = 0; $N < $N; $N += $N)", first, first, inputs, first, chunk);
    k = 0;
    for (Param p : method.differentiated()) {
      b.addStatement("$T.seed($L, $L, $N)", BLOCKS, dirs.get(k), offsets.get(k), first);
      k++;
    }
    b.addStatement("$N.clear()", a);
    List<String> call = new ArrayList<>();
    method.parameters().forEach(p -> call.add(p.name()));
    call.addAll(dirs);
    call.add("1.0");
    call.add(w + ".seedTangents");
    call.add(chunk);
    call.add(a);
    b.addStatement("$N = $N($L)", value, Naming.multiPullbackTangentMethod(method.name()), String.join(", ", call));
    k = 0;
    for (Param p : method.differentiated()) {
      b.addStatement("$T.setHessianColumns($N.hessian, $L, $N, $N.$N)", BLOCKS, w, offsets.get(k), first, a,
          t.adjointTangents().get(p.name()));
      k++;
    }
    b.endControlFlow();
    k = 0;
    for (Param p : method.differentiated()) {
      if (p.type() == Type.DOUBLE) {
        b.addStatement("$N.gradient[$L] = $N.$N", w, offsets.get(k), a, p.name());
      } else {
        b.addStatement("$T.flatten($N.$N, $N.gradient, $L)", BLOCKS, a, p.name(), w, offsets.get(k));
      }
      k++;
    }
    return b.addStatement("return $N", value).build();
  }

  private static TypeSpec hessianWorkClass(Method method, ClassName work, ClassName adjoint) {
    TypeSpec.Builder t = TypeSpec.classBuilder(work)
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
        .addJavadoc("Where {@link #$L} leaves the gradient and Hessian of {@link $T#$L}, and its\n",
            Naming.hessianMethod(method.name()), method.owner(), CompanionWriter.javadocSignature(method))
        .addJavadoc("reusable workspace. Not thread-safe: use one per thread.\n")
        .addField(FieldSpec.builder(TypeName.get(double[].class), "gradient", Modifier.PUBLIC)
            .addJavadoc("The gradient, the differentiated parameters flattened in declaration order.\n").build())
        .addField(FieldSpec.builder(TypeName.get(double[][].class), "hessian", Modifier.PUBLIC)
            .addJavadoc("The Hessian: row i holds the derivatives of gradient[i].\n").build())
        .addField(FieldSpec.builder(adjoint, "adjoint", Modifier.PRIVATE).build())
        .addField(FieldSpec.builder(TypeName.get(double[].class), "seedTangents", Modifier.PRIVATE).build());
    int k = 0;
    for (Param p : method.differentiated()) {
      t.addField(FieldSpec.builder(CodePrinter.typeName(p.type().arrayOf()), "directions" + k++, Modifier.PRIVATE)
          .build());
    }
    return t.build();
  }
}
