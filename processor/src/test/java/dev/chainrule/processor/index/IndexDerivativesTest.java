package dev.chainrule.processor.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.chainrule.processor.symbolic.IndexFixture;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The index lists every derivative the companion holds, by kind, with the classes and field names a
 * reader needs to call it, and they are the companion's own (checked by reflection on the compiled
 * companion, not against the naming rules the writer uses).
 */
class IndexDerivativesTest {
  private static final IndexFixture FIXTURE = new IndexFixture("p.K", """
      package p;

      import dev.chainrule.Differentiable;
      import dev.chainrule.Out;

      public final class K {
        @Differentiable
        public static void polar(double r, double theta, @Out double[] xy) {
          xy[0] = r * Math.cos(theta);
          xy[1] = r * Math.sin(theta);
        }

        @Differentiable(order = 2)
        public static double bowl(double x, double[] w, double xTangent) {
          double s = x * xTangent;
          for (int i = 0; i < w.length; i++) {
            s += w[i] * w[i] * x;
          }
          return s;
        }
      }
      """);

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> derivatives(String method) {
    return (List<Map<String, Object>>) FIXTURE.method(method).get("derivatives");
  }

  private static Class<?> companion() throws ClassNotFoundException {
    return FIXTURE.loader.loadClass("p.KDerivatives");
  }

  private static Map<String, Object> kind(List<Map<String, Object>> derivatives, String kind) {
    return derivatives.stream().filter(d -> d.get("kind").equals(kind)).findFirst().orElseThrow(() -> new AssertionError(kind));
  }

  private static boolean nested(Class<?> companion, Object simple) {
    return Arrays.stream(companion.getClasses()).anyMatch(c -> c.getSimpleName().equals(simple));
  }

  @Test
  void aVectorMethodsKindsAndTheirClasses() throws ClassNotFoundException {
    List<Map<String, Object>> list = derivatives("polar");
    assertEquals(List.of("pullback", "tangent", "pushforward", "multiPushforward", "jacobian", "jacobianForward",
        "jacobianReverse"), list.stream().map(d -> d.get("kind")).toList());
    Class<?> companion = companion();
    for (Map<String, Object> d : list) {
      String name = (String) d.get("method");
      long forms = Arrays.stream(companion.getMethods()).filter(m -> m.getName().equals(name)).count();
      assertEquals(((Number) d.get("forms")).longValue(), forms, name);
      assertEquals(true, nested(companion, d.get("type")), name + " uses " + d.get("type"));
    }
    assertEquals("PolarJacobianWork", kind(list, "jacobian").get("work"));
    assertEquals("PolarJacobianWork", kind(list, "jacobianForward").get("type"));
    assertEquals("PolarMultiTangentWork", kind(list, "multiPushforward").get("type"));
    assertNull(kind(list, "pullback").get("tangentFields"));
  }

  @Test
  @SuppressWarnings("unchecked")
  void secondOrderKindsNameTheAdjointsTangentFieldsAsTheCompanionHasThem() throws ReflectiveOperationException {
    List<Map<String, Object>> list = derivatives("bowl");
    assertEquals(List.of("gradient", "pullback", "tangent", "pushforward", "multiPushforward", "hvp", "hessian",
        "pullbackTangent", "multiPullbackTangent"), list.stream().map(d -> d.get("kind")).toList());
    Class<?> companion = companion();
    Class<?> adjoint = companion.getClassLoader().loadClass("p.KDerivatives$BowlAdjoint");
    assertEquals("BowlAdjoint", kind(list, "hvp").get("work"));
    assertEquals("BowlHessianWork", kind(list, "hessian").get("work"));
    for (String k : List.of("hvp", "pullbackTangent", "multiPullbackTangent")) {
      Map<String, String> fields = (Map<String, String>) kind(list, k).get("tangentFields");
      assertEquals(List.of("x", "w", "xTangent"), List.copyOf(fields.keySet()), k);
      for (String f : fields.values()) {
        Field field = adjoint.getField(f);
        assertEquals(k.startsWith("multi") ? 1 : 0, field.getType().getName().chars().filter(c -> c == '[').count()
            - (fields.get("w").equals(f) ? 1 : 0), k + " " + f + " " + field.getType());
      }
    }
    // A parameter named xTangent pushes x's tangent field aside.
    assertEquals("xTangent_", ((Map<String, String>) kind(list, "pullbackTangent").get("tangentFields")).get("x"));
    Map<String, String> components = (Map<String, String>) kind(list, "hvp").get("hvpComponents");
    Class<?> record = companion.getClassLoader().loadClass("p.KDerivatives$BowlHvp");
    for (String c : components.values()) {
      Method accessor = record.getMethod(c);
      assertEquals(c.startsWith("w") ? double[].class : double.class, accessor.getReturnType(), c);
    }
  }
}
