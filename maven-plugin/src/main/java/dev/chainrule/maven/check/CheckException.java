package dev.chainrule.maven.check;

/** A configuration the check cannot work with (a wrong provider, a missing class): the build fails. */
public final class CheckException extends Exception {
  private static final long serialVersionUID = 1L;

  public CheckException(String message) {
    super(message);
  }
}
