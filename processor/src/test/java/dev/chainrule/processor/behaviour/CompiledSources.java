package dev.chainrule.processor.behaviour;

import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import dev.chainrule.processor.Compiled;
import com.google.testing.compile.JavaFileObjects;
import dev.chainrule.processor.DifferentiableProcessor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;

/**
 * A set of source files compiled in-process with ChainRule's processor, and the classes that came
 * out of it (the user's classes and the generated companions), loaded in a fresh class loader.
 *
 * <p>Sources are compiled with {@code -parameters}, so tests can map the generated record's
 * components to the original method's parameters by name.
 */
final class CompiledSources {
  private final Compilation compilation;
  private final ClassLoader loader;

  private CompiledSources(Compilation compilation) {
    this.compilation = compilation;
    this.loader = Compiled.loaderOf(compilation);
  }

  /**
   * Compiles the given compilation units (fully qualified top-level class name to source text) and
   * fails the test with every diagnostic and generated source unless compilation succeeds.
   */
  static CompiledSources compile(Map<String, String> sources) {
    List<JavaFileObject> files = new ArrayList<>();
    sources.forEach((name, text) -> files.add(JavaFileObjects.forSourceString(name, text)));
    Compilation compilation =
        javac()
            .withProcessors(new DifferentiableProcessor())
            .withOptions("-parameters", "-Xlint:all", "-Xlint:-processing")
            .compile(files);
    if (compilation.status() != Compilation.Status.SUCCESS) {
      throw new AssertionError("compilation failed:\n" + describe(compilation));
    }
    return new CompiledSources(compilation);
  }

  /** Compiles one compilation unit. */
  static CompiledSources compile(String className, String source) {
    return compile(Map.of(className, source));
  }

  /** All diagnostics, then the text of every generated source file. */
  static String describe(Compilation compilation) {
    StringBuilder out = new StringBuilder();
    for (Diagnostic<? extends JavaFileObject> d : compilation.diagnostics()) {
      out.append(d.getKind())
          .append(' ')
          .append(d.getSource() == null ? "" : d.getSource().getName())
          .append(':')
          .append(d.getLineNumber())
          .append(": ")
          .append(d.getMessage(null))
          .append('\n');
    }
    for (JavaFileObject f : compilation.generatedSourceFiles()) {
      out.append("---- ").append(f.getName()).append('\n').append(text(f));
    }
    return out.toString();
  }

  /** The text of the generated source of {@code className} (e.g. {@code p.CDerivatives}). */
  String generatedSource(String className) {
    String suffix = "/" + className.replace('.', '/') + ".java";
    return compilation.generatedSourceFiles().stream()
        .filter(f -> f.toUri().getPath().endsWith(suffix))
        .map(CompiledSources::text)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no generated source " + className));
  }

  /** The text of the generated {@code <method>Pullback} in the generated source {@code className}. */
  String pullbackSource(String className, String method) {
    String source = generatedSource(className);
    int start = source.indexOf("public static double " + method + "Pullback(");
    if (start < 0) {
      throw new AssertionError("no " + method + "Pullback in " + className);
    }
    return source.substring(start, source.indexOf("\n  }\n", start));
  }

  /** Loads a compiled class by binary name ({@code p.CDerivatives$MAdjoint} for nested ones). */
  Class<?> type(String binaryName) {
    try {
      return Class.forName(binaryName, true, loader);
    } catch (ClassNotFoundException e) {
      throw new AssertionError("no compiled class " + binaryName, e);
    }
  }

  /** The only declared method of {@code className} named {@code name}. */
  Method method(String className, String name) {
    Method found = null;
    for (Method m : type(className).getDeclaredMethods()) {
      if (m.getName().equals(name)) {
        if (found != null) {
          throw new AssertionError("more than one method " + name + " in " + className);
        }
        found = m;
      }
    }
    if (found == null) {
      throw new AssertionError("no method " + name + " in " + className);
    }
    found.setAccessible(true);
    return found;
  }

  /** Calls a static method, rethrowing whatever it throws. */
  static Object invoke(Method method, Object... args) {
    try {
      return method.invoke(null, args);
    } catch (IllegalAccessException e) {
      throw new AssertionError(e);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new AssertionError(method + " threw", cause);
    }
  }

  private static String text(JavaFileObject f) {
    try {
      return f.getCharContent(true).toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
