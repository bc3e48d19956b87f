package dev.chainrule.maven.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Draws a method's computational graph as SVG: a circle per operation (×, +, exp), a box per input
 * and per summarised loop or branch, and on each edge the forward value above the line and the
 * backward value (red) under it, as the chapter draws backpropagation.
 */
final class GraphSvg {
  /** A node to draw. */
  record Node(String kind, String label, String detail, String title) {}

  /** An edge and its two values (either may be empty when not known). */
  record Edge(int from, int to, String forward, String backward) {}

  private static final double CHAR = 7.4;

  private GraphSvg() {}

  static String draw(List<Node> nodes, List<Edge> edges) {
    List<GraphLayout.Box> boxes = new ArrayList<>();
    for (Node n : nodes) {
      boxes.add(size(n));
    }
    List<GraphLayout.Link> links = new ArrayList<>();
    for (Edge e : edges) {
      double w = Math.max(e.forward().length(), e.backward().length()) * CHAR + 6;
      links.add(new GraphLayout.Link(e.from(), e.to(), Math.max(w, 12)));
    }
    GraphLayout.Placed p = GraphLayout.layout(boxes, links);
    StringBuilder svg = new StringBuilder();
    svg.append(String.format(Locale.ROOT,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"graph\" width=\"%.0f\" height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\" "
            + "role=\"img\">", p.width(), p.height(), p.width(), p.height()));
    svg.append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" "
        + "orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#555\"/></marker></defs>");
    for (int i = 0; i < edges.size(); i++) {
      List<double[]> pts = p.edges().get(i);
      StringBuilder d = new StringBuilder();
      for (double[] pt : pts) {
        d.append(d.length() == 0 ? "M" : " L").append(String.format(Locale.ROOT, "%.1f,%.1f", pt[0], pt[1]));
      }
      svg.append("<path class=\"edge\" d=\"").append(d).append("\" marker-end=\"url(#arrow)\"/>");
      double[] c = p.labels().get(i);
      double y = yAt(pts, c[0], c[1]);
      c = new double[] {c[0], y};
      Edge e = edges.get(i);
      if (!e.forward().isEmpty()) {
        svg.append(String.format(Locale.ROOT, "<text class=\"forward\" x=\"%.1f\" y=\"%.1f\">%s</text>", c[0], c[1] - 4,
            Html.escape(e.forward())));
      }
      if (!e.backward().isEmpty()) {
        svg.append(String.format(Locale.ROOT, "<text class=\"backward\" x=\"%.1f\" y=\"%.1f\">%s</text>", c[0], c[1] + 13,
            Html.escape(e.backward())));
      }
    }
    for (int i = 0; i < nodes.size(); i++) {
      Node n = nodes.get(i);
      double[] b = p.nodes().get(i);
      double cx = b[0] + b[2] / 2;
      double cy = b[1] + b[3] / 2;
      svg.append("<g class=\"node ").append(n.kind().toLowerCase(Locale.ROOT)).append("\">");
      if (!n.title().isEmpty()) {
        svg.append("<title>").append(Html.escape(n.title())).append("</title>");
      }
      if (n.kind().equals("OPERATION")) {
        svg.append(String.format(Locale.ROOT, "<ellipse cx=\"%.1f\" cy=\"%.1f\" rx=\"%.1f\" ry=\"%.1f\"/>", cx, cy, b[2] / 2, b[3] / 2));
      } else if (!n.kind().equals("OUTPUT")) {
        svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" rx=\"6\"/>", b[0], b[1], b[2], b[3]));
      }
      if (n.detail().isEmpty()) {
        svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\">%s</text>", cx, cy + 5, Html.escape(n.label())));
      } else {
        svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\">%s</text>", cx, cy - 3, Html.escape(n.label())));
        svg.append(String.format(Locale.ROOT, "<text class=\"detail\" x=\"%.1f\" y=\"%.1f\">%s</text>", cx, cy + 13,
            Html.escape(n.detail())));
      }
      svg.append("</g>");
    }
    return svg.append("</svg>").toString();
  }

  /** The height of the polyline at {@code x} (the label's centre), so the values sit on both sides of the line. */
  private static double yAt(List<double[]> pts, double x, double fallback) {
    for (int k = 0; k + 1 < pts.size(); k++) {
      double[] a = pts.get(k);
      double[] b = pts.get(k + 1);
      if (x >= Math.min(a[0], b[0]) && x <= Math.max(a[0], b[0]) && a[0] != b[0]) {
        return a[1] + (b[1] - a[1]) * (x - a[0]) / (b[0] - a[0]);
      }
    }
    return fallback;
  }

  private static GraphLayout.Box size(Node n) {
    double text = Math.max(n.label().length(), n.detail().length() * 0.85) * CHAR;
    if (n.kind().equals("OPERATION")) {
      double d = Math.max(40, text + 18);
      return new GraphLayout.Box(d, 40);
    }
    return new GraphLayout.Box(Math.max(44, text + 20), n.detail().isEmpty() ? 30 : 40);
  }

  /** A value as the chapter writes it: 1100, 1.1, 5.5, 220 (six significant digits at most). */
  static String number(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return Double.toString(v);
    }
    if (v == 0) {
      return "0";
    }
    java.math.BigDecimal d = new java.math.BigDecimal(v).round(new java.math.MathContext(6)).stripTrailingZeros();
    double abs = Math.abs(v);
    if (abs >= 1e7 || abs < 1e-4) {
      return String.format(Locale.ROOT, "%.4g", v);
    }
    return d.toPlainString();
  }

}
