package dev.chainrule.processor.diagnostics;

import org.junit.jupiter.api.Test;

/**
 * Second derivatives ChainRule refuses: of array results, through custom derivatives and numeric
 * fallback, with parameter names the naming contract's second-order names would repeat, and
 * nested derivatives it cannot see. Each error is at the method or call, the others generate.
 */
class SecondOrderErrorsTest {

  @Test
  void orderTwoOnAVectorValuedMethod() {
    Diagnosis.ofMembers("""
        @Differentiable(order = 2)
        static double[] f(double[] x) {
          double[] y = new double[1];
          y[0] = x[0] * x[1];
          return y;
        }
        """).hasOneError("static double[] f(double[] x)", "@Differentiable(order = 2) on 'f', which returns an array",
        "differentiate a scalar function of its result instead");
  }

  /** Was javac's "record component xHvp is already defined" in the generated code. */
  @Test
  void parameterNamedLikeAnotherOnesHvpComponent() {
    Diagnosis.ofMembers("""
        @Differentiable(order = 2)
        static double f(double x, double xHvp) {
          return x * x * xHvp;
        }
        @Differentiable(order = 2)
        static double g(double x, double y) {
          return x * x * y;
        }
        """).hasOneError("static double f(double x, double xHvp)", "parameter 'xHvp' of 'f' clashes with the record component fHvp.xHvp",
        "parameter 'x'", "rename one of them");
  }

  /** Was javac's "variable xDirection is already defined in method gHvp". */
  @Test
  void parameterNamedLikeAnotherOnesDirection() {
    Diagnosis.ofMembers("""
        @Differentiable(order = 2)
        static double g(double x, double xDirection) {
          return x * x * xDirection;
        }
        """).hasOneError("static double g(double x, double xDirection)", "parameter 'xDirection' of 'g' clashes with the parameter gHvp.xDirection");
  }

  @Test
  void aNonDifferentiatedParameterMayHaveTheNameOfAnHvpComponent() {
    Diagnosis.compiledMembers("""
        @Differentiable(order = 2)
        static double f(double x, @NoDerivative double xHvp) {
          return x * x * xHvp;
        }
        """);
  }

  @Test
  void throughACustomDerivative() {
    Diagnosis.ofMembers("""
        static double soft(double x) {
          return Math.log1p(Math.exp(x));
        }
        @dev.chainrule.CustomDerivative(of = C.class, method = "soft")
        static double softDerivative(double x) {
          return 1 / (1 + Math.exp(-x));
        }
        @Differentiable(order = 2)
        static double f(double x) {
          return soft(x) * x;
        }
        """).hasError("return soft(x) * x;", "second derivatives (@Differentiable(order = 2)) through",
        "write it as a @Differentiable method instead");
  }

  @Test
  void byNumericFallback() {
    Diagnosis.ofMembers("""
        static double opaque(double x) {
          return Math.sin(x) * x;
        }
        @Differentiable(order = 2, numericFallback = true)
        static double f(double x) {
          return opaque(x) * x;
        }
        """).hasError("return opaque(x) * x;", "by numeric fallback are not supported");
  }
}
