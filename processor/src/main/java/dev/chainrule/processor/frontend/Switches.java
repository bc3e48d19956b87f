package dev.chainrule.processor.frontend;

import com.sun.source.tree.BlockTree;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.YieldTree;
import com.sun.source.util.TreeScanner;
import dev.chainrule.processor.diagnostics.Message;
import dev.chainrule.processor.diagnostics.Problem;
import dev.chainrule.processor.ir.BinaryOp;
import dev.chainrule.processor.ir.Expr;
import dev.chainrule.processor.ir.Pos;
import dev.chainrule.processor.ir.Stmt;
import dev.chainrule.processor.ir.Type;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The part of the frontend that lowers {@code switch} statements and expressions (issue 16, item 4)
 * to the IR's {@code if}/{@code else} and conditionals, so that no later stage knows about them.
 *
 * <p>A switch on an {@code int} becomes an {@code if (k == 1 || k == 2) ... else if ... else}
 * chain, the {@code default} group last. Each group runs what Java runs when it is entered: its own
 * statements and, in the colon form, those of the groups it falls through into, up to a
 * {@code break} or a statement that cannot complete normally. A {@code break} (or {@code yield})
 * nested in an {@code if} is lowered by reading what follows it into the branches that reach it, so
 * the IR has no jump out of a switch. Statements read twice (by two groups falling into a third, or
 * two branches continuing with the same statements) are read from the source tree again, so every
 * declaration in the IR stays unique.
 *
 * <p>A switch expression whose cases each give a value ({@code case 1 -> x * x}) becomes a chain of
 * conditionals and may stand anywhere; one whose cases run statements before their {@code yield} is
 * lowered into the enclosing declaration, assignment to a local or {@code return}.
 */
final class Switches {

  /** What a {@code yield v} turns into: an assignment to the variable, or a return. */
  interface Yield extends Function<Expr, List<Stmt>> {}

  private final Lowering reader;
  /** Statements read by the lowering so far, in this method: see {@link #MAX_READ}. */
  private int read;
  /** The switch being lowered, where a refusal of its size is reported. */
  private Pos switchPos = Pos.NONE;

  /**
   * What follows a {@code break} nested in an {@code if} is read into each branch that reaches it,
   * so a sequence of such ifs doubles it each time: past this many statements the switch is
   * refused rather than grown further.
   */
  private static final int MAX_READ = 20_000;

  Switches(Lowering reader) {
    this.reader = reader;
  }

  /** One case group: its constant labels (empty for {@code default}) and what it runs. */
  private record Group(List<ExpressionTree> labels, boolean isDefault, CaseTree tree) {}

  /** How a run ends when its statements complete: the enclosing continuation. */
  private interface Rest extends Supplier<List<Stmt>> {}

  /** Where jumps out of the switch being lowered go. */
  private record Context(Rest exit, Yield yield, boolean expression) {}

  // ---------------------------------------------------------------- entry points

  /** A {@code switch} statement. */
  List<Stmt> statement(SwitchTree t, Pos pos) {
    return lower(t.getExpression(), t.getCases(), new Context(List::of, null, false), pos);
  }

  /**
   * A switch expression in an arbitrary expression: a chain of conditionals when each case gives a
   * value, else a precise refusal.
   */
  Expr expression(SwitchExpressionTree t, Pos pos) {
    List<Group> groups = groups(t.getCases(), pos);
    List<ExpressionTree> values = simpleValues(groups);
    if (values == null) {
      throw new Problem(Message.UNSUPPORTED_EXPRESSION, pos, "a switch expression whose cases run statements"
          + " before their yield, inside a larger expression,", "declare a local variable with it"
          + " (double y = switch ...), assign it to a local variable, or return it");
    }
    // Every arm compares the selector again (read afresh: IR nodes are not shared); the selector
    // is an int without side effects, so this is what Java computes.
    List<Expr> conditions = new ArrayList<>();
    List<Expr> arms = new ArrayList<>();
    Expr otherwise = null;
    List<ExpressionTree> pending = new ArrayList<>();
    boolean pendingDefault = false;
    for (int k = 0; k < groups.size(); k++) {
      Group g = groups.get(k);
      pending.addAll(g.labels());
      pendingDefault |= g.isDefault();
      if (values.get(k) == null) {
        continue; // an empty colon group: it falls into the next
      }
      Expr value = reader.expr(values.get(k));
      if (pendingDefault) {
        otherwise = value;
      } else {
        conditions.add(matches(t.getExpression(), pending, pos));
        arms.add(value);
      }
      pending = new ArrayList<>();
      pendingDefault = false;
    }
    if (otherwise == null) {
      throw new Problem(Message.UNSUPPORTED_EXPRESSION, pos, "a switch expression without default",
          "add a default case");
    }
    Type type = otherwise.type();
    for (Expr a : arms) {
      type = common(type, a.type(), pos);
    }
    Expr out = otherwise;
    for (int i = arms.size() - 1; i >= 0; i--) {
      out = new Expr.Conditional(conditions.get(i), arms.get(i), out, type);
    }
    return reader.at(out, t);
  }

  /** True when {@code t} is a switch expression that {@link #expression} would refuse. */
  boolean needsStatements(ExpressionTree t) {
    return unparenthesized(t) instanceof SwitchExpressionTree s && simpleValues(groups(s.getCases(), Pos.NONE)) == null;
  }

  /**
   * A switch expression, of cases that run statements, whose value {@code yield} hands to
   * {@code yield} (an assignment or a return).
   */
  List<Stmt> expressionInto(ExpressionTree e, Yield yield, Pos pos) {
    SwitchExpressionTree t = (SwitchExpressionTree) unparenthesized(e);
    List<Stmt> out = lower(t.getExpression(), t.getCases(), new Context(List::of, yield, true), pos);
    return List.of(new Stmt.Block(out, pos));
  }

  static ExpressionTree unparenthesized(ExpressionTree e) {
    while (e instanceof ParenthesizedTree p) {
      e = p.getExpression();
    }
    return e;
  }

  // ---------------------------------------------------------------- lowering

  private List<Stmt> lower(ExpressionTree selectorTree, List<? extends CaseTree> cases, Context context, Pos pos) {
    Pos enclosing = switchPos;
    switchPos = pos;
    try {
      return lowered(selectorTree, cases, context, pos);
    } finally {
      switchPos = enclosing;
    }
  }

  private List<Stmt> lowered(ExpressionTree selectorTree, List<? extends CaseTree> cases, Context context, Pos pos) {
    List<Group> groups = groups(cases, pos);
    checkScopes(groups);
    List<Stmt> out = new ArrayList<>();
    Expr selector = selector(selectorTree);
    if (!(selector instanceof Expr.Local)) {
      Expr.Local temp = new Expr.Local(reader.freshName("selector"), Type.INT);
      out.add(new Stmt.Declare(temp.name(), Type.INT, selector, pos));
      selector = temp;
    }
    if (context.expression() && groups.stream().noneMatch(Group::isDefault)) {
      throw new Problem(Message.UNSUPPORTED_EXPRESSION, pos, "a switch expression without default",
          "add a default case");
    }
    // The chain: each group with labels tests them in source order; default is the final else.
    List<Expr> conditions = new ArrayList<>();
    List<List<Stmt>> bodies = new ArrayList<>();
    List<Stmt> otherwise = null;
    for (int k = 0; k < groups.size(); k++) {
      Group g = groups.get(k);
      List<Stmt> body = entered(groups, k, context);
      if (g.isDefault()) {
        otherwise = body;
      } else {
        Expr condition = null;
        for (ExpressionTree label : g.labels()) {
          Expr test = new Expr.Binary(BinaryOp.EQUAL, selector, label(label), Type.BOOLEAN);
          condition = condition == null ? test : new Expr.Binary(BinaryOp.CONDITIONAL_OR, condition, test, Type.BOOLEAN);
        }
        conditions.add(condition);
        bodies.add(body);
      }
    }
    List<Stmt> chain = otherwise != null ? otherwise : context.exit().get();
    for (int i = conditions.size() - 1; i >= 0; i--) {
      chain = List.of(new Stmt.If(conditions.get(i), bodies.get(i), chain, pos));
    }
    out.addAll(chain);
    return out;
  }

  /** What runs when group {@code k} is entered, in a scope of its own. */
  private List<Stmt> entered(List<Group> groups, int k, Context context) {
    CaseTree c = groups.get(k).tree();
    Rest after = context.exit();
    if (c.getCaseKind() == CaseTree.CaseKind.STATEMENT && k + 1 < groups.size()) {
      after = snapshot(() -> entered(groups, k + 1, context)); // fall-through
    }
    Rest next = after;
    return scoped(() -> run(statements(c, context), 0, next, context));
  }

  /** The statements of a case: a rule's expression is a statement, or the value it yields. */
  private List<? extends StatementTree> statements(CaseTree c, Context context) {
    if (c.getCaseKind() == CaseTree.CaseKind.STATEMENT) {
      return c.getStatements();
    }
    Tree body = c.getBody();
    if (body instanceof BlockTree b) {
      return b.getStatements();
    }
    if (body instanceof ExpressionTree e) {
      return List.of(new RuleExpression(e));
    }
    return List.of((StatementTree) body); // throw: refused as a statement
  }

  /**
   * Reads {@code list} from {@code from}, then {@code next} if the statements complete normally;
   * a {@code break} continues with the context's exit, a {@code yield} with its action.
   */
  private List<Stmt> run(List<? extends StatementTree> list, int from, Rest next, Context context) {
    List<Stmt> out = new ArrayList<>();
    for (int i = from; i < list.size(); i++) {
      StatementTree s = list.get(i);
      if (++read > MAX_READ) {
        throw new Problem(Message.UNSUPPORTED_STATEMENT, switchPos, "a switch whose lowering to if/else"
            + " repeats more than " + MAX_READ + " statements (what follows a break inside an if is read into"
            + " every branch that reaches it)", "move the code of long cases into helper methods");
      }
      int at = i;
      Rest rest = snapshot(() -> run(list, at + 1, next, context));
      if (s instanceof RuleExpression r) {
        if (context.expression()) {
          out.addAll(context.yield().apply(reader.expr(r.expression())));
          return out;
        }
        out.add(reader.expressionStatement(r.expression(), reader.pos(r.expression())));
        continue;
      }
      if (s instanceof BreakTree b && b.getLabel() == null && !context.expression()) {
        out.addAll(context.exit().get());
        return out;
      }
      if (s instanceof YieldTree y && context.yield() != null) {
        out.addAll(context.yield().apply(reader.expr(y.getValue())));
        return out;
      }
      if (s instanceof IfTree t && jumps(t, context)) {
        Pos pos = reader.pos(t);
        Expr condition = reader.condition(t.getCondition());
        List<Stmt> thenPart = scoped(() -> run(branch(t.getThenStatement()), 0, rest, context));
        List<Stmt> elsePart = scoped(() -> run(branch(t.getElseStatement()), 0, rest, context));
        out.add(new Stmt.If(condition, thenPart, elsePart, pos));
        return out;
      }
      if (s instanceof BlockTree b && jumps(b, context)) {
        out.add(new Stmt.Block(scoped(() -> run(b.getStatements(), 0, rest, context)), reader.pos(b)));
        return out;
      }
      if (s instanceof SwitchTree inner && jumps(inner, context)) {
        // A yield of the enclosing switch expression inside a switch statement: the inner switch
        // continues with what follows it, its yields with the outer action.
        Pos pos = reader.pos(inner);
        out.add(new Stmt.Block(lower(inner.getExpression(), inner.getCases(),
            new Context(rest, context.yield(), false), pos), pos));
        return out;
      }
      out.addAll(reader.statement(s));
      if (!Jumps.completesNormally(s)) {
        return out; // what follows in the run is another group's, reached by its own label only
      }
    }
    out.addAll(next.get());
    return out;
  }

  private static List<? extends StatementTree> branch(StatementTree s) {
    if (s == null) {
      return List.of();
    }
    return s instanceof BlockTree b ? b.getStatements() : List.of(s);
  }

  /** {@code rest}, run later with the scopes as they are now (what it reads is declared here). */
  private Rest snapshot(Supplier<List<Stmt>> rest) {
    List<Map<String, Expr.Local>> saved = new ArrayList<>();
    for (Map<String, Expr.Local> scope : reader.scopes()) {
      saved.add(new HashMap<>(scope));
    }
    return () -> {
      Deque<Map<String, Expr.Local>> scopes = reader.scopes();
      Deque<Map<String, Expr.Local>> current = new ArrayDeque<>(scopes);
      scopes.clear();
      for (Map<String, Expr.Local> scope : saved) {
        scopes.addLast(new HashMap<>(scope));
      }
      try {
        return rest.get();
      } finally {
        scopes.clear();
        scopes.addAll(current);
      }
    };
  }

  private List<Stmt> scoped(Supplier<List<Stmt>> body) {
    reader.scopes().push(new HashMap<>());
    try {
      return body.get();
    } finally {
      reader.scopes().pop();
    }
  }

  // ---------------------------------------------------------------- cases and labels

  private List<Group> groups(List<? extends CaseTree> cases, Pos pos) {
    List<Group> groups = new ArrayList<>();
    for (CaseTree c : cases) {
      boolean isDefault = isDefault(c);
      List<ExpressionTree> labels = new ArrayList<>(c.getExpressions());
      if (isDefault && !labels.isEmpty()) {
        throw new Problem(Message.UNSUPPORTED_STATEMENT, reader.pos(c), "a case that is also default ('"
            + reader.pos(c).excerpt() + "')", "write default on its own");
      }
      groups.add(new Group(labels, isDefault, c));
    }
    return groups;
  }

  /**
   * Whether {@code c} is {@code default}. JDK 21 added labels that are patterns; they have no
   * expression either, so on a JDK that has {@code getLabels()} the labels' kinds decide.
   */
  private boolean isDefault(CaseTree c) {
    List<?> labels;
    try {
      labels = (List<?>) CaseTree.class.getMethod("getLabels").invoke(c);
    } catch (ReflectiveOperationException | RuntimeException jdk17) {
      return c.getExpressions().isEmpty();
    }
    boolean isDefault = false;
    for (Object label : labels) {
      String kind = ((Tree) label).getKind().name();
      if (kind.equals("DEFAULT_CASE_LABEL")) {
        isDefault = true;
      } else if (kind.contains("PATTERN")) { // JDK 17 lists constants as expressions, 21 as CONSTANT_CASE_LABEL
        throw new Problem(Message.UNSUPPORTED_STATEMENT, reader.pos(c), "a case with a pattern ('"
            + reader.pos(c).excerpt() + "')", "switch on an int with int constants as labels");
      }
    }
    return isDefault;
  }

  private Expr selector(ExpressionTree t) {
    Expr selector = reader.expr(t);
    if (selector.type() != Type.INT) {
      throw new Problem(Message.UNSUPPORTED_STATEMENT, reader.pos(t), "a switch on a " + selector.type().javaName(),
          "switch on an int (case labels int constants), or use if/else if");
    }
    return selector;
  }

  /** A case label: an int constant (a char literal is its code). */
  private Expr label(ExpressionTree t) {
    ExpressionTree e = unparenthesized(t);
    if (e instanceof LiteralTree l && l.getKind() == Tree.Kind.CHAR_LITERAL) {
      return reader.at(Expr.Literal.ofInt((Character) l.getValue()), t);
    }
    Expr label = reader.expr(t);
    if (label.type() != Type.INT) {
      throw new Problem(Message.UNSUPPORTED_STATEMENT, reader.pos(t), "the case label " + t,
          "switch on an int with int constants as labels");
    }
    return label;
  }

  private Expr matches(ExpressionTree selectorTree, List<ExpressionTree> labels, Pos pos) {
    Expr condition = null;
    for (ExpressionTree label : labels) {
      Expr test = new Expr.Binary(BinaryOp.EQUAL, selector(selectorTree), label(label), Type.BOOLEAN);
      condition = condition == null ? test : new Expr.Binary(BinaryOp.CONDITIONAL_OR, condition, test, Type.BOOLEAN);
    }
    return condition;
  }

  /**
   * For a switch expression whose every case gives a value: per group, the value's tree, or null
   * for an empty colon group falling into the next; null when some case runs statements.
   */
  private static List<ExpressionTree> simpleValues(List<Group> groups) {
    List<ExpressionTree> values = new ArrayList<>();
    for (Group g : groups) {
      CaseTree c = g.tree();
      if (c.getCaseKind() == CaseTree.CaseKind.RULE) {
        Tree body = c.getBody();
        if (body instanceof ExpressionTree e) {
          values.add(e);
        } else if (body instanceof BlockTree b && b.getStatements().size() == 1
            && b.getStatements().get(0) instanceof YieldTree y) {
          values.add(y.getValue());
        } else {
          return null;
        }
      } else if (c.getStatements().isEmpty()) {
        values.add(null);
      } else if (c.getStatements().size() == 1 && c.getStatements().get(0) instanceof YieldTree y) {
        values.add(y.getValue());
      } else {
        return null;
      }
    }
    return values;
  }

  private static Type common(Type a, Type b, Pos pos) {
    if (a == b) {
      return a;
    }
    if (a.isNumeric() && b.isNumeric()) {
      return Type.promote(a, b);
    }
    throw new Problem(Message.UNSUPPORTED_EXPRESSION, pos, "a switch expression whose cases give a "
        + a.javaName() + " and a " + b.javaName(), "give values of one type");
  }

  /**
   * Java lets a later group use a local declared by an earlier one (one scope for the switch
   * block); each group is read on its own here, so that is refused.
   */
  private void checkScopes(List<Group> groups) {
    for (int k = 0; k < groups.size(); k++) {
      CaseTree c = groups.get(k).tree();
      if (c.getCaseKind() != CaseTree.CaseKind.STATEMENT) {
        continue;
      }
      for (StatementTree s : c.getStatements()) {
        if (!(s instanceof VariableTree v)) {
          continue;
        }
        String name = v.getName().toString();
        for (int later = k + 1; later < groups.size(); later++) {
          CaseTree l = groups.get(later).tree();
          if (l.getCaseKind() == CaseTree.CaseKind.STATEMENT && mentions(l.getStatements(), name)) {
            throw new Problem(Message.UNSUPPORTED_STATEMENT, reader.pos(v), "using local '" + name
                + "' in a later case than the one declaring it", "declare it before the switch");
          }
        }
      }
    }
  }

  private static boolean mentions(List<? extends StatementTree> statements, String name) {
    boolean[] found = {false};
    TreeScanner<Void, Void> scanner = new TreeScanner<>() {
      @Override
      public Void visitIdentifier(IdentifierTree node, Void unused) {
        found[0] |= node.getName().contentEquals(name);
        return null;
      }
    };
    for (StatementTree s : statements) {
      scanner.scan(s, null);
    }
    return found[0];
  }

  /** Whether {@code t} holds a break of this switch or a yield of this switch expression. */
  private static boolean jumps(Tree t, Context context) {
    return Jumps.jumps(t, !context.expression(), context.yield() != null);
  }

  /** A rule's expression ({@code case 1 -> y = 2;}, {@code case 1 -> x * x}) among statements. */
  private record RuleExpression(ExpressionTree expression) implements StatementTree {
    @Override
    public Kind getKind() {
      return Kind.EXPRESSION_STATEMENT;
    }

    @Override
    public <R, D> R accept(com.sun.source.tree.TreeVisitor<R, D> visitor, D data) {
      throw new UnsupportedOperationException("a placeholder of the switch lowering");
    }
  }
}
