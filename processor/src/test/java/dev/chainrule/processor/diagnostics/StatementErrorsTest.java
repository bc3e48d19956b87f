package dev.chainrule.processor.diagnostics;

import static com.google.common.truth.Truth.assertThat;

import org.junit.jupiter.api.Test;

/** Statements outside the supported subset: one error at the statement, saying what to write instead. */
class StatementErrorsTest {

  @Test
  void tryCatch() {
    Diagnosis.ofMembers("""
        @Differentiable
        static double f(double x) {
          double y = x;
          try {
            y = x * x;
          } catch (RuntimeException e) {
            y = 0;
          }
          return y;
        }
        """).hasOneError("try {", "try is not supported", "check the input before calling it");
  }

  @Test
  void throwStatement() {
    Diagnosis.ofMembers("""
        @Differentiable
        static double f(double x) {
          if (x < 0) {
            throw new IllegalArgumentException("negative");
          }
          return Math.sqrt(x);
        }
        """).hasOneError("throw new", "throw is not supported", "return Double.NaN");
  }

  /** A switch is lowered to if/else; a yield out of a loop has no if/else form. */
  @Test
  void yieldInsideALoop() {
    Diagnosis.ofMembers("""
        @Differentiable
        static double f(double x, int k) {
          double y = switch (k) {
            case 1 -> {
              for (int i = 0; i < 3; i++) {
                if (x > i) {
                  yield x * i;
                }
              }
              yield x;
            }
            default -> 2 * x;
          };
          return y;
        }
        """).hasOneError("yield x * i", "yield inside a loop", "break out of the loop");
  }

  /** Java lets a later case group use a local of an earlier one; each group is lowered on its own. */
  @Test
  void localOfAnEarlierCaseGroup() {
    Diagnosis.ofMembers("""
        @Differentiable
        static double f(double x, int k) {
          double y = x;
          switch (k) {
            case 1:
              double t = x * x;
              y = t;
              break;
            default:
              t = 2 * x;
              y = t;
          }
          return y;
        }
        """).hasOneError("double t = x * x", "local 't' in a later case", "declare it before the switch");
  }

  /**
   * Each {@code if} holding a {@code break} in a branch that can also go on reads what follows into
   * both branches: sixteen in a row would be 2^16 copies, refused instead of grown.
   */
  @Test
  void switchTooLargeToLower() {
    StringBuilder cases = new StringBuilder();
    for (int i = 0; i < 16; i++) {
      cases.append("      if (x > ").append(i).append(") { if (x > ").append(i + 1)
          .append(".5) break; y = y * x; }\n");
    }
    Diagnosis.ofMembers("""
        @Differentiable
        static double f(double x, int k) {
          double y = x;
          switch (k) {
            case 1:
        """ + cases + """
              y = y + 1;
              break;
            default:
              y = 2 * x;
          }
          return y;
        }
        """).hasOneError("switch (k) {", "a switch whose lowering to if/else repeats more than 20000 statements",
            "helper methods");
  }

  @Test
  void throwingCase() {
    Diagnosis.ofMembers("""
        @Differentiable
        static double f(double x, int k) {
          switch (k) {
            case 1 -> x = x * x;
            default -> throw new IllegalArgumentException("k");
          }
          return x;
        }
        """).hasOneError("throw new", "throw is not supported", "return Double.NaN");
  }

  @Test
  void synchronizedBlock() {
    Diagnosis.ofMembers("""
        @Differentiable
        static double f(double x) {
          synchronized (C.class) {
            x = x * x;
          }
          return x;
        }
        """).hasOneError("synchronized (C.class)", "synchronized is not supported", "remove it");
  }

  /** Labels of loops are lowered to flags; a label on an if has no loop to break. */
  @Test
  void labelledIf() {
    Diagnosis.ofMembers("""
        @Differentiable
        static double f(double x) {
          check: if (x > 0) {
            if (x > 1) {
              break check;
            }
            x = x * x;
          }
          return x;
        }
        """).hasOneError("check: if", "labelled statements other than loops", "label the loop");
  }

  @Test
  void assertStatement() {
    Diagnosis.ofMembers("""
        @Differentiable
        static double f(double x) {
          assert x > 0 : "positive";
          return Math.log(x);
        }
        """).hasOneError("assert x > 0", "assert is not supported", "check arguments in a method that calls this one");
  }

  @Test
  void localClass() {
    Diagnosis.ofMembers("""
        @Differentiable
        static double f(double x) {
          class Helper {
            double twice(double v) {
              return 2 * v;
            }
          }
          return x * x;
        }
        """).hasOneError("class Helper", "a local class is not supported", "declare it outside the method");
  }

  /** A debugging print: a call whose result is dropped. */
  @Test
  void callWhoseResultIsUnused() {
    Diagnosis.ofMembers("""
        @Differentiable
        static double f(double x) {
          System.out.println(x);
          return x * x;
        }
        """).hasOneError("System.out.println", "a call whose result is not used", "remove it or use its result");
  }

  /**
   * Unreachable code is javac's to report (flow analysis, after annotation processing). ChainRule
   * still generates the companion; javac's error must stay the only one, with nothing from
   * ChainRule and no error in the generated code.
   */
  @Test
  void unreachableStatementAfterReturn() {
    Diagnosis d = Diagnosis.ofMembers("""
        @Differentiable
        static double f(double x) {
          return x * x;
          x = 2;
        }
        """).hasOneError("x = 2;", "unreachable statement").nothingFromChainRule();
    assertThat(d.generated("p.CDerivatives")).contains("fGradient");
  }

  /** As above, with the unreachable statement after an endless loop. */
  @Test
  void unreachableStatementAfterEndlessLoop() {
    Diagnosis.ofMembers("""
        @Differentiable
        static double f(double x) {
          while (true) {
            x = x * 2;
          }
          return x;
        }
        """).hasOneError("return x;", "unreachable statement").nothingFromChainRule();
  }

  @Test
  void localRecord() {
    Diagnosis.ofMembers("""
        @Differentiable
        static double f(double x) {
          record P(double a) {}
          return x;
        }
        """).hasOneError("record P(double a) {}", "a local class is not supported", "declare it outside the method");
  }

  @Test
  void localEnum() {
    Diagnosis.ofMembers("""
        @Differentiable
        static double f(double x) {
          enum E { A }
          return x;
        }
        """).hasOneError("enum E { A }", "a local class is not supported");
  }

  @Test
  void localInterface() {
    Diagnosis.ofMembers("""
        @Differentiable
        static double f(double x) {
          interface I {}
          return x;
        }
        """).hasOneError("interface I {}", "a local class is not supported");
  }

  @Test
  void labelledBlock() {
    Diagnosis.ofMembers("""
        @Differentiable
        static double f(double x) {
          outer: {
            x = x * 2;
          }
          return x;
        }
        """).hasOneError("outer: {", "labelled statements", "use a boolean flag");
  }
}
