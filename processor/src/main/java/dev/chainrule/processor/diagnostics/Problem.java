package dev.chainrule.processor.diagnostics;

import dev.chainrule.processor.ir.Pos;

/**
 * Stops the work on one method: a construct outside the supported subset, reported at its
 * position. The processor catches it per method, so the other methods still generate.
 */
public final class Problem extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final Message message;
  private final transient Pos pos;

  public Problem(Message message, Pos pos, Object... args) {
    super(message.format(args), null, false, false);
    this.message = message;
    this.pos = pos;
  }

  public Message kind() {
    return message;
  }

  public Pos pos() {
    return pos;
  }
}
