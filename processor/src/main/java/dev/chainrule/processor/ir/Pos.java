package dev.chainrule.processor.ir;

import com.sun.source.tree.Tree;

/**
 * Where an IR node comes from: the source line, a one-line excerpt of the source for comments in
 * generated code, and the tree itself for diagnostics. Synthetic nodes have {@link #NONE}.
 */
public record Pos(long line, String excerpt, Tree tree) {
  public static final Pos NONE = new Pos(-1, "", null);

  public boolean isKnown() {
    return tree != null;
  }
}
