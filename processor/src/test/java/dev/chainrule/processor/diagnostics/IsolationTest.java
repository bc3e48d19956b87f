package dev.chainrule.processor.diagnostics;

import static com.google.common.truth.Truth.assertThat;

import org.junit.jupiter.api.Test;

/**
 * One bad method does not stop the others: whichever stage refuses it (signature, frontend,
 * analysis, reverse), the good method of the same class still gets its companion methods.
 */
class IsolationTest {
  private static final String GOOD = """
      @Differentiable
      static double good(double x) {
        return Math.exp(x) * x;
      }
      """;

  private static void goodStillGenerated(Diagnosis d) {
    String companion = d.generated("p.CDerivatives");
    assertThat(companion).contains("goodGradient");
    assertThat(companion).contains("goodPullback");
    assertThat(companion).doesNotContain("badGradient");
  }

  @Test
  void badSignature() {
    Diagnosis d = Diagnosis.ofMembers("""
        @Differentiable
        double bad(double x) {
          return x;
        }
        """ + GOOD).hasOneError("double bad(double x)", "'bad' must be static");
    goodStillGenerated(d);
  }

  @Test
  void badStatement() {
    Diagnosis d = Diagnosis.ofMembers("""
        @Differentiable
        static double bad(double x) {
          try {
            return x;
          } finally {
            x = 0;
          }
        }
        """ + GOOD).hasOneError("try {", "try is not supported");
    goodStillGenerated(d);
  }

  /** The bad method comes after the good one here, and fails in analysis. */
  @Test
  void badArrayWrite() {
    Diagnosis d = Diagnosis.ofMembers(GOOD + """
        @Differentiable
        static double bad(double[] w) {
          w[0] = 1;
          return w[0] * w[1];
        }
        """).hasOneError("w[0] = 1;", "writing into parameter array 'w'");
    goodStillGenerated(d);
  }

  /** Refused while building the reverse sweep. */
  @Test
  void badDerivative() {
    Diagnosis d = Diagnosis.ofMembers("""
        @Differentiable
        static double bad(double x) {
          return x % 1.0;
        }
        """ + GOOD).hasOneError("x % 1.0", "% on a value that depends on a differentiated input");
    goodStillGenerated(d);
  }

  /** Two bad methods give two errors, and the good one between them still generates. */
  @Test
  void twoBadMethods() {
    Diagnosis d = Diagnosis.ofMembers("""
        @Differentiable
        static double bad(double x) {
          float y = 1;
          return x;
        }
        """ + GOOD + """
        @Differentiable
        static double worse(double x) {
          String s = "x";
          return x;
        }
        """).hasErrors(2)
        .hasError("float y = 1;", "float is not supported")
        .hasError("String s = \"x\";", "type String is not supported");
    goodStillGenerated(d);
    assertThat(d.generated("p.CDerivatives")).doesNotContain("worseGradient");
  }
}
