package dev.chainrule.gradbench;

/** An evaluate input that does not have the shape the eval specifies; its message says why. */
public final class BadInput extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public BadInput(String message) {
    super(message);
  }
}
