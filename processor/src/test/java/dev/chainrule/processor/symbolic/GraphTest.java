package dev.chainrule.processor.symbolic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.processor.index.GraphValues;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The exported computational graph: the chapter's numbers on the price graph, and for other
 * straight-line methods the inputs' adjoints (sums of the backward values on their edges) against
 * the generated gradient at random points.
 */
class GraphTest {
  private static final IndexFixture FIXTURE = new IndexFixture("graph.G", """
      package graph;

      import dev.chainrule.Differentiable;

      public final class G {
        @Differentiable
        public static double price(double apple, double count, double tax) {
          return apple * count * tax;
        }

        @Differentiable
        public static double sigmoid(double x) {
          return 1 / (1 + Math.exp(-x));
        }

        @Differentiable
        public static double mixed(double x, double y) {
          double a = Math.max(x, y) * Math.hypot(x, 2);
          double r = x > y ? a : y * y;
          return r + Math.pow(x, y) / Math.sqrt(y) + Math.log(a);
        }

        @Differentiable
        public static double sum(double[] v, double scale) {
          double s = 0;
          for (int i = 0; i < v.length; i++) {
            s += v[i];
          }
          return scale * s;
        }
      }
      """);

  @Test
  void thePriceGraphHasTheChaptersValues() {
    Map<?, ?> graph = (Map<?, ?>) FIXTURE.method("price").get("graph");
    List<?> nodes = (List<?>) graph.get("nodes");
    assertEquals(List.of("apple", "count", "×", "tax", "×", "price"),
        nodes.stream().map(n -> ((Map<?, ?>) n).get("label")).toList());
    Map<String, Double> at = Map.of("apple", 200.0, "count", 5.0, "tax", 1.1);
    GraphValues v = GraphValues.evaluate(graph, at::get, FIXTURE.loader);
    assertArrayEquals(new double[] {200, 5, 1000, 1.1, 200 * 5 * 1.1, 200 * 5 * 1.1}, v.forward());
    // Backward values on the edges into each node: × ← (apple, count): 1.1·5, 1.1·200; × ← (×, tax): 1.1, 1000; out ← ×: 1.
    assertArrayEquals(new double[] {1.1 * 5, 1.1 * 200}, v.backward()[2]);
    assertArrayEquals(new double[] {1.1, 1000}, v.backward()[4]);
    assertArrayEquals(new double[] {1}, v.backward()[5]);
    assertEquals(FIXTURE.gradient("price", "apple", 200, 5, 1.1), v.adjoint()[0]);
    assertEquals(FIXTURE.gradient("price", "count", 200, 5, 1.1), v.adjoint()[1]);
    assertEquals(FIXTURE.gradient("price", "tax", 200, 5, 1.1), v.adjoint()[3]);
  }

  @Test
  void theSigmoidGraphIsTheChapters() {
    List<?> nodes = (List<?>) ((Map<?, ?>) FIXTURE.method("sigmoid").get("graph")).get("nodes");
    assertEquals(List.of("x", "−", "exp", "+ 1", "1 /", "sigmoid"), nodes.stream().map(n -> ((Map<?, ?>) n).get("label")).toList());
  }

  @Test
  void inputAdjointsEqualTheGeneratedGradient() {
    Random random = new Random(5);
    for (String method : List.of("sigmoid", "mixed")) {
      Map<?, ?> graph = (Map<?, ?>) FIXTURE.method(method).get("graph");
      assertEquals(Boolean.TRUE, graph.get("evaluable"), method);
      List<?> nodes = (List<?>) graph.get("nodes");
      for (int k = 0; k < 50; k++) {
        double x = 0.2 + 2 * random.nextDouble();
        double y = 0.2 + 2 * random.nextDouble();
        Map<String, Double> at = Map.of("x", x, "y", y);
        GraphValues v = GraphValues.evaluate(graph, at::get, FIXTURE.loader);
        double[] args = method.equals("sigmoid") ? new double[] {x} : new double[] {x, y};
        assertEquals(FIXTURE.value(method, args), v.forward()[nodes.size() - 1], method + " value");
        for (int i = 0; i < nodes.size(); i++) {
          Map<?, ?> n = (Map<?, ?>) nodes.get(i);
          if (n.get("kind").equals("INPUT")) {
            String name = (String) n.get("label");
            double generated = FIXTURE.gradient(method, name, args);
            assertEquals(generated, v.adjoint()[i], 1e-12 * Math.max(1, Math.abs(generated)), method + " ∂/∂" + name + " at " + at);
          }
        }
      }
    }
  }

  @Test
  void aLoopIsOneSummaryNode() {
    Map<?, ?> graph = (Map<?, ?>) FIXTURE.method("sum").get("graph");
    assertFalse((Boolean) graph.get("evaluable"));
    List<?> summaries = ((List<?>) graph.get("nodes")).stream()
        .filter(n -> ((Map<?, ?>) n).get("kind").equals("SUMMARY")).toList();
    assertEquals(1, summaries.size());
    Map<?, ?> loop = (Map<?, ?>) summaries.get(0);
    assertEquals("for", loop.get("label"));
    assertTrue(((String) loop.get("detail")).endsWith("writes s"), String.valueOf(loop.get("detail")));
  }
}
