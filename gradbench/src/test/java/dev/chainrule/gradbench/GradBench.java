package dev.chainrule.gradbench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A writable copy of GradBench (from {@code shared/gradbench} beside the repository, or {@code
 * -Dgradbench.home}) with its hand-written C++ tool built, the validators' golden implementation,
 * and sessions of an eval against a tool through GradBench's {@code run.py}.
 */
final class GradBench {
  private final Path root;

  private GradBench(Path root) {
    this.root = root;
  }

  /** One evaluate: the function, its description, the tool's reply and GradBench's analysis. */
  record Evaluation(String function, String description, boolean success, String error,
      Boolean valid, String analysisError) {}

  /** What one run of an eval against a tool showed. */
  record Session(boolean defined, String defineError, List<Evaluation> evaluations, String output) {}

  /**
   * Copies GradBench into {@code dir} and builds the manual tool's programs for {@code modules};
   * fails with what to install when Python 3 with numpy, scipy and pydantic 2, g++ or nlohmann's
   * JSON header is missing.
   */
  static GradBench prepare(Path dir, List<String> modules) throws IOException, InterruptedException {
    Path source = locate();
    Result py = exec(dir.getParent(), List.of("python3", "-c",
        "import numpy, scipy, pydantic; assert int(pydantic.VERSION.split('.')[0]) >= 2, pydantic.VERSION"));
    if (py.code != 0) {
      throw new AssertionError("GradBench's evals need Python 3 with numpy, scipy and pydantic 2"
          + " (for example: apt-get install python3-numpy python3-scipy python3-pydantic, or pip"
          + " install numpy scipy 'pydantic>=2'); python3 said:\n" + py.output);
    }
    Result header = exec(dir.getParent(), List.of("sh", "-c",
        "echo '#include <nlohmann/json.hpp>' | g++ -std=c++17 -fsyntax-only -x c++ -"));
    if (header.code != 0) {
      throw new AssertionError("GradBench's C++ tool (the validators' golden implementation) needs"
          + " g++ and nlohmann's JSON headers: apt-get install g++ nlohmann-json3-dev; g++ said:\n"
          + header.output);
    }
    if (!Files.exists(dir.resolve("run.py"))) {
      copy(source, dir);
    }
    List<String> make = new ArrayList<>(List.of("make", "-C", "tools/manual", "-j2"));
    for (String m : modules) {
      make.add("bin/" + m);
    }
    Result built = exec(dir, make);
    if (built.code != 0) {
      throw new AssertionError("building GradBench's manual tool failed:\n" + built.output);
    }
    return new GradBench(dir);
  }

  /** shared/gradbench in the nearest ancestor of the working directory that has one. */
  static Path locate() {
    String given = System.getProperty("gradbench.home", System.getenv("GRADBENCH_HOME"));
    if (given != null) {
      return Path.of(given);
    }
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path candidate = p.resolve("shared").resolve("gradbench");
      if (Files.exists(candidate.resolve("run.py"))) {
        return candidate;
      }
    }
    // GradBench's copy is not part of this repository: where it is absent these validations cannot
    // run, and the build says so loudly (the tool's own tests still run) rather than failing.
    String message = "GradBench's validators NOT RUN: no shared/gradbench (GradBench's copy) beside"
        + " the repository or above it; give its folder with -Dgradbench.home=... or GRADBENCH_HOME";
    System.err.println("WARNING: " + message);
    org.junit.jupiter.api.Assumptions.abort(message);
    throw new AssertionError(message);
  }

  /** Runs {@code eval} (arguments to the eval's run.py) against {@code tool} (a command line). */
  Session run(String eval, String evalArgs, String tool) throws IOException, InterruptedException {
    Path log = Files.createTempFile(root, eval + "-", ".jsonl");
    Result r = exec(root, List.of("python3", "run.py", "--timeout", "600", "--log", log.toString(),
        "--eval", "python3 python/gradbench/gradbench/evals/" + eval + "/run.py " + evalArgs,
        "--tool", tool));
    if (r.code != 0) {
      throw new AssertionError("run.py failed:\n" + r.output);
    }
    ObjectMapper json = new ObjectMapper();
    boolean defined = false;
    String defineError = null;
    Map<Integer, Evaluation> evaluations = new LinkedHashMap<>();
    JsonNode message = null;
    for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
      JsonNode entry = json.readTree(line);
      if (entry.has("message")) {
        message = entry.get("message");
        if ("analysis".equals(message.path("kind").asText())) {
          Evaluation e = evaluations.get(message.get("of").asInt());
          evaluations.put(message.get("of").asInt(), new Evaluation(e.function, e.description,
              e.success, e.error, message.get("valid").asBoolean(), text(message.get("error"))));
        }
        continue;
      }
      JsonNode response = entry.get("response");
      String kind = message == null ? "" : message.path("kind").asText();
      if (kind.equals("define")) {
        defined = response.path("success").asBoolean();
        defineError = text(response.get("error"));
      } else if (kind.equals("evaluate")) {
        evaluations.put(message.get("id").asInt(), new Evaluation(message.path("function").asText(),
            message.path("description").asText(), response.path("success").asBoolean(),
            text(response.get("error")), null, null));
      }
    }
    return new Session(defined, defineError, List.copyOf(evaluations.values()), r.output);
  }

  private static String text(JsonNode n) {
    return n == null || n.isNull() ? null : n.asText();
  }

  private record Result(int code, String output) {}

  private static Result exec(Path dir, List<String> command) throws IOException, InterruptedException {
    Process p;
    try {
      p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    } catch (IOException e) {
      return new Result(127, command.get(0) + " cannot be started: " + e.getMessage());
    }
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(10, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      return new Result(124, out + "\n(timed out)");
    }
    return new Result(p.exitValue(), out);
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Path target = to.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else {
          Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING);
          target.toFile().setWritable(true);
        }
      }
    }
  }
}
