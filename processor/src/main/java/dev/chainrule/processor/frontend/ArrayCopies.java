package dev.chainrule.processor.frontend;

import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import dev.chainrule.processor.diagnostics.Message;
import dev.chainrule.processor.diagnostics.Problem;
import dev.chainrule.processor.ir.BinaryOp;
import dev.chainrule.processor.ir.Expr;
import dev.chainrule.processor.ir.Pos;
import dev.chainrule.processor.ir.Stmt;
import dev.chainrule.processor.ir.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.TypeElement;

/**
 * The part of the frontend that lowers the copies of arrays (issue 16, item 5) to what the IR
 * already has, a new local array and a loop of element assignments, through which both transforms
 * carry derivatives like through any other loop:
 *
 * <ul>
 *   <li>{@code double[] c = a.clone()}, {@code Arrays.copyOf(a, n)} and
 *       {@code Arrays.copyOfRange(a, from, to)} as the initializer of an array variable (or the
 *       returned array of a vector-valued method);
 *   <li>{@code System.arraycopy(src, sp, dst, dp, n)} and {@code Arrays.fill(a, v)},
 *       {@code Arrays.fill(a, from, to, v)} as statements.
 * </ul>
 *
 * <p>One-dimensional arrays only ({@code double[]}, {@code int[]}, or a row {@code m[i]}): the
 * same calls on a {@code double[][]} copy references to its rows, which then alias, and are
 * refused. {@code System.arraycopy} copies backwards when the destination offset is the larger, so
 * a copy within one array reads each element before it is overwritten, as Java's does.
 */
final class ArrayCopies {

  private final Lowering reader;
  private final Resolver resolver;

  ArrayCopies(Lowering reader, Resolver resolver) {
    this.reader = reader;
    this.resolver = resolver;
  }

  private enum Kind { CLONE, COPY_OF, COPY_OF_RANGE, ARRAYCOPY, FILL }

  /** Which copy {@code t} is, if it is one. */
  private Optional<Kind> kind(ExpressionTree t) {
    if (!(Switches.unparenthesized(t) instanceof MethodInvocationTree call)
        || !(call.getMethodSelect() instanceof MemberSelectTree select)) {
      return Optional.empty();
    }
    String name = select.getIdentifier().toString();
    int arity = call.getArguments().size();
    if (name.equals("clone") && arity == 0) {
      Expr receiver;
      try {
        receiver = reader.expr(select.getExpression());
      } catch (Problem notAnArray) {
        return Optional.empty(); // the call is refused as it would be without copies
      }
      return receiver.type() != null && receiver.type().isArray() ? Optional.of(Kind.CLONE) : Optional.empty();
    }
    if (!List.of("copyOf", "copyOfRange", "fill", "arraycopy").contains(name)) {
      return Optional.empty();
    }
    String owner = owner(select.getExpression());
    if ("java.util.Arrays".equals(owner)) {
      return switch (name) {
        case "copyOf" -> arity == 2 ? Optional.of(Kind.COPY_OF) : Optional.empty();
        case "copyOfRange" -> arity == 3 ? Optional.of(Kind.COPY_OF_RANGE) : Optional.empty();
        case "fill" -> arity == 2 || arity == 4 ? Optional.of(Kind.FILL) : Optional.empty();
        default -> Optional.empty();
      };
    }
    if ("java.lang.System".equals(owner) && name.equals("arraycopy") && arity == 5) {
      return Optional.of(Kind.ARRAYCOPY);
    }
    return Optional.empty();
  }

  private String owner(ExpressionTree qualifier) {
    if (!(qualifier instanceof MemberSelectTree) && !(qualifier instanceof com.sun.source.tree.IdentifierTree)) {
      return null;
    }
    return resolver.type(qualifier.toString()).map(TypeElement::getQualifiedName).map(Object::toString).orElse(null);
  }

  /** True when {@code t} is a copy that makes a new array ({@code clone}, {@code copyOf}, {@code copyOfRange}). */
  boolean isNewCopy(ExpressionTree t) {
    return kind(t).filter(k -> k == Kind.CLONE || k == Kind.COPY_OF || k == Kind.COPY_OF_RANGE).isPresent();
  }

  /**
   * {@code type name = copy}: the declaration of a new local array followed by the loop that fills
   * it; the first statement declares the variable.
   */
  record Copy(List<Stmt> statements, Expr.Local variable) {}

  Copy declaration(String name, Type declared, ExpressionTree t, Pos pos) {
    MethodInvocationTree call = (MethodInvocationTree) Switches.unparenthesized(t);
    Kind kind = kind(t).orElseThrow();
    List<Stmt> out = new ArrayList<>();
    List<? extends ExpressionTree> args = call.getArguments();
    ExpressionTree sourceTree = kind == Kind.CLONE ? ((MemberSelectTree) call.getMethodSelect()).getExpression() : args.get(0);
    Expr source = array(sourceTree, "source", out, pos);
    Type type = source.type();
    if (declared != null && declared != type) {
      throw new Problem(Message.UNSUPPORTED_STATEMENT, pos, "copying a " + type.javaName() + " into a "
          + declared.javaName(), "copy into an array of the same type");
    }
    Expr size;
    Expr from = Expr.Literal.ofInt(0);
    Expr count;
    switch (kind) {
      case CLONE -> {
        size = new Expr.Length(source);
        count = new Expr.Length(source);
      }
      case COPY_OF -> {
        size = integer(args.get(1), "size", out, pos);
        Expr length = new Expr.Length(source);
        count = temp("count", new Expr.Conditional(less(size, length), size, new Expr.Length(source), Type.INT), out, pos);
      }
      default -> {
        from = integer(args.get(1), "from", out, pos);
        Expr to = integer(args.get(2), "to", out, pos);
        size = new Expr.Binary(BinaryOp.SUBTRACT, to, from, Type.INT);
        Expr end = new Expr.Conditional(less(to, new Expr.Length(source)), to, new Expr.Length(source), Type.INT);
        count = temp("count", new Expr.Binary(BinaryOp.SUBTRACT, end, from, Type.INT), out, pos);
      }
    }
    Expr.Local copy = reader.declareLocal(name, type, pos);
    out.add(new Stmt.Declare(copy.name(), type, new Expr.NewArray(type, List.of(size)), pos));
    Expr.Local i = counter();
    Expr read = new Expr.ArrayRead(source, plus(from, i), type.element());
    out.add(loop(i, Expr.Literal.ofInt(0), count, false,
        new Stmt.Assign(new Expr.ArrayRead(copy, i, type.element()), null, read, pos), pos));
    // The variable is declared in the enclosing scope: the caller splices these statements in.
    return new Copy(out, copy);
  }

  /** {@code System.arraycopy} or {@code Arrays.fill} as a statement, or empty for any other call. */
  Optional<Stmt> statement(ExpressionTree t, Pos pos) {
    Optional<Kind> kind = kind(t);
    if (kind.isEmpty() || kind.get() != Kind.ARRAYCOPY && kind.get() != Kind.FILL) {
      return Optional.empty();
    }
    List<? extends ExpressionTree> args = ((MethodInvocationTree) Switches.unparenthesized(t)).getArguments();
    List<Stmt> out = new ArrayList<>();
    if (kind.get() == Kind.FILL) {
      Expr array = array(args.get(0), "filled", out, pos);
      Expr from = args.size() == 4 ? integer(args.get(1), "from", out, pos) : Expr.Literal.ofInt(0);
      Expr to = args.size() == 4 ? integer(args.get(2), "to", out, pos) : new Expr.Length(array);
      Expr value = reader.expr(args.get(args.size() - 1));
      if (!value.type().isNumeric() && value.type() != array.type().element()) {
        throw new Problem(Message.UNSUPPORTED_STATEMENT, pos, "filling a " + array.type().javaName() + " with a "
            + value.type().javaName(), "fill it with a number");
      }
      if (!(value instanceof Expr.Local) && !(value instanceof Expr.Literal)) {
        value = temp("fill", value, array.type().element(), out, pos);
      }
      Expr.Local i = counter();
      out.add(loop(i, from, to, false,
          new Stmt.Assign(new Expr.ArrayRead(array, i, array.type().element()), null, value, pos), pos));
      return Optional.of(new Stmt.Block(out, pos));
    }
    Expr source = array(args.get(0), "source", out, pos);
    Expr sourceFrom = integer(args.get(1), "from", out, pos);
    Expr target = array(args.get(2), "target", out, pos);
    Expr targetFrom = integer(args.get(3), "to", out, pos);
    Expr count = integer(args.get(4), "count", out, pos);
    if (source.type() != target.type()) {
      throw new Problem(Message.UNSUPPORTED_STATEMENT, pos, "copying a " + source.type().javaName() + " into a "
          + target.type().javaName(), "copy into an array of the same type");
    }
    Type element = source.type().element();
    List<Stmt> directions = new ArrayList<>();
    for (boolean backwards : new boolean[] {true, false}) {
      Expr.Local i = counter();
      directions.add(loop(i, Expr.Literal.ofInt(0), count, backwards, new Stmt.Assign(
          new Expr.ArrayRead(target, plus(targetFrom, i), element), null,
          new Expr.ArrayRead(source, plus(sourceFrom, i), element), pos), pos));
    }
    out.add(new Stmt.If(new Expr.Binary(BinaryOp.GREATER, targetFrom, sourceFrom, Type.BOOLEAN),
        List.of(directions.get(0)), List.of(directions.get(1)), pos));
    return Optional.of(new Stmt.Block(out, pos));
  }

  /**
   * Refuses a copy where it cannot be lowered (inside an expression, assigned to an existing
   * variable): said precisely instead of as a call of an instance method.
   */
  void refuseElsewhere(ExpressionTree t, Pos pos) {
    Optional<Kind> kind = kind(t);
    if (kind.isEmpty()) {
      return;
    }
    if (kind.get() == Kind.ARRAYCOPY || kind.get() == Kind.FILL) {
      throw new Problem(Message.UNSUPPORTED_EXPRESSION, pos, "'" + t + "' inside an expression",
          "call it as a statement of its own");
    }
    throw new Problem(Message.UNSUPPORTED_EXPRESSION, pos, "the copy '" + t + "' here",
        "declare a new array variable with it (double[] c = a.clone()), or copy into an existing array with"
            + " System.arraycopy");
  }

  // ---------------------------------------------------------------- pieces

  /** A one-dimensional array argument: a variable, or a row (then held in a variable of its own). */
  private Expr array(ExpressionTree t, String role, List<Stmt> out, Pos pos) {
    Expr a = reader.expr(t);
    if (!a.type().isArray()) {
      throw new Problem(Message.UNSUPPORTED_EXPRESSION, reader.pos(t), "'" + t + "', a " + a.type().javaName()
          + ", as the array to copy or fill", "pass an array");
    }
    if (a.type().rank() != 1) {
      throw new Problem(Message.UNSUPPORTED_STATEMENT, pos, "copying or filling the " + a.type().javaName() + " '" + t
          + "' (which copies references to its rows, so that the copies alias)", "copy the rows one by one,"
          + " or element by element into new double[n][m]");
    }
    if (a instanceof Expr.Local) {
      return a;
    }
    if (a instanceof Expr.ArrayRead r && r.array() instanceof Expr.Local) {
      return temp(role, a, out, pos);
    }
    throw new Problem(Message.UNSUPPORTED_EXPRESSION, reader.pos(t), "copying or filling '" + t + "'",
        "assign it to an array variable first");
  }

  /** An int argument, evaluated once, in order. */
  private Expr integer(ExpressionTree t, String role, List<Stmt> out, Pos pos) {
    Expr e = reader.expr(t);
    if (e.type() != Type.INT) {
      throw new Problem(Message.UNSUPPORTED_EXPRESSION, reader.pos(t), "'" + t + "', a " + e.type().javaName()
          + ", as a length or an index", "use an int");
    }
    return e instanceof Expr.Literal || e instanceof Expr.Local ? e : temp(role, e, out, pos);
  }

  private Expr.Local temp(String role, Expr value, List<Stmt> out, Pos pos) {
    return temp(role, value, value.type(), out, pos);
  }

  private Expr.Local temp(String role, Expr value, Type type, List<Stmt> out, Pos pos) {
    Expr.Local local = new Expr.Local(reader.freshName(role), type);
    out.add(new Stmt.Declare(local.name(), type, value, pos));
    return local;
  }

  private Expr.Local counter() {
    return new Expr.Local(reader.freshName("i"), Type.INT);
  }

  private static Expr less(Expr a, Expr b) {
    return new Expr.Binary(BinaryOp.LESS, a, b, Type.BOOLEAN);
  }

  private static Expr plus(Expr offset, Expr i) {
    return offset instanceof Expr.Literal l && l.is(0) ? i : new Expr.Binary(BinaryOp.ADD, offset, i, Type.INT);
  }

  /** {@code for (int i = from; i < to; i++) body}, or from {@code to - 1} down to {@code from}. */
  private static Stmt loop(Expr.Local i, Expr from, Expr to, boolean backwards, Stmt body, Pos pos) {
    if (backwards) {
      Expr start = new Expr.Binary(BinaryOp.SUBTRACT, to, Expr.Literal.ofInt(1), Type.INT);
      return new Stmt.For(List.of(new Stmt.Declare(i.name(), Type.INT, start, pos)),
          new Expr.Binary(BinaryOp.GREATER_EQUAL, i, from, Type.BOOLEAN),
          List.of(new Stmt.Assign(i, BinaryOp.SUBTRACT, Expr.Literal.ofInt(1), pos)), List.of(body), pos);
    }
    return new Stmt.For(List.of(new Stmt.Declare(i.name(), Type.INT, from, pos)), less(i, to),
        List.of(new Stmt.Assign(i, BinaryOp.ADD, Expr.Literal.ofInt(1), pos)), List.of(body), pos);
  }
}
