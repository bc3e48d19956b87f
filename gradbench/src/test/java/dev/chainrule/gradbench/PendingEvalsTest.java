package dev.chainrule.gradbench;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The det eval is written as specified, recursively, with its annotations in comments because the
 * processor refuses recursion. This compiles it with the annotations in place and checks that
 * the refusal is still the reason; when the processor accepts it, this fails to say that det can
 * be finished.
 */
class PendingEvalsTest {
  @Test
  void detWaitsForRecursion(@TempDir Path out) throws Exception {
    Path module = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
    String source = Files.readString(module.resolve(
        "src/main/java/dev/chainrule/gradbench/evals/Det.java"), StandardCharsets.UTF_8);
    assertTrue(source.contains("/* @Differentiable */"), "Det.java lost its annotation markers");
    String annotated = source.replace("/* @Differentiable */", "@dev.chainrule.Differentiable");
    var file = new SimpleJavaFileObject(
        java.net.URI.create("string:///dev/chainrule/gradbench/evals/Det.java"), JavaFileObject.Kind.SOURCE) {
      @Override
      public CharSequence getCharContent(boolean ignoreEncodingErrors) {
        return annotated;
      }
    };
    var compiler = ToolProvider.getSystemJavaCompiler();
    var diagnostics = new DiagnosticCollector<JavaFileObject>();
    var log = new StringWriter();
    boolean ok = compiler.getTask(log, null, diagnostics,
        List.of("-d", out.toString(), "-classpath", System.getProperty("java.class.path"),
            "-processor", "dev.chainrule.processor.DifferentiableProcessor"),
        null, List.of(file)).call();
    StringBuilder errors = new StringBuilder();
    diagnostics.getDiagnostics().forEach(d -> errors.append(d.getMessage(null)).append('\n'));
    assertFalse(ok, "ChainRule now differentiates Det.detOfMinor: replace the /* @Differentiable */"
        + " markers in Det.java by the annotation and give DetEval its gradient");
    assertTrue(errors.toString().contains("calls itself"), errors + log.toString());
  }
}
