package dev.chainrule.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Builds small user projects with real Maven, against the artifacts of this build installed in an
 * isolated repository, exactly as the README tells users to set them up.
 */
class MavenBuildTest {
  private static final Path PROJECTS = Paths.get(System.getProperty("it.projects"));
  private static final Path WORK = Paths.get(System.getProperty("it.work"));

  private record Build(int exitCode, String output) {}

  @Test
  void userProjectGeneratesAWorkingGradientAndRegeneratesItAfterAnEdit() throws IOException {
    Path project = prepare("user-project");
    Build first = mvn(project, "verify");
    assertEquals(0, first.exitCode(), first.output());
    assertTrue(first.output().contains("GRADIENT PriceGradient[value=1100.0, apple=5.5, count=220.00000000000003, tax=1000.0]"),
        first.output());
    Path companion = project.resolve("target/generated-sources/annotations/com/example/PricingDerivatives.java");
    assertTrue(Files.readString(companion).contains("pricePullback"));

    // Edit the annotated source, add a method, and rebuild without cleaning.
    Path source = project.resolve("src/main/java/com/example/Pricing.java");
    String edited = Files.readString(source)
        .replace("return apple * count * tax;", "return apple * count * tax + apple;")
        .replace("  private Pricing() {}", """
              private Pricing() {}

              @Differentiable
              public static double discount(double price, double rate) {
                return price * (1 - rate);
              }
            """);
    Files.writeString(source, edited);
    Build second = mvn(project, "verify");
    assertEquals(0, second.exitCode(), second.output());
    // ∂/∂apple of apple·count·tax + apple is count·tax + 1.
    assertTrue(second.output().contains("apple=" + (5 * 1.1 + 1)), second.output());
    assertTrue(Files.readString(companion).contains("discountGradient"), "the companion was regenerated");
  }

  @Test
  void unsupportedConstructFailsTheBuildWithFileAndLine() {
    Path project = prepare("bad-project");
    Build build = mvn(project, "compile");
    assertNotEquals(0, build.exitCode(), build.output());
    String expected = "Unsupported.java:[10,5] try is not supported in a @Differentiable method";
    assertTrue(build.output().contains(expected), "expected «" + expected + "» in\n" + build.output());
  }

  /**
   * Issue 13, item 17: README's "Use it" snippet, pasted into the pom of a new project (nothing
   * else in it but the coordinates), with README's Pricing class and its usage lines in a main
   * method, compiles with this Maven (whose default compiler plugin, 3.1 for Maven 3.8, failed
   * with "Source option 5 is no longer supported" before the snippet gave a version) and prints
   * README's numbers.
   */
  @Test
  void readmeSnippetPastedIntoANewProjectBuildsAndRuns() throws IOException, InterruptedException {
    String readme = Files.readString(Paths.get(System.getProperty("it.readme")));
    String useIt = readme.substring(readme.indexOf("## Use it"), readme.indexOf("### What is generated"));
    // The set-up comes before Use it's first subsection (the Maven plugin's, with snippets of its own).
    List<String> xml = blocks(useIt.substring(0, useIt.indexOf("\n### ")), "xml");
    List<String> snippets = blocks(useIt, "java");
    assertEquals(1, xml.size(), "one xml snippet in Use it before its first subsection");
    String version = System.getProperty("chainrule.version");
    String pom = """
        <?xml version="1.0" encoding="UTF-8"?>
        <project xmlns="http://maven.apache.org/POM/4.0.0">
          <modelVersion>4.0.0</modelVersion>
          <groupId>com.example</groupId>
          <artifactId>new-project</artifactId>
          <version>1.0</version>
        %s
        </project>
        """.formatted(xml.get(0).replace("0.1.0-SNAPSHOT", version).indent(2));
    Path project = WORK.resolve("readme-project");
    deleteRecursively(project);
    Files.createDirectories(project.resolve("src/main/java"));
    Files.writeString(project.resolve("pom.xml"), pom);
    Files.writeString(project.resolve("settings.xml"), filter(Files.readString(PROJECTS.resolve("settings.xml")),
        Map.of("@mirror@", Paths.get(System.getProperty("it.mirror")).toUri().toString())));
    String pricing = snippets.stream().filter(b -> b.contains("class Pricing")).findFirst().orElseThrow();
    String usage = snippets.stream().filter(b -> b.contains("priceGradient(")).findFirst().orElseThrow();
    Files.writeString(project.resolve("src/main/java/Pricing.java"), pricing);
    Files.writeString(project.resolve("src/main/java/Main.java"), """
        public final class Main {
          public static void main(String[] args) {
        %s    System.out.println("GRADIENT " + g);
          }
        }
        """.formatted(usage.indent(4)));
    // The compiler plugin's goal alone: the lifecycle's other default plugins (resources 2.6 and
    // its dependencies) are not in the repository the nested build may use, but they play no part.
    Build build = mvn(project, "compiler:compile");
    assertEquals(0, build.exitCode(), build.output());
    Path core = Paths.get(System.getProperty("it.repository"), "dev", "chainrule", "chainrule-core", version,
        "chainrule-core-" + version + ".jar");
    Process run = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
        project.resolve("target/classes") + java.io.File.pathSeparator + core, "Main")
        .redirectErrorStream(true).start();
    String out = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(run.waitFor(1, TimeUnit.MINUTES) && run.exitValue() == 0, out);
    assertTrue(out.contains("GRADIENT PriceGradient[value=1100.0, apple=5.5, count=220.00000000000003, tax=1000.0]"), out);
  }

  /** The fenced code blocks of one language in a Markdown text. */
  private static List<String> blocks(String markdown, String language) {
    List<String> out = new ArrayList<>();
    String fence = "```" + language + "\n";
    for (int at = markdown.indexOf(fence); at >= 0; at = markdown.indexOf(fence, at + 1)) {
      int start = at + fence.length();
      out.add(markdown.substring(start, markdown.indexOf("```", start)));
    }
    return out;
  }

  // ---------------------------------------------------------------- helpers

  /** Copies a template project into target/it, filling in the versions of this build. */
  private static Path prepare(String name) {
    Path target = WORK.resolve(name);
    try {
      deleteRecursively(target);
      Map<String, String> tokens = Map.of(
          "@chainrule.version@", System.getProperty("chainrule.version"),
          "@junit.version@", System.getProperty("it.junit.version"),
          "@compiler.version@", System.getProperty("it.compiler.version"),
          "@surefire.version@", System.getProperty("it.surefire.version"),
          "@resources.version@", System.getProperty("it.resources.version"),
          "@jar.version@", System.getProperty("it.jar.version"),
          "@mirror@", Paths.get(System.getProperty("it.mirror")).toUri().toString());
      Path source = PROJECTS.resolve(name);
      try (Stream<Path> files = Files.walk(source)) {
        for (Path from : files.toList()) {
          Path to = target.resolve(source.relativize(from).toString());
          if (Files.isDirectory(from)) {
            Files.createDirectories(to);
          } else {
            Files.writeString(to, filter(Files.readString(from), tokens));
          }
        }
      }
      Files.writeString(target.resolve("settings.xml"),
          filter(Files.readString(PROJECTS.resolve("settings.xml")), tokens));
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String filter(String text, Map<String, String> tokens) {
    for (Map.Entry<String, String> t : tokens.entrySet()) {
      text = text.replace(t.getKey(), t.getValue());
    }
    return text;
  }

  private static Build mvn(Path project, String goal) {
    String home = System.getProperty("it.maven.home");
    boolean windows = System.getProperty("os.name").toLowerCase().contains("win");
    Path mvn = Paths.get(home, "bin", windows ? "mvn.cmd" : "mvn");
    List<String> command = new ArrayList<>(List.of(mvn.toString(), "-B", "-s", "settings.xml",
        "-Dmaven.repo.local=" + System.getProperty("it.repository"), goal));
    Path log = project.resolve("build.log");
    try {
      Process process = new ProcessBuilder(command)
          .directory(project.toFile())
          .redirectErrorStream(true)
          .redirectOutput(log.toFile())
          .start();
      if (!process.waitFor(5, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new AssertionError("Maven took over 5 minutes in " + project);
      }
      return new Build(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
        Files.delete(p);
      }
    }
  }
}
