package dev.chainrule.gradbench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The JMH diagnostics measure what they claim: every benchmark method runs, and each rewriting's
 * value and gradient agree with the eval's (which GradBench validates against its C++ tool), the
 * lse gradients with the hand-written softmax.
 */
class VariantsAgreeTest {
  @Test
  void gmmVariantsAgree() {
    for (int d : new int[] {1, 2, 5}) {
      GmmBenchmark b = new GmmBenchmark();
      b.d = d;
      b.k = 3;
      b.setup();
      double value = b.jacobian();
      assertEquals(value, b.objective(), 1e-9 * Math.abs(value));
      assertEquals(value, b.objectiveIndexed(), 1e-9 * Math.abs(value));
      assertEquals(value, b.jacobianIndexed(), 1e-9 * Math.abs(value));
      assertEquals(value, b.jacobianPerPoint(), 1e-9 * Math.abs(value));
    }
    // the gradients themselves, at one size
    GmmData in = new GmmData(4, 3, 50, 7);
    var a = new dev.chainrule.gradbench.evals.GmmDerivatives.ObjectiveAdjoint(new double[3],
        new double[3][4], new double[3][4], new double[3][6]);
    var b = new GmmVariantsDerivatives.IndexedAdjoint(new double[3], new double[3][4],
        new double[3][4], new double[3][6]);
    var c = new GmmVariantsDerivatives.PerPointAdjoint(new double[3], new double[3][4],
        new double[3][4], new double[3][6]);
    dev.chainrule.gradbench.evals.GmmDerivatives.objectivePullback(in.alpha, in.mu, in.q, in.l,
        in.x, in.m, in.gamma, 1.0, a);
    GmmVariantsDerivatives.indexedPullback(in.alpha, in.mu, in.q, in.l, in.x, in.m, in.gamma, 1.0, b);
    GmmVariantsDerivatives.perPointPullback(in.alpha, in.mu, in.q, in.l, in.x, in.m, in.gamma, 1.0, c);
    for (double[][][] g : new double[][][][] {{a.mu, b.mu, c.mu}, {a.q, b.q, c.q}, {a.l, b.l, c.l}}) {
      for (int r = 0; r < g[0].length; r++) {
        for (int j = 0; j < g[0][r].length; j++) {
          double tol = 1e-9 * Math.max(1, Math.abs(g[0][r][j]));
          assertEquals(g[0][r][j], g[1][r][j], tol);
          assertEquals(g[0][r][j], g[2][r][j], tol);
        }
      }
    }
    for (int j = 0; j < 3; j++) {
      assertEquals(a.alpha[j], b.alpha[j], 1e-9 * Math.max(1, Math.abs(a.alpha[j])));
      assertEquals(a.alpha[j], c.alpha[j], 1e-9 * Math.max(1, Math.abs(a.alpha[j])));
    }
  }

  @Test
  void lseGradientsAreTheSoftmax() throws Exception {
    LseBenchmark b = new LseBenchmark();
    b.n = 1000;
    b.setup();
    double[] softmax = b.handWritten().clone();
    double value = b.gradient();
    assertEquals(value, b.primal(), 1e-12);
    assertEquals(value, b.gradientStoppedShift(), 1e-12);
    var f = LseBenchmark.class.getDeclaredField("adjoint");
    f.setAccessible(true);
    double[] generated = ((dev.chainrule.gradbench.evals.LseDerivatives.LogSumExpAdjoint) f.get(b)).x;
    var g = LseBenchmark.class.getDeclaredField("stopped");
    g.setAccessible(true);
    double[] stopped = ((LseVariantsDerivatives.StoppedShiftAdjoint) g.get(b)).x;
    for (int i = 0; i < softmax.length; i++) {
      assertEquals(softmax[i], generated[i], 1e-12);
      assertEquals(softmax[i], stopped[i], 1e-12);
    }
  }
}
