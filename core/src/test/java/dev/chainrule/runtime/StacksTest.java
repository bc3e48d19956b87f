package dev.chainrule.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Snapshots of whole arrays on the tapes: popped last first, between ordinary pushes, past growth. */
class StacksTest {
  @Test
  void intSnapshotsComeBackInOrder() {
    IntStack tape = new IntStack(1);
    int[] r = {1, 2, 3};
    int[][] m = {{4, 5}, {6}};
    tape.push(9);
    tape.pushAll(r);
    tape.pushAll(m);
    r[0] = -1;
    m[0][1] = -1;
    m[1][0] = -1;
    tape.popAll(m);
    tape.popAll(r);
    assertArrayEquals(new int[] {1, 2, 3}, r);
    assertArrayEquals(new int[][] {{4, 5}, {6}}, m);
    assertEquals(9, tape.pop());
    assertEquals(0, tape.size());
  }

  @Test
  void doubleSnapshotsGrowTheTape() {
    DoubleStack tape = new DoubleStack(2);
    double[] a = new double[100];
    for (int i = 0; i < a.length; i++) {
      a[i] = i * 0.5;
    }
    double[] copy = a.clone();
    tape.pushAll(a);
    tape.push(7.5);
    java.util.Arrays.fill(a, 3);
    assertEquals(7.5, tape.pop());
    tape.popAll(a);
    assertArrayEquals(copy, a);
    assertEquals(0, tape.size());
  }
}
