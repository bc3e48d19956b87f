package dev.chainrule.gradbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The protocol's error paths, in process: every message gets one reply, nothing throws. */
class ToolTest {
  private final Tool tool = new Tool(Registry.standard(), new Runner(0, 0), false);
  private final ObjectMapper json = new ObjectMapper();

  private JsonNode reply(String line) throws Exception {
    String r = tool.handle(line);
    return json.readTree(r);
  }

  @Test
  void startNamesTheToolAndTheWarmUp() throws Exception {
    JsonNode r = reply("{\"id\":0,\"kind\":\"start\",\"eval\":\"lse\"}");
    assertEquals(0, r.get("id").asInt());
    assertEquals("chainrule", r.get("tool").asText());
    assertTrue(r.get("config").get("warmup").asText().contains("untimed"));
  }

  @Test
  void unknownModuleIsNotDefined() throws Exception {
    JsonNode r = reply("{\"id\":1,\"kind\":\"define\",\"module\":\"nosuch\"}");
    assertEquals(1, r.get("id").asInt());
    assertFalse(r.get("success").asBoolean());
    assertTrue(r.get("error").asText().contains("unknown module \"nosuch\""), r.toString());
    assertTrue(r.get("error").asText().contains("gmm"), r.toString());
  }

  @Test
  void readyModulesAreDefined() throws Exception {
    for (String m : new String[] {"hello", "lse", "llsq", "gmm", "lstm", "ode", "det", "kmeans", "ba",
        "ht", "particle", "saddle"}) {
      JsonNode r = reply("{\"id\":1,\"kind\":\"define\",\"module\":\"" + m + "\"}");
      assertTrue(r.get("success").asBoolean(), r.toString());
    }
  }

  /** No eval waits any more; the mechanism, for one that would, on a registry of one. */
  @Test
  void aWaitingFunctionIsNamedAtDefineAndAtEvaluate() throws Exception {
    Eval halfDone = new Eval() {
      @Override
      public String module() {
        return "half";
      }

      @Override
      public java.util.Map<String, Function> functions() {
        return Eval.of("ready", (Function) in -> Eval.scalar(() -> 1.0));
      }

      @Override
      public java.util.Map<String, String> waiting() {
        return java.util.Map.of("later", "a feature");
      }
    };
    var registry = new Registry(java.util.List.of(halfDone));
    JsonNode r = json.readTree(new Tool(registry, new Runner(0, 0), false)
        .handle("{\"id\":1,\"kind\":\"define\",\"module\":\"half\"}"));
    assertFalse(r.get("success").asBoolean(), r.toString());
    assertTrue(r.get("error").asText().contains("later waits for a feature"), r.toString());
    Tool partial = new Tool(registry, new Runner(0, 0), true);
    assertTrue(json.readTree(partial.handle("{\"id\":1,\"kind\":\"define\",\"module\":\"half\"}"))
        .get("success").asBoolean());
    r = json.readTree(partial.handle("{\"id\":2,\"kind\":\"evaluate\",\"module\":\"half\","
        + "\"function\":\"later\",\"input\":{}}"));
    assertTrue(r.get("error").asText().contains("half later waits for a feature"), r.toString());
  }

  @Test
  void malformedJsonGetsAnErrorReply() throws Exception {
    JsonNode r = reply("{\"id\":3,\"kind\":\"evaluate\",");
    assertTrue(r.get("id").isNull());
    assertFalse(r.get("success").asBoolean());
    assertTrue(r.get("error").asText().startsWith("the message is not JSON"), r.toString());
    assertFalse(reply("[1, 2]").get("success").asBoolean());
  }

  @Test
  void malformedInputsGetErrorReplies() throws Exception {
    String[][] cases = {
        {"lse", "primal", "{\"x\":\"no\"}", "\"x\" must be a list of numbers"},
        {"lse", "gradient", "{}", "no field \"x\""},
        {"lse", "gradient", "{\"x\":[]}", "\"x\" must not be empty"},
        {"lse", "gradient", "{\"x\":[1, \"a\"]}", "\"x\"[1] must be a number"},
        {"llsq", "primal", "{\"x\":[1], \"n\":-2}", "must not be negative"},
        {"gmm", "jacobian", "{\"d\":2,\"k\":1,\"n\":1,\"alpha\":[0],\"mu\":[[0]],\"q\":[[0,0]],"
            + "\"l\":[[0]],\"x\":[[0,0]],\"m\":0,\"gamma\":1}", "\"mu\"[0] must have 2 elements"},
        {"lstm", "objective", "{\"main_params\":[[1]],\"extra_params\":[],\"state\":[],"
            + "\"sequence\":[[1],[0]]}", "two rows per layer"},
        {"hello", "square", "\"seven\"", "must be a number"},
        {"kmeans", "dir", "{\"points\":[[1,2]],\"centroids\":[[1]]}", "\"centroids\"[0] must have 2"},
        {"saddle", "rr", "{\"start\":[1]}", "\"start\" must have 2"},
        {"particle", "ff", "{\"v\":0}", "no field \"w\""},
        {"lse", "primal", "{\"x\":[1],\"min_runs\":0}", "\"min_runs\" must be positive"},
    };
    for (String[] c : cases) {
      JsonNode r = reply("{\"id\":7,\"kind\":\"evaluate\",\"module\":\"" + c[0]
          + "\",\"function\":\"" + c[1] + "\",\"input\":" + c[2] + "}");
      assertEquals(7, r.get("id").asInt());
      assertFalse(r.get("success").asBoolean(), r.toString());
      assertTrue(r.get("error").asText().contains(c[3]), r.toString());
      assertNull(r.get("output"));
    }
  }

  @Test
  void unknownFunctionGetsAnErrorReply() throws Exception {
    JsonNode r = reply("{\"id\":2,\"kind\":\"evaluate\",\"module\":\"lse\",\"function\":\"hessian\","
        + "\"input\":{\"x\":[1]}}");
    assertTrue(r.get("error").asText().contains("no function \"hessian\""), r.toString());
  }

  @Test
  void evaluateReportsOneTimingPerRunAndTheOutput() throws Exception {
    JsonNode r = reply("{\"id\":4,\"kind\":\"evaluate\",\"module\":\"lse\",\"function\":\"gradient\","
        + "\"input\":{\"x\":[0, 0],\"min_runs\":5,\"min_seconds\":0}}");
    assertTrue(r.get("success").asBoolean(), r.toString());
    assertEquals(0.5, r.get("output").get(0).asDouble(), 1e-15);
    assertEquals(0.5, r.get("output").get(1).asDouble(), 1e-15);
    int evaluate = 0;
    for (JsonNode t : r.get("timings")) {
      evaluate += t.get("name").asText().equals("evaluate") ? 1 : 0;
    }
    assertEquals(5, evaluate);
  }

  @Test
  void endGetsNoReplyAndOtherKindsAnAcknowledgement() throws Exception {
    assertNull(tool.handle("{\"id\":9,\"kind\":\"end\"}"));
    assertEquals("{\"id\":8}", tool.handle("{\"id\":8,\"kind\":\"analysis\",\"of\":4,\"valid\":true}"));
  }

  @Test
  void mainWritesOnlyRepliesOnStandardOutput() throws Exception {
    // A malformed line, an unknown module and a bad input: three replies, nothing else.
    String session = "not json\n{\"id\":1,\"kind\":\"define\",\"module\":\"x\"}\n"
        + "{\"id\":2,\"kind\":\"evaluate\",\"module\":\"gmm\",\"function\":\"objective\",\"input\":{}}\n";
    var captured = new ByteArrayOutputStream();
    int code = Main.run(new ByteArrayInputStream(session.getBytes(StandardCharsets.UTF_8)), captured,
        new String[] {"--warmup-runs", "0", "--warmup-seconds", "0"});
    assertEquals(0, code);
    String[] lines = captured.toString(StandardCharsets.UTF_8).split("\n");
    assertEquals(3, lines.length, captured.toString(StandardCharsets.UTF_8));
    for (String line : lines) {
      assertFalse(json.readTree(line).get("success").asBoolean(), line);
    }
  }
}
