package dev.chainrule.gradbench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * GradBench's protocol, one message at a time: each line the eval sends gets exactly one line
 * back (except {@code end}, which gets none). Nothing here throws: a bad message, a bad input or a
 * failing run becomes {@code "success": false} with an {@code "error"} that says what is wrong.
 */
public final class Tool {
  private final Registry registry;
  private final Runner runner;
  private final boolean partial;
  private final ObjectMapper json = new ObjectMapper();

  /**
   * @param partial define also the evals that have functions still waiting for a ChainRule
   *     feature (their ready functions run; the waiting ones answer an error). Without it, such an
   *     eval's {@code define} fails, naming what it waits for.
   */
  public Tool(Registry registry, Runner runner, boolean partial) {
    this.registry = registry;
    this.runner = runner;
    this.partial = partial;
  }

  /** The reply to one line, or {@code null} for {@code end} (no reply). */
  public String handle(String line) {
    JsonNode message;
    try {
      message = json.readTree(line);
    } catch (JsonProcessingException e) {
      return reply(json.createObjectNode().putNull("id"), false,
          "the message is not JSON: " + e.getOriginalMessage());
    }
    if (message == null || !message.isObject()) {
      return reply(json.createObjectNode().putNull("id"), false, "the message is not a JSON object");
    }
    ObjectNode response = json.createObjectNode();
    response.set("id", message.get("id") == null ? json.nullNode() : message.get("id"));
    String kind = message.path("kind").asText("");
    switch (kind) {
      case "end":
        return null;
      case "start":
        response.put("tool", "chainrule");
        ObjectNode config = response.putObject("config");
        config.put("warmup", runner.describe());
        config.put("java", System.getProperty("java.vm.name") + " " + Runtime.version());
        return write(response);
      case "define":
        return define(response, message.path("module").asText(""));
      case "evaluate":
        return evaluate(response, message);
      default:
        return write(response);
    }
  }

  private String define(ObjectNode response, String module) {
    Eval eval = registry.find(module);
    if (eval == null) {
      return reply(response, false, "unknown module \"" + module + "\"; this tool defines "
          + String.join(", ", registry.modules()));
    }
    if (eval.functions().isEmpty() || (!partial && !eval.waiting().isEmpty())) {
      return reply(response, false, "module \"" + module + "\" is not complete yet: "
          + waitingText(eval.waiting()));
    }
    return reply(response, true, null);
  }

  private String evaluate(ObjectNode response, JsonNode message) {
    String module = message.path("module").asText("");
    String function = message.path("function").asText("");
    Eval eval = registry.find(module);
    if (eval == null) {
      return reply(response, false, "unknown module \"" + module + "\"");
    }
    String waits = eval.waiting().get(function);
    if (waits != null) {
      return reply(response, false, module + " " + function + " waits for " + waits);
    }
    Eval.Function f = eval.functions().get(function);
    if (f == null) {
      return reply(response, false, "module \"" + module + "\" has no function \"" + function
          + "\"; it has " + String.join(", ", eval.functions().keySet()));
    }
    JsonNode input = message.get("input");
    try {
      int minRuns = input != null && input.has("min_runs")
          ? Inputs.asInteger(input.get("min_runs"), "\"min_runs\"") : 1;
      double minSeconds = input != null && input.has("min_seconds")
          ? Inputs.asNumber(input.get("min_seconds"), "\"min_seconds\"") : 0;
      Inputs.require(minRuns > 0, "\"min_runs\" must be positive, got " + minRuns);
      long prepareStart = System.nanoTime();
      Eval.Prepared prepared = f.prepare(input);
      long prepareNanos = System.nanoTime() - prepareStart;
      List<Long> times = runner.time(prepared, minRuns, minSeconds);
      response.put("success", true);
      response.set("output", json.valueToTree(prepared.output()));
      var timings = response.putArray("timings");
      timings.addObject().put("name", "prepare").put("nanoseconds", prepareNanos);
      for (long t : times) {
        timings.addObject().put("name", "evaluate").put("nanoseconds", t);
      }
      return write(response);
    } catch (BadInput e) {
      return reply(response, false, "bad input for " + module + " " + function + ": " + e.getMessage());
    } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
      response.removeAll();
      response.set("id", message.get("id"));
      return reply(response, false, module + " " + function + " failed: " + e);
    }
  }

  /** "function (feature); ..." for an error message. */
  static String waitingText(Map<String, String> waiting) {
    var parts = new java.util.ArrayList<String>();
    waiting.forEach((fn, feature) -> parts.add(fn + " waits for " + feature));
    return String.join("; ", parts);
  }

  private String reply(ObjectNode response, boolean success, String error) {
    response.put("success", success);
    if (error != null) {
      response.put("error", error);
    }
    return write(response);
  }

  private String write(ObjectNode response) {
    try {
      return json.writeValueAsString(response);
    } catch (JsonProcessingException e) {
      return "{\"id\":" + response.get("id") + ",\"success\":false,\"error\":\"cannot write the reply\"}";
    }
  }
}
