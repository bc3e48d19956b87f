package dev.chainrule.maven.check;

import dev.chainrule.maven.index.ClassIndex;
import dev.chainrule.maven.index.IndexReader;
import dev.chainrule.maven.index.MethodIndex;
import dev.chainrule.processor.DifferentiableProcessor;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

/**
 * Sources compiled into a directory by javac with ChainRule's processor, as a project's build
 * compiles them: the classes, the companions and the index, read back and loadable. The checker is
 * then run on what the processor really generated.
 */
final class Generated {
  final List<ClassIndex> index;
  final ClassLoader loader;

  private Generated(List<ClassIndex> index, ClassLoader loader) {
    this.index = index;
    this.loader = loader;
  }

  /** Compiles {@code sources} (class name to text) into {@code dir}; fails with javac's messages. */
  static Generated compile(Path dir, Map<String, String> sources) {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    List<JavaFileObject> files = new ArrayList<>();
    sources.forEach((name, text) -> files.add(new SimpleJavaFileObject(
        URI.create("string:///" + name.replace('.', '/') + ".java"), JavaFileObject.Kind.SOURCE) {
      @Override
      public CharSequence getCharContent(boolean ignoreEncodingErrors) {
        return text;
      }
    }));
    StringWriter messages = new StringWriter();
    JavaCompiler.CompilationTask task = javac.getTask(messages, null, null,
        List.of("-d", dir.toString(), "-classpath", System.getProperty("java.class.path"), "-Xlint:-processing"), null, files);
    task.setProcessors(List.of(new DifferentiableProcessor()));
    if (!task.call()) {
      throw new AssertionError("compilation failed:\n" + messages);
    }
    try {
      URL url = dir.toUri().toURL();
      return new Generated(IndexReader.read(dir), new URLClassLoader(new URL[] {url}, Generated.class.getClassLoader()));
    } catch (MalformedURLException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  ClassIndex owner(String className) {
    return index.stream().filter(c -> c.owner().equals(className)).findFirst()
        .orElseThrow(() -> new AssertionError("no index of " + className + " in " + index));
  }

  MethodIndex method(String className, String method) {
    return owner(className).methods().stream().filter(m -> m.name().equals(method)).findFirst()
        .orElseThrow(() -> new AssertionError("no method " + method + " in the index of " + className));
  }

  MethodResult check(MethodChecker checker, String className, String method) throws CheckException {
    return checker.check(owner(className), method(className, method), loader);
  }
}
