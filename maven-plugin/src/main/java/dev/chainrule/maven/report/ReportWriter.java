package dev.chainrule.maven.report;

import dev.chainrule.maven.check.CheckReport;
import dev.chainrule.maven.check.GeneratedMatrices;
import dev.chainrule.maven.check.MethodResult;
import dev.chainrule.maven.check.Points;
import dev.chainrule.maven.index.ClassIndex;
import dev.chainrule.maven.index.MethodIndex;
import dev.chainrule.maven.index.MethodIndex.Derivative;
import dev.chainrule.maven.index.MethodIndex.Partial;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes the report: {@code index.html} (every class and method with its check status) and one page
 * per class. Per method: its source, the symbolic partials in math notation (MathML), the
 * computational graph with forward and backward values at a sample point, for a small vector-valued
 * method its Jacobian and for a small second-order one its Hessian at that point, the latest check
 * result, and every generated derivative's code, highlighted. Every page is self-contained: styles inline, SVG
 * and MathML in the page, no scripts, fonts or images from anywhere else.
 */
public final class ReportWriter {
  /** The largest Jacobian or Hessian shown, in rows and in columns. */
  static final int MATRIX_LIMIT = 12;

  /** What each kind of generated derivative is, for the list of generated code. */
  private static final Map<String, String> KINDS = Map.ofEntries(
      Map.entry("gradient", "value and gradient"),
      Map.entry("pullback", "pullback: the vector-Jacobian product, reverse mode"),
      Map.entry("tangent", "tangent: the Jacobian-vector product, forward mode"),
      Map.entry("pushforward", "pushforward: the tangent without allocation"),
      Map.entry("multiPushforward", "multi-directional pushforward: k tangents in one sweep"),
      Map.entry("jacobian", "Jacobian"),
      Map.entry("jacobianForward", "Jacobian by forward mode"),
      Map.entry("jacobianReverse", "Jacobian by reverse mode"),
      Map.entry("hvp", "Hessian-vector product: forward over reverse"),
      Map.entry("hessian", "Hessian"),
      Map.entry("pullbackTangent", "pullback tangent: the pullback's own derivative, for second derivatives"),
      Map.entry("multiPullbackTangent", "multi-directional pullback tangent"));

  private final List<ClassIndex> index;
  private final CheckReport check;
  private final ClassLoader loader;
  private final long seed;
  private final int points;
  private int disagreements;

  /**
   * @param check the latest check, or null when there is none
   * @param loader the project's classes, for the values at the sample point
   * @param seed the check's seed (the report draws the graph at the check's first point)
   * @param points the check's default number of points
   */
  public ReportWriter(List<ClassIndex> index, CheckReport check, ClassLoader loader, long seed, int points) {
    this.index = index;
    this.check = check;
    this.loader = loader;
    this.seed = seed;
    this.points = points;
  }

  /** Writes the pages into {@code dir}; returns how many graphs disagreed with the generated gradient. */
  public int write(Path dir) throws IOException {
    Files.createDirectories(dir);
    for (ClassIndex c : index) {
      Files.writeString(dir.resolve(pageOf(c)), classPage(c), StandardCharsets.UTF_8);
    }
    Files.writeString(dir.resolve("index.html"), indexPage(), StandardCharsets.UTF_8);
    return disagreements;
  }

  static String pageOf(ClassIndex c) {
    return Html.slug(c.owner()) + ".html";
  }

  private String indexPage() {
    StringBuilder body = new StringBuilder();
    body.append("<h1>ChainRule derivatives</h1>\n<p class=\"lead\">Every <code>@Differentiable</code> method of this build: what ChainRule generated, "
        + "its closed form where the method is straight-line, its computational graph, and the latest derivative check.</p>\n");
    body.append(check == null ? "<p class=\"note\">No check result yet: run <code>mvn verify</code> (or <code>mvn chainrule:check</code>) first.</p>\n"
        : "<p>Latest check: " + Html.escape(check.summaryLine()) + ", tolerance " + check.tolerance() + ".</p>\n");
    body.append("<table class=\"methods\"><thead><tr><th>class</th><th>method</th><th>closed form</th><th>derivatives</th><th>check</th></tr></thead><tbody>\n");
    for (ClassIndex c : index) {
      for (MethodIndex m : c.methods()) {
        MethodResult r = check == null ? null : check.find(c.owner(), m.name());
        body.append("<tr><td>").append(Html.escape(c.owner())).append("</td><td><a href=\"").append(pageOf(c)).append('#')
            .append(Html.slug(m.name())).append("\">").append(Html.escape(m.signature())).append("</a></td><td>")
            .append(m.symbolic() != null && m.symbolic().closedForm() ? "yes" : "—").append("</td><td>")
            .append(Html.escape(String.join(", ", m.derivatives().stream().map(Derivative::kind).toList())))
            .append("</td><td>").append(status(r)).append("</td></tr>\n");
      }
    }
    body.append("</tbody></table>\n");
    return page("ChainRule derivatives", body.toString());
  }

  private String classPage(ClassIndex c) {
    StringBuilder body = new StringBuilder();
    body.append("<p class=\"nav\"><a href=\"index.html\">All classes</a></p>\n<h1>").append(Html.escape(c.simpleName()))
        .append("</h1>\n<p class=\"lead\"><code>").append(Html.escape(c.owner())).append("</code> (").append(Html.escape(String.valueOf(c.source())))
        .append("); generated companion <code>").append(Html.escape(c.companion())).append("</code></p>\n<ul class=\"toc\">");
    for (MethodIndex m : c.methods()) {
      body.append("<li><a href=\"#").append(Html.slug(m.name())).append("\">").append(Html.escape(m.signature())).append("</a></li>");
    }
    body.append("</ul>\n");
    Class<?> owner = load(c.owner());
    Class<?> companion = load(c.companion());
    for (MethodIndex m : c.methods()) {
      body.append(method(c, m, owner, companion));
    }
    return page(c.simpleName() + " — ChainRule", body.toString());
  }

  private String method(ClassIndex c, MethodIndex m, Class<?> owner, Class<?> companion) {
    StringBuilder out = new StringBuilder();
    out.append("<section class=\"method\" id=\"").append(Html.slug(m.name())).append("\">\n<h2>").append(Html.escape(m.signature()))
        .append("</h2>\n<p class=\"where\">").append(Html.escape(String.valueOf(c.source()))).append(", line ").append(m.line()).append("</p>\n");

    MethodResult r = check == null ? null : check.find(c.owner(), m.name());
    out.append("<h3>Check</h3>\n<p>").append(status(r)).append(' ').append(checkDetail(r)).append("</p>\n");
    if (r != null && !r.failures().isEmpty()) {
      out.append("<ul class=\"failures\">");
      r.failures().forEach(f -> out.append("<li>").append(Html.escape(f.message())).append("</li>"));
      out.append("</ul>\n");
    }

    out.append("<h3>Source</h3>\n<pre class=\"code\">").append(JavaHighlighter.highlight(String.valueOf(m.source()))).append("</pre>\n");

    out.append("<h3>Partial derivatives</h3>\n");
    if (m.symbolic() == null || m.symbolic().error() != null) {
      out.append("<p class=\"note\">No symbolic view: ").append(Html.escape(m.symbolic() == null ? "not in the index" : m.symbolic().error())).append("</p>\n");
    } else if (!m.symbolic().closedForm()) {
      out.append("<p class=\"note\">No closed form: ").append(Html.escape(String.valueOf(m.symbolic().reason())))
          .append(". The generated code below computes the partials; the graph shows their structure.</p>\n");
    } else {
      out.append("<div class=\"formulas\">\n");
      for (Partial p : m.symbolic().partials()) {
        out.append("<div class=\"formula\">").append(p.mathml()).append("</div>\n");
      }
      out.append("</div>\n");
    }

    out.append("<h3>Computational graph</h3>\n");
    Object[] point = point(m, owner);
    GraphView view = GraphView.of(m, owner, companion, point, loader);
    if (view.svg() == null) {
      out.append("<p class=\"note\">").append(Html.escape(String.valueOf(view.agreement()))).append("</p>\n");
    } else {
      out.append("<p>").append(view.point() == null ? "Structure only (no sample point)."
          : !m.isScalar() ? "At " + Html.escape(view.point()) + ": forward values above each edge."
          : "At " + Html.escape(view.point()) + ": forward values above each edge, backward values (∂" + Html.escape(m.name())
              + "/∂·, the output's seed 1) in red under it.").append("</p>\n");
      out.append("<div class=\"graph\">").append(view.svg()).append("</div>\n");
      if (view.agreement() != null) {
        out.append("<p class=\"").append(view.disagrees() ? "bad" : "note").append("\">").append(Html.escape(view.agreement())).append("</p>\n");
      }
      disagreements += view.disagrees() ? 1 : 0;
    }

    out.append(matrices(c, m, owner, companion, point, view.point()));

    out.append("<h3>Generated derivatives</h3>\n");
    for (Derivative d : m.derivatives()) {
      out.append("<details").append(d.kind().equals("pullback") ? " open" : "").append("><summary><code>").append(Html.escape(d.method()))
          .append("</code> — ").append(Html.escape(KINDS.getOrDefault(d.kind(), d.kind())))
          .append(d.forms() > 1 ? " (" + d.forms() + " forms)" : "")
          .append("</summary>\n<pre class=\"code\">").append(JavaHighlighter.highlight(String.valueOf(d.source()))).append("</pre></details>\n");
    }
    return out.append("</section>\n").toString();
  }

  /** The Jacobian (vector result) or the Hessian (second order) at the point, as a table when it is small. */
  private String matrices(ClassIndex c, MethodIndex m, Class<?> owner, Class<?> companion, Object[] point, String pointText) {
    if (point == null || owner == null || companion == null) {
      return "";
    }
    StringBuilder out = new StringBuilder();
    for (String kind : List.of("jacobian", "hessian")) {
      GeneratedMatrices.Table table;
      try {
        table = kind.equals("jacobian") ? GeneratedMatrices.jacobian(c, m, owner, companion, point)
            : GeneratedMatrices.hessian(c, m, owner, companion, point);
      } catch (RuntimeException e) {
        out.append("<h3>").append(kind.equals("jacobian") ? "Jacobian" : "Hessian").append("</h3>\n<p class=\"bad\">")
            .append(Html.escape("It could not be computed at the point: " + e.getMessage())).append("</p>\n");
        continue;
      }
      if (table == null) {
        continue;
      }
      out.append("<h3>").append(kind.equals("jacobian") ? "Jacobian" : "Hessian").append("</h3>\n");
      int rows = table.rows().size();
      int columns = table.columns().size();
      if (rows > MATRIX_LIMIT || columns > MATRIX_LIMIT) {
        out.append("<p class=\"note\">").append(Html.escape(table.title() + " is " + rows + " × " + columns + " at "
            + pointText + ": larger than the report shows (" + MATRIX_LIMIT + " × " + MATRIX_LIMIT + ").")).append("</p>\n");
        continue;
      }
      out.append("<p>").append(Html.escape(table.title() + " at " + pointText + ".")).append("</p>\n<table class=\"matrix\"><thead><tr><th></th>");
      table.columns().forEach(h -> out.append("<th>").append(Html.escape(h)).append("</th>"));
      out.append("</tr></thead><tbody>\n");
      for (int i = 0; i < rows; i++) {
        out.append("<tr><th>").append(Html.escape(table.rows().get(i))).append("</th>");
        for (int j = 0; j < columns; j++) {
          out.append("<td>").append(Html.escape(GraphSvg.number(table.values()[i][j]))).append("</td>");
        }
        out.append("</tr>\n");
      }
      out.append("</tbody></table>\n");
    }
    return out.toString();
  }

  /** The check's first point for this method (the same seed draws the same points), or null. */
  private Object[] point(MethodIndex m, Class<?> owner) {
    if (owner == null) {
      return null;
    }
    try {
      Points.Drawn drawn = Points.of(m, owner, seed, points);
      return drawn.points().isEmpty() ? null : drawn.points().get(0);
    } catch (Exception e) {
      return null;
    }
  }

  private Class<?> load(String name) {
    try {
      return loader == null ? null : Class.forName(name, true, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      return null;
    }
  }

  private static String status(MethodResult r) {
    if (r == null) {
      return "<span class=\"status none\">not checked</span>";
    }
    return "<span class=\"status " + r.status().name().toLowerCase(java.util.Locale.ROOT) + "\">" + r.status() + "</span>";
  }

  private static String checkDetail(MethodResult r) {
    if (r == null) {
      return "No check result for this method yet.";
    }
    List<String> parts = new ArrayList<>();
    if (r.reason() != null) {
      parts.add(r.reason());
    }
    if (r.points() > 0) {
      parts.add(r.components() + " entries compared at " + r.points() + (r.points() == 1 ? " point" : " points")
          + (r.firstPoint() == null ? "" : " (first: " + shorten(r.firstPoint(), 160) + ")") + ", largest relative error "
          + String.format("%.2e", r.maxRelativeError()) + ", derivatives " + String.join(", ", r.checked()));
    }
    r.unchecked().forEach(u -> parts.add("unchecked " + u));
    return Html.escape(String.join("; ", parts) + ".");
  }

  private static String shorten(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }

  private static String page(String title, String body) {
    return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + Html.escape(title)
        + "</title>\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<style>" + CSS + "</style></head>\n<body>\n"
        + body + "<footer>Generated by chainrule-maven-plugin.</footer>\n</body></html>\n";
  }

  private static final String CSS = """
      body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:2em auto;max-width:72em;padding:0 1em;color:#222;line-height:1.45}
      h1{font-size:1.7em;margin-bottom:.2em}h2{font-size:1.3em;border-top:1px solid #ddd;padding-top:1em;margin-top:2em;font-family:ui-monospace,monospace}
      h3{font-size:1em;margin:1.2em 0 .4em;color:#444}.lead{color:#555;margin-top:0}.where{color:#777;margin-top:-.6em;font-size:.9em}
      table.methods{border-collapse:collapse;width:100%}table.methods th,table.methods td{border-bottom:1px solid #e4e4e4;padding:.35em .6em;text-align:left;font-size:.92em}
      pre.code{background:#f7f7f9;border:1px solid #e3e3e8;padding:.8em 1em;overflow-x:auto;font-size:.86em;line-height:1.4}
      .kw{color:#8a2b9d;font-weight:600}.typ{color:#0b5cad;font-weight:600}.num{color:#b35900}.str{color:#2a7d2a}.com{color:#6a737d;font-style:italic}.ann{color:#9a6a00}.cls{color:#0b6e75}
      .status{display:inline-block;padding:.05em .5em;border-radius:.8em;font-size:.85em;font-weight:600}
      .passed{background:#dcf5dc;color:#17631a}.failed{background:#fde0e0;color:#a01010}.unchecked{background:#fff1cc;color:#7a5600}.none{background:#eee;color:#555}
      .note{color:#555}.bad{color:#a01010;font-weight:600}ul.failures li{color:#a01010}
      .formulas{display:flex;flex-wrap:wrap;gap:.4em 2.5em}.formula{font-size:1.15em;overflow-x:auto;overflow-y:hidden;max-width:100%;padding:.2em 0}
      div.graph{overflow-x:auto;border:1px solid #e3e3e8;background:#fff;padding:.3em}
      svg.graph text{font-family:ui-monospace,"DejaVu Sans Mono",monospace;font-size:12px;text-anchor:middle}
      svg.graph text.forward,svg.graph text.backward{paint-order:stroke;stroke:#fff;stroke-width:3px}
      svg.graph .edge{fill:none;stroke:#555;stroke-width:1.2}
      svg.graph .forward{fill:#1a1a1a}svg.graph .backward{fill:#c0282d}
      svg.graph .node ellipse{fill:#fff;stroke:#333;stroke-width:1.5}svg.graph .node rect{fill:#f2f5fb;stroke:#8a9bb8}
      svg.graph .node.summary rect{fill:#fff8e6;stroke:#c49a3a}svg.graph .node text{font-size:13px}svg.graph .node text.detail{font-size:10px;fill:#666}
      svg.graph .node.output text{font-weight:600}
      table.matrix{border-collapse:collapse;font-family:ui-monospace,monospace;font-size:.88em;margin:.3em 0}
      table.matrix th,table.matrix td{border:1px solid #e3e3e8;padding:.2em .6em;text-align:right}table.matrix thead th,table.matrix tbody th{background:#f7f7f9;font-weight:600}
      details{margin:.3em 0}summary{cursor:pointer}footer{margin-top:3em;color:#999;font-size:.85em}
      """;
}
