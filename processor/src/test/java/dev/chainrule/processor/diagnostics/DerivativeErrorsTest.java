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
        """).hasOneError("3 * square(x)", "C.square is called on a value that depends on a differentiated input",
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
   * FAILS today: the message says Math.fma is "neither a Math function nor @Differentiable"; it is a
   * Math function, one without a derivative rule (and it cannot be annotated).
   */
  @Test
  void mathFunctionWithoutRule() {
    Diagnosis.ofMembers("""
        @Differentiable
        static double f(double x, double y) {
          return Math.fma(x, y, 1.0);
        }
        """).hasOneError("Math.fma(x, y, 1.0)", "Math.fma", "no derivative", "@CustomDerivative")
        .withoutPhrases("neither a Math function");
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
}
