package dev.chainrule.processor.fuzz;

import com.google.testing.compile.Compilation;
import dev.chainrule.processor.Compiled;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/** The classes of a successful in-process compilation, loaded in a fresh class loader. */
final class Loaded {
  private final ClassLoader loader;

  Loaded(Compilation compilation) {
    this.loader = Compiled.loaderOf(compilation);
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
