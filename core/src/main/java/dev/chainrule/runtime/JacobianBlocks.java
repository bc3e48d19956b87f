package dev.chainrule.runtime;

/**
 * What the generated Jacobians do with their blocks: one block per differentiated parameter,
 * {@code double[m]} for a {@code double}, {@code double[m][n]} for a parameter of n values (a
 * {@code double[][]} parameter counted in row order), where m counts the result's elements in row
 * order. A forward Jacobian fills a block column by column from pushforwards, a reverse one row by
 * row from pullbacks.
 */
public final class JacobianBlocks {
  private JacobianBlocks() {}

  /** The number of elements of a result. */
  public static int size(double[] result) {
    return result.length;
  }

  /** The number of elements of a result, rows in order. */
  public static int size(double[][] result) {
    int n = 0;
    for (double[] row : result) {
      n += row.length;
    }
    return n;
  }

  /** A block for a {@code double} parameter: {@code buffer} when it has length m, else a new one. */
  public static double[] block(double[] buffer, int m) {
    return buffer != null && buffer.length == m ? buffer : new double[m];
  }

  /** A block of m rows of n: {@code buffer} when it has that shape, else a new one. */
  public static double[][] block(double[][] buffer, int m, int n) {
    if (buffer != null && buffer.length == m && (m == 0 || buffer[0].length == n)) {
      return buffer;
    }
    return new double[m][n];
  }

  /** Sets element {@code i} (in row order) of a seed or direction to {@code value}. */
  public static void set(double[] array, int i, double value) {
    array[i] = value;
  }

  /** Sets element {@code i}, counted in row order, of a seed or direction to {@code value}. */
  public static void set(double[][] array, int i, double value) {
    for (double[] row : array) {
      if (i < row.length) {
        row[i] = value;
        return;
      }
      i -= row.length;
    }
    throw new IndexOutOfBoundsException("element " + i + " past the end");
  }

  /** Column {@code j} of {@code block} becomes the tangent {@code t} (the derivative along input j). */
  public static void setColumn(double[][] block, int j, double[] t) {
    for (int i = 0; i < t.length; i++) {
      block[i][j] = t[i];
    }
  }

  /** {@link #setColumn(double[][], int, double[])} for a tangent of a {@code double[][]} result. */
  public static void setColumn(double[][] block, int j, double[][] t) {
    int i = 0;
    for (double[] row : t) {
      for (double v : row) {
        block[i++][j] = v;
      }
    }
  }

  /** A {@code double} parameter's block is the tangent along it. */
  public static void setColumn(double[] block, double[] t) {
    System.arraycopy(t, 0, block, 0, t.length);
  }

  /** {@link #setColumn(double[], double[])} for a tangent of a {@code double[][]} result. */
  public static void setColumn(double[] block, double[][] t) {
    int i = 0;
    for (double[] row : t) {
      System.arraycopy(row, 0, block, i, row.length);
      i += row.length;
    }
  }

  /** Row {@code i} of {@code block} becomes the gradient {@code g} of output i. */
  public static void setRow(double[][] block, int i, double[] g) {
    System.arraycopy(g, 0, block[i], 0, g.length);
  }

  /** {@link #setRow(double[][], int, double[])} for the gradient of a {@code double[][]} parameter. */
  public static void setRow(double[][] block, int i, double[][] g) {
    int j = 0;
    for (double[] row : g) {
      System.arraycopy(row, 0, block[i], j, row.length);
      j += row.length;
    }
  }

  /** The number of values of a {@code double[][]} parameter. */
  public static int inputs(double[][] parameter) {
    return size(parameter);
  }

  // ---- Multi-directional forward mode: k inputs per sweep ----

  /**
   * The directions for a {@code double} parameter whose input has index {@code offset}, in the
   * sweep over inputs {@code first, first + 1, ...}: 1 in the direction of that input, else 0.
   */
  public static void seed(double[] directions, int offset, int first) {
    for (int d = 0; d < directions.length; d++) {
      directions[d] = offset == first + d ? 1 : 0;
    }
  }

  /** The directions for a {@code double[]} parameter whose inputs start at index {@code offset}. */
  public static void seed(double[][] directions, int offset, int first) {
    for (int i = 0; i < directions.length; i++) {
      double[] row = directions[i];
      java.util.Arrays.fill(row, 0.0);
      int d = offset + i - first;
      if (d >= 0 && d < row.length) {
        row[d] = 1;
      }
    }
  }

  /** The directions for a {@code double[][]} parameter, its elements counted in row order. */
  public static void seed(double[][][] directions, int offset, int first) {
    for (double[][] row : directions) {
      seed(row, offset, first);
      offset += row.length;
    }
  }

  /**
   * The columns of the block of a {@code double} parameter (input {@code offset}) that the sweep over
   * inputs {@code first, ...} computed: {@code tangents[i][d]} is the derivative of output i along
   * input first + d.
   */
  public static void setColumns(double[] block, int offset, int first, double[][] tangents) {
    int d = offset - first;
    if (tangents.length == 0 || d < 0 || d >= tangents[0].length) {
      return;
    }
    for (int i = 0; i < tangents.length; i++) {
      block[i] = tangents[i][d];
    }
  }

  /** As {@link #setColumns(double[], int, int, double[][])} for an array parameter's block. */
  public static void setColumns(double[][] block, int offset, int first, double[][] tangents) {
    for (int i = 0; i < tangents.length; i++) {
      double[] t = tangents[i];
      double[] row = block[i];
      for (int d = 0; d < t.length; d++) {
        int j = first + d - offset;
        if (j >= 0 && j < row.length) {
          row[j] = t[d];
        }
      }
    }
  }

  /** As {@link #setColumns(double[], int, int, double[][])} for a {@code double[][]} result. */
  public static void setColumns(double[] block, int offset, int first, double[][][] tangents) {
    int i = 0;
    for (double[][] rows : tangents) {
      for (double[] t : rows) {
        int d = offset - first;
        if (d >= 0 && d < t.length) {
          block[i] = t[d];
        }
        i++;
      }
    }
  }

  /** As {@link #setColumns(double[][], int, int, double[][])} for a {@code double[][]} result. */
  public static void setColumns(double[][] block, int offset, int first, double[][][] tangents) {
    int i = 0;
    for (double[][] rows : tangents) {
      for (double[] t : rows) {
        double[] row = block[i++];
        for (int d = 0; d < t.length; d++) {
          int j = first + d - offset;
          if (j >= 0 && j < row.length) {
            row[j] = t[d];
          }
        }
      }
    }
  }

  // ---- Hessians: k directions per sweep of forward over reverse ----

  /**
   * Columns {@code first, ...} of a Hessian from the tangents of a {@code double} parameter's
   * partial (one per direction): row {@code row} of the Hessian.
   */
  public static void setHessianColumns(double[][] hessian, int row, int first, double[] tangents) {
    double[] r = hessian[row];
    for (int d = 0; d < tangents.length && first + d < r.length; d++) {
      r[first + d] = tangents[d];
    }
  }

  /** As {@link #setHessianColumns(double[][], int, int, double[])} for a {@code double[]} parameter's rows. */
  public static void setHessianColumns(double[][] hessian, int row, int first, double[][] tangents) {
    for (int i = 0; i < tangents.length; i++) {
      setHessianColumns(hessian, row + i, first, tangents[i]);
    }
  }

  /** As {@link #setHessianColumns(double[][], int, int, double[])} for a {@code double[][]} parameter's rows. */
  public static void setHessianColumns(double[][] hessian, int row, int first, double[][][] tangents) {
    for (double[][] t : tangents) {
      setHessianColumns(hessian, row, first, t);
      row += t.length;
    }
  }

  /** Copies {@code values} into {@code into} from {@code offset} on. */
  public static void flatten(double[] values, double[] into, int offset) {
    System.arraycopy(values, 0, into, offset, values.length);
  }

  /** Copies the rows of {@code values}, in order, into {@code into} from {@code offset} on. */
  public static void flatten(double[][] values, double[] into, int offset) {
    for (double[] row : values) {
      System.arraycopy(row, 0, into, offset, row.length);
      offset += row.length;
    }
  }

  /** ⟨a, b⟩, for nested directional derivatives. */
  public static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  /** ⟨a, b⟩ over every element, rows in order. */
  public static double dot(double[][] a, double[][] b) {
    double s = 0;
    for (int r = 0; r < a.length; r++) {
      s += dot(a[r], b[r]);
    }
    return s;
  }
}
