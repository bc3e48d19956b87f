package dev.chainrule.processor;

import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;

/**
 * Compiles test sources with the processor in-process and loads the result, so a test can call the
 * original method and its generated derivatives side by side.
 */
public final class Compiled {
  public final Compilation compilation;
  private final ClassLoader loader;

  private Compiled(Compilation compilation) {
    this.compilation = compilation;
    this.loader = loaderOf(compilation);
  }

  /** A fresh class loader for the classes a successful compilation wrote (sources and generated). */
  public static ClassLoader loaderOf(Compilation compilation) {
    Map<String, byte[]> classes = new HashMap<>();
    String marker = "/CLASS_OUTPUT/";
    for (JavaFileObject file : compilation.generatedFiles()) {
      if (file.getKind() == JavaFileObject.Kind.CLASS) {
        String path = file.toUri().getPath();
        String name = path.substring(path.indexOf(marker) + marker.length(), path.length() - ".class".length())
            .replace('/', '.');
        try (InputStream in = file.openInputStream()) {
          classes.put(name, in.readAllBytes());
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    return new ClassLoader(Compiled.class.getClassLoader()) {
      @Override
      protected Class<?> findClass(String name) throws ClassNotFoundException {
        byte[] bytes = classes.get(name);
        if (bytes == null) {
          throw new ClassNotFoundException(name);
        }
        return defineClass(name, bytes, 0, bytes.length);
      }
    };
  }

  /** Compiles {@code source} (a whole compilation unit); fails with the diagnostics unless it succeeds. */
  public static Compiled of(String className, String source) {
    return of(Map.of(className, source));
  }

  /** Compiles several compilation units, keyed by class name; fails with the diagnostics unless it succeeds. */
  public static Compiled of(Map<String, String> sources) {
    Compilation c = compile(sources);
    if (c.status() != Compilation.Status.SUCCESS) {
      throw new AssertionError("compilation failed:\n" + describe(c));
    }
    return new Compiled(c);
  }

  /** Compiles source strings, keyed by class name, with the processor; success or not. */
  public static Compilation compile(Map<String, String> sources) {
    List<JavaFileObject> files = sources.entrySet().stream()
        .map(e -> JavaFileObjects.forSourceString(e.getKey(), e.getValue()))
        .collect(Collectors.toList());
    return compile(files);
  }

  /** Compiles source files with the processor; success or not. */
  public static Compilation compile(List<JavaFileObject> files) {
    return javac().withProcessors(new DifferentiableProcessor()).withOptions("-Xlint:all", "-Xlint:-processing").compile(files);
  }

  /**
   * The diagnostics and generated sources of a compilation, for failure messages (compile-testing
   * keeps generated sources only when the compilation succeeded).
   */
  public static String describe(Compilation c) {
    StringBuilder out = new StringBuilder();
    for (Diagnostic<? extends JavaFileObject> d : c.diagnostics()) {
      out.append(d.getKind()).append(' ')
          .append(d.getSource() == null ? "" : d.getSource().getName()).append(':').append(d.getLineNumber())
          .append(": ").append(d.getMessage(null)).append('\n');
    }
    if (c.status() != Compilation.Status.SUCCESS) {
      return out.toString();
    }
    for (JavaFileObject f : c.generatedSourceFiles()) {
      out.append("---- ").append(f.getName()).append('\n').append(source(f));
    }
    return out.toString();
  }

  /** The text of a source file. */
  public static String source(JavaFileObject f) {
    try {
      return f.getCharContent(true).toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The text of a generated source file, by class name ({@code p.CDerivatives}). */
  public String generated(String className) {
    String path = "/" + className.replace('.', '/') + ".java";
    return compilation.generatedSourceFiles().stream()
        .filter(f -> f.toUri().getPath().endsWith(path))
        .map(Compiled::source)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no generated " + className + "\n" + describe(compilation)));
  }

  /** Loads a compiled class (source or generated) by binary name. */
  public Class<?> load(String name) {
    try {
      return Class.forName(name, true, loader);
    } catch (ClassNotFoundException e) {
      throw new AssertionError(e);
    }
  }

  /** Calls a public static method by name (there must be one method with that name). */
  public Object call(String className, String method, Object... args) {
    Class<?> type = load(className);
    for (Method m : type.getDeclaredMethods()) {
      if (m.getName().equals(method)) {
        try {
          m.setAccessible(true);
          return m.invoke(null, args);
        } catch (IllegalAccessException e) {
          throw new AssertionError(e);
        } catch (InvocationTargetException e) {
          throw new AssertionError("call of " + method + " threw " + e.getCause(), e.getCause());
        }
      }
    }
    throw new AssertionError("no method " + method + " in " + className);
  }
}
