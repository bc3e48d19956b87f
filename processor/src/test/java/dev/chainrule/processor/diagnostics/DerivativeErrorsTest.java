package dev.chainrule.processor.diagnostics;

import org.junit.jupiter.api.Test;

/**
 * Code that is valid in the subset's syntax but whose derivative ChainRule cannot build:
 * calls without a derivative, derivatives that would be lost, {@code %} on active values.
 */
class DerivativeErrorsTest {

  /** The message must name every way out: annotate it, supply a derivative, or differentiate numerically. */
  @Test
  void unannotatedMethodOnActiveValue() {
    Diagnosis.ofMembers("""
        static double square(double v) {
          return v * v;
        }
        @Differentiable
        static double f(double x) {
          return 3 * square(x);
        }
        """).hasOneError("3 * square(x)", "C.square(double) is called on a value that depends on a differentiated input",
        "annotate it @Differentiable", "@CustomDerivative(of = ..., method = \"square\")",
        "@Differentiable(numericFallback = true)");
  }

  /**
   * FAILS today: the message also offers numericFallback, which is refused for array arguments
   * (see the next test), so one of its three ways out leads to another error.
   */
  @Test
  void activeArrayPassedToUnannotatedMethod() {
    Diagnosis.ofMembers("""
        static double sum(double[] a) {
          double s = 0;
          for (double v : a) {
            s += v;
          }
          return s;
        }
        @Differentiable
        static double f(double[] w) {
          return sum(w);
        }
        """).hasOneError("return sum(w);", "passing array 'w' to C.sum is not supported",
        "ChainRule cannot see whether it changes the array", "make C.sum @Differentiable")
        .withoutPhrases("numericFallback");
  }

  @Test
  void numericFallbackForArrayArgument() {
    Diagnosis.ofMembers("""
        static double sum(double[] a) {
          return a[0] + a[1];
        }
        @Differentiable(numericFallback = true)
        static double f(double[] w) {
          return sum(w);
        }
        """).hasOneError("return sum(w);", "passing array 'w' to C.sum is not supported",
        "make C.sum @Differentiable");
  }

  /**
   * FAILS today: the argument is described as 'argument' instead of by its text ('x * 2').
   */
  @Test
  void activeValuePassedToNoDerivativeParameter() {
    Diagnosis.ofMembers("""
        @Differentiable
        static double scaled(double x, @NoDerivative double k) {
          return x * k;
        }
        @Differentiable
        static double f(double x, double y) {
          return scaled(y, x * 2);
        }
        """).hasOneError("scaled(y, x * 2)", "argument 'x * 2' of scaled", "parameter 'k' of C.scaled is not differentiated",
        "its derivative would be lost");
  }

  @Test
  void activeVariablePassedToNoDerivativeParameter() {
    Diagnosis.ofMembers("""
        @Differentiable
        static double scaled(double x, @NoDerivative double k) {
          return x * k;
        }
        @Differentiable
        static double f(double x, double y) {
          return scaled(y, x);
        }
        """).hasOneError("scaled(y, x)", "argument 'x' of scaled", "parameter 'k' of C.scaled is not differentiated",
        "differentiate that parameter");
  }

  @Test
  void privateStaticHelper() {
    Diagnosis.ofMembers("""
        private static double half(double v) {
          return v / 2;
        }
        @Differentiable
        static double f(double x, int n) {
          return x * half(n);
        }
        """).hasOneError("x * half(n)", "method 'half' is private", "make it package-private");
  }

  @Test
  void remainderOfActiveDouble() {
    Diagnosis.ofMembers("""
        @Differentiable
        static double f(double x) {
          double y = x * 3;
          return y % 2.0;
        }
        """).hasOneError("y % 2.0", "% on a value that depends on a differentiated input", "Math.floor");
  }

  /** The callee's own error, and one at the call: the caller cannot be generated without it. */
  @Test
  void callOfDifferentiableMethodThatHasErrors() {
    Diagnosis.ofMembers("""
        @Differentiable
        static double g(double x) {
          assert x > 0;
          return x;
        }
        @Differentiable
        static double f(double x) {
          return 2 * g(x);
        }
        """).hasErrors(2)
        .hasError("assert x > 0;", "assert is not supported")
        .hasError("2 * g(x)", "'f' calls g, which has errors of its own (reported there)", "fix g first");
  }

  /**
   * Issue 13, item 11: the callee fails in its reverse sweep, after the callers were read; the
   * caller must fail too instead of referring to an adjoint class that is never written.
   */
  @Test
  void callOfDifferentiableMethodThatFailsInItsReverseSweep() {
    Diagnosis.ofMembers("""
        static double opaque(double v) {
          return v * v;
        }
        @Differentiable
        static double sq(double x) {
          return opaque(x) + x;
        }
        @Differentiable
        static double f(double x) {
          return 2 * sq(x);
        }
        @Differentiable
        static double ok(double x) {
          return 3 * x;
        }
        """).hasErrors(2)
        .hasError("return opaque(x) + x;", "C.opaque(double) is called on a value")
        .hasError("return 2 * sq(x);", "'f' calls sq, which has errors of its own (reported there)");
  }

  @Test
  void callOfDifferentiableMethodThatFailsInItsAnalysis() {
    Diagnosis.ofMembers("""
        @Differentiable
        static double fill(double[] w) {
          w[0] = 2 * w[1];
          return w[0];
        }
        @Differentiable
        static double f(double[] w) {
          return 2 * fill(w);
        }
        """).hasErrors(2)
        .hasError("w[0] = 2 * w[1];", "writing into parameter array 'w'")
        .hasError("return 2 * fill(w);", "'f' calls fill, which has errors of its own");
  }

  /** A chain: first calls second calls third; third fails, and first is checked before second. */
  @Test
  void chainOfCallsToAMethodWithErrors() {
    Diagnosis.ofMembers("""
        @Differentiable
        static double first(double x) {
          return second(x) + 1;
        }
        @Differentiable
        static double second(double x) {
          return third(x) * 2;
        }
        @Differentiable
        static double third(double x) {
          synchronized (C.class) {
            return x;
          }
        }
        """).hasErrors(3)
        .hasError("synchronized (C.class)", "synchronized is not supported")
        .hasError("return third(x) * 2;", "'second' calls third")
        .hasError("return second(x) + 1;", "'first' calls second");
  }

  @Test
  void callIntoAnotherClassOfAMethodThatFailsInItsReverseSweep() {
    Diagnosis.ofFiles("p.C", """
        package p;
        import dev.chainrule.Differentiable;
        public class Lib {
          static double opaque(double v) {
            return v * v;
          }
          @Differentiable
          static double sq(double x) {
            return opaque(x);
          }
        }
        """, """
        package p;
        import dev.chainrule.Differentiable;
        public class C {
          @Differentiable
          static double f(double x) {
            return Lib.sq(x) * x;
          }
        }
        """).hasError("return Lib.sq(x) * x;", "'f' calls sq, which has errors of its own");
  }

  @Test
  void activeValueForAParameterLeftOutOfWrt() {
    Diagnosis.ofMembers("""
        @Differentiable(wrt = "x")
        static double g(double x, double y) {
          return x * y;
        }
        @Differentiable
        static double f(double a) {
          return g(a, a * 2);
        }
        """).hasOneError("return g(a, a * 2);", "argument 'a * 2' of g depends on a differentiated input",
        "parameter 'y' of C.g is not differentiated");
  }

  @Test
  void differentiatedArrayForANoDerivativeArrayParameter() {
    Diagnosis.ofMembers("""
        @Differentiable
        static double g(double[] w, @NoDerivative double[] d) {
          return w[0] * d[0];
        }
        @Differentiable
        static double f(double[] a) {
          return g(a, a);
        }
        """).hasOneError("return g(a, a);", "argument 'a' of g depends on a differentiated input",
        "parameter 'd' of C.g is not differentiated");
  }

  @Test
  void compoundRemainderOfActiveDouble() {
    Diagnosis.ofMembers("""
        @Differentiable
        static double f(double x) {
          double s = x * 3;
          s %= 2;
          return s;
        }
        """).hasOneError("s %= 2;", "% on a value that depends on a differentiated input");
  }
}
