package dev.chainrule.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xml.sax.InputSource;

/**
 * The report the invoker build {@code report-examples} wrote for the examples' own classes, read
 * with an HTML parser: every method present, every SVG well-formed XML, nothing fetched from
 * elsewhere, and the chapter's price graph carrying the chapter's numbers. Runs after the invoker
 * builds (phase post-integration-test).
 */
class ReportPagesAfterInvokerTest {
  private static final Map<String, List<String>> METHODS = Map.of(
      "dev.chainrule.examples.chapter.Pricing", List.of("price", "fruitPrice"),
      "dev.chainrule.examples.chapter.Layers", List.of("relu", "sigmoid", "affine", "softmaxCrossEntropy"),
      "dev.chainrule.examples.finance.BlackScholes", List.of("call"),
      "dev.chainrule.examples.network.TwoLayerNet", List.of("loss"),
      "dev.chainrule.examples.speed.Rosenbrock", List.of("rosenbrock"));

  private static Path dir;

  @BeforeAll
  static void locate() {
    String it = System.getProperty("chainrule.it");
    assertNotNull(it, "run by the after-invoker execution (mvn verify in maven-plugin), which sets chainrule.it");
    dir = Path.of(it, "report-examples", "target", "chainrule", "report");
    assertTrue(Files.isDirectory(dir), "the invoker build report-examples wrote no report into " + dir);
  }

  @Test
  void theIndexLinksEveryMethod() throws IOException {
    Document index = parse("index.html");
    Set<String> links = index.select("a[href]").stream().map(a -> a.attr("href")).collect(Collectors.toSet());
    METHODS.forEach((owner, methods) -> methods.forEach(m ->
        assertTrue(links.contains(owner + ".html#" + m), "index.html has no link to " + owner + "#" + m + ": " + links)));
    // Every method the processor indexed (more examples may appear) has a row, and passed.
    int methods = indexedMethods().size();
    assertTrue(methods >= 9, "the examples' nine methods at least: " + methods);
    assertEquals(methods, index.select("table.methods tbody tr").size());
    assertEquals(methods, index.select("span.status.passed").size(), "every example method passed its check");
  }

  @Test
  void everyMethodHasItsSectionsAndWellFormedSvg() throws Exception {
    for (Map.Entry<String, List<String>> e : METHODS.entrySet()) {
      Document page = parse(e.getKey() + ".html");
      for (String m : e.getValue()) {
        Element section = page.getElementById(m);
        assertNotNull(section, e.getKey() + " has no section " + m);
        List<String> headings = section.select("h3").eachText();
        List<String> expected = new java.util.ArrayList<>(List.of("Check", "Source", "Partial derivatives", "Computational graph"));
        List<String> kinds = indexedMethods().get(e.getKey() + "." + m);
        if (kinds.contains("jacobian")) {
          expected.add("Jacobian");
        }
        if (kinds.contains("hessian")) {
          expected.add("Hessian");
        }
        expected.add("Generated derivatives");
        assertEquals(expected, headings);
        assertTrue(section.selectFirst("pre.code").text().contains(" " + m + "("), "the source of " + m);
        assertTrue(section.select("details summary").text().contains(m + "Pullback"));
        assertFalse(section.select("pre.code span.kw").isEmpty(), "highlighted code");
        assertNotNull(section.selectFirst("svg"), m + " has no graph");
        assertFalse(section.text().contains("DISAGREE"), m + ": the graph disagrees with the generated gradient");
      }
      // Every SVG exactly as written into the file (not as the HTML parser repaired it) is XML.
      String raw = Files.readString(dir.resolve(e.getKey() + ".html"));
      java.util.regex.Matcher svg = java.util.regex.Pattern.compile("<svg[ >].*?</svg>", java.util.regex.Pattern.DOTALL).matcher(raw);
      int count = 0;
      while (svg.find()) {
        wellFormed(svg.group(), e.getKey());
        count++;
      }
      assertEquals(page.select("svg").size(), count);
      assertEquals(e.getValue().size(), count);
    }
  }

  @Test
  void nothingIsFetchedFromElsewhere() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.toList()) {
        Document page = parse(f.getFileName().toString());
        assertTrue(page.select("script, link, img, iframe, object, embed, audio, video, source").isEmpty(), f + " loads something");
        for (Element el : page.select("[src], [href], [xlink:href]")) {
          for (String attr : List.of("src", "href", "xlink:href")) {
            String v = el.attr(attr);
            if (v.isEmpty()) {
              continue;
            }
            assertFalse(v.contains("://") || v.startsWith("//"), f + " refers to " + v);
            String file = v.contains("#") ? v.substring(0, v.indexOf('#')) : v;
            assertTrue(file.isEmpty() || Files.isRegularFile(dir.resolve(file)), f + " links to missing " + v);
          }
        }
        for (Element style : page.select("style, [style]")) {
          String css = style.tagName().equals("style") ? style.data() : style.attr("style");
          assertFalse(css.contains("url(") || css.contains("@import"), f + " has CSS that fetches");
        }
        assertTrue(page.select("[url], marker[href]").isEmpty());
      }
    }
  }

  @Test
  void thePriceGraphCarriesTheChaptersNumbers() throws IOException {
    Element price = parse("dev.chainrule.examples.chapter.Pricing.html").getElementById("price");
    List<String> forward = price.select("svg text.forward").eachText();
    List<String> backward = price.select("svg text.backward").eachText();
    // price(200, 5, 1.1) = 1100: apple 200, count 5, tax 1.1, apple × count 1000, the result 1100 ...
    assertEquals(Set.of("200", "5", "1.1", "1000", "1100"), Set.copyOf(forward));
    // ... and backward 1 (the seed), 1.1 (into apple × count), 5.5 (apple), 220 (count), 1000 (tax).
    assertEquals(Set.of("1", "1.1", "5.5", "220", "1000"), Set.copyOf(backward));
    assertEquals(5, forward.size());
    assertTrue(price.text().contains("The backward values reaching the 3 inputs equal the generated gradient"));
    // The closed forms, in MathML.
    List<String> formulas = price.select("div.formula math").eachText();
    assertEquals(3, formulas.size());
    assertTrue(formulas.get(0).replace(" ", "").contains("∂price∂apple=count·tax"), formulas.get(0));
  }

  @Test
  void loopsAreOneNodeEach() throws IOException {
    Element rosenbrock = parse("dev.chainrule.examples.speed.Rosenbrock.html").getElementById("rosenbrock");
    assertEquals(1, rosenbrock.select("svg g.node.summary").size(), "one for loop, one node");
    assertTrue(rosenbrock.select("svg g.node.summary").text().startsWith("for"));
    assertTrue(rosenbrock.text().contains("No closed form: it has the array parameter v"));
  }

  /** Every indexed method ({@code class.method}) and its derivatives' kinds, from the invoker build's index. */
  @SuppressWarnings("unchecked")
  private static Map<String, List<String>> indexedMethods() throws IOException {
    Path index = dir.resolve("../../classes/META-INF/chainrule").normalize();
    Map<String, List<String>> out = new java.util.TreeMap<>();
    try (Stream<Path> files = Files.list(index)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".json")).toList()) {
        Map<String, Object> c = new com.google.gson.Gson().fromJson(Files.readString(f), Map.class);
        for (Object m : (List<Object>) c.get("methods")) {
          Map<String, Object> method = (Map<String, Object>) m;
          out.put(c.get("class") + "." + method.get("name"), ((List<Map<String, Object>>) method.get("derivatives")).stream()
              .map(d -> (String) d.get("kind")).toList());
        }
      }
    }
    return out;
  }

  private static Document parse(String name) throws IOException {
    return Jsoup.parse(dir.resolve(name).toFile(), "UTF-8");
  }

  /** Parses as a namespaced XML document whose root is SVG's svg element. */
  private static void wellFormed(String text, String where) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    org.w3c.dom.Document doc = f.newDocumentBuilder().parse(new InputSource(new StringReader(text)));
    assertEquals("svg", doc.getDocumentElement().getLocalName(), where);
    assertEquals("http://www.w3.org/2000/svg", doc.getDocumentElement().getNamespaceURI(), where);
  }
}
