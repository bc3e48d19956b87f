package dev.chainrule.examples.digits;

/**
 * A digits file that cannot be read: malformed, truncated or unreadable. The message names the
 * file and, where there is one, the line.
 */
public final class DigitsFormatException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final int line;

  /**
   * A problem at one line of a file.
   *
   * @param file the file's name, as shown to the user
   * @param line the 1-based line number, or 0 if the problem concerns the whole file
   * @param problem what is wrong, as a sentence fragment
   */
  public DigitsFormatException(String file, int line, String problem) {
    this(file, line, problem, null);
  }

  /**
   * A problem at one line of a file, caused by another exception (such as a damaged gzip stream).
   *
   * @param file the file's name, as shown to the user
   * @param line the 1-based line number, or 0 if the problem concerns the whole file
   * @param problem what is wrong, as a sentence fragment
   * @param cause the underlying exception, or {@code null}
   */
  public DigitsFormatException(String file, int line, String problem, Throwable cause) {
    super(file + (line > 0 ? ", line " + line : "") + ": " + problem, cause);
    this.file = file;
    this.line = line;
  }

  /**
   * The file's name, as shown to the user.
   *
   * @return the file's name
   */
  public String file() {
    return file;
  }

  /**
   * The 1-based line number of the problem, or 0 if it concerns the whole file.
   *
   * @return the line number
   */
  public int line() {
    return line;
  }
}
