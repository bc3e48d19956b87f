package dev.chainrule.numeric;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** The readable table of a {@link GradientCheck.Report}. */
final class ReportTable {

  /** Reports up to this size are shown in full by default. */
  private static final int FULL_TABLE_LIMIT = 40;

  /** Larger reports show this many rows (plus any non-finite ones) by default. */
  private static final int TRUNCATED_ROWS = 20;

  /** The usual definition of the relative error. */
  static final String RELATIVE_ERROR =
      "rel error = |analytic - numeric| / max(1, |analytic|, |numeric|)";

  /**
   * The texts of a report: what was checked ({@code "gradient check"}, for "gradient check failed:
   * ..."), the title line, the headers of the two value columns, the definition of the relative
   * error, and notes shown under it.
   */
  record Labels(
      String check,
      String title,
      String analyticColumn,
      String numericColumn,
      String definition,
      List<String> notes) {

    Labels {
      notes = List.copyOf(notes);
    }

    /** Labels with the usual columns and definition, and no notes. */
    static Labels of(String check, String title) {
      return new Labels(check, title, "analytic", "numeric", RELATIVE_ERROR, List.of());
    }

    /** These labels with one more note. */
    Labels withNote(String note) {
      List<String> more = new ArrayList<>(notes);
      more.add(note);
      return new Labels(check, title, analyticColumn, numericColumn, definition, more);
    }
  }

  private final Labels labels;
  private final GradientCheck.Report report;
  private final String[] names;
  private final double[] relativeErrors;
  private final int[] nonFinite;
  private final int worst;

  ReportTable(Labels labels, GradientCheck.Report report) {
    this.labels = labels;
    this.report = report;
    int n = report.size();
    this.names = new String[n];
    this.relativeErrors = new double[n];
    for (int i = 0; i < n; i++) {
      names[i] = report.name(i);
      relativeErrors[i] = report.relativeError(i);
    }
    this.nonFinite = report.nanComponents();
    this.worst = report.worstIndex();
  }

  int defaultRows() {
    return names.length <= FULL_TABLE_LIMIT ? names.length : TRUNCATED_ROWS;
  }

  /** The table; rows above {@code relTol} are marked FAIL unless it is NaN. */
  String render(double relTol, int maxRows) {
    int n = names.length;
    boolean[] shown = rowsToShow(maxRows);
    int hidden = n - (int) IntStream.range(0, n).filter(i -> shown[i]).count();

    List<String[]> rows = new ArrayList<>();
    rows.add(
        new String[] {
          "component", labels.analyticColumn(), labels.numericColumn(), "abs error", "rel error"
        });
    List<Integer> rowIndices = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (shown[i]) {
        rows.add(
            new String[] {
              names[i],
              format("%.15e", report.analytic(i)),
              format("%.15e", report.numeric(i)),
              format("%.2e", report.absoluteError(i)),
              format("%.2e", relativeErrors[i])
            });
        rowIndices.add(i);
      }
    }
    int[] widths = new int[5];
    for (String[] row : rows) {
      for (int c = 0; c < 5; c++) {
        widths[c] = Math.max(widths[c], row[c].length());
      }
    }

    StringBuilder text = new StringBuilder();
    text.append(labels.title())
        .append(": ")
        .append(n)
        .append(n == 1 ? " component" : " components")
        .append('\n')
        .append(labels.definition())
        .append('\n');
    for (String note : labels.notes()) {
      text.append(note).append('\n');
    }
    if (n == 0) {
      return text.append("no components").toString();
    }
    for (int r = 0; r < rows.size(); r++) {
      String[] row = rows.get(r);
      StringBuilder line = new StringBuilder();
      line.append(pad(row[0], widths[0], true));
      for (int c = 1; c < 5; c++) {
        line.append("  ").append(pad(row[c], widths[c], false));
      }
      if (r > 0) {
        line.append(marker(rowIndices.get(r - 1), relTol));
      }
      text.append(line.toString().stripTrailing()).append('\n');
    }
    if (hidden > 0) {
      double largestHidden =
          IntStream.range(0, n)
              .filter(i -> !shown[i])
              .mapToDouble(i -> relativeErrors[i])
              .max()
              .orElse(0);
      text.append(
          format(
              "... %d of %d components not shown, all finite with rel error <= %.2e\n",
              hidden, n, largestHidden));
    }
    text.append(summary());
    return text.toString();
  }

  /** Which rows to show: all non-finite ones and the {@code maxRows} worst finite ones. */
  private boolean[] rowsToShow(int maxRows) {
    boolean[] shown = new boolean[names.length];
    for (int i : nonFinite) {
      shown[i] = true;
    }
    IntStream.range(0, names.length)
        .filter(i -> !shown[i])
        .boxed()
        .sorted(
            Comparator.comparingDouble((Integer i) -> relativeErrors[i])
                .reversed()
                .thenComparingInt(i -> i))
        .limit(maxRows)
        .forEach(i -> shown[i] = true);
    return shown;
  }

  private String marker(int i, double relTol) {
    List<String> tags = new ArrayList<>();
    if (i == worst) {
      tags.add("worst");
    }
    if (Double.isNaN(report.analytic(i)) || Double.isNaN(report.numeric(i))) {
      tags.add("NaN");
    } else if (Double.isNaN(relativeErrors[i])) {
      tags.add("infinite");
    } else if (!Double.isNaN(relTol) && relativeErrors[i] > relTol) {
      tags.add("FAIL");
    }
    return tags.isEmpty() ? "" : "  <-- " + String.join(", ", tags);
  }

  private String summary() {
    int n = names.length;
    if (n == 0) {
      return "no components";
    }
    int finite = n - nonFinite.length;
    double finiteMax = 0;
    double finiteSum = 0;
    for (double e : relativeErrors) {
      if (!Double.isNaN(e)) {
        finiteMax = Math.max(finiteMax, e);
        finiteSum += e;
      }
    }
    if (nonFinite.length == 0) {
      return format(
          "worst: %s, max rel error %.2e, mean rel error %.2e",
          names[worst], finiteMax, finiteSum / n);
    }
    String nonFiniteNames =
        Arrays.stream(nonFinite).mapToObj(i -> names[i]).collect(Collectors.joining(", "));
    String text =
        format(
            "worst: %s, %d of %d components NaN/infinite: %s",
            names[worst], nonFinite.length, n, nonFiniteNames);
    if (finite > 0) {
      text +=
          format(
              "; over the %d finite: max rel error %.2e, mean rel error %.2e",
              finite, finiteMax, finiteSum / finite);
    }
    return text;
  }

  static String format(String pattern, Object... args) {
    return String.format(Locale.ROOT, pattern, args);
  }

  private static String pad(String s, int width, boolean left) {
    String padding = " ".repeat(width - s.length());
    return left ? s + padding : padding + s;
  }
}
