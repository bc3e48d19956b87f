package dev.chainrule.gradbench.evals;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import org.junit.jupiter.api.Test;

/**
 * det's gradient through the recursion (the index arrays r and c written in place at every level)
 * against the closed form ∂det A / ∂A_ij = det A · (A⁻¹)_ji, with A⁻¹ and det A from Commons
 * Math's LU decomposition.
 */
class DetGradientTest {
  @Test
  void gradientIsTheCofactorMatrix() {
    Random random = new Random(3);
    for (int ell = 1; ell <= 6; ell++) {
      double[] a = new double[ell * ell];
      for (int i = 0; i < a.length; i++) {
        a[i] = random.nextDouble() * 2 - 1;
      }
      RealMatrix m = MatrixUtils.createRealMatrix(ell, ell);
      for (int i = 0; i < ell; i++) {
        for (int j = 0; j < ell; j++) {
          m.setEntry(i, j, a[i * ell + j]);
        }
      }
      LUDecomposition lu = new LUDecomposition(m);
      double det = lu.getDeterminant();
      RealMatrix inverse = lu.getSolver().getInverse();
      var adjoint = new DetDerivatives.DetAdjoint(new double[a.length]);
      double value = DetDerivatives.detPullback(a, ell, 1.0, adjoint);
      assertEquals(det, value, 1e-12, "det, ℓ = " + ell);
      for (int i = 0; i < ell; i++) {
        for (int j = 0; j < ell; j++) {
          assertEquals(det * inverse.getEntry(j, i), adjoint.a[i * ell + j], 1e-12,
              "∂det/∂A[" + i + "][" + j + "], ℓ = " + ell);
        }
      }
    }
  }
}
