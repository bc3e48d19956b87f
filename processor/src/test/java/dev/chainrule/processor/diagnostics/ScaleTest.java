package dev.chainrule.processor.diagnostics;

import static com.google.common.truth.Truth.assertThat;

import dev.chainrule.numeric.GradientCheck;
import dev.chainrule.processor.Compiled;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Large but ordinary methods: a long expression and a long run of statements. javac compiles both
 * sources; the processor must neither crash nor write unreadable code. Sizes stay small enough for
 * a second or two per test.
 */
class ScaleTest {

  /**
   * A sum of 1500 terms (a left-deep tree of 1500 additions). FAILS today: the processor's recursion
   * overflows the stack ("ChainRule failed on 'f' (internal error: java.lang.StackOverflowError)"),
   * while javac itself compiles the method.
   */
  @Test
  void longSum() {
    String sum = IntStream.range(0, 1500)
        .mapToObj(i -> "x * " + (i % 7 + 1) + ".0")
        .collect(Collectors.joining(" + "));
    Compiled c = Diagnosis.compiledMembers("""
        @Differentiable
        static double f(double x) {
          return %s;
        }
        """.formatted(sum));
    GradientCheck.compareRecord((Record) c.call("p.CDerivatives", "fGradient", 0.3),
        v -> (double) c.call("p.C", "f", v[0]), new double[] {0.3}).assertWithin(1e-8);
  }

  /**
   * 100 reassignments of one variable. Gradient right today; FAILS on readability: the saved
   * values are named y_old, y_old_, y_old__, ... up to 99 underscores (JavaPoet's NameAllocator
   * suffix), which is also quadratic in time for long methods.
   */
  @Test
  void longRunOfReassignments() {
    String body = IntStream.range(0, 100)
        .mapToObj(i -> "y = Math.sin(y) * x + " + (i % 5) + ".0;")
        .collect(Collectors.joining("\n"));
    Compiled c = Diagnosis.compiledMembers("""
        @Differentiable
        static double f(double x) {
          double y = x;
        %s
          return y;
        }
        """.formatted(body.indent(2)));
    GradientCheck.compareRecord((Record) c.call("p.CDerivatives", "fGradient", 0.7),
        v -> (double) c.call("p.C", "f", v[0]), new double[] {0.7}).assertWithin(1e-8);
    assertThat(c.generated("p.CDerivatives")).doesNotContain("___");
  }
}
