package dev.chainrule.processor.fuzz;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.Map;
import javax.tools.JavaFileObject;

/** The classes of a successful in-process compilation, loaded in a fresh class loader. */
final class Loaded {
  private final ClassLoader loader;

  Loaded(Compilation compilation) {
    Map<String, byte[]> classes = new HashMap<>();
    String marker = "/CLASS_OUTPUT/";
    for (JavaFileObject file : compilation.generatedFiles()) {
      if (file.getKind() != JavaFileObject.Kind.CLASS) {
        continue;
      }
      String path = file.toUri().getPath();
      String binaryName =
          path.substring(path.indexOf(marker) + marker.length(), path.length() - ".class".length())
              .replace('/', '.');
      try (InputStream in = file.openInputStream()) {
        classes.put(binaryName, in.readAllBytes());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    this.loader =
        new ClassLoader(Loaded.class.getClassLoader()) {
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

  Class<?> type(String binaryName) {
    try {
      return Class.forName(binaryName, true, loader);
    } catch (ClassNotFoundException e) {
      throw new AssertionError("no compiled class " + binaryName, e);
    }
  }

  /** The only declared method {@code name} of {@code className}. */
  Method method(String className, String name) {
    for (Method m : type(className).getDeclaredMethods()) {
      if (m.getName().equals(name)) {
        m.setAccessible(true);
        return m;
      }
    }
    throw new AssertionError("no method " + name + " in " + className);
  }

  /** Calls a static method, unwrapping what it throws. */
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
}
