package dev.chainrule.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Jacobian and Hessian tables of the report the invoker build {@code check-passes} wrote, at the
 * check's first point, against closed forms: polar coordinates and Rosenbrock's function.
 */
class ReportMatricesAfterInvokerTest {
  private static Path project;
  private static Map<?, ?> check;

  @BeforeAll
  static void locate() throws IOException {
    String it = System.getProperty("chainrule.it");
    assertNotNull(it, "run by the after-invoker execution (mvn verify in maven-plugin), which sets chainrule.it");
    project = Path.of(it, "check-passes", "target");
    check = new Gson().fromJson(Files.readString(project.resolve("chainrule/check.json")), Map.class);
  }

  private static String firstPoint(String method) {
    for (Object m : (List<?>) check.get("methods")) {
      if (((Map<?, ?>) m).get("method").equals(method)) {
        return (String) ((Map<?, ?>) m).get("firstPoint");
      }
    }
    throw new AssertionError("no " + method + " in check.json");
  }

  private static Element section(String method) throws IOException {
    Element section = Jsoup.parse(project.resolve("chainrule/report/com.example.Shapes.html").toFile(), "UTF-8")
        .getElementById(method);
    assertNotNull(section, method);
    return section;
  }

  /** The table's cells, row by row, and its row and column headers. */
  private static double[][] cells(Element table) {
    return table.select("tbody tr").stream()
        .map(tr -> tr.select("td").stream().mapToDouble(td -> Double.parseDouble(td.text())).toArray())
        .toArray(double[][]::new);
  }

  private static void close(double[][] expected, double[][] shown) {
    assertEquals(expected.length, shown.length);
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i].length, shown[i].length);
      for (int j = 0; j < expected[i].length; j++) {
        // Six significant digits are shown.
        assertEquals(expected[i][j], shown[i][j], 1e-5 * Math.max(1, Math.abs(expected[i][j])), "entry " + i + ", " + j);
      }
    }
  }

  @Test
  void thePolarJacobianIsTheClosedFormAtTheFirstPoint() throws IOException {
    String point = firstPoint("polar");
    double r = Double.parseDouble(point.replaceAll(".*r=([^,]+),.*", "$1"));
    double theta = Double.parseDouble(point.replaceAll(".*theta=(.+)$", "$1"));
    Element table = section("polar").selectFirst("table.matrix");
    assertNotNull(table, "no Jacobian table for polar");
    assertEquals(List.of("", "∂r", "∂theta"), table.select("thead th").stream().map(Element::text).toList());
    assertEquals(List.of("∂polar[0]", "∂polar[1]"), table.select("tbody th").eachText());
    close(new double[][] {{Math.cos(theta), -r * Math.sin(theta)}, {Math.sin(theta), r * Math.cos(theta)}}, cells(table));
    assertTrue(section("polar").text().contains("The Jacobian from polarJacobian at r = "));
  }

  @Test
  void theRosenbrockHessianIsTheClosedFormAtTheFirstPoint() throws IOException {
    String point = firstPoint("rosenbrock");
    double[] x = Arrays.stream(point.replaceAll(".*\\[(.*)\\].*", "$1").split(", ")).mapToDouble(Double::parseDouble).toArray();
    assertEquals(3, x.length);
    // f = Σ 100 (x[i+1] − x[i]²)² + (1 − x[i])².
    double[][] h = new double[3][3];
    for (int i = 0; i < 2; i++) {
      h[i][i] += 1200 * x[i] * x[i] - 400 * x[i + 1] + 2;
      h[i][i + 1] -= 400 * x[i];
      h[i + 1][i] -= 400 * x[i];
      h[i + 1][i + 1] += 200;
    }
    Element table = section("rosenbrock").selectFirst("table.matrix");
    assertNotNull(table, "no Hessian table for rosenbrock");
    assertEquals(List.of("∂²rosenbrock/∂x[0]", "∂²rosenbrock/∂x[1]", "∂²rosenbrock/∂x[2]"), table.select("tbody th").eachText());
    close(h, cells(table));
    assertTrue(section("rosenbrock").select("details summary").text().contains("rosenbrockMultiPullbackTangent"),
        "the second-order code is listed");
  }

  @Test
  void anOutMethodsJacobianIsShownToo() throws IOException {
    Element table = section("spherical").selectFirst("table.matrix");
    assertNotNull(table);
    assertEquals(List.of("∂y[0]", "∂y[1]", "∂y[2]"), table.select("tbody th").eachText());
    assertEquals(3, cells(table)[0].length);
  }
}
