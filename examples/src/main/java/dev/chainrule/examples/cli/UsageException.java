package dev.chainrule.examples.cli;

/** A command line that cannot be understood; the message says what is wrong with it. */
public final class UsageException extends Exception {
  private static final long serialVersionUID = 1L;

  /**
   * A usage error.
   *
   * @param message what is wrong, for the user
   */
  public UsageException(String message) {
    super(message);
  }
}
