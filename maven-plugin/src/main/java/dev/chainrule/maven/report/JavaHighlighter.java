package dev.chainrule.maven.report;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Java source as HTML with {@code <span>}s for keywords, types, literals, comments and
 * annotations; the page's style sheet colours them. A lexer of its own (a few regular expressions)
 * rather than a script, so that pages work without JavaScript or the network.
 */
final class JavaHighlighter {
  private static final Pattern TOKEN = Pattern.compile(
      "(?<comment>//[^\\n]*|/\\*.*?\\*/)"
          + "|(?<string>\"(?:\\\\.|[^\"\\\\])*\"|'(?:\\\\.|[^'\\\\])+')"
          + "|(?<annotation>@[A-Za-z_][A-Za-z0-9_.]*)"
          + "|(?<number>\\b(?:0[xX][0-9a-fA-F_]+|\\d[\\d_]*(?:\\.\\d*)?(?:[eE][+-]?\\d+)?[dDfFlL]?|\\.\\d+(?:[eE][+-]?\\d+)?[dDfF]?)\\b)"
          + "|(?<word>[A-Za-z_$][A-Za-z0-9_$]*)",
      Pattern.DOTALL);

  private static final Set<String> KEYWORDS = Set.of("abstract", "assert", "break", "case", "catch", "class", "const",
      "continue", "default", "do", "else", "enum", "extends", "final", "finally", "for", "goto", "if", "implements",
      "import", "instanceof", "interface", "native", "new", "package", "private", "protected", "public", "return",
      "static", "strictfp", "super", "switch", "synchronized", "this", "throw", "throws", "transient", "try", "var",
      "void", "volatile", "while", "record", "yield", "true", "false", "null");
  private static final Set<String> PRIMITIVES = Set.of("double", "int", "long", "boolean", "float", "short", "byte", "char");

  private JavaHighlighter() {}

  static String highlight(String source) {
    StringBuilder out = new StringBuilder();
    Matcher m = TOKEN.matcher(source);
    int last = 0;
    while (m.find()) {
      out.append(Html.escape(source.substring(last, m.start())));
      String text = Html.escape(m.group());
      String css = m.group("comment") != null ? "com" : m.group("string") != null ? "str"
          : m.group("annotation") != null ? "ann" : m.group("number") != null ? "num"
          : KEYWORDS.contains(m.group()) ? "kw" : PRIMITIVES.contains(m.group()) ? "typ"
          : Character.isUpperCase(m.group().charAt(0)) ? "cls" : null;
      out.append(css == null ? text : "<span class=\"" + css + "\">" + text + "</span>");
      last = m.end();
    }
    out.append(Html.escape(source.substring(last)));
    return out.toString();
  }
}
