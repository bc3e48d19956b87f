package dev.chainrule.processor.diagnostics;

import org.junit.jupiter.api.Test;

/**
 * Array code ChainRule refuses: writes into parameter arrays that carry
 * derivatives, array variables that would name more than one array, ragged or nested allocation.
 */
class ArrayErrorsTest {

  @Test
  void writeIntoDifferentiatedParameterArray() {
    Diagnosis.ofMembers("""
        @Differentiable
        static double f(double[] w) {
          w[0] = w[0] * 2;
          return w[0] + w[1];
        }
        """).hasOneError("w[0] = w[0] * 2;", "writing into parameter array 'w'", "is differentiated",
        "copy it into a local array first");
  }

  @Test
  void writeOfActiveValueIntoConstantParameterArray() {
    Diagnosis.ofMembers("""
        @Differentiable
        static double f(double x, @NoDerivative double[] buf) {
          buf[0] = x * x;
          return buf[0];
        }
        """).hasOneError("buf[0] = x * x;", "writing into parameter array 'buf'",
        "receives values that depend on a differentiated input", "copy it into a local array first");
  }

  @Test
  void writeIntoRowOfDifferentiatedParameterMatrix() {
    Diagnosis.ofMembers("""
        @Differentiable
        static double f(double[][] W) {
          double[] r = W[0];
          r[0] = 1;
          return r[0] + W[0][1];
        }
        """).hasOneError("r[0] = 1;", "writing into parameter array 'W'", "copy it into a local array first");
  }

  @Test
  void arrayVariableReassigned() {
    Diagnosis.ofMembers("""
        @Differentiable
        static double f(double[] w, double[] v) {
          double[] a = w;
          a = v;
          return a[0];
        }
        """).hasOneError("a = v;", "array variable 'a' is assigned again", "declare another variable");
  }

  @Test
  void arrayDeclaredWithoutInitializer() {
    Diagnosis.ofMembers("""
        @Differentiable
        static double f(double[] w) {
          double[] a;
          a = w;
          return a[0];
        }
        """).hasOneError("double[] a;", "array variable 'a' must be initialised where it is declared");
  }

  @Test
  void raggedAllocation() {
    Diagnosis.ofMembers("""
        @Differentiable
        static double f(double x, int n) {
          double[][] m = new double[n][];
          return x;
        }
        """).hasOneError("new double[n][]", "must give every dimension", "'new double[n][]' leaves one out");
  }

  @Test
  void nestedArrayInitializer() {
    Diagnosis.ofMembers("""
        @Differentiable
        static double f(double x) {
          double[][] m = {{x, 1}, {2, x}};
          return m[0][0] * m[1][1];
        }
        """).hasOneError("double[][] m = {{x, 1}, {2, x}};", "a nested array initializer is not supported",
        "use new double[n][m]");
  }

  /** A List is not an array; the loop's source is reported by its type. */
  @Test
  void enhancedForOverList() {
    Diagnosis.ofMembers("""
        static final java.util.List<Double> WEIGHTS = java.util.List.of(1.0, 2.0);
        @Differentiable
        static double f(double x) {
          double s = 0;
          for (double v : WEIGHTS) {
            s += v * x;
          }
          return s;
        }
        """).hasOneError("for (double v : WEIGHTS)", "java.util.List<java.lang.Double> is not supported");
  }

  @Test
  void booleanArrayLocal() {
    Diagnosis.ofMembers("""
        @Differentiable
        static double f(double x) {
          boolean[] b = new boolean[2];
          return x;
        }
        """).hasOneError("boolean[] b = new boolean[2];", "type boolean[] is not supported");
  }

  @Test
  void longArrayLocal() {
    Diagnosis.ofMembers("""
        @Differentiable
        static double f(double x) {
          long[] b = new long[2];
          return x;
        }
        """).hasOneError("long[] b = new long[2];", "type long[] is not supported");
  }

  @Test
  void threeDimensionalArrayLocal() {
    Diagnosis.ofMembers("""
        @Differentiable
        static double f(double x) {
          double[][][] b = new double[2][2][2];
          return x;
        }
        """).hasOneError("double[][][] b", "type double[][][] is not supported");
  }

  @Test
  void arrayVariableInitialisedByACall() {
    Diagnosis.ofMembers("""
        static double[] make() {
          return new double[2];
        }
        @Differentiable
        static double f(double x) {
          double[] c = make();
          return c[0] * x;
        }
        """).hasOneError("double[] c = make();", "array variable 'c' must be initialised where it is declared");
  }

  @Test
  void arrayVariableInitialisedByAConditional() {
    Diagnosis.ofMembers("""
        @Differentiable
        static double f(double[] u, double[] v, boolean b) {
          double[] c = b ? u : v;
          return c[0];
        }
        """).hasOneError("double[] c = b ? u : v;", "a conditional that chooses between arrays");
  }

  /** clone() of a double[][] copies references to its rows: the copy's rows are the original's. */
  @Test
  void cloneOfAMatrix() {
    Diagnosis.ofMembers("""
        @Differentiable
        static double f(double[][] m) {
          double[][] c = m.clone();
          c[0][0] = 2;
          return c[0][0] * m[0][0];
        }
        """).hasOneError("double[][] c = m.clone();", "copying or filling the double[][] 'm'", "alias",
        "copy the rows one by one");
  }

  @Test
  void copyInsideAnExpression() {
    Diagnosis.ofMembers("""
        @Differentiable
        static double f(double[] w) {
          return java.util.Arrays.copyOf(w, 3)[2] + w[0];
        }
        """).hasOneError("return java.util.Arrays.copyOf(w, 3)[2]", "the copy", "here",
        "declare a new array variable with it");
  }

  @Test
  void copyAssignedToAnExistingArrayVariable() {
    Diagnosis.ofMembers("""
        @Differentiable
        static double f(double[] w) {
          double[] c = new double[2];
          c = w.clone();
          return c[0];
        }
        """).hasOneError("c = w.clone();", "the copy 'w.clone()' here", "System.arraycopy");
  }

  @Test
  void arraycopyIntoADifferentiatedParameter() {
    Diagnosis.ofMembers("""
        @Differentiable
        static double f(double[] w, double x) {
          double[] t = {x, x * x};
          System.arraycopy(t, 0, w, 0, 2);
          return w[0] + w[1];
        }
        """).hasOneError("System.arraycopy(t, 0, w, 0, 2);", "writing into parameter array 'w'",
        "copy it into a local array first");
  }
}
