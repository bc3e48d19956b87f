package dev.chainrule.processor.symbolic;

import dev.chainrule.processor.ir.Method;

/** The closed-form partials as a Javadoc paragraph, for the companion's gradient method. */
public final class Formulas {
  /** Longer formulas are left to the report (chainrule-maven-plugin) rather than crowding the Javadoc. */
  private static final int MAX_LENGTH = 160;

  private Formulas() {}

  /**
   * {@code <p>In closed form: <ul><li>{@code ∂price/∂apple = count · tax}...}, or "" when the
   * method is not straight-line (or anything goes wrong: the formula is for reading only).
   */
  public static String javadoc(Method method) {
    try {
      Partials partials = Partials.of(method);
      if (!partials.isClosedForm() || partials.partials().isEmpty()) {
        return "";
      }
      StringBuilder out = new StringBuilder("\n<p>In closed form (simplified):\n<ul>\n");
      int omitted = 0;
      for (Partials.Partial p : partials.partials()) {
        String text = partials.text(p);
        if (text.length() > MAX_LENGTH) {
          omitted++;
          continue;
        }
        out.append("  <li>{@code ").append(text).append("}\n");
      }
      out.append("</ul>\n");
      if (omitted == partials.partials().size()) {
        return "";
      }
      if (omitted > 0) {
        out.append(omitted).append(omitted == 1 ? " longer partial is" : " longer partials are")
            .append(" left out here.\n");
      }
      return out.toString();
    } catch (RuntimeException | StackOverflowError e) {
      return "";
    }
  }
}
