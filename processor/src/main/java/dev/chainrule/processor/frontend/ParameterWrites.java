package dev.chainrule.processor.frontend;

import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;

/**
 * Which array parameters of a method the user calls may be written by it: read from its source
 * when it is being compiled, syntactically and conservatively. A parameter counts as read only
 * where every use is an element read ({@code a[i]}, {@code m[i][j]}) or {@code a.length}; any
 * other use (an assignment into it, passing it or one of its rows on, storing it) counts as a
 * write, and so does every array parameter of a method from a class file.
 */
final class ParameterWrites {
  private ParameterWrites() {}

  static List<Boolean> of(Trees trees, ExecutableElement method) {
    List<Boolean> out = new ArrayList<>();
    TreePath path = trees == null ? null : trees.getPath(method);
    MethodTree tree = path != null && path.getLeaf() instanceof MethodTree m ? m : null;
    Set<String> written = tree == null || tree.getBody() == null ? null : writtenArrays(path, tree);
    for (VariableElement p : method.getParameters()) {
      boolean array = p.asType().getKind() == TypeKind.ARRAY;
      out.add(array && (written == null || written.contains(p.getSimpleName().toString())));
    }
    return out;
  }

  private static Set<String> writtenArrays(TreePath methodPath, MethodTree tree) {
    Set<String> arrays = new HashSet<>();
    tree.getParameters().forEach(p -> arrays.add(p.getName().toString()));
    Set<String> written = new HashSet<>();
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitIdentifier(IdentifierTree node, Void unused) {
        String name = node.getName().toString();
        if (arrays.contains(name) && !readOnly(getCurrentPath())) {
          written.add(name);
        }
        return null;
      }
    }.scan(new TreePath(methodPath, tree.getBody()), null);
    return written;
  }

  /** Whether the identifier at {@code path} is only read from: element reads and {@code .length}. */
  private static boolean readOnly(TreePath path) {
    Tree child = path.getLeaf();
    TreePath parentPath = path.getParentPath();
    while (parentPath != null && parentPath.getLeaf() instanceof ArrayAccessTree access
        && access.getExpression() == child) {
      child = access;
      parentPath = parentPath.getParentPath();
    }
    Tree parent = parentPath == null ? null : parentPath.getLeaf();
    if (child == path.getLeaf()) {
      // The array itself: a.length reads it, and so does for (double v : a) over its elements.
      if (parent instanceof EnhancedForLoopTree loop && loop.getExpression() == child) {
        return !isRow(path, child, 1);
      }
      return parent instanceof MemberSelectTree select && select.getIdentifier().contentEquals("length");
    }
    // An element (or a row): written if it is an assignment's target or incremented, passed on if
    // it is a row used as a value.
    if (parent instanceof AssignmentTree a && a.getVariable() == child
        || parent instanceof CompoundAssignmentTree c && c.getVariable() == child
        || parent instanceof UnaryTree u && isIncrement(u)) {
      return false;
    }
    if (parent instanceof MemberSelectTree select && select.getIdentifier().contentEquals("length")) {
      return true;
    }
    return !isRow(path, child, 0);
  }

  private static boolean isIncrement(UnaryTree u) {
    return switch (u.getKind()) {
      case PREFIX_INCREMENT, PREFIX_DECREMENT, POSTFIX_INCREMENT, POSTFIX_DECREMENT -> true;
      default -> false;
    };
  }

  /**
   * Whether {@code access} (an element access of the parameter at {@code path}, with {@code extra}
   * more levels taken by a loop over it) still is an array: the parameter has more dimensions
   * than the accesses applied. Decided from the parameter's declared type, counting brackets.
   */
  private static boolean isRow(TreePath path, Tree access, int extra) {
    int depth = extra;
    for (Tree t = access; t instanceof ArrayAccessTree a; t = a.getExpression()) {
      depth++;
    }
    TreePath p = path;
    while (p != null && !(p.getLeaf() instanceof MethodTree)) {
      p = p.getParentPath();
    }
    if (p == null) {
      return true;
    }
    String name = ((IdentifierTree) path.getLeaf()).getName().toString();
    for (var param : ((MethodTree) p.getLeaf()).getParameters()) {
      if (param.getName().contentEquals(name)) {
        int dims = 0;
        for (Tree t = param.getType(); t instanceof com.sun.source.tree.ArrayTypeTree a; t = a.getType()) {
          dims++;
        }
        return dims > depth;
      }
    }
    return true;
  }
}
