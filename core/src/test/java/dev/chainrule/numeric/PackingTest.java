package dev.chainrule.numeric;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Packing}: layout, round trips, copies, errors. */
class PackingTest {

  private final double[] w = {1, 2, 3};
  private final double b = -0.5;
  private final double[][] m = {{10, 11}, {12, 13}, {14, 15}};

  @Test
  void flattensInOrderRowMajor() {
    double[] expected = {1, 2, 3, -0.5, 10, 11, 12, 13, 14, 15};
    assertArrayEquals(expected, Packing.flatten(w, b, m));
    Packing p = Packing.of(w, b, m);
    assertArrayEquals(expected, p.flatten());
    assertEquals(10, p.size());
    assertEquals(3, p.partCount());
    assertEquals(0, p.offset(0));
    assertEquals(3, p.offset(1));
    assertEquals(4, p.offset(2));
  }

  @Test
  void roundTrip() {
    Packing p = Packing.of(w, b, m);
    double[] v = p.flatten();
    assertArrayEquals(w, p.vector(v, 0));
    assertEquals(b, p.scalar(v, 1));
    double[][] back = p.matrix(v, 2);
    assertEquals(m.length, back.length);
    for (int r = 0; r < m.length; r++) {
      assertArrayEquals(m[r], back[r]);
    }
    assertArrayEquals(v, Packing.flatten(p.vector(v, 0), p.scalar(v, 1), p.matrix(v, 2)));
  }

  @Test
  void unpacksOtherVectorsOfTheSameLayout() {
    Packing p = Packing.of(w, b, m);
    double[] v = new double[p.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = 100 + i;
    }
    assertArrayEquals(new double[] {100, 101, 102}, p.vector(v, 0));
    assertEquals(103, p.scalar(v, 1));
    assertArrayEquals(new double[] {108, 109}, p.matrix(v, 2)[2]);
  }

  @Test
  void unpackingReturnsFreshArrays() {
    Packing p = Packing.of(w, b, m);
    double[] v = p.flatten();
    double[] vector = p.vector(v, 0);
    assertNotSame(vector, p.vector(v, 0));
    vector[0] = 99;
    p.matrix(v, 2)[1][1] = 99;
    assertArrayEquals(Packing.flatten(w, b, m), v, "v is untouched");
    assertNotSame(p.flatten(), p.flatten());
  }

  @Test
  void capturesValuesAtCreation() {
    double[] vector = {1, 2};
    double[][] matrix = {{3}};
    Packing p = Packing.of(vector, matrix);
    vector[0] = -1;
    matrix[0][0] = -3;
    assertArrayEquals(new double[] {1, 2, 3}, p.flatten());
  }

  @Test
  void raggedAndEmptyParts() {
    double[][] ragged = {{1, 2, 3}, {}, {4}};
    Packing p = Packing.of(ragged, new double[0], new double[0][]);
    assertEquals(4, p.size());
    double[][] back = p.matrix(p.flatten(), 0);
    assertArrayEquals(new double[] {1, 2, 3}, back[0]);
    assertEquals(0, back[1].length);
    assertArrayEquals(new double[] {4}, back[2]);
    assertEquals(0, p.vector(p.flatten(), 1).length);
    assertEquals(0, p.matrix(p.flatten(), 2).length);
    assertEquals("Packing[double[3][]{3, 0, 1}, double[0], double[0][0]] (4 values)", p.toString());
    assertEquals(0, Packing.of().size());
  }

  @Test
  void loneMatrixArgumentIsOneMatrixPart() {
    Packing cast = Packing.of((Object) m);
    assertEquals(1, cast.partCount());
    Packing lone = Packing.of(toVarargs(m));
    assertEquals(1, lone.partCount());
    assertEquals("Packing[double[3][2]] (6 values)", lone.toString());
  }

  /** Passes {@code matrix} as the varargs array itself, as {@code Packing.of(matrix)} does. */
  private static Object[] toVarargs(double[][] matrix) {
    return matrix;
  }

  @Test
  void namesEntries() {
    Packing p = Packing.of(w, b, m).named("w", "b", "W");
    List<String> names = p.entryNames();
    assertEquals(
        List.of(
            "w[0]", "w[1]", "w[2]", "b", "W[0][0]", "W[0][1]", "W[1][0]", "W[1][1]", "W[2][0]",
            "W[2][1]"),
        names);
  }

  @Test
  void comparesShapes() {
    assertTrue(Packing.of(w, b, m).sameShapeAs(Packing.of(new double[3], 7.0, new double[3][2])));
    assertFalse(Packing.of(w, b, m).sameShapeAs(Packing.of(w, b, new double[2][3])));
    assertFalse(Packing.of(w, b).sameShapeAs(Packing.of(b, w)));
    assertFalse(Packing.of(w).sameShapeAs(Packing.of(w, b)));
    Object ragged = new double[][] {{1}, {2, 3}};
    Object otherRagged = new double[][] {{1, 2}, {3}};
    assertFalse(Packing.of(ragged).sameShapeAs(Packing.of(otherRagged)));
  }

  @Test
  void rejectsWrongKindLengthAndIndex() {
    Packing p = Packing.of(w, b, m);
    double[] v = p.flatten();
    IllegalArgumentException kind =
        assertThrows(IllegalArgumentException.class, () -> p.scalar(v, 0));
    assertTrue(kind.getMessage().contains("part 0 is a double[3], not a double"), kind::getMessage);
    assertThrows(IllegalArgumentException.class, () -> p.vector(v, 2));
    assertThrows(IllegalArgumentException.class, () -> p.matrix(v, 1));
    IllegalArgumentException length =
        assertThrows(IllegalArgumentException.class, () -> p.vector(new double[9], 0));
    assertTrue(
        length.getMessage().contains("9") && length.getMessage().contains("10"),
        length::getMessage);
    assertThrows(IndexOutOfBoundsException.class, () -> p.scalar(v, 3));
    assertThrows(IndexOutOfBoundsException.class, () -> p.offset(-1));
    assertEquals(
        "v", assertThrows(NullPointerException.class, () -> p.vector(null, 0)).getMessage());
  }

  @Test
  void rejectsUnsupportedParts() {
    IllegalArgumentException integer =
        assertThrows(IllegalArgumentException.class, () -> Packing.of(w, 1, m));
    assertTrue(integer.getMessage().contains("part 1 is a java.lang.Integer"), integer::getMessage);
    assertTrue(integer.getMessage().contains("1.0"), integer::getMessage);
    assertThrows(IllegalArgumentException.class, () -> Packing.of(new float[2]));
    assertThrows(IllegalArgumentException.class, () -> Packing.of("w"));
    assertThrows(IllegalArgumentException.class, () -> Packing.of((Object) new double[1][1][1]));
    NullPointerException nullPart =
        assertThrows(NullPointerException.class, () -> Packing.of(w, null));
    assertEquals("part 1 is null", nullPart.getMessage());
    NullPointerException nullRow =
        assertThrows(NullPointerException.class, () -> Packing.of(w, new double[][] {{1}, null}));
    assertEquals("part 1, row 1 is null", nullRow.getMessage());
    assertThrows(NullPointerException.class, () -> Packing.of((Object[]) null));
  }

  @Test
  void namedPartsNameTheEntriesAndTheLayout() {
    Packing p = Packing.of(w, b, m);
    Packing named = p.named("w", "b", "W");
    assertEquals("Packing[w: double[3], b: double, W: double[3][2]] (10 values)", named.toString());
    assertArrayEquals(p.flatten(), named.flatten());
    assertTrue(named.sameShapeAs(p), "names are not part of the shape");
    assertEquals(null, p.entryNames(), "unnamed parts have no entry names");
    assertEquals("b", named.name(1));
    IllegalArgumentException count =
        assertThrows(IllegalArgumentException.class, () -> p.named("w", "b"));
    assertEquals("2 names for 3 parts", count.getMessage());
    assertEquals(
        "name 1 is null",
        assertThrows(NullPointerException.class, () -> p.named("w", null, "W")).getMessage());
  }

  record LossGradient(double value, double[] w, double b, double[][] W) {}

  @Test
  void ofRecordPacksTheComponentsButValue() {
    Packing p = Packing.ofRecord(new LossGradient(99, w, b, m));
    assertEquals("Packing[w: double[3], b: double, W: double[3][2]] (10 values)", p.toString());
    assertArrayEquals(Packing.flatten(w, b, m), p.flatten());
    assertEquals("W[2][1]", p.entryNames().get(9));
    record WithCount(double value, int n) {}
    IllegalArgumentException type =
        assertThrows(IllegalArgumentException.class, () -> Packing.ofRecord(new WithCount(0, 1)));
    assertTrue(type.getMessage().contains("component n "), type::getMessage);
    assertEquals(
        "record",
        assertThrows(NullPointerException.class, () -> Packing.ofRecord(null)).getMessage());
  }
}
