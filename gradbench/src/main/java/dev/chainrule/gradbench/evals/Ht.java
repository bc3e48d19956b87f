package dev.chainrule.gradbench.evals;

import dev.chainrule.Differentiable;
import dev.chainrule.Out;

/**
 * GradBench's {@code ht} eval (ADBench's hand tracking; {@code evals/ht/README.md}, the reference
 * objective in {@code cpp/gradbench/evals/ht.hpp}): a skinned hand model posed by 26 parameters θ
 * (global rotation, translation, and 20 finger angles), and the residuals between observed points
 * and the posed model — at the corresponding vertex, or (the "complicated" variant, {@code us}
 * non-empty) at barycentric coordinates u in the corresponding triangle.
 *
 * <p>Shapes: {@code baseRelatives[b]} and {@code inverseBaseAbsolutes[b]} are bone b's 4 × 4
 * matrices flattened row by row (16 each: ChainRule's subset has no {@code double[][][]}); {@code
 * basePositions[v]} is a homogeneous vertex (4); {@code weights[v][b]}; {@code points[i]} is an
 * observed point (3); {@code us[i]} the barycentric pair of correspondence i (or no rows). The
 * rotations are 3 × 3 row by row, written by {@code @Out} helpers.
 */
public final class Ht {
  private Ht() {}

  /** The residuals, 3 per correspondence, differentiated with respect to θ and u. */
  @Differentiable(wrt = {"theta", "us"})
  public static double[] objective(double[] theta, double[][] us, int[] parents,
      double[][] baseRelatives, double[][] inverseBaseAbsolutes, double[][] basePositions,
      double[][] weights, int[][] triangles, boolean mirrored, int[] correspondences,
      double[][] points) {
    int bones = parents.length;
    double[][] pose = poseParameters(theta, bones);
    // bone transforms: posed relatives, chained to absolutes, times the inverse base absolutes
    double[][] absolutes = new double[bones][16];
    double[][] transforms = new double[bones][16];
    double[] rotation = new double[9];
    double[] relative = new double[16];
    for (int b = 0; b < bones; b++) {
      eulerRotation(pose[b + 3][0], pose[b + 3][1], pose[b + 3][2], rotation);
      // relative = baseRelatives[b] · [[rotation, 0], [0, 1]]
      for (int r = 0; r < 4; r++) {
        for (int c = 0; c < 3; c++) {
          double s = 0;
          for (int k = 0; k < 3; k++) {
            s += baseRelatives[b][4 * r + k] * rotation[3 * k + c];
          }
          relative[4 * r + c] = s;
        }
        relative[4 * r + 3] = baseRelatives[b][4 * r + 3];
      }
      int parent = parents[b];
      for (int r = 0; r < 4; r++) {
        for (int c = 0; c < 4; c++) {
          if (parent == -1) {
            absolutes[b][4 * r + c] = relative[4 * r + c];
          } else {
            double s = 0;
            for (int k = 0; k < 4; k++) {
              s += absolutes[parent][4 * r + k] * relative[4 * k + c];
            }
            absolutes[b][4 * r + c] = s;
          }
        }
      }
      for (int r = 0; r < 4; r++) {
        for (int c = 0; c < 4; c++) {
          double s = 0;
          for (int k = 0; k < 4; k++) {
            s += absolutes[b][4 * r + k] * inverseBaseAbsolutes[b][4 * k + c];
          }
          transforms[b][4 * r + c] = s;
        }
      }
    }
    // linear blend skinning, mirroring, then the global rotation, scale and translation
    double[] global = new double[9];
    angleAxisRotation(pose[0][0], pose[0][1], pose[0][2], global);
    int vertices = basePositions.length;
    double[][] positions = new double[vertices][3];
    double[] skinned = new double[3];
    for (int v = 0; v < vertices; v++) {
      for (int r = 0; r < 3; r++) {
        skinned[r] = 0;
      }
      for (int b = 0; b < bones; b++) {
        for (int r = 0; r < 3; r++) {
          double moved = 0;
          for (int c = 0; c < 4; c++) {
            moved += transforms[b][4 * r + c] * basePositions[v][c];
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
          p += global[3 * r + c] * pose[1][c] * skinned[c];
        }
        positions[v][r] = p;
      }
    }
    double[] err = new double[3 * correspondences.length];
    for (int i = 0; i < correspondences.length; i++) {
      int vertex = correspondences[i];
      for (int j = 0; j < 3; j++) {
        double model;
        if (us.length == 0) {
          model = positions[vertex][j];
        } else {
          int[] t = triangles[vertex];
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
  @Differentiable
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
        pose[column][0] = theta[t];
        t++;
        if (joint == 0) {
          pose[column][1] = theta[t];
          t++;
        }
        column++;
      }
      column++;
    }
    return pose;
  }

  /** The rotation Rz·Ry·Rx from the angles x, z, y, row by row into {@code out}. */
  @Differentiable
  static void eulerRotation(double x, double z, double y, @Out double[] out) {
    double cx = Math.cos(x);
    double sx = Math.sin(x);
    double cy = Math.cos(y);
    double sy = Math.sin(y);
    double cz = Math.cos(z);
    double sz = Math.sin(z);
    // Rz·Ry = [[cz cy, −sz, cz sy], [sz cy, cz, sz sy], [−sy, 0, cy]], then times Rx
    out[0] = cz * cy;
    out[1] = -sz * cx + cz * sy * sx;
    out[2] = sz * sx + cz * sy * cx;
    out[3] = sz * cy;
    out[4] = cz * cx + sz * sy * sx;
    out[5] = -cz * sx + sz * sy * cx;
    out[6] = -sy;
    out[7] = cy * sx;
    out[8] = cy * cx;
  }

  /** Rodrigues' rotation matrix of the angle-axis vector a (the identity below a norm of 1e-4). */
  @Differentiable
  static void angleAxisRotation(double a0, double a1, double a2, @Out double[] out) {
    double norm = Math.sqrt(a0 * a0 + a1 * a1 + a2 * a2);
    if (norm < 1e-4) {
      for (int i = 0; i < 9; i++) {
        out[i] = i % 4 == 0 ? 1 : 0;
      }
    } else {
      double x = a0 / norm;
      double y = a1 / norm;
      double z = a2 / norm;
      double s = Math.sin(norm);
      double c = Math.cos(norm);
      out[0] = x * x + (1 - x * x) * c;
      out[1] = x * y * (1 - c) - z * s;
      out[2] = x * z * (1 - c) + y * s;
      out[3] = x * y * (1 - c) + z * s;
      out[4] = y * y + (1 - y * y) * c;
      out[5] = y * z * (1 - c) - x * s;
      out[6] = x * z * (1 - c) - y * s;
      out[7] = z * y * (1 - c) + x * s;
      out[8] = z * z + (1 - z * z) * c;
    }
  }
}
