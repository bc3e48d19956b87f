package dev.chainrule.maven.report;

import dev.chainrule.maven.index.MethodIndex;
import dev.chainrule.maven.index.MethodIndex.Parameter;
import dev.chainrule.processor.index.GraphValues;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A method's graph with its values at one point. For an evaluable graph (straight-line code) every
 * node's forward value and every edge's backward value come from the index's own expressions and
 * local partials (the processor's rules), and the inputs' adjoints are compared with the generated
 * gradient at the same point. Otherwise only what the generated code itself gives is shown: the
 * inputs, the result, and each input's partial.
 *
 * @param svg the drawing
 * @param point the point, as text, or null
 * @param agreement the cross-check of the graph's backward values with the generated gradient, or null
 * @param disagrees whether they disagree anywhere
 */
record GraphView(String svg, String point, String agreement, boolean disagrees) {

  static GraphView of(MethodIndex m, Class<?> owner, Class<?> companion, Object[] point, ClassLoader loader) {
    Map<String, Object> graph = m.graph();
    if (graph == null || graph.get("nodes") == null) {
      return new GraphView(null, null, graph == null ? null : "the processor could not build the graph: " + graph.get("error"), false);
    }
    List<Map<?, ?>> nodes = new ArrayList<>();
    for (Object n : (List<?>) graph.get("nodes")) {
      nodes.add((Map<?, ?>) n);
    }
    int count = nodes.size();
    String[] forward = new String[count];
    String[][] backward = new String[count][];
    for (int i = 0; i < count; i++) {
      forward[i] = "";
      backward[i] = new String[inputs(nodes.get(i)).size()];
      java.util.Arrays.fill(backward[i], "");
    }
    String agreement = null;
    boolean disagrees = false;
    String pointText = null;
    if (point != null) {
      Map<String, Object> args = new HashMap<>();
      StringBuilder text = new StringBuilder();
      for (int i = 0; i < point.length; i++) {
        Parameter p = m.parameters().get(i);
        args.put(p.name(), point[i]);
        text.append(i > 0 ? ", " : "").append(p.name()).append(" = ").append(shape(point[i]));
      }
      pointText = text.toString();
      Object gradient = invoke(companion, m.name() + "Gradient", m, point);
      Object value = invoke(owner, m.name(), m, point);
      boolean scalars = m.parameters().stream().allMatch(p -> !p.type().endsWith("]"));
      if (Boolean.TRUE.equals(graph.get("evaluable")) && scalars) {
        GraphValues values = GraphValues.evaluate(graph, name -> ((Number) args.get(name)).doubleValue(), loader);
        for (int i = 0; i < count; i++) {
          forward[i] = GraphSvg.number(values.forward()[i]);
          for (int k = 0; k < backward[i].length; k++) {
            backward[i][k] = GraphSvg.number(values.backward()[i][k]);
          }
        }
        List<String> differences = new ArrayList<>();
        int compared = 0;
        for (int i = 0; i < count; i++) {
          Map<?, ?> n = nodes.get(i);
          Parameter p = parameter(m, n);
          if (p != null && p.differentiated() && gradient != null) {
            double generated = ((Number) component(gradient, p.name())).doubleValue();
            double graphValue = values.adjoint()[i];
            compared++;
            if (!close(generated, graphValue)) {
              differences.add("∂" + m.name() + "/∂" + p.name() + ": graph " + graphValue + ", generated " + generated);
            }
          }
        }
        if (value instanceof Double v && !close(v, values.forward()[count - 1])) {
          differences.add("value: graph " + values.forward()[count - 1] + ", method " + v);
        }
        disagrees = !differences.isEmpty();
        agreement = disagrees ? "The graph's backward values DISAGREE with the generated gradient: " + String.join("; ", differences)
            : "The backward values reaching the " + compared + " inputs equal the generated gradient at this point"
                + " (relative difference ≤ 1e-9), and the forward value the method's.";
      } else {
        // Loops and arrays: what the generated code gives, at the inputs and the result.
        for (int i = 0; i < count; i++) {
          Map<?, ?> n = nodes.get(i);
          Parameter p = parameter(m, n);
          if (p != null) {
            forward[i] = shape(args.get(p.name()));
          }
        }
        for (int i = 0; i < count; i++) {
          List<Integer> in = inputs(nodes.get(i));
          for (int k = 0; k < in.size(); k++) {
            Parameter p = parameter(m, nodes.get(in.get(k)));
            if (p != null && p.differentiated() && gradient != null && outDegree(nodes, in.get(k)) == 1) {
              backward[i][k] = shape(component(gradient, p.name()));
            }
          }
        }
        if (value instanceof Double && count > 0 && !inputs(nodes.get(count - 1)).isEmpty()) {
          for (int k = 0; k < backward[count - 1].length; k++) {
            backward[count - 1][k] = "1";
          }
        }
        agreement = "Values inside loops and branches are not drawn (the loop is one node); "
            + (m.isScalar() ? "the inputs' backward values are the generated gradient."
                : "a vector result has no one backward value per input: its Jacobian is below.");
      }
      // The result leaves the graph to the right, with the method's value and backward value 1.
      if (value instanceof Double v) {
        forward[count - 1] = GraphSvg.number(v);
      }
    }
    List<GraphSvg.Node> drawn = new ArrayList<>();
    List<GraphSvg.Edge> edges = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Map<?, ?> n = nodes.get(i);
      String kind = String.valueOf(n.get("kind"));
      String label = String.valueOf(n.get("label"));
      String detail = n.get("detail") == null ? "" : String.valueOf(n.get("detail"));
      List<?> names = n.get("names") instanceof List<?> l ? l : List.of();
      String shown = switch (kind) {
        case "SUMMARY" -> detail.length() > 46 ? detail.substring(0, 45) + "…" : detail;
        case "OPERATION" -> names.isEmpty() ? "" : String.join(", ", names.stream().map(String::valueOf).toList());
        case "OUTPUT" -> forward[i].isEmpty() ? "" : "= " + forward[i];
        default -> "";
      };
      String title = kind.equals("INPUT") ? label + ": " + detail : detail.isEmpty() ? label : label + ": " + detail;
      drawn.add(new GraphSvg.Node(kind, label, shown, title));
      List<Integer> in = inputs(n);
      for (int k = 0; k < in.size(); k++) {
        edges.add(new GraphSvg.Edge(in.get(k), i, forward[in.get(k)], backward[i][k]));
      }
    }
    return new GraphView(GraphSvg.draw(drawn, edges), pointText, agreement, disagrees);
  }

  private static List<Integer> inputs(Map<?, ?> node) {
    List<Integer> out = new ArrayList<>();
    if (node.get("inputs") instanceof List<?> l) {
      l.forEach(x -> out.add(((Number) x).intValue()));
    }
    return out;
  }

  private static int outDegree(List<Map<?, ?>> nodes, int id) {
    int d = 0;
    for (Map<?, ?> n : nodes) {
      for (int in : inputs(n)) {
        d += in == id ? 1 : 0;
      }
    }
    return d;
  }

  private static Parameter parameter(MethodIndex m, Map<?, ?> node) {
    if (!"INPUT".equals(node.get("kind"))) {
      return null;
    }
    return m.parameters().stream().filter(p -> p.name().equals(node.get("label"))).findFirst().orElse(null);
  }

  private static boolean close(double a, double b) {
    return Double.compare(a, b) == 0 || Math.abs(a - b) <= 1e-9 * Math.max(1, Math.max(Math.abs(a), Math.abs(b)));
  }

  static String shape(Object v) {
    if (v instanceof Double d) {
      return GraphSvg.number(d);
    } else if (v instanceof double[] a) {
      return "double[" + a.length + "]";
    } else if (v instanceof double[][] a) {
      return "double[" + a.length + "][" + (a.length == 0 ? 0 : a[0].length) + "]";
    } else if (v instanceof int[] a) {
      return "int[" + a.length + "]";
    } else if (v instanceof int[][] a) {
      return "int[" + a.length + "][" + (a.length == 0 ? 0 : a[0].length) + "]";
    }
    return String.valueOf(v);
  }

  private static Object invoke(Class<?> type, String name, MethodIndex m, Object[] point) {
    try {
      Method method = type.getDeclaredMethod(name, dev.chainrule.maven.check.Types.of(m.parameters()));
      method.setAccessible(true);
      return method.invoke(null, dev.chainrule.maven.check.Types.copy(point));
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  private static Object component(Object record, String name) {
    try {
      return record.getClass().getMethod(name).invoke(record);
    } catch (ReflectiveOperationException e) {
      return null;
    }
  }
}
