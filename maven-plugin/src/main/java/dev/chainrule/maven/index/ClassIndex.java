package dev.chainrule.maven.index;

import com.google.gson.annotations.SerializedName;
import java.util.List;

/**
 * One class's entry of the compiled index, {@code META-INF/chainrule/<class>.json}, which
 * ChainRule's processor writes next to the compiled classes (the format is described in the
 * processor's {@code index.IndexWriter}). Fields a newer processor adds are ignored.
 *
 * @param format the format's version (1)
 * @param owner the binary name of the class with {@code @Differentiable} methods
 * @param companion the binary name of its generated companion
 * @param source the source file's name
 * @param methods its differentiable methods, in source order
 */
public record ClassIndex(int format, @SerializedName("class") String owner, String companion, String source,
    List<MethodIndex> methods) {

  /** The class's simple name ({@code Outer$Inner} gives {@code Outer.Inner}). */
  public String simpleName() {
    String s = owner.substring(owner.lastIndexOf('.') + 1);
    return s.replace('$', '.');
  }

  public String packageName() {
    int dot = owner.lastIndexOf('.');
    return dot < 0 ? "" : owner.substring(0, dot);
  }
}
