package dev.chainrule.gradbench.bench;

import dev.chainrule.gradbench.evals.GmmDerivatives;
import java.lang.reflect.Field;

/**
 * Prints, for gmm at n = 1000 and each d × k of the JMH benchmark, the tape the generated pullback
 * fills: the capacity its double and int stacks reached after one call (they grow by doubling, so
 * the peak is between half that and that), next to the count the generated code implies per
 * point and component (2d + d(d − 1)/2 + 1 doubles and d(d − 1)/2 ints).
 *
 * <pre>java -cp gradbench/target/gradbench-tool.jar dev.chainrule.gradbench.bench.TapeCensus</pre>
 */
public final class TapeCensus {
  private TapeCensus() {}

  public static void main(String[] args) throws ReflectiveOperationException {
    System.out.println("| d | k | doubles pushed (formula) | double stack capacity | ints pushed | int stack capacity |");
    System.out.println("|--:|--:|--:|--:|--:|--:|");
    for (int d : new int[] {2, 10, 64}) {
      for (int k : new int[] {5, 25, 100}) {
        GmmData in = new GmmData(d, k, 1000, 31337);
        var adjoint = new GmmDerivatives.ObjectiveAdjoint(new double[k], new double[k][d],
            new double[k][d], new double[k][d * (d - 1) / 2]);
        GmmDerivatives.objectivePullback(in.alpha, in.mu, in.q, in.l, in.x, in.m, in.gamma, 1.0,
            adjoint);
        long tri = (long) d * (d - 1) / 2;
        long doubles = 1000L * k * (2L * d + tri + 1);
        long ints = 1000L * k * tri;
        System.out.printf("| %d | %d | %,d (%,d MB) | %,d | %,d (%,d MB) | %,d |%n", d, k, doubles,
            doubles * 8 >> 20, capacity(adjoint, "doubles"), ints, ints * 4 >> 20,
            capacity(adjoint, "ints"));
      }
    }
  }

  private static int capacity(Object adjoint, String stack) throws ReflectiveOperationException {
    Field f = adjoint.getClass().getDeclaredField(stack);
    f.setAccessible(true);
    Object s = f.get(adjoint);
    Field items = s.getClass().getDeclaredField("items");
    items.setAccessible(true);
    return java.lang.reflect.Array.getLength(items.get(s));
  }
}
