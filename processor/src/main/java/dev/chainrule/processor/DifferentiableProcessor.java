package dev.chainrule.processor;

import com.google.auto.service.AutoService;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.JavaFile;
import com.sun.source.util.Trees;
import dev.chainrule.processor.analysis.Analyzer;
import dev.chainrule.processor.analysis.CallWrites;
import dev.chainrule.processor.analysis.Inliner;
import dev.chainrule.processor.analysis.Plan;
import dev.chainrule.processor.analysis.SideEffects;
import dev.chainrule.processor.analysis.VectorCalls;
import dev.chainrule.processor.diagnostics.Message;
import dev.chainrule.processor.diagnostics.Problem;
import dev.chainrule.processor.emit.CodeSize;
import dev.chainrule.processor.emit.CompanionWriter;
import dev.chainrule.processor.forward.Pushforward;
import dev.chainrule.processor.forward.PushforwardBuilder;
import dev.chainrule.processor.frontend.CustomDerivatives;
import dev.chainrule.processor.frontend.MethodReader;
import dev.chainrule.processor.frontend.Signatures;
import dev.chainrule.processor.index.IndexWriter;
import dev.chainrule.processor.ir.Callee;
import dev.chainrule.processor.ir.Expr;
import dev.chainrule.processor.ir.Method;
import dev.chainrule.processor.ir.Naming;
import dev.chainrule.processor.ir.Pos;
import dev.chainrule.processor.ir.Type;
import dev.chainrule.processor.ir.Walk;
import dev.chainrule.processor.reverse.Pullback;
import dev.chainrule.processor.reverse.ReverseBuilder;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;

/**
 * The annotation processor: for each class with {@code @Differentiable} methods, reads every
 * method (frontend), analyses it, builds its pullback (reverse) and writes the companion class
 * (emit). A method outside the supported subset gets one error at the offending construct and is
 * skipped; the others still generate. The processor never claims the annotation.
 */
@AutoService(Processor.class)
public final class DifferentiableProcessor extends AbstractProcessor {
  private Trees trees;
  private String treesFailure;
  /** Companions written in this compilation (every round), by name, and the class each is for. */
  private final Map<String, TypeElement> companions = new HashMap<>();

  /**
   * Every round, not only those with {@code @Differentiable} on a member: javac does not report
   * annotations on methods of local classes, which ChainRule must refuse rather than ignore. The
   * processor never claims an annotation, so other processors are unaffected.
   */
  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of("*");
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public synchronized void init(javax.annotation.processing.ProcessingEnvironment env) {
    super.init(env);
    try {
      trees = Trees.instance(env);
    } catch (RuntimeException | LinkageError e) {
      treesFailure = e.getClass().getSimpleName();
    }
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    try {
      onLargeStack(() -> run(round));
    } catch (RuntimeException | LinkageError | StackOverflowError e) {
      if (Boolean.getBoolean("chainrule.debug")) { // -J-Dchainrule.debug=true: for ChainRule's developers
        e.printStackTrace();
      }
      processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR,
          Message.INTERNAL_ERROR.format("this round", e));
    }
    return false;
  }

  private void run(RoundEnvironment round) {
    Set<? extends Element> annotated = annotated(round, Signatures.DIFFERENTIABLE);
    Set<? extends Element> customAnnotated = annotated(round, CustomDerivatives.ANNOTATION);
    if (trees != null) {
      reportMethodsInLocalClasses(round);
    }
    if (annotated.isEmpty() && customAnnotated.isEmpty()) {
      return;
    }
    if (trees == null) {
      Element first = annotated.isEmpty() ? customAnnotated.iterator().next() : annotated.iterator().next();
      processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR,
          Message.REQUIRES_JAVAC.format(treesFailure), first);
      return;
    }
    CustomDerivatives customs = new CustomDerivatives();
    for (Element e : customAnnotated) {
      if (e instanceof ExecutableElement m) {
        guarded(m, () -> customs.add(m, MethodReader.annotationPosition(trees, m, "CustomDerivative")));
      }
    }
    Map<TypeElement, List<ExecutableElement>> byClass = new LinkedHashMap<>();
    for (Element e : annotated) {
      if (e instanceof ExecutableElement m && e.getEnclosingElement() instanceof TypeElement owner) {
        byClass.computeIfAbsent(owner, k -> new ArrayList<>()).add(m);
      }
    }

    // Frontend, for every method first: the call graph needs them all.
    Map<ExecutableElement, Method> read = new LinkedHashMap<>();
    for (List<ExecutableElement> methods : byClass.values()) {
      Map<String, ExecutableElement> generatedNames = new HashMap<>();
      for (ExecutableElement m : methods) {
        guarded(m, () -> {
          checkNames(m, generatedNames);
          read.put(m, MethodReader.read(processingEnv.getElementUtils(), trees, m, customs));
        });
      }
    }
    Set<String> failed = new HashSet<>();
    for (ExecutableElement m : annotated.stream().filter(ExecutableElement.class::isInstance)
        .map(ExecutableElement.class::cast).toList()) {
      if (!read.containsKey(m)) {
        failed.add(key(m));
      }
    }
    checkCalls(read, failed);
    Map<String, Method> byKey = new HashMap<>();
    read.forEach((m, method) -> byKey.put(key(m), method));
    Function<Callee.Differentiable, Method> bodies =
        callee -> byKey.get(callee.owner().canonicalName() + "#" + callee.name());
    CallWrites writes = new CallWrites(bodies);

    // Analysis and reverse mode for every method, then forward modes, then emit per class: a
    // method that fails here fails its callers too, which must not refer to an adjoint class that is
    // never written.
    Map<ExecutableElement, Plan> plans = new LinkedHashMap<>();
    Map<ExecutableElement, Pullback> pullbacks = new HashMap<>();
    for (List<ExecutableElement> methods : byClass.values()) {
      for (ExecutableElement m : methods) {
        Method method = read.get(m);
        if (method == null || failed.contains(key(m))) {
          continue;
        }
        boolean ok = guarded(m, () -> {
          Method inlined = Inliner.inline(VectorCalls.inline(method, bodies), bodies);
          Plan plan = Analyzer.analyze(inlined, freshNames(inlined), writes);
          Pullback pullback = ReverseBuilder.build(plan);
          checkSize(method, pullback);
          pullback.warnings().forEach(w -> report(w, m, Diagnostic.Kind.WARNING));
          plans.put(m, plan);
          pullbacks.put(m, pullback);
        });
        if (!ok) {
          failed.add(key(m));
        }
      }
    }
    for (Map.Entry<TypeElement, List<ExecutableElement>> entry : byClass.entrySet()) {
      if (entry.getValue().stream().anyMatch(pullbacks::containsKey) && !companionNameIsFree(entry.getKey())) {
        entry.getValue().forEach(m -> failed.add(key(m)));
      }
    }
    checkCalls(read, failed);
    // Callees that write into their array parameters: after the broken ones, which say more.
    for (Map.Entry<ExecutableElement, Plan> entry : plans.entrySet()) {
      ExecutableElement m = entry.getKey();
      if (!failed.contains(key(m)) && !guarded(m, () -> SideEffects.checkCallees(entry.getValue()))) {
        failed.add(key(m));
      }
    }
    checkCalls(read, failed);
    plans.keySet().removeIf(m -> failed.contains(key(m)));
    pullbacks.keySet().removeIf(m -> failed.contains(key(m)));
    Modes modes = new Modes(plans, pullbacks, DifferentiableProcessor::key, new Modes.Reporter() {
      @Override
      public void report(Problem p, ExecutableElement m, Diagnostic.Kind kind) {
        DifferentiableProcessor.this.report(p, m, kind);
      }

      @Override
      public void internal(ExecutableElement m, Throwable e) {
        processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR,
            Message.INTERNAL_ERROR.format(m.getSimpleName(), e), m);
      }
    });
    modes.build();
    Map<ExecutableElement, Pushforward> pushforwards = modes.pushforwards();
    Map<ExecutableElement, Pushforward> multiPushforwards = modes.multiPushforwards();
    Map<ExecutableElement, CompanionWriter.SecondOrder> secondOrders = modes.secondOrders();

    // Emit, per class.
    ClassName generated = processingEnv.getElementUtils().getTypeElement("javax.annotation.processing.Generated") != null
        ? ClassName.get("javax.annotation.processing", "Generated") : null;
    for (Map.Entry<TypeElement, List<ExecutableElement>> entry : byClass.entrySet()) {
      List<Pullback> classPullbacks = new ArrayList<>();
      List<Pushforward> classPushforwards = new ArrayList<>();
      List<Pushforward> classMulti = new ArrayList<>();
      List<CompanionWriter.SecondOrder> classSecond = new ArrayList<>();
      for (ExecutableElement m : entry.getValue()) {
        if (pullbacks.containsKey(m) && !failed.contains(key(m)) && !modes.failed(m)) {
          if (secondOrders.containsKey(m)) {
            classSecond.add(secondOrders.get(m));
          }
          classPullbacks.add(pullbacks.get(m));
          if (pushforwards.containsKey(m)) {
            classPushforwards.add(pushforwards.get(m));
          }
          if (multiPushforwards.containsKey(m)) {
            classMulti.add(multiPushforwards.get(m));
          }
        }
      }
      if (!classPullbacks.isEmpty()) {
        Set<String> packageClasses = new HashSet<>();
        for (Element e : processingEnv.getElementUtils().getPackageOf(entry.getKey()).getEnclosedElements()) {
          packageClasses.add(e.getSimpleName().toString());
        }
        JavaFile companion = CompanionWriter.write(ClassName.get(entry.getKey()), classPullbacks,
            classPushforwards, classMulti, classSecond, generated, packageClasses);
        write(entry.getKey(), companion);
        IndexWriter.write(processingEnv, entry.getKey(), classPullbacks, companion); // for chainrule-maven-plugin
      }
    }
  }

  /**
   * Refuses a method whose pullback javac would reject as "code too large", before the companion
   * is written and compiled (issue 13, item 12): only where the estimate is clearly over the limit
   * (it errs by at most 15%); nearer the limit javac decides.
   */
  private static void checkSize(Method method, Pullback pullback) {
    Map<String, Type> parameters = new LinkedHashMap<>();
    method.parameters().forEach(p -> parameters.put(p.name(), p.type()));
    parameters.put(pullback.seedName(), Type.DOUBLE);
    parameters.put(pullback.adjointName(), Type.INT); // a reference: one slot
    long bytes = CodeSize.estimate(pullback.body(), parameters);
    if (bytes > CodeSize.LIMIT * 6 / 5) {
      throw new Problem(Message.TOO_LARGE, method.pos(), method.name(),
          "its pullback would take about " + bytes / 1024 + " KB of bytecode");
    }
  }

  /**
   * Whether no other class of this compilation has the same companion ({@code Case.B} and
   * {@code Case_B} both give {@code Case_BDerivatives}); if one has, an error at this class says
   * which, instead of javac's "Attempt to recreate a file".
   */
  private boolean companionNameIsFree(TypeElement owner) {
    ClassName companion = Naming.companionOf(ClassName.get(owner));
    TypeElement other = companions.putIfAbsent(companion.canonicalName(), owner);
    if (other == null || other.equals(owner)) {
      return true;
    }
    processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, Message.COMPANION_CLASH.format(
        owner.getQualifiedName(), other.getQualifiedName(), companion.canonicalName()), owner);
    return false;
  }

  /**
   * javac does not list methods of local and anonymous classes among the annotated elements, so
   * such a {@code @Differentiable} would be silently ignored; find them in the trees instead.
   */
  private void reportMethodsInLocalClasses(RoundEnvironment round) {
    Set<com.sun.source.tree.CompilationUnitTree> units = new HashSet<>();
    for (Element root : round.getRootElements()) {
      var path = trees.getPath(root);
      if (path == null || !units.add(path.getCompilationUnit())) {
        continue;
      }
      com.sun.source.tree.CompilationUnitTree unit = path.getCompilationUnit();
      new com.sun.source.util.TreeScanner<Void, Integer>() {
        private final java.util.Deque<String> classes = new java.util.ArrayDeque<>();

        @Override
        public Void visitClass(com.sun.source.tree.ClassTree type, Integer depth) {
          classes.push(type.getSimpleName().length() == 0 ? "an anonymous class" : "local class " + type.getSimpleName());
          try {
            return super.visitClass(type, depth);
          } finally {
            classes.pop();
          }
        }

        @Override
        public Void visitMethod(com.sun.source.tree.MethodTree method, Integer depth) {
          if (depth > 0 && method.getModifiers().getAnnotations().stream()
              .anyMatch(a -> a.getAnnotationType().toString().endsWith("Differentiable"))) {
            trees.printMessage(Diagnostic.Kind.ERROR,
                Message.INACCESSIBLE_CLASS.format(method.getName(), classes.peek()), method, unit);
          }
          scan(method.getModifiers(), depth);
          scan(method.getParameters(), depth);
          scan(method.getBody(), depth + 1);
          return null;
        }

        @Override
        public Void visitLambdaExpression(com.sun.source.tree.LambdaExpressionTree lambda, Integer depth) {
          return super.visitLambdaExpression(lambda, depth + 1);
        }

        @Override
        public Void visitVariable(com.sun.source.tree.VariableTree variable, Integer depth) {
          // A field initializer such as new Object() { ... } holds an anonymous class.
          return super.visitVariable(variable, depth + 1);
        }

        @Override
        public Void visitBlock(com.sun.source.tree.BlockTree block, Integer depth) {
          // Initializer blocks are bodies too.
          return super.visitBlock(block, depth + 1);
        }
      }.scan(unit, 0);
    }
  }

  private static String signature(ExecutableElement m) {
    return "'" + m.getSimpleName() + "(" + String.join(", ",
        m.getParameters().stream().map(p -> p.asType().toString()).toList()) + ")'";
  }

  /** Gives names that no user variable and no earlier generated name of {@code method} has. */
  private static Function<String, String> freshNames(Method method) {
    Set<String> taken = new HashSet<>(method.identifiers());
    return base -> Naming.fresh(base, taken);
  }

  static String key(ExecutableElement m) {
    return ((TypeElement) m.getEnclosingElement()).getQualifiedName() + "#" + m.getSimpleName();
  }

  /**
   * Two methods whose generated names coincide (overloads, {@code f} and {@code F}) cannot both
   * generate. Methods and nested classes are separate namespaces in Java, so a method whose
   * gradient method and gradient record have the same name ({@code $f}, {@code _loss}, {@code ßeta}:
   * no upper case) is no clash.
   */
  private void checkNames(ExecutableElement m, Map<String, ExecutableElement> taken) {
    String name = m.getSimpleName().toString();
    for (String generated : List.of("method " + Naming.gradientMethod(name), "class " + Naming.gradientRecord(name))) {
      ExecutableElement other = taken.putIfAbsent(generated, m);
      if (other != null) {
        throw new Problem(Message.NAME_CLASH, MethodReader.positionOf(trees, m), generated.substring(generated.indexOf(' ') + 1),
            signature(m), signature(other));
      }
    }
  }

  /**
   * Calls between differentiable methods: a method whose callee failed
   * is reported instead of generating code that cannot compile.
   */
  private void checkCalls(Map<ExecutableElement, Method> read, Set<String> failed) {
    Map<String, List<Call>> calls = new HashMap<>();
    for (Method method : read.values()) {
      List<Call> out = new ArrayList<>();
      Walk.forEachStmt(method.body(), s -> Walk.expressions(s).forEach(e -> Walk.forEach(e, x -> {
        Callee.Differentiable d = x instanceof Expr.Call c ? called(c.callee()) : null;
        if (d != null) {
          out.add(new Call(d.owner().canonicalName() + "#" + d.name(), method.posOf(x, s.pos())));
        }
      })));
      calls.put(method.owner().canonicalName() + "#" + method.name(), out);
    }
    // To a fixed point: a method whose callee fails only later in this loop fails too.
    boolean changed = true;
    while (changed) {
      changed = false;
      for (Map.Entry<ExecutableElement, Method> entry : read.entrySet()) {
        String self = key(entry.getKey());
        if (!failed.contains(self)) {
          changed |= checkCallsOf(entry, self, calls, failed);
        }
      }
    }
  }

  /** Reports the first call of one method to a method that failed; true if there is one. */
  private boolean checkCallsOf(Map.Entry<ExecutableElement, Method> entry, String self,
      Map<String, List<Call>> calls, Set<String> failed) {
    for (Call call : calls.getOrDefault(self, List.of())) {
      if (failed.contains(call.target())) {
        String callee = simple(call.target());
        report(new Problem(Message.CALLS_BROKEN_METHOD, call.pos(), entry.getValue().name(), callee, callee),
            entry.getKey());
        failed.add(self);
        return true;
      }
    }
    return false;
  }

  private record Call(String target, Pos pos) {}

  /** The differentiable method a call uses: itself, or the one whose derivative it calls. */
  static Callee.Differentiable called(Callee callee) {
    if (callee instanceof Callee.Differentiable d) {
      return d;
    }
    return callee instanceof Callee.Derivative n ? n.of() : null;
  }

  private static String simple(String key) {
    return key.substring(key.indexOf('#') + 1);
  }

  /** Runs one method's work; a failure is reported at the method and gives false. */
  private boolean guarded(ExecutableElement m, Runnable work) {
    try {
      work.run();
      return true;
    } catch (Problem p) {
      report(p, m);
    } catch (RuntimeException | StackOverflowError e) {
      if (Boolean.getBoolean("chainrule.debug")) {
        e.printStackTrace();
      }
      processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR,
          Message.INTERNAL_ERROR.format(m.getSimpleName(), e), m);
    }
    return false;
  }

  /**
   * Runs the processor's work on a thread with a large stack: the stages recurse over expression
   * trees, and a sum of a few thousand terms nests that deep. The calling thread waits, so javac is
   * still used by one thread at a time.
   */
  private static void onLargeStack(Runnable work) {
    RuntimeException[] failure = {null};
    Error[] error = {null};
    Thread thread = new Thread(null, () -> {
      try {
        work.run();
      } catch (RuntimeException e) {
        failure[0] = e;
      } catch (Error e) {
        error[0] = e;
      }
    }, "chainrule", 512L << 20);
    thread.start();
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
    if (failure[0] != null) {
      throw failure[0];
    }
    if (error[0] != null) {
      throw error[0];
    }
  }

  private void report(Problem p, ExecutableElement m) {
    report(p, m, Diagnostic.Kind.ERROR);
  }

  private void report(Problem p, ExecutableElement m, Diagnostic.Kind kind) {
    Pos pos = p.pos();
    var path = trees.getPath(m);
    if (pos != null && pos.tree() != null && path != null) {
      trees.printMessage(kind, p.getMessage(), pos.tree(), path.getCompilationUnit());
    } else {
      processingEnv.getMessager().printMessage(kind, p.getMessage(), m);
    }
  }

  private Set<? extends Element> annotated(RoundEnvironment round, String annotation) {
    TypeElement type = processingEnv.getElementUtils().getTypeElement(annotation);
    return type == null ? Set.of() : round.getElementsAnnotatedWith(type);
  }

  private void write(TypeElement owner, JavaFile file) {
    try {
      file.writeTo(processingEnv.getFiler());
    } catch (IOException e) {
      processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR,
          "ChainRule could not write " + file.typeSpec().name() + ": " + e.getMessage(), owner);
    }
  }
}
