package dev.chainrule.processor.emit;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.TypeName;
import dev.chainrule.processor.ir.BinaryOp;
import dev.chainrule.processor.ir.Expr;
import dev.chainrule.processor.ir.Stmt;
import dev.chainrule.processor.ir.Type;
import dev.chainrule.processor.ir.UnaryOp;
import java.util.List;

/**
 * Prints IR as Java source through JavaPoet, with only the parentheses Java needs. Classes whose
 * simple name a user variable shadows are written fully qualified.
 */
final class CodePrinter {
  private static final int TERNARY = 2;
  private static final int UNARY = 13;
  private static final int PRIMARY = 15;

  private final java.util.Set<String> shadowed;
  private final java.util.Set<String> packageClasses;
  private final String packageName;

  /**
   * @param shadowed names of variables, which hide classes of the same simple name
   * @param packageClasses simple names of the classes of the companion's package, which hide
   *     classes of other packages ({@code java.lang.Math}) of the same simple name
   * @param packageName the companion's package
   */
  CodePrinter(java.util.Set<String> shadowed, java.util.Set<String> packageClasses, String packageName) {
    this.shadowed = shadowed;
    this.packageClasses = packageClasses;
    this.packageName = packageName;
  }

  private CodeBlock type(com.palantir.javapoet.ClassName c) {
    String simple = c.topLevelClassName().simpleName();
    boolean hidden = shadowed.contains(simple)
        || packageClasses.contains(simple) && !c.packageName().equals(packageName);
    return hidden ? CodeBlock.of("$L", c.canonicalName()) : CodeBlock.of("$T", c);
  }

  static TypeName typeName(Type type) {
    return switch (type) {
      case DOUBLE -> TypeName.DOUBLE;
      case INT -> TypeName.INT;
      case LONG -> TypeName.LONG;
      case BOOLEAN -> TypeName.BOOLEAN;
      case DOUBLE_ARRAY -> ArrayTypeName.of(TypeName.DOUBLE);
      case DOUBLE_MATRIX -> ArrayTypeName.of(ArrayTypeName.of(TypeName.DOUBLE));
      case DOUBLE_TENSOR -> ArrayTypeName.of(ArrayTypeName.of(ArrayTypeName.of(TypeName.DOUBLE)));
      case INT_ARRAY -> ArrayTypeName.of(TypeName.INT);
      case INT_MATRIX -> ArrayTypeName.of(ArrayTypeName.of(TypeName.INT));
    };
  }

  // ---------------------------------------------------------------- statements

  CodeBlock statements(List<Stmt> stmts) {
    CodeBlock.Builder b = CodeBlock.builder();
    statements(stmts, b);
    return b.build();
  }

  private void statements(List<Stmt> stmts, CodeBlock.Builder b) {
    for (Stmt s : stmts) {
      statement(s, b);
    }
  }

  /**
   * Text that stays one line comment when javac reads it: no line terminator, and no backslash
   * that could start a unicode escape ({@code \u000a} in a comment is a line break to javac):
   * every backslash is doubled, so none is preceded by an even number of backslashes.
   */
  static String commentText(String text) {
    return text.replace("\\", "\\\\").replace('\n', ' ').replace('\r', ' ');
  }

  private void statement(Stmt s, CodeBlock.Builder b) {
    if (s instanceof Stmt.Comment c) {
      b.add("// $L\n", commentText(c.text()));
    } else if (s instanceof Stmt.Declare d) {
      b.addStatement("$T $N = $L", typeName(d.type()), d.name(), expr(d.init()));
    } else if (s instanceof Stmt.Assign a) {
      b.addStatement("$L", assignment(a));
    } else if (s instanceof Stmt.Eval e) {
      b.addStatement("$L", expr(e.expr()));
    } else if (s instanceof Stmt.Return r) {
      if (r.value() == null) {
        b.addStatement("return");
      } else {
        b.addStatement("return $L", expr(r.value()));
      }
    } else if (s instanceof Stmt.Block blk) {
      statements(blk.body(), b);
    } else if (s instanceof Stmt.If f) {
      ifStatement(f, b);
    } else if (s instanceof Stmt.While w) {
      b.beginControlFlow("while ($L)", expr(w.condition()));
      statements(w.body(), b);
      b.endControlFlow();
    } else if (s instanceof Stmt.DoWhile d) {
      b.beginControlFlow("do");
      statements(d.body(), b);
      b.endControlFlow("while ($L)", expr(d.condition()));
    } else if (s instanceof Stmt.For f) {
      b.beginControlFlow("for ($L; $L; $L)", forInit(f.init()),
          f.condition() == null ? "" : expr(f.condition()), forUpdate(f.update()));
      statements(f.body(), b);
      b.endControlFlow();
    } else if (s instanceof Stmt.Break br) {
      b.addStatement("break");
    } else if (s instanceof Stmt.Continue c) {
      b.addStatement("continue");
    }
  }

  private void ifStatement(Stmt.If f, CodeBlock.Builder b) {
    if (f.thenPart().isEmpty() && !f.elsePart().isEmpty()) {
      ifStatement(new Stmt.If(negate(f.condition()), f.elsePart(), List.of(), f.pos()), b);
      return;
    }
    b.beginControlFlow("if ($L)", expr(f.condition()));
    statements(f.thenPart(), b);
    List<Stmt> otherwise = f.elsePart();
    while (otherwise.size() == 1 && otherwise.get(0) instanceof Stmt.If chained) {
      b.nextControlFlow("else if ($L)", expr(chained.condition()));
      statements(chained.thenPart(), b);
      otherwise = chained.elsePart();
    }
    if (!otherwise.isEmpty()) {
      b.nextControlFlow("else");
      statements(otherwise, b);
    }
    b.endControlFlow();
  }

  /** {@code !c}, flipping integer comparisons ({@code ==} to {@code !=}); doubles keep {@code !(...)} for NaN. */
  private static Expr negate(Expr c) {
    if (c instanceof Expr.Unary u && u.op() == UnaryOp.NOT) {
      return u.operand();
    }
    if (c instanceof Expr.Binary b && b.op().isComparison() && b.left().type() != null
        && b.right().type() != null && b.left().type() != Type.DOUBLE && b.right().type() != Type.DOUBLE) {
      BinaryOp flipped = switch (b.op()) {
        case EQUAL -> BinaryOp.NOT_EQUAL;
        case NOT_EQUAL -> BinaryOp.EQUAL;
        case LESS -> BinaryOp.GREATER_EQUAL;
        case LESS_EQUAL -> BinaryOp.GREATER;
        case GREATER -> BinaryOp.LESS_EQUAL;
        default -> BinaryOp.LESS;
      };
      return new Expr.Binary(flipped, b.left(), b.right(), Type.BOOLEAN);
    }
    return new Expr.Unary(UnaryOp.NOT, c, Type.BOOLEAN);
  }

  private CodeBlock forInit(List<Stmt> init) {
    if (init.isEmpty()) {
      return CodeBlock.of("");
    }
    Stmt.Declare first = (Stmt.Declare) init.get(0);
    CodeBlock.Builder b = CodeBlock.builder().add("$T $N = $L", typeName(first.type()), first.name(), expr(first.init()));
    for (Stmt s : init.subList(1, init.size())) {
      Stmt.Declare d = (Stmt.Declare) s;
      b.add(", $N = $L", d.name(), expr(d.init()));
    }
    return b.build();
  }

  private CodeBlock forUpdate(List<Stmt> update) {
    return update.stream().map(u -> assignment((Stmt.Assign) u)).collect(CodeBlock.joining(", "));
  }

  private CodeBlock assignment(Stmt.Assign a) {
    CodeBlock target = expr(a.target());
    if (a.compound() == null) {
      return CodeBlock.of("$L = $L", target, expr(a.value()));
    }
    if ((a.compound() == BinaryOp.ADD || a.compound() == BinaryOp.SUBTRACT)
        && a.target().type() != null && a.target().type().isIntegral()
        && a.value() instanceof Expr.Literal l && l.is(1)) {
      return CodeBlock.of("$L$L", target, a.compound() == BinaryOp.ADD ? "++" : "--");
    }
    return CodeBlock.of("$L $L= $L", target, a.compound().symbol(), expr(a.value()));
  }

  // ---------------------------------------------------------------- expressions

  CodeBlock expr(Expr e) {
    return expr(e, 0);
  }

  private static int precedence(Expr e) {
    if (e instanceof Expr.Binary b) {
      return b.op().precedence();
    } else if (e instanceof Expr.Conditional) {
      return TERNARY;
    } else if (e instanceof Expr.Unary || e instanceof Expr.Cast) {
      return UNARY;
    } else if (e instanceof Expr.Literal l && isNegative(l)) {
      return UNARY;
    }
    return PRIMARY;
  }

  private static boolean isNegative(Expr.Literal l) {
    return literal(l).startsWith("-");
  }

  private CodeBlock expr(Expr e, int context) {
    CodeBlock code = bare(e);
    return precedence(e) < context ? CodeBlock.of("($L)", code) : code;
  }

  private CodeBlock bare(Expr e) {
    if (e instanceof Expr.Literal l) {
      String text = literal(l);
      boolean doubleHidden = shadowed.contains("Double") || packageClasses.contains("Double");
      return CodeBlock.of("$L", doubleHidden && text.matches("-?Double\\..*")
          ? text.replace("Double.", "java.lang.Double.") : text);
    } else if (e instanceof Expr.Local l) {
      return CodeBlock.of("$N", l.name());
    } else if (e instanceof Expr.ObjectRef o) {
      return CodeBlock.of("$N", o.name());
    } else if (e instanceof Expr.New n) {
      return CodeBlock.of("new $L()", type(n.created()));
    } else if (e instanceof Expr.StaticField f) {
      return CodeBlock.of("$L.$N", type(f.owner()), f.name());
    } else if (e instanceof Expr.Field f) {
      return CodeBlock.of("$L.$N", expr(f.target(), PRIMARY), f.name());
    } else if (e instanceof Expr.Length l) {
      return CodeBlock.of("$L.length", expr(l.array(), PRIMARY));
    } else if (e instanceof Expr.ArrayRead r) {
      return CodeBlock.of("$L[$L]", expr(r.array(), PRIMARY), expr(r.index()));
    } else if (e instanceof Expr.Unary u) {
      CodeBlock operand = expr(u.operand(), UNARY);
      boolean clash = u.op() == UnaryOp.NEGATE && operand.toString().startsWith("-")
          || u.op() == UnaryOp.PLUS && operand.toString().startsWith("+");
      return clash ? CodeBlock.of("$L($L)", u.op().symbol(), operand) : CodeBlock.of("$L$L", u.op().symbol(), operand);
    } else if (e instanceof Expr.Cast c) {
      return CodeBlock.of("($T) $L", typeName(c.type()), expr(c.operand(), UNARY));
    } else if (e instanceof Expr.Binary b) {
      return CodeBlock.of("$L $L $L", expr(b.left(), b.op().precedence()), b.op().symbol(),
          expr(b.right(), b.op().precedence() + 1));
    } else if (e instanceof Expr.Conditional c) {
      return CodeBlock.of("$L ? $L : $L", expr(c.condition(), TERNARY + 1),
          expr(c.ifTrue(), TERNARY + 1), expr(c.ifFalse(), TERNARY));
    } else if (e instanceof Expr.Call c && c.callee() instanceof dev.chainrule.processor.ir.Callee.Derivative n) {
      return CodeBlock.of("$L.$N($L).$N()", type(n.owner()), n.name(), arguments(c.args()), n.accessor());
    } else if (e instanceof Expr.Call c) {
      return CodeBlock.of("$L.$N($L)", type(c.callee().owner()), c.callee().name(), arguments(c.args()));
    } else if (e instanceof Expr.Invoke i) {
      return CodeBlock.of("$L.$N($L)", expr(i.target(), PRIMARY), i.method(), arguments(i.args()));
    }
    Expr.NewArray n = (Expr.NewArray) e;
    CodeBlock.Builder b = CodeBlock.builder().add("new $T", typeName(n.type().scalar()));
    n.dimensions().forEach(d -> b.add("[$L]", expr(d)));
    return b.build();
  }

  private CodeBlock arguments(List<Expr> args) {
    return args.stream().map(this::expr).collect(CodeBlock.joining(", "));
  }

  static String literal(Expr.Literal l) {
    if (l.text() != null) {
      return l.text();
    }
    Object v = l.value();
    if (v == null) {
      return "null";
    }
    if (v instanceof Boolean) {
      return v.toString();
    }
    Number n = (Number) v;
    return switch (l.type()) {
      case LONG -> n.longValue() + "L";
      case INT -> Integer.toString(n.intValue());
      default -> doubleLiteral(n.doubleValue());
    };
  }

  private static String doubleLiteral(double d) {
    if (Double.isNaN(d)) {
      return "Double.NaN";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "Double.POSITIVE_INFINITY" : "Double.NEGATIVE_INFINITY";
    }
    if (Math.abs(d) == Double.MAX_VALUE) {
      return d > 0 ? "Double.MAX_VALUE" : "-Double.MAX_VALUE";
    }
    return Double.toString(d);
  }
}
