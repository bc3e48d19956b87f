package dev.chainrule.processor.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.chainrule.processor.forward.Pushforward;
import dev.chainrule.processor.ir.Method;
import dev.chainrule.processor.ir.Naming;
import dev.chainrule.processor.ir.Param;
import dev.chainrule.processor.ir.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Modifier;

/**
 * Writes the Jacobian of a vector-valued method: the record {@code <Method>Jacobian} with one block
 * per differentiated parameter, {@code <method>Jacobian} (convenient and allocation-free), and the
 * two ways to build it, {@code <method>JacobianForward} (a pushforward per input, column by column)
 * and {@code <method>JacobianReverse} (a pullback per output, row by row); the plain
 * {@code <method>Jacobian} picks forward mode when the differentiated inputs are no more than the
 * outputs. The loops here are drivers around the generated pushforward and pullback: the
 * derivatives themselves come from the transforms.
 */
final class JacobianWriter {
  private static final ClassName WORKSPACE = ClassName.get("dev.chainrule.runtime", "Workspace");
  private static final ClassName BLOCKS = ClassName.get("dev.chainrule.runtime", "JacobianBlocks");

  private final Method method;
  private final Pushforward forward;
  private final ClassName record;
  private final ClassName work;
  private final ClassName tangentWork;
  private final ClassName adjoint;
  private final TypeName resultType;
  /** The private fields of the workspace, by role. */
  private final Map<String, String> fields = new LinkedHashMap<>();
  private final NameAllocator fieldNames = new NameAllocator();
  /** Names of the drivers' locals, none of them a parameter's name. */
  private final Map<String, String> locals = new LinkedHashMap<>();

  /** Directions per multi-directional sweep of the forward Jacobian. */
  static final int CHUNK = 16;

  /** Whether the forward Jacobian runs the multi-directional pushforward (else one pushforward per input). */
  private final boolean multi;
  private final ClassName multiWork;

  private JacobianWriter(ClassName companion, Method method, Pushforward forward, boolean multi) {
    this.multi = multi;
    this.multiWork = companion.nestedClass(Naming.multiTangentWork(method.name()));
    this.method = method;
    this.forward = forward;
    this.record = companion.nestedClass(Naming.jacobianRecord(method.name()));
    this.work = companion.nestedClass(Naming.jacobianWork(method.name()));
    this.tangentWork = companion.nestedClass(Naming.tangentWork(method.name()));
    this.adjoint = companion.nestedClass(Naming.adjointClass(method.name()));
    this.resultType = CodePrinter.typeName(method.result());
    java.util.Set<String> taken = new java.util.HashSet<>();
    method.parameters().forEach(p -> taken.add(p.name()));
    for (String local : List.of("work", "value", "outputs", "inputs", "i", "j", "r", "c", "chunk", "first")) {
      locals.put(local, Naming.fresh(local, taken));
    }
    for (Param p : method.differentiated()) {
      fieldNames.newName(p.name(), "block:" + p.name());
    }
    field("forward");
    field("reverse");
    field("seed");
    if (method.outParam() != null) {
      field("outTangent");
      field("outInitial");
      field("outTangents");
    }
    field("multi");
    for (Param p : method.differentiated()) {
      if (p.type().isArray()) {
        fieldNames.newName(p.name() + "Direction", "direction:" + p.name());
        fields.put("direction:" + p.name(), fieldNames.get("direction:" + p.name()));
      }
      fieldNames.newName(p.name() + "Directions", "directions:" + p.name());
      fields.put("directions:" + p.name(), fieldNames.get("directions:" + p.name()));
    }
  }

  private void field(String role) {
    fields.put(role, fieldNames.newName(role, role));
  }

  static void addTo(TypeSpec.Builder type, ClassName companion, Method method, Pushforward forward, boolean multi) {
    JacobianWriter w = new JacobianWriter(companion, method, forward, multi);
    type.addMethod(w.convenient());
    type.addMethod(w.automatic());
    type.addMethod(w.driver(true));
    type.addMethod(w.driver(false));
    type.addMethod(w.valueMethod());
    type.addMethod(w.columns());
    type.addMethod(w.rows());
    type.addType(w.recordType());
    type.addType(w.workClass());
  }

  // ---------------------------------------------------------------- helpers

  private String name() {
    return method.name();
  }

  private String jacobian() {
    return Naming.jacobianMethod(name());
  }

  /** The name of the drivers' local {@code base}. */
  private String l(String base) {
    return locals.get(base);
  }

  private String f(String role) {
    return fields.get(role);
  }

  private String argsThen(String... more) {
    List<String> all = new ArrayList<>(method.parameters().stream().map(Param::name).toList());
    all.addAll(List.of(more));
    return String.join(", ", all);
  }

  private MethodSpec.Builder withParameters(String methodName) {
    return MethodSpec.methodBuilder(methodName).addParameters(CompanionWriter.parameters(method));
  }

  private static TypeName blockType(Type parameter) {
    return parameter == Type.DOUBLE ? TypeName.get(double[].class) : TypeName.get(double[][].class);
  }

  private CodeBlock signature() {
    return CodeBlock.of("{@link $T#$L}", method.owner(), CompanionWriter.javadocSignature(method));
  }

  // ---------------------------------------------------------------- public methods

  private MethodSpec convenient() {
    String w = l("work");
    String value = l("value");
    MethodSpec.Builder b = withParameters(jacobian())
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .addJavadoc("Value and Jacobian of $L: one block per differentiated parameter, row i\n", signature())
        .addJavadoc("holding the derivatives of the result's element i (elements in row order). Built by forward\n"
            + "mode when the differentiated inputs are no more than the outputs, else by reverse mode.\n")
        .returns(record)
        .addStatement("$T $N = new $T()", work, w, work);
    List<CodeBlock> parts = new ArrayList<>();
    if (method.outParam() != null) {
      b.addStatement("$N($L)", jacobian(), argsThen(w));
      parts.add(CodeBlock.of("$N", method.outParam()));
    } else {
      b.addStatement("$T $N = $N($L)", resultType, value, jacobian(), argsThen(w));
      parts.add(CodeBlock.of("$N", value));
    }
    for (Param p : method.differentiated()) {
      parts.add(CodeBlock.of("$N.$N", w, p.name()));
    }
    return b.addStatement("return new $T($L)", record, CodeBlock.join(parts, ", ")).build();
  }

  private MethodSpec.Builder allocationFree(String methodName) {
    MethodSpec.Builder b = withParameters(methodName)
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .addParameter(work, l("work"));
    if (method.outParam() == null) {
      b.returns(resultType);
    }
    return b;
  }

  private String returnValue(MethodSpec.Builder b, String value) {
    if (method.outParam() == null) {
      b.addStatement("return $N", value);
    }
    return value;
  }

  private MethodSpec automatic() {
    String w = l("work");
    String value = l("value");
    String outputs = l("outputs");
    String inputs = l("inputs");
    MethodSpec.Builder b = allocationFree(jacobian())
        .addJavadoc("The Jacobian of $L into {@code $N}'s public blocks, by forward mode when the\n", signature(), w)
        .addJavadoc("differentiated inputs are no more than the outputs, else by reverse mode. It allocates nothing\n"
            + "once {@code $N} has been used with the same shapes.\n", w)
        .addJavadoc(returnDoc());
    b.addStatement("$T $N = $N($L)", resultType, value, jacobian() + "Value", argsThen(w));
    b.addStatement("int $N = $T.size($N)", outputs, BLOCKS, value);
    b.addStatement("int $N = $L", inputs, inputCount());
    b.beginControlFlow("if ($N <= $N)", inputs, outputs)
        .addStatement("$N($L)", jacobian() + "Columns", argsThen(w, outputs))
        .nextControlFlow("else")
        .addStatement("$N($L)", jacobian() + "Rows", argsThen(w, outputs))
        .endControlFlow();
    returnValue(b, value);
    return b.build();
  }

  private CodeBlock returnDoc() {
    return method.outParam() == null
        ? CodeBlock.of("@return the value (may be {@code $N}'s buffer: copy it to keep it)\n", l("work"))
        : CodeBlock.of("");
  }

  private CodeBlock inputCount() {
    List<CodeBlock> terms = new ArrayList<>();
    for (Param p : method.differentiated()) {
      terms.add(switch (p.type()) {
        case DOUBLE -> CodeBlock.of("1");
        case DOUBLE_ARRAY -> CodeBlock.of("$N.length", p.name());
        default -> CodeBlock.of("$T.inputs($N)", BLOCKS, p.name());
      });
    }
    return terms.isEmpty() ? CodeBlock.of("0") : CodeBlock.join(terms, " + ");
  }

  private MethodSpec driver(boolean forwardMode) {
    String w = l("work");
    String value = l("value");
    String suffix = forwardMode ? "Forward" : "Reverse";
    MethodSpec.Builder b = allocationFree(jacobian() + suffix)
        .addJavadoc("The Jacobian of $L into {@code $N}'s public blocks, by $L.\n", signature(), w,
            forwardMode ? "forward mode: one pushforward per differentiated input, column by column"
                : "reverse mode: one pullback per output element, row by row")
        .addJavadoc(returnDoc());
    b.addStatement("$T $N = $N($L)", resultType, value, jacobian() + "Value", argsThen(w));
    b.addStatement("$N($L, $T.size($N))", jacobian() + (forwardMode ? "Columns" : "Rows"), argsThen(w), BLOCKS, value);
    returnValue(b, value);
    return b.build();
  }

  /** {@code work.field}. */
  private CodeBlock wf(String role) {
    return CodeBlock.of("$N.$N", l("work"), f(role));
  }

  /** Sizes the workspace's directions, and computes the value by a pushforward along zero. */
  private MethodSpec valueMethod() {
    MethodSpec.Builder b = withParameters(jacobian() + "Value")
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .addParameter(work, l("work"))
        .returns(resultType);
    b.addStatement("if ($L == null) $L = new $T()", wf("forward"), wf("forward"), tangentWork);
    for (Param p : method.differentiated()) {
      CodeBlock dir = p.type().isArray() ? wf("direction:" + p.name()) : null;
      if (p.type() == Type.DOUBLE_ARRAY) {
        b.addStatement("$L = $T.zeros($L, $N.length)", dir, WORKSPACE, dir, p.name());
      } else if (p.type() == Type.DOUBLE_MATRIX) {
        b.addStatement("$L = $T.zerosLike($L, $N)", dir, WORKSPACE, dir, p.name());
      }
    }
    if (method.outParam() != null) {
      String out = method.outParam();
      b.addComment("What the method reads of $N before writing it is the same for every sweep", out);
      b.addStatement("$L = $T.copy($L, $N)", wf("outInitial"), WORKSPACE, wf("outInitial"), out);
      CodeBlock t = wf("outTangent");
      b.addStatement("$L = $L", t, method.result() == Type.DOUBLE_ARRAY
          ? CodeBlock.of("$T.zeros($L, $N.length)", WORKSPACE, t, out)
          : CodeBlock.of("$T.zerosLike($L, $N)", WORKSPACE, t, out));
      b.addStatement("$N($L)", Naming.pushforwardMethod(name()), pushforwardArgs(null));
      b.addStatement("return $N", out);
    } else {
      b.addStatement("return $N($L)", Naming.pushforwardMethod(name()), pushforwardArgs(null));
    }
    return b.build();
  }

  /** The arguments of a pushforward along the workspace's directions, with {@code scalar} = 1 (others 0). */
  private CodeBlock pushforwardArgs(String scalar) {
    List<CodeBlock> all = new ArrayList<>();
    method.parameters().forEach(p -> all.add(CodeBlock.of("$N", p.name())));
    for (Param p : method.differentiated()) {
      all.add(p.type() == Type.DOUBLE ? CodeBlock.of(p.name().equals(scalar) ? "1.0" : "0.0")
          : wf("direction:" + p.name()));
    }
    if (method.outParam() != null) {
      all.add(wf("outTangent"));
    }
    all.add(wf("forward"));
    return CodeBlock.join(all, ", ");
  }

  /** For an @Out method: puts back what the caller's output held, before the next sweep reads it. */
  private CodeBlock restore() {
    return method.outParam() == null ? CodeBlock.of("")
        : CodeBlock.of("$T.copyInto($L, $N);\n", WORKSPACE, wf("outInitial"), method.outParam());
  }

  private CodeBlock tangent() {
    return method.outParam() != null ? wf("outTangent") : CodeBlock.of("$L.tangent", wf("forward"));
  }

  private CodeBlock block(Param p) {
    return CodeBlock.of("$N.$N", l("work"), p.name());
  }

  private MethodSpec columns() {
    return multi ? multiColumns() : singleColumns();
  }

  /** The forward Jacobian by the multi-directional pushforward: {@link #CHUNK} inputs per sweep. */
  private MethodSpec multiColumns() {
    String outputs = l("outputs");
    String inputs = l("inputs");
    String chunk = l("chunk");
    String first = l("first");
    MethodSpec.Builder b = withParameters(jacobian() + "Columns")
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .addParameter(work, l("work"))
        .addParameter(TypeName.INT, outputs);
    b.addStatement("int $N = $L", inputs, inputCount());
    b.addStatement("int $N = Math.max(1, Math.min($N, $L))", chunk, inputs, CHUNK);
    b.addStatement("if ($L == null) $L = new $T()", wf("multi"), wf("multi"), multiWork);
    List<CodeBlock> directions = new ArrayList<>();
    for (Param p : method.differentiated()) {
      CodeBlock dir = wf("directions:" + p.name());
      directions.add(dir);
      switch (p.type()) {
        case DOUBLE -> b.addStatement("$L = $T.zeros($L, $N)", dir, WORKSPACE, dir, chunk);
        case DOUBLE_ARRAY -> b.addStatement("$L = $T.zeros($L, $N.length, $N)", dir, WORKSPACE, dir, p.name(), chunk);
        default -> b.addStatement("$L = $T.zerosLike($L, $N, $N)", dir, WORKSPACE, dir, p.name(), chunk);
      }
    }
    if (method.outParam() != null) {
      CodeBlock t = wf("outTangents");
      b.addStatement("$L = $T.zerosLike($L, $N, $N)", t, WORKSPACE, t, method.outParam(), chunk);
      directions.add(t);
    }
    for (Param p : method.differentiated()) {
      CodeBlock block = block(p);
      switch (p.type()) {
        case DOUBLE -> b.addStatement("$L = $T.block($L, $N)", block, BLOCKS, block, outputs);
        case DOUBLE_ARRAY -> b.addStatement("$L = $T.block($L, $N, $N.length)", block, BLOCKS, block, outputs, p.name());
        default -> b.addStatement("$L = $T.block($L, $N, $T.inputs($N))", block, BLOCKS, block, outputs, BLOCKS,
            p.name());
      }
    }
    b.beginControlFlow("for (int $N = 0; $N < $N; $N += $N)", first, first, inputs, first, chunk);
    List<CodeBlock> offsets = offsets();
    int k = 0;
    for (Param p : method.differentiated()) {
      b.addStatement("$T.seed($L, $L, $N)", BLOCKS, wf("directions:" + p.name()), offsets.get(k++), first);
    }
    List<CodeBlock> all = new ArrayList<>();
    method.parameters().forEach(p -> all.add(CodeBlock.of("$N", p.name())));
    all.addAll(directions);
    all.add(CodeBlock.of("$N", chunk));
    all.add(wf("multi"));
    b.addStatement("$L$N($L)", restore(), Naming.multiPushforwardMethod(name()), CodeBlock.join(all, ", "));
    CodeBlock tangents = method.outParam() != null ? wf("outTangents") : CodeBlock.of("$L.tangent", wf("multi"));
    k = 0;
    for (Param p : method.differentiated()) {
      b.addStatement("$T.setColumns($L, $L, $N, $L)", BLOCKS, block(p), offsets.get(k++), first, tangents);
    }
    b.endControlFlow();
    return b.build();
  }

  /** Each differentiated parameter's first input index, as an expression. */
  private List<CodeBlock> offsets() {
    List<CodeBlock> out = new ArrayList<>();
    List<CodeBlock> before = new ArrayList<>();
    for (Param p : method.differentiated()) {
      out.add(before.isEmpty() ? CodeBlock.of("0") : CodeBlock.join(before, " + "));
      before.add(switch (p.type()) {
        case DOUBLE -> CodeBlock.of("1");
        case DOUBLE_ARRAY -> CodeBlock.of("$N.length", p.name());
        default -> CodeBlock.of("$T.inputs($N)", BLOCKS, p.name());
      });
    }
    return out;
  }

  private MethodSpec singleColumns() {
    String outputs = l("outputs");
    String j = l("j");
    String r = l("r");
    String c = l("c");
    MethodSpec.Builder b = withParameters(jacobian() + "Columns")
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .addParameter(work, l("work"))
        .addParameter(TypeName.INT, outputs);
    CodeBlock push = CodeBlock.of("$L$N($L)", restore(), Naming.pushforwardMethod(name()), pushforwardArgs(null));
    for (Param p : method.differentiated()) {
      CodeBlock block = block(p);
      switch (p.type()) {
        case DOUBLE -> b.addStatement("$L = $T.block($L, $N)", block, BLOCKS, block, outputs)
            .addStatement("$L$N($L)", restore(), Naming.pushforwardMethod(name()), pushforwardArgs(p.name()))
            .addStatement("$T.setColumn($L, $L)", BLOCKS, block, tangent());
        case DOUBLE_ARRAY -> {
          CodeBlock dir = wf("direction:" + p.name());
          b.addStatement("$L = $T.block($L, $N, $N.length)", block, BLOCKS, block, outputs, p.name())
              .beginControlFlow("for (int $N = 0; $N < $N.length; $N++)", j, j, p.name(), j)
              .addStatement("$L[$N] = 1.0", dir, j)
              .addStatement("$L", push)
              .addStatement("$L[$N] = 0.0", dir, j)
              .addStatement("$T.setColumn($L, $N, $L)", BLOCKS, block, j, tangent())
              .endControlFlow();
        }
        default -> {
          CodeBlock dir = wf("direction:" + p.name());
          b.addStatement("$L = $T.block($L, $N, $T.inputs($N))", block, BLOCKS, block, outputs, BLOCKS, p.name())
              .beginControlFlow("for (int $N = 0, $N = 0; $N < $N.length; $N++)", r, j, r, p.name(), r)
              .beginControlFlow("for (int $N = 0; $N < $N[$N].length; $N++, $N++)", c, c, p.name(), r, c, j)
              .addStatement("$L[$N][$N] = 1.0", dir, r, c)
              .addStatement("$L", push)
              .addStatement("$L[$N][$N] = 0.0", dir, r, c)
              .addStatement("$T.setColumn($L, $N, $L)", BLOCKS, block, j, tangent())
              .endControlFlow()
              .endControlFlow();
        }
      }
    }
    return b.build();
  }

  private MethodSpec rows() {
    String outputs = l("outputs");
    String i = l("i");
    MethodSpec.Builder b = withParameters(jacobian() + "Rows")
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .addParameter(work, l("work"))
        .addParameter(TypeName.INT, outputs);
    CodeBlock reverse = wf("reverse");
    CodeBlock seed = wf("seed");
    b.addStatement("if ($L == null) $L = new $T()", reverse, reverse, adjoint);
    CodeBlock like = method.outParam() != null ? CodeBlock.of("$N", method.outParam())
        : CodeBlock.of("$L.tangent", wf("forward"));
    b.addStatement("$L = $L", seed, method.result() == Type.DOUBLE_ARRAY
        ? CodeBlock.of("$T.zeros($L, $N)", WORKSPACE, seed, outputs)
        : CodeBlock.of("$T.zerosLike($L, $L)", WORKSPACE, seed, like));
    for (Param p : method.differentiated()) {
      CodeBlock block = block(p);
      switch (p.type()) {
        case DOUBLE -> b.addStatement("$L = $T.block($L, $N)", block, BLOCKS, block, outputs);
        case DOUBLE_ARRAY -> b.addStatement("$L.$N = $T.zeros($L.$N, $N.length)", reverse, p.name(), WORKSPACE, reverse,
                p.name(), p.name())
            .addStatement("$L = $T.block($L, $N, $N.length)", block, BLOCKS, block, outputs, p.name());
        default -> b.addStatement("$L.$N = $T.zerosLike($L.$N, $N)", reverse, p.name(), WORKSPACE, reverse, p.name(),
                p.name())
            .addStatement("$L = $T.block($L, $N, $T.inputs($N))", block, BLOCKS, block, outputs, BLOCKS, p.name());
      }
    }
    b.beginControlFlow("for (int $N = 0; $N < $N; $N++)", i, i, outputs, i)
        .addStatement("$T.set($L, $N, 1.0)", BLOCKS, seed, i)
        .addStatement("$L.clear()", reverse)
        .addStatement("$L$N($L)", restore(), Naming.pullbackMethod(name()), argsThen(seed.toString(), reverse.toString()))
        .addStatement("$T.set($L, $N, 0.0)", BLOCKS, seed, i);
    for (Param p : method.differentiated()) {
      if (p.type() == Type.DOUBLE) {
        b.addStatement("$L[$N] = $L.$N", block(p), i, reverse, p.name());
      } else {
        b.addStatement("$T.setRow($L, $N, $L.$N)", BLOCKS, block(p), i, reverse, p.name());
      }
    }
    b.endControlFlow();
    return b.build();
  }

  // ---------------------------------------------------------------- types

  private TypeSpec recordType() {
    List<Records.Component> components = new ArrayList<>();
    components.add(new Records.Component("value", resultType));
    for (Param p : method.differentiated()) {
      components.add(new Records.Component(p.name(), blockType(p.type())));
    }
    TypeSpec.Builder r = Records.record(record, components)
        .addJavadoc("Value and Jacobian of $L.\n\n", signature())
        .addJavadoc("@param value the value of {@code $L}\n", name());
    for (Param p : method.differentiated()) {
      r.addJavadoc("@param $L $L\n", p.name(), switch (p.type()) {
        case DOUBLE -> "∂" + name() + "[i]/∂" + p.name() + " for each element i of the result";
        case DOUBLE_ARRAY -> "row i holds ∂" + name() + "[i]/∂" + p.name() + "[j]";
        default -> "row i holds ∂" + name() + "[i] by the elements of " + p.name() + " in row order";
      });
    }
    return r.build();
  }

  private TypeSpec workClass() {
    TypeSpec.Builder t = TypeSpec.classBuilder(work)
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
        .addJavadoc("Where {@link #$N} leaves the Jacobian of $L: one public block per differentiated\n",
            jacobian(), signature())
        .addJavadoc("parameter, named after it; also the reusable workspace of the pushforwards and pullbacks it\n"
            + "runs. Not thread-safe: use one per thread.\n");
    for (Param p : method.differentiated()) {
      t.addField(FieldSpec.builder(blockType(p.type()), p.name(), Modifier.PUBLIC)
          .addJavadoc("The block of ∂$L/∂$L, one row per element of the result.\n", name(), p.name()).build());
    }
    t.addField(FieldSpec.builder(tangentWork, f("forward"), Modifier.PRIVATE).build());
    t.addField(FieldSpec.builder(adjoint, f("reverse"), Modifier.PRIVATE).build());
    t.addField(FieldSpec.builder(resultType, f("seed"), Modifier.PRIVATE).build());
    if (method.outParam() != null) {
      t.addField(FieldSpec.builder(resultType, f("outTangent"), Modifier.PRIVATE).build());
      t.addField(FieldSpec.builder(resultType, f("outInitial"), Modifier.PRIVATE).build());
      t.addField(FieldSpec.builder(CodePrinter.typeName(method.result().arrayOf()), f("outTangents"),
          Modifier.PRIVATE).build());
    }
    t.addField(FieldSpec.builder(multiWork, f("multi"), Modifier.PRIVATE).build());
    for (Param p : method.differentiated()) {
      t.addField(FieldSpec.builder(CodePrinter.typeName(p.type().arrayOf()), f("directions:" + p.name()),
          Modifier.PRIVATE).build());
    }
    for (Param p : method.differentiated()) {
      if (p.type().isArray()) {
        t.addField(FieldSpec.builder(CodePrinter.typeName(p.type()), f("direction:" + p.name()), Modifier.PRIVATE).build());
      }
    }
    return t.build();
  }

}
