package dev.chainrule.maven.report;

/** Escaping for HTML text and attributes (and SVG, which is XML). */
final class Html {
  private Html() {}

  static String escape(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /** A name usable as an HTML id and file name. */
  static String slug(String s) {
    return s.replaceAll("[^A-Za-z0-9_.-]", "_");
  }
}
