package dev.chainrule.processor.diagnostics;

import org.junit.jupiter.api.Test;

/**
 * Methods whose declaration ChainRule cannot differentiate: what kind of method it is, its
 * parameters, its return type, the names it would generate and its {@code wrt} list. Each gives one
 * error at the declaration (or at the parameter, or at the annotation for {@code wrt}).
 */
class SignatureErrorsTest {

  @Test
  void instanceMethod() {
    Diagnosis.ofMembers("""
        @Differentiable
        double f(double x) {
          return x * x;
        }
        """).hasOneError("double f(double x)", "'f' must be static", "pass the state it needs as parameters");
  }

  @Test
  void genericMethod() {
    Diagnosis.ofMembers("""
        @Differentiable
        static <T> double f(double x) {
          return x * x;
        }
        """).hasOneError("static <T> double f", "'f' is generic", "remove the type parameters");
  }

  @Test
  void varargs() {
    Diagnosis.ofMembers("""
        @Differentiable
        static double f(double... xs) {
          return xs[0];
        }
        """).hasOneError("double... xs", "'f' has a variable number of arguments", "take a double[] instead");
  }

  @Test
  void overloadsWhoseGeneratedNamesClash() {
    Diagnosis.ofMembers("""
        @Differentiable
        static double f(double x) {
          return x * x;
        }
        @Differentiable
        static double f(double x, double y) {
          return x * y;
        }
        """).hasOneError("static double f(double x, double y)", "generated name 'fGradient'", "overloads",
        "rename one of them");
  }

  @Test
  void namesThatDifferInTheCaseOfTheFirstLetter() {
    Diagnosis.ofMembers("""
        @Differentiable
        static double f(double x) {
          return x * x;
        }
        @Differentiable
        static double F(double x) {
          return 3 * x;
        }
        """).hasOneError("static double F(double x)", "generated name 'FGradient' for method 'F(double)'",
        "already used for method 'f(double)'", "rename one of them");
  }

  @Test
  void parameterNamedValue() {
    Diagnosis.ofMembers("""
        @Differentiable
        static double f(double x,
            double value) {
          return x * value;
        }
        """).hasOneError("double value)", "parameter 'value' clashes with value()", "rename the parameter");
  }

  @Test
  void returnsVoid() {
    Diagnosis.ofMembers("""
        @Differentiable
        static void f(double x) {
        }
        """).hasOneError("static void f", "'f' returns void", "must return double");
  }

  @Test
  void returnsInt() {
    Diagnosis.ofMembers("""
        @Differentiable
        static int f(double x) {
          return (int) x;
        }
        """).hasOneError("static int f", "'f' returns int", "must return double");
  }

  /** javac rejects it ({@code @Target(METHOD)}); ChainRule must not add an error of its own. */
  @Test
  void annotatedConstructor() {
    Diagnosis.ofMembers("""
        double x;
        @Differentiable
        C(double x) {
          this.x = x;
        }
        """).hasOneError("@Differentiable", "not applicable to this kind of declaration")
        .nothingFromChainRule();
  }

  @Test
  void abstractInterfaceMethod() {
    Diagnosis.of("""
        package p;
        import dev.chainrule.Differentiable;
        public interface C {
          @Differentiable
          double f(double x);
        }
        """).hasOneError("double f(double x);", "'f' has no body", "annotate a static method with a body");
  }

  @Test
  void abstractClassMethod() {
    Diagnosis.of("""
        package p;
        import dev.chainrule.Differentiable;
        public abstract class C {
          @Differentiable
          abstract double f(double x);
        }
        """).hasOneError("abstract double f", "'f' has no body", "annotate a static method with a body");
  }

  @Test
  void nativeMethod() {
    Diagnosis.ofMembers("""
        @Differentiable
        static native double f(double x);
        """).hasOneError("static native double f", "'f' has no body", "annotate a static method with a body");
  }

  @Test
  void privateMethod() {
    Diagnosis.ofMembers("""
        @Differentiable
        private static double f(double x) {
          return x * x;
        }
        """).hasOneError("private static double f", "'f' is private", "CDerivatives cannot call it",
        "make it package-private");
  }

  @Test
  void methodInPrivateNestedClass() {
    Diagnosis.ofMembers("""
        private static class Inner {
          @Differentiable
          static double f(double x) {
            return x * x;
          }
        }
        """).hasOneError("static double f", "'f' is in private class Inner", "cannot reach",
        "non-private static nested class");
  }

  /**
   * A static method of a local class (legal since Java 16) cannot be reached by a companion either.
   * FAILS today: javac does not list elements of local classes in the round, so the annotation is
   * silently ignored; no error, no companion.
   */
  @Test
  void methodInLocalClass() {
    Diagnosis.ofMembers("""
        static double outer(double x) {
          class Local {
            @Differentiable
            static double f(double v) {
              return v * v;
            }
          }
          return Local.f(x);
        }
        """).hasOneError("static double f(double v)", "local class Local", "cannot reach");
  }

  @Test
  void objectParameter() {
    Diagnosis.ofMembers("""
        @Differentiable
        static double f(double x, Object o) {
          return x * x;
        }
        """).hasOneError("Object o", "parameter 'o' has type java.lang.Object", "takes double, int");
  }

  @Test
  void boxedDoubleParameter() {
    Diagnosis.ofMembers("""
        @Differentiable
        static double f(Double x) {
          return x * x;
        }
        """).hasOneError("Double x", "parameter 'x' has type java.lang.Double", "takes double, int");
  }

  @Test
  void stringParameter() {
    Diagnosis.ofMembers("""
        @Differentiable
        static double f(double x, String name) {
          return x * x;
        }
        """).hasOneError("String name", "parameter 'name' has type java.lang.String", "takes double, int");
  }

  @Test
  void floatParameter() {
    Diagnosis.ofMembers("""
        @Differentiable
        static double f(double x, float s) {
          return x * s;
        }
        """).hasOneError("float s", "parameter 's' has type float", "use double instead of float");
  }

  @Test
  void longArrayParameter() {
    Diagnosis.ofMembers("""
        @Differentiable
        static double f(double x, long[] ks) {
          return x * ks[0];
        }
        """).hasOneError("long[] ks", "parameter 'ks' has type long[]", "double[][], int[] or int[][]");
  }

  @Test
  void threeDimensionalArrayParameter() {
    Diagnosis.ofMembers("""
        @Differentiable
        static double f(double[][][] t) {
          return t[0][0][0];
        }
        """).hasOneError("double[][][] t", "parameter 't' has type double[][][]", "double[][], int[] or int[][]");
  }

  @Test
  void wrtNamesAMissingParameter() {
    Diagnosis.ofMembers("""
        @Differentiable(wrt = {"x", "z"})
        static double f(double x, double y) {
          return x * y;
        }
        """).hasOneError("@Differentiable(wrt", "wrt names 'z'", "not a parameter of 'f'", "the parameters are [x, y]");
  }

  @Test
  void wrtNamesAnIntParameter() {
    Diagnosis.ofMembers("""
        @Differentiable(wrt = "n")
        static double f(double x, int n) {
          return x * n;
        }
        """).hasOneError("@Differentiable(wrt", "wrt names 'n' of type int",
        "only double, double[] and double[][] parameters can be differentiated");
  }

  @Test
  void wrtNamesANoDerivativeParameter() {
    Diagnosis.ofMembers("""
        @Differentiable(wrt = {"x", "y"})
        static double f(double x, @NoDerivative double y) {
          return x * y;
        }
        """).hasOneError("@Differentiable(wrt", "wrt names 'y'", "also marked @NoDerivative", "remove one of the two");
  }
}
