package dev.chainrule.processor.diagnostics;

import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Names the generated companion cannot use, and names it cannot generate (issue 13, items 1, 7,
 * 8, 9, 15, 16): members the companion — in the package of the annotated class, and no subclass
 * of anything — cannot reach, parameter names Java forbids for record components, more parameters
 * than the JVM allows the pullback, two classes whose companions would have one name, and an
 * unannotated overload. One error each at its file and line, and the companion of whatever was
 * accepted compiles.
 */
class NameErrorsTest {

  @Test
  void protectedStaticFieldOfSuperclassInAnotherPackage() {
    Diagnosis.ofFiles("p.C", """
        package q;
        public class Base {
          protected static double scale = 2;
        }
        """, """
        package p;
        import dev.chainrule.Differentiable;
        public class C extends q.Base {
          @Differentiable
          static double f(double x) {
            return x * scale;
          }
        }
        """).hasOneError("return x * scale;", "field 'scale' is not public in q.Base",
        "the generated companion (in package p) cannot use it", "make it public");
  }

  @Test
  void protectedStaticMethodOfSuperclassInAnotherPackage() {
    Diagnosis.ofFiles("p.C", """
        package q;
        public class Base {
          protected static double twice(double v) {
            return 2 * v;
          }
        }
        """, """
        package p;
        import dev.chainrule.Differentiable;
        public class C extends q.Base {
          @Differentiable
          static double f(double x, int k) {
            return x * twice(k);
          }
        }
        """).hasOneError("return x * twice(k);", "method 'twice' is not public in q.Base", "make it public");
  }

  @Test
  void constantOfPrivateNestedClassThatIsNoCompileTimeConstant() {
    Diagnosis.ofMembers("""
        private static class K {
          static final double V = Math.sqrt(2);
        }
        @Differentiable
        static double f(double x) {
          return x * K.V;
        }
        """).hasOneError("return x * K.V;", "field 'V' is declared in p.C.K",
        "make that class public, or package-private");
  }

  /** Issue 13, item 9: README's custom derivative is package-private; a caller in another package cannot call it. */
  @Test
  void packagePrivateCustomDerivativeUsedFromAnotherPackage() {
    Diagnosis.ofFiles("p.C", """
        package q;
        public class Lib {
          public static double erf(double x) {
            return Math.tanh(x);
          }
        }
        """, """
        package q;
        import dev.chainrule.CustomDerivative;
        public class Derivs {
          @CustomDerivative(of = Lib.class, method = "erf")
          static double erfDerivative(double x) {
            double t = Math.tanh(x);
            return 1 - t * t;
          }
        }
        """, """
        package p;
        import dev.chainrule.Differentiable;
        public class C {
          @Differentiable
          static double f(double x) {
            return q.Lib.erf(x) * x;
          }
        }
        """).hasOneError("return q.Lib.erf(x) * x;", "the @CustomDerivative Derivs.erfDerivative of Lib.erf is not public",
        "(in package p) cannot call it", "make it public");
  }

  /** Issue 13, item 7. */
  @Test
  void differentiatedParameterNamedToString() {
    Diagnosis.ofMembers("""
        @Differentiable
        static double f(double toString, double y) {
          return toString * y;
        }
        """).hasOneError("double toString, double y", "parameter 'toString'", "Java forbids record components",
        "rename the parameter");
  }

  @Test
  void differentiatedArrayParameterNamedWait() {
    Diagnosis.ofMembers("""
        @Differentiable
        static double f(double[] wait) {
          return wait[0] * wait[0];
        }
        """).hasOneError("double[] wait", "parameter 'wait'", "Java forbids record components", "rename the parameter");
  }

  /**
   * Issue 13, item 8: 127 doubles take 254 slots; the pullback adds 3, and the pushforward a
   * tangent for each (254 more) and its workspace.
   */
  @Test
  void moreParametersThanTheGeneratedMethodsCanTake() {
    String params = IntStream.range(0, 127).mapToObj(i -> "double x" + i).collect(Collectors.joining(", "));
    Diagnosis.ofMembers("""
        @Differentiable
        static double f(%s) {
          return x0 * x126;
        }
        """.formatted(params)).hasOneError("@Differentiable", "parameters taking 254 parameter slots",
        "pushforward adds a tangent for each differentiated parameter", "509 slots, over the JVM's limit of 255",
        "pass the values in a double[] instead");
  }

  /** 64 differentiated doubles: their pushforward would take 257 slots. */
  @Test
  void oneDifferentiatedParameterMoreThanThePushforwardCanTake() {
    String params = IntStream.range(0, 64).mapToObj(i -> "double x" + i).collect(Collectors.joining(", "));
    Diagnosis.ofMembers("""
        @Differentiable
        static double f(%s) {
          return x0 * x63;
        }
        """.formatted(params)).hasOneError("@Differentiable", "parameters taking 128 parameter slots",
        "257 slots, over the JVM's limit of 255");
  }

  /** Parameters that are not differentiated need no tangent: 125 @NoDerivative doubles, a long and an int overflow the pullback. */
  @Test
  void aLongParameterTakesTwoSlotsToo() {
    String params = IntStream.range(0, 125).mapToObj(i -> "@NoDerivative double x" + i).collect(Collectors.joining(", "));
    Diagnosis.ofMembers("""
        @Differentiable
        static double f(double y, %s, long k, int j) {
          return y * x0 * x124 * k * j;
        }
        """.formatted(params)).hasOneError("@Differentiable", "parameters taking 255 parameter slots",
        "pullback adds the seed and the adjoint, 258 slots, over the JVM's limit of 255");
  }

  /** Issue 13, item 15: Case.B and Case_B both give Case_BDerivatives. */
  @Test
  void nestedAndTopLevelClassWhoseCompanionsHaveOneName() {
    Diagnosis.ofFiles("p.Case_B", """
        package p;
        import dev.chainrule.Differentiable;
        public class Case {
          public static class B {
            @Differentiable
            public static double f(double x) {
              return x * x;
            }
          }
        }
        """, """
        package p;
        import dev.chainrule.Differentiable;
        public class Case_B {
          @Differentiable
          public static double g(double x) {
            return x * 3;
          }
        }
        """).hasOneError("public class Case_B", "the generated companion of p.Case_B would have the same name as",
        "the companion of p.Case.B, p.Case_BDerivatives", "rename one of the two classes");
  }

  /** Issue 13, item 16: the message names the overload, and annotating it would clash. */
  @Test
  void unannotatedOverloadOfADifferentiableMethod() {
    Diagnosis.ofMembers("""
        @Differentiable
        static double g(double x) {
          return x * x;
        }
        static double g(double x, int k) {
          return x * k;
        }
        @Differentiable
        static double f(double x) {
          return g(x, 3);
        }
        """).hasOneError("return g(x, 3);", "C.g(double, int) is called on a value",
        "it overloads @Differentiable C.g(double)", "give this overload a name of its own")
        .withoutPhrases("either annotate it @Differentiable");
  }

  @Test
  void callOfAMethodOfAClassThatDoesNotExist() {
    Diagnosis.ofMembers("""
        @Differentiable
        static double f(double x) {
          return foo.Bar.baz(x);
        }
        """).hasOneError("return foo.Bar.baz(x);", "cannot resolve 'foo.Bar'");
  }

  @Test
  void inheritedInstanceField() {
    Diagnosis.ofFiles("p.C", """
        package p;
        public class B {
          protected double scale = 2;
        }
        """, """
        package p;
        import dev.chainrule.Differentiable;
        public class C extends B {
          @Differentiable
          static double f(double x) {
            return x * 2;
          }
          @Differentiable
          static double g(double x) {
            return x * scale;
          }
        }
        """).hasOneError("return x * scale;", "field 'scale' is not a static field");
  }

  @Test
  void callOnTheResultOfACall() {
    Diagnosis.ofMembers("""
        static java.util.function.DoubleUnaryOperator op() {
          return v -> v;
        }
        @Differentiable
        static double f(double x) {
          return op().applyAsDouble(x);
        }
        """).hasOneError("return op().applyAsDouble(x);", "calling C.op, which returns java.util.function.DoubleUnaryOperator",
        "call methods that return numbers");
  }

  @Test
  void staticallyImportedMethodWithoutDerivative() {
    Diagnosis.ofFiles("p.C", """
        package q;
        public class Util {
          public static double cube(double v) {
            return v * v * v;
          }
        }
        """, """
        package p;
        import static q.Util.cube;
        import dev.chainrule.Differentiable;
        public class C {
          @Differentiable
          static double f(double x) {
            return cube(x) + x;
          }
        }
        """).hasOneError("return cube(x) + x;", "Util.cube(double) is called on a value", "annotate it @Differentiable");
  }
}
