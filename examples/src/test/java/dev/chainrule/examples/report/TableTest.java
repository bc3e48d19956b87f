package dev.chainrule.examples.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Table layout and number formats. */
class TableTest {
  @Test
  void alignsTextLeftAndNumbersRight() {
    String text =
        new Table("name", "kind", "value")
            .alignLeft(1)
            .row("a", "long kind", "1.5")
            .row("longer", "x", "-10.25")
            .render("  ");
    assertEquals(
        String.join(
            "\n",
            "  name     kind         value",
            "  ------   ---------   ------",
            "  a        long kind      1.5",
            "  longer   x           -10.25",
            ""),
        text);
  }

  @Test
  void formatsIndependentlyOfTheLocale() {
    assertEquals("715.0000", Format.fixed(715, 4));
    assertEquals("1.23e-10", Format.scientific(1.234e-10));
    assertEquals("96.66%", Format.percent(0.96657));
    assertEquals("4,810", Format.count(4810));
    assertEquals("0.0001", Format.plain(1e-4));
    assertEquals("0.01", Format.plain(0.01));
    assertEquals("12.5 us", Format.duration(12.5e-6));
    assertEquals("4.56 ms", Format.duration(4.56e-3));
    assertEquals("2.00 s", Format.duration(2));
  }
}
