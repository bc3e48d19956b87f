package dev.chainrule.processor.diagnostics;

import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static java.nio.charset.StandardCharsets.UTF_8;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.chainrule.processor.Compiled;
import dev.chainrule.processor.DifferentiableProcessor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;

/**
 * One bad source compiled with the processor, and the checks every diagnostics test makes: how
 * many errors, where (file and line), what they say, and that the processor did not crash.
 *
 * <p>Positions are checked by line ({@code onLineContaining}), not column: {@code
 * Trees.printMessage} puts a binary expression's diagnostic at its operator.
 */
final class Diagnosis {
  /**
   * What only a crash prints: ChainRule's internal-error report, or a qualified exception or error
   * class name ({@code java.lang.NullPointerException}, {@code java.lang.StackOverflowError}).
   */
  private static final Pattern CRASH =
      Pattern.compile("internal error|ChainRule failed|\\w\\.\\w*(Exception|Error)\\b");

  private final Compilation compilation;
  private final JavaFileObject file;
  private final List<JavaFileObject> files;

  private Diagnosis(Compilation compilation, JavaFileObject file, List<JavaFileObject> files) {
    this.compilation = compilation;
    this.file = file;
    this.files = files;
  }

  /**
   * Compiles class {@code p.C} with the given members; {@code Differentiable} and {@code
   * NoDerivative} are imported.
   */
  static Diagnosis ofMembers(String members) {
    return of(wrap(members));
  }

  /**
   * Compiles class {@code p.C} with the given members, which must compile, and loads it; on failure
   * the message shows the diagnostics and the generated companion. Imports as {@link #ofMembers}.
   */
  static Compiled compiledMembers(String members) {
    String source = wrap(members);
    try {
      return Compiled.of("p.C", source);
    } catch (AssertionError e) {
      throw new AssertionError("does not compile:\n" + of(source).describe(), e);
    }
  }

  private static String wrap(String members) {
    return """
        package p;
        import dev.chainrule.Differentiable;
        import dev.chainrule.NoDerivative;
        public class C {
        """ + members.indent(2) + "}\n";
  }

  /** Compiles {@code source}, a compilation unit declaring {@code p.C}. */
  static Diagnosis of(String source) {
    return of("p.C", source);
  }

  /** Compiles {@code source}, a compilation unit declaring the top-level class {@code className}. */
  static Diagnosis of(String className, String source) {
    JavaFileObject file = JavaFileObjects.forSourceString(className, source);
    return new Diagnosis(Compiled.compile(List.of(file)), file, List.of(file));
  }

  /**
   * Compiles several compilation units together; the errors are expected in the one declaring
   * {@code className} (each unit's class name is read from its package and first type declaration).
   */
  static Diagnosis ofFiles(String className, String... sources) {
    List<JavaFileObject> files = new java.util.ArrayList<>();
    JavaFileObject main = null;
    for (String source : sources) {
      java.util.regex.Matcher pkg = Pattern.compile("package\\s+([\\w.]+);").matcher(source);
      java.util.regex.Matcher type = Pattern.compile("(?:class|interface|enum|record)\\s+(\\w+)").matcher(source);
      if (!type.find()) {
        throw new IllegalArgumentException("no type declaration in\n" + source);
      }
      String name = (pkg.find() ? pkg.group(1) + "." : "") + type.group(1);
      JavaFileObject f = JavaFileObjects.forSourceString(name, source);
      files.add(f);
      if (name.equals(className)) {
        main = f;
      }
    }
    if (main == null) {
      throw new IllegalArgumentException("no source declares " + className);
    }
    return new Diagnosis(Compiled.compile(files), main, List.copyOf(files));
  }

  /**
   * Asserts that compilation failed with exactly one error, on the line of the source containing
   * {@code line}, whose text contains every one of {@code keyWords}; that the text is clear (see
   * {@link #hasError}); and that nothing crashed.
   */
  Diagnosis hasOneError(String line, String... keyWords) {
    return hasErrors(1).hasError(line, keyWords);
  }

  /**
   * Asserts that compilation failed with exactly {@code count} errors, that nothing crashed, and
   * that whatever companion the processor wrote for the other methods compiles.
   */
  Diagnosis hasErrors(int count) {
    noCrash();
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(count);
    companionCompiles();
    return this;
  }

  /**
   * Asserts that the companions the processor wrote (for the methods it accepted) compile with
   * the source: javac stops after the processor's errors, so it never compiles them itself, and a
   * companion that does not compile would only show once the user fixed their error (issue 13:
   * the generated-code compile check over the catalogue). Nothing to check when javac itself
   * rejects the source.
   */
  Diagnosis companionCompiles() {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    Path dir = null;
    try (StandardJavaFileManager files = javac.getStandardFileManager(null, Locale.ROOT, UTF_8)) {
      dir = Files.createTempDirectory("chainrule-companion");
      Path generated = dir.resolve("generated");
      Files.createDirectories(generated);
      files.setLocationFromPaths(StandardLocation.SOURCE_OUTPUT, List.of(generated));
      files.setLocationFromPaths(StandardLocation.CLASS_OUTPUT, List.of(dir));
      JavaCompiler.CompilationTask process =
          javac.getTask(null, files, d -> {}, List.of("-proc:only"), null, this.files);
      process.setProcessors(List.of(new DifferentiableProcessor()));
      process.call();
      List<JavaFileObject> companions = new java.util.ArrayList<>();
      try (Stream<Path> paths = Files.walk(generated)) {
        paths.filter(p -> p.toString().endsWith(".java")).forEach(p -> files.getJavaFileObjects(p).forEach(companions::add));
      }
      if (companions.isEmpty()) {
        return this;
      }
      List<JavaFileObject> all = new java.util.ArrayList<>(this.files);
      all.addAll(companions);
      List<Diagnostic<? extends JavaFileObject>> errors = new java.util.ArrayList<>();
      boolean ok = javac.getTask(null, files, d -> {
        if (d.getKind() == Diagnostic.Kind.ERROR) {
          errors.add(d);
        }
      }, List.of("-proc:none"), null, all).call();
      java.util.Set<java.net.URI> sources = new java.util.HashSet<>();
      this.files.forEach(f -> sources.add(f.toUri()));
      boolean javacRejectsSource = errors.stream().anyMatch(d -> d.getSource() != null && sources.contains(d.getSource().toUri()));
      if (!ok && !javacRejectsSource) {
        StringBuilder text = new StringBuilder("a generated companion does not compile:\n");
        errors.forEach(d -> text.append(d.getSource() == null ? "" : d.getSource().getName()).append(':')
            .append(d.getLineNumber()).append(": ").append(d.getMessage(Locale.ROOT)).append('\n'));
        for (JavaFileObject c : companions) {
          text.append("---- ").append(c.getName()).append('\n').append(Compiled.source(c));
        }
        throw new AssertionError(text.toString());
      }
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      deleteRecursively(dir);
    }
  }

  /**
   * Asserts an error on the line containing {@code line} (which must occur on one line only) that
   * contains every key word, and that its text is one clear sentence: no empty advice (ending in
   * {@code ;}), no unfilled {@code %s}, no source dumped over several lines.
   */
  Diagnosis hasError(String line, String... keyWords) {
    if (keyWords.length == 0) {
      throw new IllegalArgumentException("name at least one key word");
    }
    for (String keyWord : keyWords) {
      assertThat(compilation).hadErrorContaining(keyWord).inFile(file).onLineContaining(line);
    }
    for (Diagnostic<? extends JavaFileObject> d : compilation.errors()) {
      String text = d.getMessage(Locale.ROOT);
      if (text.contains(keyWords[0])) {
        assertWithMessage("error text is not clear: <%s>", text)
            .that(text.strip().endsWith(";") || text.contains("%s") || text.contains("\n"))
            .isFalse();
      }
    }
    return this;
  }

  /** Asserts that no error contains any of {@code phrases} (advice that would be wrong here). */
  Diagnosis withoutPhrases(String... phrases) {
    for (Diagnostic<? extends JavaFileObject> d : compilation.errors()) {
      String text = d.getMessage(Locale.ROOT);
      for (String phrase : phrases) {
        assertWithMessage("error should not say \"%s\"", phrase).that(text).doesNotContain(phrase);
      }
    }
    return this;
  }

  /** Asserts that the processor did not crash: no diagnostic of any kind looks like a crash report. */
  Diagnosis noCrash() {
    for (Diagnostic<? extends JavaFileObject> d : compilation.diagnostics()) {
      if (CRASH.matcher(d.getMessage(Locale.ROOT)).find()) {
        throw new AssertionError("diagnostic looks like a crash:\n" + describe());
      }
    }
    return this;
  }

  /** Asserts that no diagnostic comes from ChainRule (for problems javac itself reports). */
  Diagnosis nothingFromChainRule() {
    for (Diagnostic<? extends JavaFileObject> d : compilation.diagnostics()) {
      String text = d.getMessage(Locale.ROOT);
      if (text.contains("ChainRule") || text.contains("@Differentiable")) {
        throw new AssertionError("unexpected ChainRule diagnostic:\n" + describe());
      }
    }
    return this;
  }

  /**
   * The text of a generated source file, by class name ({@code p.CDerivatives}), or null if the
   * processor did not write it. compile-testing drops generated files when compilation fails, so
   * then the source is compiled again, annotation processing only, into a temporary directory.
   */
  String generatedOrNull(String className) {
    String path = "/" + className.replace('.', '/') + ".java";
    if (compilation.status() == Compilation.Status.SUCCESS) {
      return compilation.generatedSourceFiles().stream()
          .filter(f -> f.toUri().getPath().endsWith(path))
          .map(Compiled::source)
          .findFirst()
          .orElse(null);
    }
    return processOnly(className);
  }

  /** As {@link #generatedOrNull}, failing if the processor did not write the class. */
  String generated(String className) {
    String text = generatedOrNull(className);
    if (text == null) {
      throw new AssertionError("no generated " + className + "\n" + describe());
    }
    return text;
  }

  /**
   * The diagnostics and the generated companion {@code p.CDerivatives} with line numbers, for
   * failure messages.
   */
  String describe() {
    String companion = generatedOrNull("p.CDerivatives");
    if (companion == null) {
      return Compiled.describe(compilation) + "(no p.CDerivatives generated)\n";
    }
    StringBuilder out = new StringBuilder(Compiled.describe(compilation)).append("---- p.CDerivatives\n");
    List<String> lines = companion.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      out.append(String.format(Locale.ROOT, "%4d  %s%n", i + 1, lines.get(i)));
    }
    return out.toString();
  }

  private String processOnly(String className) {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    Path dir = null;
    try (StandardJavaFileManager files = javac.getStandardFileManager(null, Locale.ROOT, UTF_8)) {
      dir = Files.createTempDirectory("chainrule-diagnosis");
      files.setLocationFromPaths(StandardLocation.SOURCE_OUTPUT, List.of(dir));
      files.setLocationFromPaths(StandardLocation.CLASS_OUTPUT, List.of(dir));
      JavaCompiler.CompilationTask task =
          javac.getTask(null, files, diagnostic -> {}, List.of("-proc:only"), null, this.files);
      task.setProcessors(List.of(new DifferentiableProcessor()));
      task.call();
      Path generated = dir.resolve(className.replace('.', '/') + ".java");
      return Files.exists(generated) ? Files.readString(generated) : null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      deleteRecursively(dir);
    }
  }

  private static void deleteRecursively(Path dir) {
    if (dir == null) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
