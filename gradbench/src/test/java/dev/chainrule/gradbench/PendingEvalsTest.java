package dev.chainrule.gradbench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.chainrule.gradbench.evals.Det;
import dev.chainrule.gradbench.evals.DetDerivatives;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The det eval's gradient waits for a processor fix ({@code DetEval.PULLBACK_BUG}): the generated
 * pullback of {@code detOfMinor} does not leave its index array {@code r} as it found it, while the
 * primal does. This checks both facts; when the processor is fixed it fails, saying that det can be
 * finished.
 */
class PendingEvalsTest {
  @Test
  void detWaitsForItsPullbackToRestoreTheIndexArrays() {
    int n = 2;
    double[] a = {1, 2, 3, 4};
    int[] r = {1, 2, 0};
    int[] c = {1, 2, 0};
    int[] before = r.clone();
    Det.detOfMinor(a, n, n, r, c);
    assertArrayEquals(before, r, "the primal gives r back as it found it");
    var adjoint = new DetDerivatives.DetOfMinorAdjoint(new double[4]);
    DetDerivatives.detOfMinorPullback(a, n, n, r, c, 1.0, adjoint);
    assertFalse(Arrays.equals(before, r), "ChainRule's detOfMinorPullback now gives r back as it"
        + " found it: give DetEval its gradient (DetDerivatives.detPullback) and drop PULLBACK_BUG");
  }
}
