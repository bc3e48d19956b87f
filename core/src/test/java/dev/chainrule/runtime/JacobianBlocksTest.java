package dev.chainrule.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * The helpers generated Jacobians and Hessians run: seeds and directions in row order, columns and
 * rows put into blocks at the right offsets, buffers reused only when their shape fits.
 */
class JacobianBlocksTest {

  @Test
  void sizesCountElementsInRowOrder() {
    assertEquals(3, JacobianBlocks.size(new double[3]));
    assertEquals(5, JacobianBlocks.size(new double[][] {{1, 2}, {3, 4, 5}}));
  }

  @Test
  void setFindsElementInRowOrder() {
    double[][] m = {{0, 0}, {0, 0, 0}};
    JacobianBlocks.set(m, 3, 7);
    assertArrayEquals(new double[] {0, 7, 0}, m[1]);
    assertThrows(IndexOutOfBoundsException.class, () -> JacobianBlocks.set(m, 5, 1));
  }

  @Test
  void blocksAreReusedOnlyWithTheirShape() {
    double[][] b = new double[2][3];
    assertSame(b, JacobianBlocks.block(b, 2, 3));
    assertEquals(4, JacobianBlocks.block(b, 2, 4)[0].length);
  }

  /** Inputs 2..4 of a sweep of 3 directions: a double at 2, an array from 3. */
  @Test
  void seedsSetOneDirectionPerInput() {
    double[] a = new double[3];
    JacobianBlocks.seed(a, 2, 2);
    assertArrayEquals(new double[] {1, 0, 0}, a);
    double[][] x = new double[3][3];
    JacobianBlocks.seed(x, 3, 2);
    assertArrayEquals(new double[] {0, 1, 0}, x[0]);
    assertArrayEquals(new double[] {0, 0, 1}, x[1]);
    assertArrayEquals(new double[] {0, 0, 0}, x[2]);
  }

  @Test
  void columnsGoToTheirInputs() {
    double[][] tangents = {{1, 2, 3}, {4, 5, 6}}; // 2 outputs, directions for inputs 4, 5, 6
    double[][] block = new double[2][3];          // an array parameter whose inputs start at 5
    JacobianBlocks.setColumns(block, 5, 4, tangents);
    assertArrayEquals(new double[] {2, 3, 0}, block[0]);
    assertArrayEquals(new double[] {5, 6, 0}, block[1]);
    double[] scalar = new double[2];              // a double parameter at input 6
    JacobianBlocks.setColumns(scalar, 6, 4, tangents);
    assertArrayEquals(new double[] {3, 6}, scalar);
  }

  @Test
  void hessianColumnsGoToTheParameterRows() {
    double[][] h = new double[3][3];
    JacobianBlocks.setHessianColumns(h, 1, 0, new double[][] {{1, 2, 3}, {4, 5, 6}});
    assertArrayEquals(new double[] {1, 2, 3}, h[1]);
    assertArrayEquals(new double[] {4, 5, 6}, h[2]);
  }

  @Test
  void flattenAndDot() {
    double[] into = new double[5];
    JacobianBlocks.flatten(new double[][] {{1, 2}, {3}}, into, 1);
    assertArrayEquals(new double[] {0, 1, 2, 3, 0}, into);
    assertEquals(11, JacobianBlocks.dot(new double[] {1, 2}, new double[] {3, 4}));
  }

  @Test
  void copyIntoRefusesAnotherShape() {
    assertThrows(IllegalArgumentException.class, () -> Workspace.copyInto(new double[2], new double[3]));
    assertThrows(IllegalArgumentException.class, () -> Workspace.addInto(new double[2], new double[3]));
    double[] to = new double[2];
    Workspace.copyInto(new double[] {1, 2}, to);
    assertArrayEquals(new double[] {1, 2}, to);
  }
}
