package dev.chainrule.examples.newton;

import dev.chainrule.examples.report.Format;
import dev.chainrule.examples.report.Table;
import java.io.PrintStream;
import java.util.List;
import java.util.TreeSet;

/** Prints a {@link NewtonComparison.Outcome}: the examples' section on Newton's method. */
public final class NewtonSection {
  /** Gradient descent's iterations shown once the Newton methods have stopped. */
  private static final int[] DESCENT_MARKS = {10, 100, 1_000, 10_000, 100_000};

  private NewtonSection() {}

  /**
   * Prints the settings, a table per method and the convergence side by side.
   *
   * @param outcome the comparison
   * @param settings its settings
   * @param out where to print
   * @param indent the section's indent
   */
  public static void print(
      NewtonComparison.Outcome outcome, NewtonComparison.Settings settings, PrintStream out,
      String indent) {
    BinaryDigits train = outcome.train();
    int n = train.x()[0].length + 1;
    out.println(indent + "Logistic regression of " + settings.positive() + " against "
        + settings.negative() + " (" + Format.count(train.size()) + " training images, " + n
        + " parameters):");
    out.println(indent + "mean log-loss + lambda/2 |w|^2, lambda = " + Format.plain(settings.lambda())
        + ". LogisticRegression.loss is");
    out.println(indent + "@Differentiable(order = 2): ChainRule also generates lossHessian (the"
        + " dense");
    out.println(indent + n + " x " + n + " Hessian) and lossHvp (Hessian-vector products). From"
        + " p = 0 until");
    out.println(indent + "|gradient| <= " + Format.scientific(settings.tolerance()) + ":");
    out.println();
    Table table =
        new Table("method", "iterations", "loss", "|gradient|", "accuracy", "time").alignLeft(0);
    row(table, "Newton", outcome.newton(), outcome.test());
    row(table, "truncated Newton", outcome.truncated(), outcome.test());
    row(table, "gradient descent", outcome.descent(), outcome.test());
    out.print(table.render(indent));
    if (!outcome.descent().converged()) {
      out.println(indent + "(*) stopped at the iteration limit.");
    }
    out.println(indent + "Accuracy on the " + Format.count(outcome.test().size())
        + " held-out images (on the training images "
        + Format.percent(train.accuracy(outcome.newton().solution())) + ");");
    out.println(indent + "the times include the JIT's first compilations.");
    out.println();
    out.println(indent + "Newton (lossHessian, Cholesky steps) evaluated "
        + Format.count(outcome.newton().last().work()) + " Hessians;");
    out.println(indent + "truncated Newton (conjugate gradients on lossHvp) "
        + Format.count(outcome.truncated().last().work()) + " Hessian-vector");
    out.println(indent + "products; gradient descent " + Format.count(outcome.descent().last().work())
        + " gradients with the step 1/L = " + Format.fixed(outcome.step(), 4) + ",");
    out.println(indent + "L the largest eigenvalue of the Hessian at p = 0 (it bounds the"
        + " Hessian");
    out.println(indent + "everywhere, since p(1 - p) <= 1/4).");
    out.println();
    out.println(indent + "|gradient| per iteration:");
    out.println();
    convergence(outcome, out, indent + indent);
    out.println();
    out.println(indent + "The generated Hessian at p = 0 against central differences of the"
        + " generated");
    out.println(indent + "gradient: largest difference " + Format.scientific(outcome.hessianDifference())
        + " of its largest entry.");
  }

  private static void row(
      Table table, String name, Minimizers.Result result, BinaryDigits test) {
    Minimizers.Iteration last = result.last();
    table.row(name,
        Format.count(last.number()) + (result.converged() ? "" : "*"),
        Format.fixed(last.loss(), 6), Format.scientific(last.gradientNorm()),
        Format.percent(test.accuracy(result.solution())), Format.duration(last.seconds()));
  }

  /** Every iteration of the Newton methods, then gradient descent at a few more. */
  private static void convergence(NewtonComparison.Outcome outcome, PrintStream out, String indent) {
    List<Minimizers.Iteration> newton = outcome.newton().iterations();
    List<Minimizers.Iteration> truncated = outcome.truncated().iterations();
    List<Minimizers.Iteration> descent = outcome.descent().iterations();
    TreeSet<Integer> rows = new TreeSet<>();
    for (int k = 0; k < Math.max(newton.size(), truncated.size()); k++) {
      rows.add(k);
    }
    for (int mark : DESCENT_MARKS) {
      if (mark < descent.size()) {
        rows.add(mark);
      }
    }
    rows.add(descent.size() - 1);
    Table table = new Table("iteration", "Newton", "truncated Newton", "gradient descent");
    for (int k : rows) {
      table.row(Format.count(k), norm(newton, k), norm(truncated, k), norm(descent, k));
    }
    out.print(table.render(indent));
  }

  private static String norm(List<Minimizers.Iteration> iterations, int k) {
    return k < iterations.size() ? Format.scientific(iterations.get(k).gradientNorm()) : "";
  }
}
