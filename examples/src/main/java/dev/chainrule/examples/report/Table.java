package dev.chainrule.examples.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A plain-text table: a header row, a rule, then the rows, each column padded to its widest
 * cell. The first column is aligned left, the others (numbers) right unless {@link #alignLeft}
 * says otherwise.
 */
public final class Table {
  private final String[] header;
  private final boolean[] left;
  private final List<String[]> rows = new ArrayList<>();

  /**
   * A table with the given column headers.
   *
   * @param header one title per column
   */
  public Table(String... header) {
    this.header = header.clone();
    this.left = new boolean[header.length];
    if (header.length > 0) {
      left[0] = true;
    }
  }

  /**
   * Aligns the given columns (text rather than numbers) to the left.
   *
   * @param columns column indices, from 0
   * @return this table
   */
  public Table alignLeft(int... columns) {
    for (int column : columns) {
      left[column] = true;
    }
    return this;
  }

  /**
   * Adds a row.
   *
   * @param cells one cell per column
   * @return this table
   * @throws IllegalArgumentException if the number of cells is not the number of columns
   */
  public Table row(String... cells) {
    if (cells.length != header.length) {
      throw new IllegalArgumentException(
          cells.length + " cells for " + header.length + " columns: " + Arrays.toString(cells));
    }
    rows.add(cells.clone());
    return this;
  }

  /**
   * The table as text, every line indented and ending in a newline.
   *
   * @param indent the indentation of every line
   * @return the text
   */
  public String render(String indent) {
    int[] widths = new int[header.length];
    for (int c = 0; c < header.length; c++) {
      widths[c] = header[c].length();
      for (String[] row : rows) {
        widths[c] = Math.max(widths[c], row[c].length());
      }
    }
    StringBuilder text = new StringBuilder();
    line(text, indent, header, widths, left);
    String[] rule = new String[header.length];
    for (int c = 0; c < header.length; c++) {
      rule[c] = "-".repeat(widths[c]);
    }
    line(text, indent, rule, widths, left);
    for (String[] row : rows) {
      line(text, indent, row, widths, left);
    }
    return text.toString();
  }

  private static void line(
      StringBuilder text, String indent, String[] cells, int[] widths, boolean[] left) {
    StringBuilder line = new StringBuilder(indent);
    for (int c = 0; c < cells.length; c++) {
      String padding = " ".repeat(widths[c] - cells[c].length());
      line.append(c > 0 ? "   " : "");
      if (left[c]) {
        line.append(cells[c]).append(padding);
      } else {
        line.append(padding).append(cells[c]);
      }
    }
    text.append(line.toString().stripTrailing()).append('\n');
  }
}
