package dev.chainrule.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import dev.chainrule.numeric.FiniteDifferences;
import dev.chainrule.numeric.GradientCheck;
import java.lang.reflect.RecordComponent;
import java.util.Map;
import org.apache.commons.math3.special.Erf;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Custom derivatives, the opt-in numeric fallback and stopGradient: each generated gradient
 * against finite differences or a closed form, and every pairing error by line.
 */
class CustomDerivativeTest {
  /** A "library": plain static methods ChainRule cannot read. */
  private static final String SPECIAL = """
      package lib;
      public final class Special {
        private Special() {}
        public static double logistic(double x) {
          return 1 / (1 + Math.exp(-x));
        }
        /** log(exp(a) + exp(b)), computed stably. */
        public static double logSumExp(double a, double b) {
          double m = Math.max(a, b);
          return m + Math.log(Math.exp(a - m) + Math.exp(b - m));
        }
        /** log(sum exp(v[i])), computed stably. */
        public static double logSumExp(double[] v) {
          double m = Double.NEGATIVE_INFINITY;
          for (double x : v) m = Math.max(m, x);
          double s = 0;
          for (double x : v) s += Math.exp(x - m);
          return m + Math.log(s);
        }
        public static double cube(double x, double k) {
          return k * x * x * x;
        }
        public static double mix(double x, double y) {
          return Math.sin(x) * Math.exp(y);
        }
      }
      """;

  private static final String DERIVATIVES = """
      package p;
      import dev.chainrule.CustomDerivative;
      import lib.Special;
      /** Derivatives for the library, in a class of their own. */
      public final class SpecialDerivativesByHand {
        private SpecialDerivativesByHand() {}
        @CustomDerivative(of = Special.class, method = "logistic")
        static double logistic(double x, double y) {
          return y * (1 - y);
        }
        @CustomDerivative(of = Special.class, method = "logSumExp", wrt = "a")
        static double logSumExpA(double a, double b, double y) {
          return Math.exp(a - y);
        }
        @CustomDerivative(of = Special.class, method = "logSumExp", wrt = "b")
        static double logSumExpB(double a, double b, double y) {
          return Math.exp(b - y);
        }
        @CustomDerivative(of = Special.class, method = "logSumExp")
        static void logSumExpVector(double[] v, double y, double seed, double[] adjoint) {
          for (int i = 0; i < v.length; i++) {
            adjoint[i] += seed * Math.exp(v[i] - y);
          }
        }
        @CustomDerivative(of = org.apache.commons.math3.special.Erf.class, method = "erf")
        static double erf(double x) {
          return 2 / Math.sqrt(Math.PI) * Math.exp(-x * x);
        }
      }
      """;

  private static final String MODEL = """
      package p;
      import dev.chainrule.ChainRule;
      import dev.chainrule.CustomDerivative;
      import dev.chainrule.Differentiable;
      import lib.Special;
      import org.apache.commons.math3.special.Erf;
      public final class Model {
        private Model() {}

        /** Same-class target: softplus, with its derivative (the logistic function) supplied. */
        static double softplus(double x) {
          return x > 30 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
        }

        @CustomDerivative(method = "softplus")
        static double softplusDerivative(double x) {
          return 1 / (1 + Math.exp(-x));
        }

        @Differentiable
        static double smooth(double x, double y) {
          return softplus(x * y) + softplus(-x);
        }

        @Differentiable
        static double classify(double w, double x) {
          return Special.logistic(w * x + 1);
        }

        @Differentiable
        static double stable(double a, double b) {
          return Special.logSumExp(a, b);
        }

        @Differentiable
        static double naive(double a, double b) {
          return Math.log(Math.exp(a) + Math.exp(b));
        }

        @Differentiable
        static double stableVector(double[] v) {
          return 2 * Special.logSumExp(v);
        }

        @Differentiable
        static double gaussianTail(double x, double s) {
          return 0.5 * (1 + Erf.erf(x / (s * Math.sqrt(2))));
        }

        @Differentiable(numericFallback = true)
        static double opaque(double x, double y) {
          return Special.cube(x, 3) + Special.mix(x, y) * y;
        }

        /** Σ w² divided by Σ w, the divisor held constant for differentiation. */
        @Differentiable
        static double scaled(double[] w) {
          double total = 0;
          double squares = 0;
          for (double v : w) {
            total += v;
            squares += v * v;
          }
          return squares / ChainRule.stopGradient(total);
        }
      }
      """;

  private static Compiled compiled;

  @BeforeAll
  static void compile() {
    compiled = Compiled.of(Map.of("lib.Special", SPECIAL, "p.SpecialDerivativesByHand", DERIVATIVES,
        "p.Model", MODEL));
  }

  private static double[] gradient(String method, Object... args) {
    Record r = (Record) compiled.call("p.ModelDerivatives", method + "Gradient", args);
    RecordComponent[] components = r.getClass().getRecordComponents();
    double[] out = new double[components.length - 1];
    try {
      for (int i = 1; i < components.length; i++) {
        out[i - 1] = (double) components[i].getAccessor().invoke(r);
      }
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
    return out;
  }

  private static double value(String method, Object... args) {
    Record r = (Record) compiled.call("p.ModelDerivatives", method + "Gradient", args);
    try {
      return (double) r.getClass().getRecordComponents()[0].getAccessor().invoke(r);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  private static double original(String method, Object... args) {
    return (double) compiled.call("p.Model", method, args);
  }

  // ---------------------------------------------------------------- the supplied derivatives themselves

  /** Every custom derivative the tests define, checked against finite differences of its target. */
  @ParameterizedTest
  @ValueSource(doubles = {-3, -0.7, 0.1, 1.3, 4})
  void everyCustomDerivativeMatchesFiniteDifferences(double x) {
    double b = 0.4 * x - 1;
    check(v -> (double) compiled.call("p.Model", "softplus", v[0]),
        (double) compiled.call("p.Model", "softplusDerivative", x), x);
    double y = (double) compiled.call("lib.Special", "logistic", x);
    check(v -> (double) compiled.call("lib.Special", "logistic", v[0]),
        (double) compiled.call("p.SpecialDerivativesByHand", "logistic", x, y), x);
    check(v -> Erf.erf(v[0]), (double) compiled.call("p.SpecialDerivativesByHand", "erf", x), x);
    double lse = lse(x, b);
    GradientCheck.compare(v -> lse(v[0], v[1]), new double[] {
        (double) compiled.call("p.SpecialDerivativesByHand", "logSumExpA", x, b, lse),
        (double) compiled.call("p.SpecialDerivativesByHand", "logSumExpB", x, b, lse)},
        new double[] {x, b}).assertWithin(1e-9);
  }

  private static double lse(double a, double b) {
    Class<?> special = compiled.load("lib.Special");
    try {
      return (double) special.getMethod("logSumExp", double.class, double.class).invoke(null, a, b);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  private static void check(java.util.function.ToDoubleFunction<double[]> f, double derivative, double x) {
    GradientCheck.compare(f, new double[] {derivative}, new double[] {x}).assertWithin(1e-9);
  }

  // ---------------------------------------------------------------- calls use them

  @ParameterizedTest
  @ValueSource(doubles = {-2.5, -0.3, 0.8, 2.2})
  void sameClassTarget(double x) {
    double y = 0.7 - x / 3;
    double[] g = gradient("smooth", x, y);
    GradientCheck.compare(v -> original("smooth", v[0], v[1]), g, new double[] {x, y}).assertWithin(1e-8);
    assertEquals(original("smooth", x, y), value("smooth", x, y));
  }

  @ParameterizedTest
  @ValueSource(doubles = {-1.5, 0.2, 1.1})
  void otherClassTarget(double w) {
    double x = 0.5 + w;
    GradientCheck.compare(v -> original("classify", v[0], v[1]), gradient("classify", w, x),
        new double[] {w, x}).assertWithin(1e-8);
  }

  @ParameterizedTest
  @ValueSource(doubles = {-2, -0.5, 0.3, 1.7})
  void libraryTargetFromARealDependency(double x) {
    double s = 1.3;
    double[] g = gradient("gaussianTail", x, s);
    GradientCheck.compare(v -> 0.5 * (1 + Erf.erf(v[0] / (v[1] * Math.sqrt(2)))), g, new double[] {x, s})
        .assertWithin(1e-8);
  }

  @Test
  void customDerivativeIsAccurateWhereTheAutomaticOneIsNot() {
    // Moderate inputs: both agree with finite differences.
    GradientCheck.compare(v -> original("stable", v[0], v[1]), gradient("stable", 1.0, 2.0),
        new double[] {1, 2}).assertWithin(1e-9);
    GradientCheck.compare(v -> original("naive", v[0], v[1]), gradient("naive", 1.0, 2.0),
        new double[] {1, 2}).assertWithin(1e-9);
    // Large inputs: exp overflows, so the naive value is log(∞) = ∞ and its automatic derivative is
    // wrong (1/∞ times exp's capped partial: 0, not 0.5); the custom one is the softmax.
    assertEquals(Double.POSITIVE_INFINITY, original("naive", 1000.0, 1000.0), 0.0);
    double[] naive = gradient("naive", 1000.0, 1000.0);
    assertFalse(Math.abs(naive[0] - 0.5) < 0.1, "the automatic derivative cannot be right here: " + naive[0]);
    // The result y ≈ 1000.69 carries a rounding error of up to ulp(1000) ≈ 1.1e-13, which exp(a − y)
    // passes on as a relative error of the same size: 1e-12 is the accuracy to expect.
    double[] custom = gradient("stable", 1000.0, 1000.0);
    assertEquals(0.5, custom[0], 1e-12);
    assertEquals(0.5, custom[1], 1e-12);
    double[] skewed = gradient("stable", 1000.0, 1001.0);
    assertEquals(1 / (1 + Math.E), skewed[0], 1e-12);
    assertEquals(Math.E / (1 + Math.E), skewed[1], 1e-12);
  }

  @Test
  void arrayParameterTargetUsesTheSuppliedPullback() {
    double[] v = {1000, 1001, 999.5};
    Record r = (Record) compiled.call("p.ModelDerivatives", "stableVectorGradient", (Object) v);
    double[] g = (double[]) component(r, 1);
    double z = Math.exp(0) + Math.exp(1) + Math.exp(-0.5);
    // As above: the result ≈ 1001.4 is rounded to ulp(1000) ≈ 1.1e-13.
    assertEquals(2 * Math.exp(0) / z, g[0], 1e-12);
    assertEquals(2 * Math.exp(1) / z, g[1], 1e-12);
    assertEquals(2 * Math.exp(-0.5) / z, g[2], 1e-12);
    double[] small = {0.3, -1.2, 0.8};
    Record rs = (Record) compiled.call("p.ModelDerivatives", "stableVectorGradient", (Object) small);
    GradientCheck.compare(x -> original("stableVector", (Object) x), (double[]) component(rs, 1), small)
        .assertWithin(1e-9);
  }

  private static Object component(Record r, int i) {
    try {
      return r.getClass().getRecordComponents()[i].getAccessor().invoke(r);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  // ---------------------------------------------------------------- numeric fallback

  @ParameterizedTest
  @ValueSource(doubles = {-1.2, 0.4, 2.5, 3.9})
  void numericFallbackPartialsMatchTheClosedForm(double x) {
    double y = 0.3 * x - 0.2;
    double[] g = gradient("opaque", x, y);
    // opaque = 3x³ + sin(x)·exp(y)·y
    double dx = 9 * x * x + Math.cos(x) * Math.exp(y) * y;
    double dy = Math.sin(x) * Math.exp(y) * (1 + y);
    assertEquals(dx, g[0], 1e-9 * Math.max(1, Math.abs(dx)), "documented accuracy: 1e-9 relative");
    assertEquals(dy, g[1], 1e-9 * Math.max(1, Math.abs(dy)));
    assertEquals(original("opaque", x, y), value("opaque", x, y));
  }

  @Test
  void numericFallbackWarnsAtTheCall() {
    Compilation c = compiled.compilation;
    assertThat(c).hadWarningContaining("Special.cube is differentiated numerically")
        .inFile(file(c, "Model")).onLineContaining("Special.cube(x, 3)");
    assertThat(c).hadWarningContaining("Special.mix is differentiated numerically")
        .inFile(file(c, "Model")).onLineContaining("Special.mix(x, y)");
  }

  private static javax.tools.JavaFileObject file(Compilation c, String simpleName) {
    return c.sourceFiles().stream().filter(f -> f.getName().endsWith("/" + simpleName + ".java"))
        .findFirst().orElseThrow();
  }

  @Test
  void withoutTheOptInAnOpaqueCallIsAnErrorNamingTheThreeWaysOut() {
    Compilation c = Compiled.compile(Map.of("lib.Special", SPECIAL, "p.Bad", """
        package p;
        import dev.chainrule.Differentiable;
        import lib.Special;
        public final class Bad {
          @Differentiable
          static double f(double x) {
            double y = x * 2;
            return Special.cube(y, 2);
          }
        }
        """));
    assertThat(c).hadErrorCount(1);
    assertThat(c).hadErrorContaining("Special.cube(double, double) is called on a value that depends on a differentiated input")
        .inFile(file(c, "Bad")).onLineContaining("Special.cube(y, 2)");
    assertThat(c).hadErrorContaining("annotate it @Differentiable");
    assertThat(c).hadErrorContaining("@CustomDerivative(of = ..., method = \"cube\")");
    assertThat(c).hadErrorContaining("@Differentiable(numericFallback = true)");
  }

  // ---------------------------------------------------------------- stopGradient

  @Test
  void stopGradientIgnoresTheStoppedPath() {
    double[] w = {0.5, -1.0, 2.0, 0.25};
    Record r = (Record) compiled.call("p.ModelDerivatives", "scaledGradient", (Object) w);
    double[] g = (double[]) component(r, 1);
    double total = 0.5 - 1.0 + 2.0 + 0.25;
    double squares = 0.25 + 1 + 4 + 0.0625;
    // With Σ w constant: ∂/∂w_i = 2 w_i / Σ w.
    GradientCheck.compare(v -> {
      double s = 0;
      for (double x : v) s += x * x;
      return s / total;
    }, g, w.clone()).assertWithin(1e-9);
    // The full derivative would also have −Σw²/(Σw)²: the stopped path is really ignored.
    double[] full = FiniteDifferences.gradientRichardson(v -> original("scaled", (Object) v), w.clone());
    for (int i = 0; i < w.length; i++) {
      assertEquals(2 * w[i] / total, g[i], 1e-14);
      assertEquals(2 * w[i] / total - squares / (total * total), full[i], 1e-8);
    }
  }

  // ---------------------------------------------------------------- pairing errors

  private static Compilation compileWith(String derivative) {
    return Compiled.compile(Map.of("lib.Special", SPECIAL, "p.Pairing", """
        package p;
        import dev.chainrule.CustomDerivative;
        import lib.Special;
        public final class Pairing {
        %s
        }
        """.formatted(derivative)));
  }

  private static void assertPairingError(String derivative, String message, String line) {
    Compilation c = compileWith(derivative);
    assertThat(c).hadErrorCount(1);
    assertThat(c).hadErrorContaining(message).inFile(file(c, "Pairing")).onLineContaining(line);
  }

  @Test
  void targetMustExist() {
    assertPairingError("""
          @CustomDerivative(of = Special.class, method = "logistc")
          static double d(double x) { return 1; }
        """, "names Special.logistc, but Special has no static method of that name", "method = \"logistc\"");
  }

  @Test
  void parametersMustRepeatTheTarget() {
    assertPairingError("""
          @CustomDerivative(of = Special.class, method = "logistic")
          static double d(int x) { return 1; }
        """, "must start with the parameters of its target (Special.logistic(double))", "method = \"logistic\"");
  }

  @Test
  void wrtIsNeededForSeveralParameters() {
    assertPairingError("""
          @CustomDerivative(of = Special.class, method = "cube")
          static double d(double x, double k) { return 1; }
        """, "it has 2 double or double[] parameters", "method = \"cube\"");
  }

  @Test
  void wrtMustNameAParameter() {
    assertPairingError("""
          @CustomDerivative(of = Special.class, method = "cube", wrt = "z")
          static double d(double x, double k) { return 1; }
        """, "it has no parameter 'z'", "wrt = \"z\"");
  }

  @Test
  void scalarPartialMustReturnDouble() {
    assertPairingError("""
          @CustomDerivative(of = Special.class, method = "logistic")
          static void d(double x) { }
        """, "expected double d(double[, double result]) returning ∂logistic/∂x", "method = \"logistic\"");
  }

  @Test
  void arrayPartialMustBeAPullback() {
    assertPairingError("""
          @CustomDerivative(of = Special.class, method = "logSumExp", wrt = "v")
          static double d(double[] v) { return 1; }
        """, "expected void d(double[][, double result], double seed, double[] adjoint)", "wrt = \"v\"");
  }

  @Test
  void onePartialPerParameter() {
    assertPairingError("""
          @CustomDerivative(of = Special.class, method = "logistic") static double d(double x) { return 1; }
          @CustomDerivative(of = Special.class, method = "logistic") static double e(double x, double y) { return 1; }
        """, "Special.logistic already has a @CustomDerivative for parameter 'x' (Pairing.", "static double e");
  }

  @Test
  void derivativeMustBeStatic() {
    assertPairingError("""
          @CustomDerivative(of = Special.class, method = "logistic")
          double d(double x) { return 1; }
        """, "@CustomDerivative method 'd' must be static", "method = \"logistic\"");
  }

  @Test
  void aMissingPartialIsReportedAtTheArgument() {
    Compilation c = Compiled.compile(Map.of("lib.Special", SPECIAL, "p.Partial", """
        package p;
        import dev.chainrule.CustomDerivative;
        import dev.chainrule.Differentiable;
        import lib.Special;
        public final class Partial {
          @CustomDerivative(of = Special.class, method = "cube", wrt = "x")
          static double dx(double x, double k) { return 3 * k * x * x; }
          @Differentiable
          static double f(double a, double b) {
            return Special.cube(a, b * 2);
          }
        }
        """));
    assertThat(c).hadErrorCount(1);
    assertThat(c).hadErrorContaining("no @CustomDerivative gives the derivative for its parameter 'k'")
        .inFile(file(c, "Partial")).onLineContaining("b * 2");
    assertTrue(c.errors().get(0).getMessage(null).contains("wrt = \"k\""));
  }
}
