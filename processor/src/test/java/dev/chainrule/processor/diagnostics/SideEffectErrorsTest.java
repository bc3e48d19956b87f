package dev.chainrule.processor.diagnostics;

import org.junit.jupiter.api.Test;

/**
 * Writes the derivative would not see (issue 13, items 3 and 6, and the crash): other code that may
 * change an array holding differentiated values — also when the call's result is dead, an int or a
 * condition, and also a class-file method or one that passes the array on —, numeric
 * differentiation calling a method with side effects again, a {@code @Differentiable} callee that
 * writes into its own array parameter (its pullback runs it again), and writes into the elements
 * of a static array (an internal NullPointerException before). One error each at its file and
 * line, and the companion of the accepted methods compiles.
 */
class SideEffectErrorsTest {
  private static final String PHRASE = "the method may change it";

  /** Issue 13, item 3: the result is dead, the write is not. It was accepted, with gradient 1 instead of 5. */
  @Test
  void deadCallThatWritesIntoADifferentiatedArray() {
    Diagnosis.ofMembers("""
        static double scale(double[] a) {
          a[0] = 5 * a[0];
          return 0;
        }
        @Differentiable
        static double f(double[] b) {
          double t = scale(b);
          return b[0];
        }
        """).hasOneError("double t = scale(b);", "passing array 'b' to C.scale(double[]) is not supported", PHRASE,
        "even when the call's result is not used");
  }

  @Test
  void intResultOfACallThatWritesIntoADifferentiatedArray() {
    Diagnosis.ofMembers("""
        static int bump(double[] a) {
          a[0] += 1;
          return 1;
        }
        @Differentiable
        static double f(double[] b) {
          int k = bump(b);
          return b[0] * k;
        }
        """).hasOneError("int k = bump(b);", "passing array 'b' to C.bump(double[])", PHRASE);
  }

  @Test
  void conditionCallingAMethodThatWritesIntoADifferentiatedArray() {
    Diagnosis.ofMembers("""
        static boolean halve(double[] a) {
          a[0] = a[0] / 2;
          return true;
        }
        @Differentiable
        static double f(double[] b) {
          if (halve(b)) {
            return b[0];
          }
          return b[1];
        }
        """).hasOneError("if (halve(b))", "passing array 'b' to C.halve(double[])", PHRASE);
  }

  @Test
  void classFileMethodOnADifferentiatedArray() {
    Diagnosis.ofMembers("""
        @Differentiable
        static double f(double[] b) {
          int k = java.util.Arrays.binarySearch(b, 0.5);
          return b[0] * k;
        }
        """).hasOneError("java.util.Arrays.binarySearch(b, 0.5)", "passing array 'b' to Arrays.binarySearch(double[], double)",
        "its source is not being compiled");
  }

  @Test
  void methodThatPassesADifferentiatedArrayOn() {
    Diagnosis.ofMembers("""
        static void clear(double[] a) {
          java.util.Arrays.fill(a, 0);
        }
        static double wrap(double[] a) {
          clear(a);
          return 0;
        }
        @Differentiable
        static double f(double[] b) {
          double t = wrap(b);
          return b[0] + t;
        }
        """).hasOneError("double t = wrap(b);", "passing array 'b' to C.wrap(double[])", "passes it on");
  }

  @Test
  void methodThatWritesIntoARowOfADifferentiatedMatrix() {
    Diagnosis.ofMembers("""
        static double scaleRow(double[] r) {
          r[0] *= 2;
          return 0;
        }
        @Differentiable
        static double f(double[][] m) {
          double t = scaleRow(m[0]);
          return m[0][0] + t;
        }
        """).hasOneError("double t = scaleRow(m[0]);", "passing array 'm[0]' to C.scaleRow(double[])", PHRASE);
  }

  /** Numeric differentiation calls the method four more times: a counter it increments would end wrong. */
  @Test
  void numericFallbackOfAMethodThatWritesIntoAnArray() {
    Diagnosis.ofMembers("""
        static double g(double x, int[] calls) {
          calls[0]++;
          return Math.sin(x);
        }
        @Differentiable(numericFallback = true)
        static double f(double x, int[] calls) {
          return g(x, calls) * x;
        }
        """).hasOneError("return g(x, calls) * x;", "C.g(double, int[]) is differentiated numerically",
        "four more times per argument", "it may change array 'calls'");
  }

  /**
   * Issue 13, item 6: h's pullback runs h's forward sweep again, on the index array as the call
   * found it — which the reverse sweep can give it back only around a statement of its own.
   */
  @Test
  void differentiableCalleeThatWritesIntoItsArrayParameter() {
    Diagnosis.ofMembers("""
        @Differentiable
        static double h(double[] x, int[] idx) {
          idx[0] = idx[0] + 1;
          return x[idx[0]] * x[idx[0]];
        }
        @Differentiable
        static double f(double[] x, int[] idx) {
          return h(x, idx) * x[0];
        }
        """).hasOneError("return h(x, idx) * x[0];", "C.h may change array 'idx'", "part of a larger expression",
        "call it in a statement of its own (double v = h(...);)");
  }

  @Test
  void differentiableCalleeThatWritesThroughARowOfItsMatrixParameter() {
    Diagnosis.ofMembers("""
        @Differentiable
        static double h(double x, @NoDerivative double[][] work) {
          double[] r = work[0];
          r[0] = 2;
          return x * r[0];
        }
        @Differentiable
        static double f(double x, @NoDerivative double[][] work) {
          return h(x, work) * x;
        }
        """).hasOneError("return h(x, work) * x;", "C.h may change array 'work'", "part of a larger expression");
  }

  /** It was an internal NullPointerException. */
  @Test
  void writeIntoAStaticFinalArray() {
    Diagnosis.ofMembers("""
        static final double[] W = {1, 2};
        @Differentiable
        static double f(double x) {
          W[0] = x;
          return x * W[1];
        }
        """).hasOneError("W[0] = x;", "writing into the elements of static field 'W' is not supported",
        "copy the array into a local array");
  }

  @Test
  void compoundWriteIntoAStaticArray() {
    Diagnosis.ofMembers("""
        static final double[] W = {1, 2};
        @Differentiable
        static double f(double x) {
          W[1] += x;
          return x * W[0];
        }
        """).hasOneError("W[1] += x;", "writing into the elements of static field 'W'");
  }

  @Test
  void writeIntoARowOfAStaticMatrix() {
    Diagnosis.ofMembers("""
        static final double[][] W = {{1, 2}};
        @Differentiable
        static double f(double x) {
          W[0][1] = x;
          return x * W[0][0];
        }
        """).hasOneError("W[0][1] = x;", "writing into the elements of static field 'W'");
  }

  @Test
  void aliasOfAStaticArray() {
    Diagnosis.ofMembers("""
        static final double[] W = {1, 2};
        @Differentiable
        static double f(double x) {
          double[] w = W;
          return x * w[0];
        }
        """).hasOneError("double[] w = W;", "array variable 'w' must be initialised where it is declared");
  }

  /** Found by the random programs: the callee passes its counter to code that advances it. */
  @Test
  void differentiableCalleeThatPassesItsArrayToCodeThatWritesIntoIt() {
    Diagnosis.ofMembers("""
        static double bump(int[] c) {
          c[0]++;
          return c[0];
        }
        @Differentiable
        static double h(double x, int[] c) {
          double b = bump(c);
          return x * b;
        }
        @Differentiable
        static double f(double x, int[] c) {
          return h(x, c) * x;
        }
        """).hasOneError("return h(x, c) * x;", "C.h may change array 'c'", "part of a larger expression");
  }

  @Test
  void differentiableCalleeWhoseOwnCalleeWritesIntoTheArray() {
    Diagnosis.ofMembers("""
        @Differentiable
        static double w(double x, int[] c) {
          c[0] = 2;
          return x;
        }
        @Differentiable
        static double h(double x, int[] c) {
          double z = w(3.0, c);
          return x * z;
        }
        @Differentiable
        static double f(double x, int[] c) {
          return h(x, c) * x;
        }
        """).hasOneError("return h(x, c) * x;", "C.h may change array 'c'", "part of a larger expression");
  }

  /**
   * Found by the random programs: in a loop, the reverse sweep evaluates the pow again for its
   * partial, and with it the call that advances the counter.
   */
  @Test
  void callThatAdvancesACounterNestedInAnExpressionInALoop() {
    Diagnosis.ofMembers("""
        static double bump(int[] c) {
          c[0]++;
          return c[0] * 0.5;
        }
        @Differentiable
        static double f(double[] a, int[] c) {
          double s = 0;
          for (double e : a) {
            s += Math.pow(1.5 + Math.sin(e), bump(c));
          }
          return s;
        }
        """).hasOneError("s += Math.pow(1.5 + Math.sin(e), bump(c));", "C.bump(int[]) may change array 'c'",
        "part of a larger expression", "call it in a statement of its own");
  }

  /** Found by the soak: the reverse sweep of a conditional's branch evaluates the branch again. */
  @Test
  void callThatAdvancesACounterInABranchOfAConditional() {
    Diagnosis.ofMembers("""
        static double bump(int[] c) {
          c[0]++;
          return c[0] * 0.5;
        }
        @Differentiable
        static double f(int[] c, double x) {
          double v = Math.tanh(x * x) >= x ? bump(c) * x : x * 3;
          return v * 2;
        }
        """).hasOneError("double v = Math.tanh(x * x) >= x ? bump(c) * x : x * 3;", "C.bump(int[]) may change array 'c'",
        "part of a larger expression");
  }

  /** Found by the soak: a compound assignment's reverse sweep evaluates its right-hand side again. */
  @Test
  void callThatAdvancesACounterInACompoundAssignment() {
    Diagnosis.ofMembers("""
        static double bump(int[] c) {
          c[0]++;
          return c[0] * 0.5;
        }
        @Differentiable
        static double f(int[] c, double x) {
          double v = x * x;
          v *= bump(c);
          return v;
        }
        """).hasOneError("v *= bump(c);", "C.bump(int[]) may change array 'c'", "part of a larger expression");
  }

  /** Found by the soak: the pullback of a callee takes its arguments evaluated again. */
  @Test
  void callThatAdvancesACounterInAnArgumentOfADifferentiableCall() {
    Diagnosis.ofMembers("""
        static double bump(int[] c) {
          c[0]++;
          return c[0] * 0.5;
        }
        @Differentiable
        static double g(double x, double y) {
          return x * y;
        }
        @Differentiable
        static double f(int[] c, double x) {
          return g(x, bump(c) - x);
        }
        """).hasOneError("return g(x, bump(c) - x);", "C.bump(int[]) may change array 'c'", "part of a larger expression");
  }
}
