package dev.chainrule.gradbench.evals;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * kmeans' {@code dir} takes H's diagonal from one Hessian-vector product along all ones, which is
 * right only because H is diagonal. This checks that on the generated dense Hessian — every
 * off-diagonal entry exactly 0, the diagonal 2·|cluster j| on centroid j's coordinates — and the
 * gradient and direction against their closed forms: J_j = 2 (|cluster j| c_j − Σ_{i ∈ j} p_i),
 * dir_j = c_j − mean of cluster j.
 */
class KmeansDirTest {
  @Test
  void hessianIsDiagonalAndDirIsTheNewtonStep() {
    Random random = new Random(7);
    int n = 60;
    int d = 3;
    int k = 4;
    double[][] points = new double[n][d];
    for (double[] p : points) {
      for (int l = 0; l < d; l++) {
        p[l] = random.nextDouble();
      }
    }
    double[][] centroids = new double[k][];
    for (int j = 0; j < k; j++) {
      centroids[j] = points[n - k + j].clone(); // as the eval does: no cluster is empty
    }
    int[] count = new int[k];
    double[][] sum = new double[k][d];
    for (double[] p : points) {
      int best = 0;
      for (int j = 1; j < k; j++) {
        if (dist(p, centroids[j]) < dist(p, centroids[best])) {
          best = j;
        }
      }
      count[best]++;
      for (int l = 0; l < d; l++) {
        sum[best][l] += p[l];
      }
    }

    double[][] hessian = KmeansDerivatives.costHessian(points, centroids).hessian();
    for (int a = 0; a < k * d; a++) {
      for (int b = 0; b < k * d; b++) {
        double expected = a == b ? 2.0 * count[a / d] : 0.0;
        assertEquals(expected, hessian[a][b], a == b ? 1e-12 : 0.0, "H[" + a + "][" + b + "]");
      }
    }

    double[][] ones = new double[k][d];
    for (double[] row : ones) {
      java.util.Arrays.fill(row, 1.0);
    }
    var adjoint = new KmeansDerivatives.CostAdjoint(new double[k][d]);
    adjoint.centroidsTangent = new double[k][d];
    double[][] dir = new double[k][d];
    Kmeans.newtonDirection(points, centroids, ones, adjoint, dir);
    for (int j = 0; j < k; j++) {
      for (int l = 0; l < d; l++) {
        assertEquals(2.0 * count[j], adjoint.centroidsTangent[j][l], 1e-12, "(H·1)");
        assertEquals(2 * (count[j] * centroids[j][l] - sum[j][l]), adjoint.centroids[j][l], 1e-12, "J");
        assertEquals(centroids[j][l] - sum[j][l] / count[j], dir[j][l], 1e-12, "dir");
      }
    }
  }

  private static double dist(double[] p, double[] c) {
    double s = 0;
    for (int l = 0; l < p.length; l++) {
      s += (p[l] - c[l]) * (p[l] - c[l]);
    }
    return s;
  }
}
