package dev.chainrule.processor;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The generated source of a few classes, compared as text with golden files, so that any change to
 * the output is seen in review. After an intended change, regenerate them with
 * {@code mvn -pl processor test -Dtest=GoldenOutputTest -Dchainrule.golden.update=true} and read
 * the diff.
 */
class GoldenOutputTest {
  private static final Path GOLDEN = Paths.get("src/test/resources/golden");

  @ParameterizedTest
  @ValueSource(strings = {"Pricing", "Vectors"})
  void generatedSourceMatchesGoldenFile(String name) throws IOException {
    String source = resource("golden/" + name + ".java");
    String generated = Compiled.of("golden." + name, source).generated("golden." + name + "Derivatives");
    Path expectedFile = GOLDEN.resolve(name + "Derivatives.java.txt");
    if (Boolean.getBoolean("chainrule.golden.update")) {
      Files.writeString(expectedFile, generated);
      return;
    }
    String expected = resource("golden/" + name + "Derivatives.java.txt");
    if (!expected.equals(generated)) {
      fail("generated " + name + "Derivatives differs from " + expectedFile + " at " + firstDifference(expected, generated)
          + "\n(regenerate with -Dchainrule.golden.update=true if the change is intended)\n---- generated:\n" + generated);
    }
  }

  private static String firstDifference(String expected, String actual) {
    List<String> a = expected.lines().toList();
    List<String> b = actual.lines().toList();
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      if (!a.get(i).equals(b.get(i))) {
        return "line " + (i + 1) + ":\n  expected: " + a.get(i) + "\n  actual:   " + b.get(i);
      }
    }
    return "line " + (Math.min(a.size(), b.size()) + 1) + " (one is longer)";
  }

  private static String resource(String path) {
    try (InputStream in = GoldenOutputTest.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new AssertionError("missing test resource " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
