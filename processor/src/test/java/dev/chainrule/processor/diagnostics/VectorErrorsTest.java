package dev.chainrule.processor.diagnostics;

import org.junit.jupiter.api.Test;

/**
 * Vector results ChainRule refuses: returns it cannot see as one array, @Out parameters of the
 * wrong kind, and calls of vector-valued methods where their array has no name or no place.
 */
class VectorErrorsTest {

  @Test
  void earlyReturnOfAnArray() {
    Diagnosis.ofMembers("""
        @Differentiable
        static double[] f(double[] x) {
          if (x[0] > 0) {
            return x;
          }
          double[] y = new double[2];
          y[0] = x[1];
          return y;
        }
        """).hasOneError("return x;", "'f' returns an array", "this return is not its last statement",
        "or write it into an @Out parameter");
  }

  @Test
  void returnOfAnArrayExpression() {
    Diagnosis.ofMembers("""
        @Differentiable
        static double[] f(double[] x, double[] y, boolean first) {
          return first ? x : y;
        }
        """).hasOneError("return first ? x : y;", "'f' returns an array", "must return an array variable");
  }

  @Test
  void returnTypeOtherThanDoubleArrays() {
    Diagnosis.ofMembers("""
        @Differentiable
        static int[] f(double x) {
          return new int[] {1};
        }
        """).hasOneError("static int[] f(double x)", "returns int[]", "double, double[] or double[][]",
        "@Out parameter");
  }

  @Test
  void voidWithoutOutParameter() {
    Diagnosis.ofMembers("""
        @Differentiable
        static void f(double[] x) {
          x[0] = 1;
        }
        """).hasOneError("static void f(double[] x)", "returns void", "@Out parameter");
  }

  @Test
  void outParameterOfTypeDouble() {
    Diagnosis.ofMembers("""
        @Differentiable
        static void f(double x, @dev.chainrule.Out double y) {
        }
        """).hasOneError("@dev.chainrule.Out double y", "@Out parameter 'y' has type double",
        "one double[] or double[][] parameter marked @Out");
  }

  @Test
  void outParameterInMethodReturningDouble() {
    Diagnosis.ofMembers("""
        @Differentiable
        static double f(double x, @dev.chainrule.Out double[] y) {
          y[0] = x;
          return x;
        }
        """).hasOneError("@dev.chainrule.Out double[] y", "@Out parameter 'y' is in a method that returns double",
        "must then return void");
  }

  @Test
  void twoOutParameters() {
    Diagnosis.ofMembers("""
        @Differentiable
        static void f(double x, @dev.chainrule.Out double[] y, @dev.chainrule.Out double[] z) {
          y[0] = x;
          z[0] = x;
        }
        """).hasOneError("@dev.chainrule.Out double[] y", "is one of several @Out parameters");
  }

  @Test
  void outParameterNamedInWrt() {
    Diagnosis.ofMembers("""
        @Differentiable(wrt = {"x", "y"})
        static void f(double x, @dev.chainrule.Out double[] y) {
          y[0] = x;
        }
        """).hasOneError("@dev.chainrule.Out double[] y", "is also named in wrt or marked @NoDerivative",
        "never differentiated as an input");
  }

  private static final String CALLEES = """
      @Differentiable
      static double[] twice(double[] x) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
          y[i] = 2 * x[i];
        }
        return y;
      }

      @Differentiable
      static void scaled(double[] x, double s, @dev.chainrule.Out double[] y) {
        double[] tmp = new double[x.length];
        for (int i = 0; i < x.length; i++) {
          tmp[i] = s * x[i];
          y[i] = tmp[i];
        }
      }

      @Differentiable
      static void early(double[] x, @dev.chainrule.Out double[] y) {
        y[0] = x[0];
        if (x[0] > 0) {
          return;
        }
        y[1] = x[1];
      }
      """;

  @Test
  void vectorCallInsideAnExpression() {
    Diagnosis.ofMembers(CALLEES + """
        @Differentiable
        static double f(double[] x) {
          return twice(x)[0] + 1;
        }
        """).hasOneError("return twice(x)[0] + 1;", "twice returns an array",
        "assign its result to an array variable of its own");
  }

  @Test
  void outCalleeThatReturnsEarly() {
    Diagnosis.ofMembers(CALLEES + """
        @Differentiable
        static double f(double[] x) {
          double[] y = new double[2];
          early(x, y);
          return y[0] + y[1];
        }
        """).hasOneError("early(x, y);", "C.early cannot be differentiated as part of its caller",
        "it returns from inside its body");
  }

  @Test
  void outCallWithAnExpressionAsArray() {
    Diagnosis.ofMembers(CALLEES + """
        @Differentiable
        static double f(double[] x, double[][] m) {
          scaled(x, 2, m[0]);
          twice(x);
          return m[0][0];
        }
        """).hasOneError("twice(x);", "a call whose result is not used");
  }
}
