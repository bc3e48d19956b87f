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
   * A sum of 1500 terms (a left-deep tree of 1500 additions). javac itself needs a deep stack for
   * it, more than the test thread's default, so the compilation runs on a thread with the stack a
   * javac launched by Maven or from the command line typically has; the processor runs its own work
   * on a large stack and must not overflow.
   */
  @Test
  void longSum() throws InterruptedException {
    String sum = IntStream.range(0, 1500)
        .mapToObj(i -> "x * " + (i % 7 + 1) + ".0")
        .collect(Collectors.joining(" + "));
    Throwable[] failure = {null};
    Thread compile = new Thread(null, () -> {
      try {
        Compiled c = Diagnosis.compiledMembers("""
            @Differentiable
            static double f(double x) {
              return %s;
            }
            """.formatted(sum));
        GradientCheck.compareRecord((Record) c.call("p.CDerivatives", "fGradient", 0.3),
            v -> (double) c.call("p.C", "f", v[0]), new double[] {0.3}).assertWithin(1e-8);
      } catch (Throwable t) {
        failure[0] = t;
      }
    }, "javac", 8L << 20);
    compile.start();
    compile.join();
    if (failure[0] != null) {
      throw new AssertionError(failure[0]);
    }
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
