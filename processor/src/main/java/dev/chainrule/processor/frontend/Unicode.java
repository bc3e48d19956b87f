package dev.chainrule.processor.frontend;

/** Java's unicode escapes ({@code \u0041}), translated as javac translates them before it reads source. */
final class Unicode {
  private Unicode() {}

  /**
   * The text with every unicode escape replaced by its character (JLS 3.3): a backslash starts an
   * escape when an even number of backslashes precedes it and one or more {@code u} and four hex
   * digits follow; a backslash that an escape produced starts none.
   */
  static String unescape(String text) {
    if (text.indexOf('\\') < 0) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    int backslashes = 0;
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '\\' && backslashes % 2 == 0 && i + 1 < text.length() && text.charAt(i + 1) == 'u') {
        int j = i + 1;
        while (j < text.length() && text.charAt(j) == 'u') {
          j++;
        }
        if (j + 4 <= text.length() && isHex(text, j)) {
          out.append((char) Integer.parseInt(text.substring(j, j + 4), 16));
          i = j + 4;
          backslashes = 0;
          continue;
        }
      }
      backslashes = c == '\\' ? backslashes + 1 : 0;
      out.append(c);
      i++;
    }
    return out.toString();
  }

  private static boolean isHex(String text, int at) {
    for (int k = at; k < at + 4; k++) {
      if (Character.digit(text.charAt(k), 16) < 0) {
        return false;
      }
    }
    return true;
  }
}
