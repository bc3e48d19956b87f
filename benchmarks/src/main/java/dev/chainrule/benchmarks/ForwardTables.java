package dev.chainrule.benchmarks;

import dev.chainrule.benchmarks.Main.Cell;
import java.io.PrintStream;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.BiFunction;

/**
 * The tables of forward mode and Jacobians, printed after {@link Main}'s reverse-mode tables from
 * the same run: pushforwards against the primal, Black–Scholes greeks by forward and by reverse
 * mode, and Jacobians (generated, by hand, by Hipparchus) with the forward/reverse crossover.
 */
final class ForwardTables {
  private ForwardTables() {}

  /** The Jacobian variants, in table order. */
  private static final String[] JACOBIAN_VARIANTS = {
    "primal", "generatedJacobian", "generatedForward", "generatedReverse", "handJacobian",
    "derivativeStructure"
  };

  /**
   * Prints the tables for the rows that have the variants; prints nothing for a run without them.
   *
   * @param rows workload and size → variant → cell, as {@link Main#collect} gives them
   * @param out where to print
   */
  static void print(Map<String, Map<String, Cell>> rows, PrintStream out) {
    table(rows, out, "generatedPushforward",
        "Forward mode of a scalar method: one pushforward (value and one directional derivative, "
            + "allocation-free) against the primal:",
        "| workload | size | primal | pushforward | by hand | pushforward ÷ primal | hand ÷ primal "
            + "| B/op (pushforward) |",
        "|---|---|--:|--:|--:|--:|--:|--:|",
        (key, c) -> time(c, "primal") + " | " + time(c, "generatedPushforward") + " | "
            + time(c, "handPushforward") + " | " + Main.ratio(c, "generatedPushforward", "primal")
            + " | " + Main.ratio(c, "handPushforward", "primal") + " | "
            + bytes(c, "generatedPushforward"));
    table(rows, out, "greeksByPushforwards",
        "All ten Black–Scholes greeks: forward mode (ten pushforwards; the Jacobian driver's "
            + "forward mode) against one reverse sweep (the pullback):",
        "| workload | size | pullback | ten pushforwards | Jacobian forward "
            + "| pushforwards ÷ pullback | Jacobian forward ÷ pullback "
            + "| B/op (pullback, pushforwards, Jacobian) |",
        "|---|---|--:|--:|--:|--:|--:|--:|",
        (key, c) -> time(c, "generatedPullback") + " | " + time(c, "greeksByPushforwards") + " | "
            + time(c, "greeksByJacobianForward") + " | "
            + Main.ratio(c, "greeksByPushforwards", "generatedPullback") + " | "
            + Main.ratio(c, "greeksByJacobianForward", "generatedPullback") + " | "
            + bytes(c, "generatedPullback") + ", " + bytes(c, "greeksByPushforwards") + ", "
            + bytes(c, "greeksByJacobianForward"));
    table(rows, out, "generatedJacobian",
        "Jacobians, time per Jacobian (generated = the default driver, which picks forward mode "
            + "when inputs ≤ outputs; all allocation-free forms):",
        "| workload | size | outputs × inputs | primal | generated | forward | reverse | hand "
            + "| DerivativeStructure |",
        "|---|---|---|--:|--:|--:|--:|--:|--:|",
        (key, c) -> shape(key) + " | " + perVariant(c, ForwardTables::time));
    table(rows, out, "generatedJacobian", "Jacobian ratios:",
        "| workload | size | outputs × inputs | gen ÷ primal | gen ÷ hand | forward ÷ hand "
            + "| reverse ÷ hand | DerivativeStructure ÷ gen | forward ÷ reverse |",
        "|---|---|---|--:|--:|--:|--:|--:|--:|",
        (key, c) -> shape(key) + " | " + Main.ratio(c, "generatedJacobian", "primal")
            + " | " + Main.ratio(c, "generatedJacobian", "handJacobian")
            + " | " + Main.ratio(c, "generatedForward", "handJacobian")
            + " | " + Main.ratio(c, "generatedReverse", "handJacobian")
            + " | " + Main.ratio(c, "derivativeStructure", "generatedJacobian")
            + " | " + Main.ratio(c, "generatedForward", "generatedReverse"));
    table(rows, out, "generatedJacobian", "Jacobians, allocation, B/op (gc.alloc.rate.norm):",
        "| workload | size | primal | generated | forward | reverse | hand | DerivativeStructure |",
        "|---|---|--:|--:|--:|--:|--:|--:|",
        (key, c) -> perVariant(c, ForwardTables::bytes));
  }

  /**
   * One table over the rows that measured {@code variant}, if any: the title, the header, then
   * per row its workload and size and {@code cells}.
   */
  private static void table(Map<String, Map<String, Cell>> rows, PrintStream out, String variant,
      String title, String header, String rule,
      BiFunction<String, Map<String, Cell>, String> cells) {
    if (rows.values().stream().noneMatch(c -> c.containsKey(variant))) {
      return;
    }
    out.println();
    out.println(title);
    out.println();
    out.println(header);
    out.println(rule);
    rows.forEach((key, c) -> {
      if (c.containsKey(variant)) {
        out.println("| " + key.replace("\t", " | ") + " | " + cells.apply(key, c) + " |");
      }
    });
  }

  /** The Jacobian variants' cells, in table order. */
  private static String perVariant(Map<String, Cell> c,
      BiFunction<Map<String, Cell>, String, String> cell) {
    StringJoiner line = new StringJoiner(" | ");
    for (String v : JACOBIAN_VARIANTS) {
      line.add(cell.apply(c, v));
    }
    return line.toString();
  }

  /** The Jacobian's shape, from the workload and its parameters. */
  static String shape(String key) {
    String[] parts = key.split("\t", 2);
    String size = parts.length > 1 ? parts[1] : "";
    switch (parts[0]) {
      case "Reprojection":
        return "2 × 15";
      case "Resection":
        return 2 * param(size, "points") + " × 11";
      case "Ode":
        int n = param(size, "n");
        return n + " × " + n;
      default:
        return "?";
    }
  }

  private static int param(String size, String name) {
    for (String p : size.split(" ")) {
      if (p.startsWith(name + "=")) {
        return Integer.parseInt(p.substring(name.length() + 1));
      }
    }
    throw new IllegalArgumentException("no " + name + " in \"" + size + "\"");
  }

  private static String time(Map<String, Cell> row, String variant) {
    Cell c = row.get(variant);
    return c == null ? "—" : Main.time(c.nanos());
  }

  private static String bytes(Map<String, Cell> row, String variant) {
    Cell c = row.get(variant);
    return c == null ? "—" : Main.bytes(c.bytes());
  }
}
