package dev.chainrule.processor.symbolic;

import com.google.gson.Gson;
import dev.chainrule.processor.Compiled;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Map;
import javax.tools.JavaFileObject;

/** A class compiled with the processor, its index parsed, and its generated gradients callable. */
public final class IndexFixture {
  final Compiled compiled;
  public final Map<?, ?> index;
  public final ClassLoader loader;
  private final String className;

  public IndexFixture(String className, String source) {
    this.className = className;
    this.compiled = Compiled.of(className, source);
    this.loader = Compiled.loaderOf(compiled.compilation);
    this.index = new Gson().fromJson(resource("META-INF/chainrule/" + className + ".json"), Map.class);
  }

  private String resource(String name) {
    for (JavaFileObject f : compiled.compilation.generatedFiles()) {
      if (f.toUri().getPath().endsWith("/CLASS_OUTPUT/" + name)) {
        try {
          return f.getCharContent(true).toString();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    throw new AssertionError("no generated resource " + name);
  }

  public Map<?, ?> method(String name) {
    for (Object m : (List<?>) index.get("methods")) {
      if (((Map<?, ?>) m).get("name").equals(name)) {
        return (Map<?, ?>) m;
      }
    }
    throw new AssertionError("no method " + name + " in the index");
  }

  /** The generated gradient's component {@code wrt} at {@code args}. */
  double gradient(String method, String wrt, double... args) {
    try {
      Class<?> companion = loader.loadClass(className + "Derivatives");
      Class<?>[] types = new Class<?>[args.length];
      java.util.Arrays.fill(types, double.class);
      Object[] boxed = java.util.Arrays.stream(args).boxed().toArray();
      Object record = companion.getMethod(method + "Gradient", types).invoke(null, boxed);
      for (RecordComponent c : record.getClass().getRecordComponents()) {
        if (c.getName().equals(wrt)) {
          return (double) c.getAccessor().invoke(record);
        }
      }
      throw new AssertionError("no component " + wrt);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  /** The original method at {@code args}. */
  double value(String method, double... args) {
    return (double) compiled.call(className, method, java.util.Arrays.stream(args).boxed().toArray());
  }
}
