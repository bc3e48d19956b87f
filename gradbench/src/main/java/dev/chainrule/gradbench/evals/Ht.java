package dev.chainrule.gradbench.evals;

/**
 * GradBench's {@code ht} eval (ADBench's hand tracking; {@code evals/ht/README.md}, the reference
 * objective in {@code cpp/gradbench/evals/ht.hpp}): a skinned hand model posed by 26 parameters θ
 * (global rotation, translation, and 20 finger angles), and the residuals between observed points
 * and the posed model — at the corresponding vertex, or (the "complicated" variant, {@code us}
 * non-empty) at barycentric coordinates u in the corresponding triangle.
 *
 * <p>Shapes as the eval sends them: {@code baseRelatives[b]} and {@code inverseBaseAbsolutes[b]}
 * are 4 × 4, row by row; {@code basePositions[v]} is a homogeneous vertex (4); {@code
 * weights[v][b]}; {@code points[i]} is an observed point (3). The {@code jacobian} (3c residuals
 * by 26 + 2c parameters) waits: ChainRule now generates {@code <m>Jacobian} for vector results,
 * but this primal uses constructs outside its subset (the bone matrices as {@code double[][][]},
 * helpers returning matrices, matrices allocated inside the loop over bones); it must be
 * rewritten inside the subset (flattened 4 × 4 blocks, preallocated work arrays) first.
 */
public final class Ht {
  private Ht() {}

  /** The residuals, 3 per correspondence. */
  public static double[] objective(double[] theta, double[][] us, int[] parents,
      double[][][] baseRelatives, double[][][] inverseBaseAbsolutes, double[][] basePositions,
      double[][] weights, int[][] triangles, boolean mirrored, int[] correspondences,
      double[][] points) {
    int bones = parents.length;
    double[][] pose = poseParameters(theta, bones);
    // bone transforms: posed relatives, chained to absolutes, times the inverse base absolutes
    double[][][] absolutes = new double[bones][][];
    double[][][] transforms = new double[bones][][];
    for (int b = 0; b < bones; b++) {
      double[][] rotation = eulerRotation(pose[b + 3]);
      double[][] posed = new double[4][4];
      for (int r = 0; r < 3; r++) {
        for (int c = 0; c < 3; c++) {
          posed[r][c] = rotation[r][c];
        }
      }
      posed[3][3] = 1;
      double[][] relative = multiply(baseRelatives[b], posed);
      absolutes[b] = parents[b] == -1 ? relative : multiply(absolutes[parents[b]], relative);
      transforms[b] = multiply(absolutes[b], inverseBaseAbsolutes[b]);
    }
    // linear blend skinning, mirroring, then the global rotation, scale and translation
    double[][] global = angleAxisRotation(pose[0]);
    int vertices = basePositions.length;
    double[][] positions = new double[vertices][3];
    for (int v = 0; v < vertices; v++) {
      double[] skinned = new double[3];
      for (int b = 0; b < bones; b++) {
        for (int r = 0; r < 3; r++) {
          double moved = 0;
          for (int c = 0; c < 4; c++) {
            moved += transforms[b][r][c] * basePositions[v][c];
          }
          skinned[r] += moved * weights[v][b];
        }
      }
      if (mirrored) {
        skinned[0] = -skinned[0];
      }
      for (int r = 0; r < 3; r++) {
        double p = pose[2][r];
        for (int c = 0; c < 3; c++) {
          p += global[r][c] * pose[1][c] * skinned[c];
        }
        positions[v][r] = p;
      }
    }
    double[] err = new double[3 * correspondences.length];
    for (int i = 0; i < correspondences.length; i++) {
      for (int j = 0; j < 3; j++) {
        double model;
        if (us.length == 0) {
          model = positions[correspondences[i]][j];
        } else {
          int[] t = triangles[correspondences[i]];
          model = us[i][0] * positions[t[0]][j] + us[i][1] * positions[t[1]][j]
              + (1 - us[i][0] - us[i][1]) * positions[t[2]][j];
        }
        err[3 * i + j] = points[i][j] - model;
      }
    }
    return err;
  }

  /**
   * θ as ADBench's pose parameters, one column of 3 per entry: global rotation, scale (1), global
   * translation, then per bone its Euler angles (x, z, y) — the wrist and forearm fixed at 0, the
   * first joint of each of the five fingers two angles, the other two joints one.
   */
  static double[][] poseParameters(double[] theta, int bones) {
    double[][] pose = new double[bones + 3][3];
    for (int r = 0; r < 3; r++) {
      pose[0][r] = theta[r];
      pose[1][r] = 1;
      pose[2][r] = theta[3 + r];
    }
    int t = 6;
    int column = 5;
    for (int finger = 0; finger < 5; finger++) {
      for (int joint = 0; joint < 3; joint++) {
        pose[column][0] = theta[t++];
        if (joint == 0) {
          pose[column][1] = theta[t++];
        }
        column++;
      }
      column++;
    }
    return pose;
  }

  /** Rotation Rz·Ry·Rx from angles given in the order x, z, y. */
  static double[][] eulerRotation(double[] xzy) {
    double cx = Math.cos(xzy[0]);
    double sx = Math.sin(xzy[0]);
    double cy = Math.cos(xzy[2]);
    double sy = Math.sin(xzy[2]);
    double cz = Math.cos(xzy[1]);
    double sz = Math.sin(xzy[1]);
    double[][] rx = {{1, 0, 0}, {0, cx, -sx}, {0, sx, cx}};
    double[][] ry = {{cy, 0, sy}, {0, 1, 0}, {-sy, 0, cy}};
    double[][] rz = {{cz, -sz, 0}, {sz, cz, 0}, {0, 0, 1}};
    return multiply(multiply(rz, ry), rx);
  }

  /** Rodrigues' rotation matrix of an angle-axis vector (the identity below a norm of 1e-4). */
  static double[][] angleAxisRotation(double[] a) {
    double norm = Math.sqrt(a[0] * a[0] + a[1] * a[1] + a[2] * a[2]);
    if (norm < 1e-4) {
      return new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
    }
    double x = a[0] / norm;
    double y = a[1] / norm;
    double z = a[2] / norm;
    double s = Math.sin(norm);
    double c = Math.cos(norm);
    return new double[][] {
        {x * x + (1 - x * x) * c, x * y * (1 - c) - z * s, x * z * (1 - c) + y * s},
        {x * y * (1 - c) + z * s, y * y + (1 - y * y) * c, y * z * (1 - c) - x * s},
        {x * z * (1 - c) - y * s, z * y * (1 - c) + x * s, z * z + (1 - z * z) * c}};
  }

  static double[][] multiply(double[][] a, double[][] b) {
    double[][] out = new double[a.length][b[0].length];
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < b[0].length; j++) {
        double s = 0;
        for (int k = 0; k < b.length; k++) {
          s += a[i][k] * b[k][j];
        }
        out[i][j] = s;
      }
    }
    return out;
  }
}
