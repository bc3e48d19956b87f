package dev.chainrule.processor.frontend;

import com.palantir.javapoet.ClassName;
import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.ArrayTypeTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.PrimitiveTypeTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.source.util.Trees;
import dev.chainrule.processor.diagnostics.Message;
import dev.chainrule.processor.diagnostics.Problem;
import dev.chainrule.processor.ir.BinaryOp;
import dev.chainrule.processor.ir.Callee;
import dev.chainrule.processor.ir.Expr;
import dev.chainrule.processor.ir.Method;
import dev.chainrule.processor.ir.Param;
import dev.chainrule.processor.ir.Pos;
import dev.chainrule.processor.ir.Stmt;
import dev.chainrule.processor.ir.Type;
import dev.chainrule.processor.ir.UnaryOp;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * The frontend: reads one {@code @Differentiable} method's tree into the IR, resolving names
 * syntactically and turning anything outside the supported subset into a {@link Problem} at the
 * construct's position.
 *
 * <p>Locals get method-wide unique names (a second {@code int i} in a sibling loop becomes
 * {@code i_2}), so later stages can hoist declarations freely. Enhanced {@code for} loops and array
 * initializers are desugared here.
 */
public final class MethodReader {

  private final Elements elements;
  private final ExecutableElement element;
  private final MethodTree tree;
  private final CompilationUnitTree unit;
  private final SourcePositions positions;
  private final CharSequence source;
  private final Resolver resolver;
  private final References references;
  private final CustomDerivatives customs;
  private final Switches switches;
  private final ArrayCopies copies;
  private final Labels labels;

  private final Deque<Map<String, Expr.Local>> scopes = new ArrayDeque<>();
  private final Set<String> takenNames = new HashSet<>();
  private final Map<String, Integer> declarations = new HashMap<>();
  private final Map<Expr, Pos> exprPositions = new IdentityHashMap<>();
  private int loopDepth;
  private boolean arrayConditionalReturned;
  /** What the method computes: double, or the array type it returns or writes into its @Out parameter. */
  private final Type result;
  /** Set while reading the one place a call of a vector-valued method may be: a declaration or statement. */
  private boolean vectorCallAllowed;

  private MethodReader(Elements elements, Trees trees, ExecutableElement element, CustomDerivatives customs) {
    this.elements = elements;
    this.customs = customs;
    this.element = element;
    TreePath path = trees.getPath(element);
    if (path == null) {
      throw new Problem(Message.NO_SOURCE, Pos.NONE, element.getSimpleName());
    }
    this.tree = (MethodTree) path.getLeaf();
    this.unit = path.getCompilationUnit();
    this.positions = trees.getSourcePositions();
    this.source = readSource(unit);
    this.resolver = new Resolver(elements, (TypeElement) element.getEnclosingElement(), unit);
    this.result = Signatures.resultType(element);
    Lowering lowering = new Lowering() {
      @Override
      public Optional<Expr.Local> lookup(String name) {
        return MethodReader.this.lookup(name);
      }

      @Override
      public List<Stmt> statement(StatementTree s) {
        return MethodReader.this.statement(s);
      }

      @Override
      public Stmt expressionStatement(ExpressionTree e, Pos pos) {
        return MethodReader.this.expressionStatement(e, pos);
      }

      @Override
      public Expr expr(ExpressionTree t) {
        return MethodReader.this.expr(t);
      }

      @Override
      public Expr condition(ExpressionTree t) {
        return MethodReader.this.condition(t);
      }

      @Override
      public Pos pos(Tree t) {
        return MethodReader.this.pos(t);
      }

      @Override
      public <E extends Expr> E at(E expr, Tree t) {
        return MethodReader.this.at(expr, t);
      }

      @Override
      public Expr.Local declareLocal(String sourceName, Type type, Pos pos) {
        return MethodReader.this.declareLocal(sourceName, type, pos);
      }

      @Override
      public String freshName(String base) {
        return MethodReader.this.freshName(base);
      }

      @Override
      public Deque<Map<String, Expr.Local>> scopes() {
        return scopes;
      }
    };
    this.references = new References(elements, trees, resolver, customs, lowering);
    this.switches = new Switches(lowering);
    this.copies = new ArrayCopies(lowering, resolver);
    this.labels = new Labels(lowering);
  }

  /**
   * Reads {@code element}, whose source is being compiled, into the IR.
   *
   * @param customs the compilation's {@code @CustomDerivative} methods
   */
  public static Method read(Elements elements, Trees trees, ExecutableElement element, CustomDerivatives customs) {
    return new MethodReader(elements, trees, element, customs).read();
  }

  /** The position of the method's declaration, for diagnostics about the method as a whole. */
  public static Pos positionOf(Trees trees, ExecutableElement element) {
    TreePath path = trees.getPath(element);
    if (path == null) {
      return Pos.NONE;
    }
    CompilationUnitTree unit = path.getCompilationUnit();
    long start = trees.getSourcePositions().getStartPosition(unit, path.getLeaf());
    return new Pos(unit.getLineMap().getLineNumber(start), "", path.getLeaf());
  }

  /** The position of an annotation (by simple name) on a method, or of the method itself. */
  public static Pos annotationPosition(Trees trees, ExecutableElement element, String simpleName) {
    TreePath path = trees.getPath(element);
    if (path == null || !(path.getLeaf() instanceof MethodTree method)) {
      return Pos.NONE;
    }
    CompilationUnitTree unit = path.getCompilationUnit();
    Tree target = method.getModifiers().getAnnotations().stream()
        .filter(a -> a.getAnnotationType().toString().endsWith(simpleName))
        .map(Tree.class::cast)
        .findFirst()
        .orElse(method);
    long start = trees.getSourcePositions().getStartPosition(unit, target);
    return new Pos(unit.getLineMap().getLineNumber(start), "", target);
  }

  private static CharSequence readSource(CompilationUnitTree unit) {
    try {
      return unit.getSourceFile().getCharContent(true);
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }

  private Method read() {
    Pos methodPos = pos(tree);
    Signatures.checkMethod(element, methodPos);
    if (tree.getBody() == null) {
      throw new Problem(Message.NO_BODY, methodPos, element.getSimpleName());
    }
    List<Param> params = Signatures.parameters(
        element, i -> pos(tree.getParameters().get(i)), annotationPos());
    collectNames();
    scopes.push(new HashMap<>());
    for (Param p : params) {
      declareLocal(p.name(), p.type(), methodPos);
    }
    checkSize(methodPos);
    String out = Signatures.outParameter(element);
    List<Stmt> body = new ArrayList<>();
    Expr.Local shadow = null;
    if (out != null) {
      Expr.Local param = lookup(out).orElseThrow();
      shadow = declareLocal(out, result, methodPos); // the body reads and writes the shadow
      body.addAll(VectorResults.copyIn(param, shadow, freshName("i"), freshName("j"), methodPos));
    }
    body.addAll(block(tree.getBody().getStatements()));
    if (shadow != null) {
      body.add(new Stmt.Return(shadow, Pos.NONE)); // the transforms copy it into the @Out parameter
    }
    if (result.isArray()) {
      body = VectorResults.finalReturn(body, element.getSimpleName().toString(), methodPos, this::freshName);
    }
    return new Method(ClassName.get(resolver.enclosing()), element.getSimpleName().toString(),
        params, body, methodPos, exprPositions, takenNames, Signatures.numericFallback(element), result, out);
  }

  /**
   * The JVM limits a method to 64 KB of bytecode, and every node of the method's tree becomes at
   * least a byte of its pullback: a method of more nodes is refused before any work on it (issue
   * 13, item 12). Smaller ones that are still too large are refused once their pullback is built.
   */
  private void checkSize(Pos methodPos) {
    int[] nodes = {0};
    new TreeScanner<Void, Void>() {
      @Override
      public Void scan(Tree tree, Void unused) {
        if (tree != null) {
          nodes[0]++;
        }
        return super.scan(tree, unused);
      }
    }.scan(tree.getBody(), null);
    if (nodes[0] > MAX_NODES) {
      throw new Problem(Message.TOO_LARGE, methodPos, element.getSimpleName(),
          "it has " + nodes[0] + " syntax tree nodes, and its pullback takes at least a byte for each");
    }
  }

  /** See {@link #checkSize}: 64 K. */
  private static final int MAX_NODES = 65_536;

  private Pos annotationPos() {
    return tree.getModifiers().getAnnotations().stream()
        .filter(a -> a.getAnnotationType().toString().endsWith("Differentiable"))
        .findFirst()
        .map(a -> pos(a))
        .orElse(pos(tree));
  }

  private void collectNames() {
    tree.accept(new TreeScanner<Void, Void>() {
      @Override
      public Void visitVariable(VariableTree node, Void unused) {
        takenNames.add(node.getName().toString());
        return super.visitVariable(node, unused);
      }

      @Override
      public Void visitIdentifier(IdentifierTree node, Void unused) {
        takenNames.add(node.getName().toString());
        return null;
      }
    }, null);
  }

  // ---------------------------------------------------------------- positions

  private Pos pos(Tree t) {
    long start = positions.getStartPosition(unit, t);
    long line = start >= 0 ? unit.getLineMap().getLineNumber(start) : -1;
    // The excerpt (for comments and messages) is cut from the source text: statements only,
    // so that deep expressions are not copied once per node.
    boolean statement = t instanceof StatementTree || t instanceof VariableTree;
    String excerpt = statement || t instanceof ExpressionTree && shortTree(start, t)
        ? excerpt(t, start, positions.getEndPosition(unit, t)) : "";
    return new Pos(line, excerpt, t);
  }

  private boolean shortTree(long start, Tree t) {
    long end = positions.getEndPosition(unit, t);
    return end - start < 200;
  }

  private String excerpt(Tree t, long start, long end) {
    if (start < 0 || end <= start || end > source.length()) {
      return "";
    }
    String text = Unicode.unescape(source.subSequence((int) start, (int) end).toString());
    boolean compound = t instanceof IfTree || t instanceof ForLoopTree || t instanceof WhileLoopTree
        || t instanceof EnhancedForLoopTree || t instanceof DoWhileLoopTree || t instanceof BlockTree;
    if (compound) {
      int brace = text.indexOf('{');
      if (brace >= 0) {
        text = text.substring(0, brace);
      }
      if (t instanceof DoWhileLoopTree loop) {
        text = "do ... while (" + loop.getCondition() + ")";
      }
    }
    text = text.replaceAll("//[^\n]*", " ").replaceAll("\\s+", " ").trim();
    return text.length() > 100 ? text.substring(0, 97) + "..." : text;
  }

  private <E extends Expr> E at(E expr, Tree t) {
    exprPositions.put(expr, pos(t));
    return expr;
  }

  // ---------------------------------------------------------------- scopes

  private Expr.Local declareLocal(String sourceName, Type type, Pos pos) {
    int seen = declarations.merge(sourceName, 1, Integer::sum);
    String name = sourceName;
    if (seen > 1) {
      int k = seen;
      do {
        name = sourceName + "_" + k++;
      } while (takenNames.contains(name));
      takenNames.add(name);
    }
    Expr.Local local = new Expr.Local(name, type);
    scopes.peek().put(sourceName, local);
    return local;
  }

  private String freshName(String base) {
    String name = base;
    for (int k = 2; takenNames.contains(name); k++) {
      name = base + k;
    }
    takenNames.add(name);
    declarations.put(name, 1);
    return name;
  }

  private Optional<Expr.Local> lookup(String name) {
    for (Map<String, Expr.Local> scope : scopes) {
      Expr.Local local = scope.get(name);
      if (local != null) {
        return Optional.of(local);
      }
    }
    return Optional.empty();
  }

  // ---------------------------------------------------------------- statements

  private List<Stmt> block(List<? extends StatementTree> statements) {
    scopes.push(new HashMap<>());
    try {
      List<Stmt> out = new ArrayList<>();
      for (StatementTree s : statements) {
        out.addAll(statement(s));
      }
      return out;
    } finally {
      scopes.pop();
    }
  }

  private List<Stmt> body(StatementTree s) {
    return s instanceof BlockTree b ? block(b.getStatements()) : block(List.of(s));
  }

  private List<Stmt> statement(StatementTree s) {
    Pos pos = pos(s);
    switch (s.getKind()) {
      case BLOCK:
        return List.of(new Stmt.Block(block(((BlockTree) s).getStatements()), pos));
      case EMPTY_STATEMENT:
        return List.of();
      case VARIABLE:
        return declaration((VariableTree) s, pos);
      case EXPRESSION_STATEMENT:
        return List.of(expressionStatement(((ExpressionStatementTree) s).getExpression(), pos));
      case IF: {
        IfTree t = (IfTree) s;
        Expr condition = condition(t.getCondition());
        List<Stmt> thenPart = body(t.getThenStatement());
        List<Stmt> elsePart = t.getElseStatement() == null ? List.of() : body(t.getElseStatement());
        return List.of(new Stmt.If(condition, thenPart, elsePart, pos));
      }
      case WHILE_LOOP: // each loop through labels, which adds the checks of labelled jumps out of it
        return labels.loop(() -> {
          WhileLoopTree t = (WhileLoopTree) s;
          Expr condition = condition(t.getCondition());
          return List.of(new Stmt.While(condition, loopBody(t.getStatement()), pos));
        }, pos);
      case DO_WHILE_LOOP:
        return labels.loop(() -> {
          DoWhileLoopTree t = (DoWhileLoopTree) s;
          List<Stmt> loopBody = loopBody(t.getStatement());
          return List.of(new Stmt.DoWhile(loopBody, condition(t.getCondition()), pos));
        }, pos);
      case FOR_LOOP:
        return labels.loop(() -> List.of(forLoop((ForLoopTree) s, pos)), pos);
      case ENHANCED_FOR_LOOP:
        return labels.loop(() -> enhancedFor((EnhancedForLoopTree) s, pos), pos);
      case RETURN:
        return returnStatement((ReturnTree) s, pos);
      case BREAK, CONTINUE:
        return labels.jump(s, pos);
      case LABELED_STATEMENT:
        return labels.labelled((com.sun.source.tree.LabeledStatementTree) s, pos);
      case SWITCH:
        return switches.statement((SwitchTree) s, pos);
      case YIELD: // the others are the switch lowering's
        throw unsupported(pos, "yield inside a loop", "assign the value to a local variable, break out"
            + " of the loop and yield the variable after it");
      case TRY:
        throw unsupported(pos, "try", "a @Differentiable method cannot catch exceptions or run"
            + " finally blocks; check the input before calling it");
      case THROW:
        throw unsupported(pos, "throw", "check arguments in a method that calls this one, or"
            + " return Double.NaN");
      case SYNCHRONIZED:
        throw unsupported(pos, "synchronized", "generated derivatives are stateless; remove it");
      case ASSERT:
        throw unsupported(pos, "assert", "check arguments in a method that calls this one");
      case CLASS:
      case INTERFACE:
      case ENUM:
      case RECORD:
        throw unsupported(pos, "a local class", "declare it outside the method");
      default:
        throw unsupported(pos, "the statement '" + pos.excerpt() + "'", "see the supported subset in"
            + " the ChainRule README");
    }
  }

  /** {@code return e;}: of the method's result type; an array initializer becomes a local array first. */
  private List<Stmt> returnStatement(ReturnTree t, Pos pos) {
    ExpressionTree e = t.getExpression();
    if (e == null) {
      return List.of(new Stmt.Return(null, pos));
    }
    if (result.isArray() && e instanceof NewArrayTree init && init.getInitializers() != null) {
      List<Stmt> out = new ArrayList<>(arrayInitializer(freshName("result"), result, init, pos));
      Stmt.Declare d = (Stmt.Declare) out.get(0);
      out.add(new Stmt.Return(new Expr.Local(d.name(), d.type()), pos));
      return List.of(new Stmt.Block(out, pos));
    }
    if (result.isArray() && copies.isNewCopy(e)) {
      ArrayCopies.Copy copy = copies.declaration(freshName("result"), result, e, pos);
      List<Stmt> out = new ArrayList<>(copy.statements());
      out.add(new Stmt.Return(copy.variable(), pos));
      return List.of(new Stmt.Block(out, pos));
    }
    if (!result.isArray() && switches.needsStatements(e)) {
      return switches.expressionInto(e, v -> List.of(returnOf(v, pos)), pos);
    }
    // A returned conditional of arrays is VectorResults' to refuse (it says how to return one).
    arrayConditionalReturned = result.isArray() && unparenthesized(e) instanceof ConditionalExpressionTree;
    Expr value;
    try {
      value = expr(e);
    } finally {
      arrayConditionalReturned = false;
    }
    return List.of(returnOf(value, pos));
  }

  private Stmt returnOf(Expr value, Pos pos) {
    if (value.type() != result && !(result == Type.DOUBLE && value.type().isNumeric())) {
      throw new Problem(Message.RETURN_VALUE_TYPE, pos, element.getSimpleName(), result.javaName(),
          value.type().javaName());
    }
    return new Stmt.Return(value, pos);
  }

  private static ExpressionTree unparenthesized(ExpressionTree e) {
    while (e instanceof ParenthesizedTree p) {
      e = p.getExpression();
    }
    return e;
  }

  private static Problem unsupported(Pos pos, String what, String instead) {
    return new Problem(Message.UNSUPPORTED_STATEMENT, pos, what, instead);
  }

  private List<Stmt> loopBody(StatementTree s) {
    loopDepth++;
    try {
      return body(s);
    } finally {
      loopDepth--;
    }
  }

  private Stmt forLoop(ForLoopTree t, Pos pos) {
    scopes.push(new HashMap<>());
    try {
      List<Stmt> init = new ArrayList<>();
      for (StatementTree s : t.getInitializer()) {
        init.addAll(statement(s));
      }
      Expr condition = t.getCondition() == null ? null : condition(t.getCondition());
      List<Stmt> update = new ArrayList<>();
      for (ExpressionStatementTree u : t.getUpdate()) {
        update.add(expressionStatement(u.getExpression(), pos(u)));
      }
      List<Stmt> loopBody = loopBody(t.getStatement());
      return new Stmt.For(init, condition, update, loopBody, pos);
    } finally {
      scopes.pop();
    }
  }

  /** {@code for (double v : a) body} becomes {@code for (int i = 0; i < a.length; i++) { double v = a[i]; body }}. */
  private List<Stmt> enhancedFor(EnhancedForLoopTree t, Pos pos) {
    Expr iterable = expr(t.getExpression());
    if (!iterable.type().isArray()) {
      throw new Problem(Message.ENHANCED_FOR_NOT_ARRAY, pos(t.getExpression()), iterable.type().javaName());
    }
    List<Stmt> out = new ArrayList<>();
    scopes.push(new HashMap<>());
    try {
      Expr array = iterable;
      if (!(iterable instanceof Expr.Local)) {
        Expr.Local alias = declareLocal(freshName("array"), iterable.type(), pos);
        out.add(new Stmt.Declare(alias.name(), alias.type(), iterable, pos));
        array = alias;
      }
      Expr.Local index = declareLocal(freshName("i"), Type.INT, pos);
      Expr condition = new Expr.Binary(BinaryOp.LESS, index, new Expr.Length(array), Type.BOOLEAN);
      Stmt update = new Stmt.Assign(index, BinaryOp.ADD, Expr.Literal.ofInt(1), pos);
      VariableTree variable = t.getVariable();
      Type elementType = array.type().element();
      Type declared = declaredType(variable, elementType);
      if (declared != elementType && !declared.acceptsAssignmentFrom(elementType)) {
        throw new Problem(Message.ENHANCED_FOR_NOT_ARRAY, pos(t.getExpression()), array.type().javaName());
      }
      loopDepth++;
      List<Stmt> loopBody = new ArrayList<>();
      scopes.push(new HashMap<>());
      try {
        Expr.Local v = declareLocal(variable.getName().toString(), declared, pos(variable));
        loopBody.add(new Stmt.Declare(v.name(), v.type(),
            new Expr.ArrayRead(array, index, elementType), pos(variable)));
        loopBody.addAll(body(t.getStatement()));
      } finally {
        scopes.pop();
        loopDepth--;
      }
      out.add(new Stmt.For(List.of(new Stmt.Declare(index.name(), Type.INT, Expr.Literal.ofInt(0), pos)),
          condition, List.of(update), loopBody, pos));
      return out.size() == 1 ? out : List.of(new Stmt.Block(out, pos));
    } finally {
      scopes.pop();
    }
  }

  private Type declaredType(VariableTree v, Type inferred) {
    Tree typeTree = v.getType();
    if (typeTree == null || (typeTree instanceof IdentifierTree id && id.getName().contentEquals("var"))) {
      return inferred;
    }
    return typeOf(typeTree);
  }

  private Type typeOf(Tree typeTree) {
    if (typeTree instanceof PrimitiveTypeTree p) {
      return switch (p.getPrimitiveTypeKind()) {
        case DOUBLE -> Type.DOUBLE;
        case INT -> Type.INT;
        case LONG -> Type.LONG;
        case BOOLEAN -> Type.BOOLEAN;
        case FLOAT -> throw new Problem(Message.FLOAT, pos(typeTree));
        default -> throw new Problem(Message.UNSUPPORTED_TYPE, pos(typeTree), typeTree, "");
      };
    }
    if (typeTree instanceof ArrayTypeTree a) {
      Type element = typeOf(a.getType());
      return Signatures.arrayOf(element)
          .orElseThrow(() -> new Problem(Message.UNSUPPORTED_TYPE, pos(typeTree), typeTree, ""));
    }
    throw new Problem(Message.UNSUPPORTED_TYPE, pos(typeTree), typeTree,
        " (objects, strings and boxed numbers cannot be differentiated)");
  }

  private List<Stmt> declaration(VariableTree v, Pos pos) {
    ExpressionTree initTree = v.getInitializer();
    Tree typeTree = v.getType();
    boolean inferred = typeTree == null
        || (typeTree instanceof IdentifierTree id && id.getName().contentEquals("var"));
    Type type = inferred ? null : typeOf(typeTree);
    if (initTree instanceof NewArrayTree newArray && newArray.getInitializers() != null) {
      return arrayInitializer(v, type, newArray, pos);
    }
    if (initTree != null && copies.isNewCopy(initTree)) {
      return copies.declaration(v.getName().toString(), type, initTree, pos).statements();
    }
    if (initTree != null && switches.needsStatements(initTree)) {
      if (type == null || type.isArray()) {
        throw unsupported(pos, "a switch expression whose cases run statements, in a declaration of "
            + (type == null ? "var" : "an array"), "declare a double, int, long or boolean variable with it");
      }
      Expr.Local local = declareLocal(v.getName().toString(), type, pos);
      List<Stmt> out = new ArrayList<>();
      out.add(new Stmt.Declare(local.name(), type, null, pos));
      out.addAll(switches.expressionInto(initTree, value -> List.of(new Stmt.Assign(local, null, value, pos)), pos));
      return out;
    }
    Expr init = initTree == null ? null : type != null && type.isArray() || type == null ? vectorCall(initTree)
        : expr(initTree);
    if (type == null) {
      type = init.type();
    }
    if (type.isArray()) {
      checkArrayInit(v.getName().toString(), type, init, pos);
    }
    Expr.Local local = declareLocal(v.getName().toString(), type, pos);
    return List.of(new Stmt.Declare(local.name(), type, init, pos));
  }

  private void checkArrayInit(String name, Type type, Expr init, Pos pos) {
    if (init instanceof Expr.NewArray) {
      return; // inside a loop too: each iteration's array is its own (a pool in the reverse sweep)
    }
    if (init instanceof Expr.Call c && c.callee() instanceof Callee.Differentiable d && d.isVectorValued()
        && d.out() < 0 && init.type() == type) {
      return; // the value of another vector-valued method
    }
    if (init instanceof Expr.Call c && c.callee() instanceof Callee.Derivative && init.type() == type) {
      return; // a block of another method's gradient
    }
    boolean alias = init instanceof Expr.Local
        || (init instanceof Expr.ArrayRead read && read.array() instanceof Expr.Local);
    if (init == null || !alias || init.type() != type) {
      throw new Problem(Message.ARRAY_DECLARATION, pos, name, type.scalar().javaName());
    }
  }

  /** {@code double[] c = {a, b}} becomes {@code double[] c = new double[2]; c[0] = a; c[1] = b;}. */
  private List<Stmt> arrayInitializer(VariableTree v, Type declared, NewArrayTree init, Pos pos) {
    return arrayInitializer(v.getName().toString(), declared, init, pos);
  }

  private List<Stmt> arrayInitializer(String name, Type declared, NewArrayTree init, Pos pos) {
    Type type = declared != null ? declared : init.getType() != null && typeOf(init.getType()) == Type.DOUBLE
        ? Type.DOUBLE_ARRAY : Type.INT_ARRAY;
    if (type.rank() != 1) {
      throw unsupported(pos, "a nested array initializer", "use new double[n][m] and assign the elements");
    }
    List<Expr> values = new ArrayList<>();
    for (ExpressionTree e : init.getInitializers()) {
      values.add(expr(e));
    }
    Expr.Local local = declareLocal(name, type, pos);
    List<Stmt> out = new ArrayList<>();
    out.add(new Stmt.Declare(local.name(), type,
        new Expr.NewArray(type, List.of(Expr.Literal.ofInt(values.size()))), pos));
    for (int i = 0; i < values.size(); i++) {
      Expr target = new Expr.ArrayRead(local, Expr.Literal.ofInt(i), type.element());
      out.add(new Stmt.Assign(target, null, values.get(i), pos));
    }
    return out;
  }

  private Stmt expressionStatement(ExpressionTree e, Pos pos) {
    switch (e.getKind()) {
      case ASSIGNMENT: {
        AssignmentTree a = (AssignmentTree) e;
        Expr target = target(a.getVariable());
        if (target instanceof Expr.Local && !target.type().isArray() && switches.needsStatements(a.getExpression())) {
          return switches.expressionInto(a.getExpression(), v -> List.of(new Stmt.Assign(target, null, v, pos)), pos).get(0);
        }
        return new Stmt.Assign(target, null, expr(a.getExpression()), pos);
      }
      case PLUS_ASSIGNMENT, MINUS_ASSIGNMENT, MULTIPLY_ASSIGNMENT, DIVIDE_ASSIGNMENT,
          REMAINDER_ASSIGNMENT, AND_ASSIGNMENT, OR_ASSIGNMENT, XOR_ASSIGNMENT,
          LEFT_SHIFT_ASSIGNMENT, RIGHT_SHIFT_ASSIGNMENT, UNSIGNED_RIGHT_SHIFT_ASSIGNMENT: {
        CompoundAssignmentTree a = (CompoundAssignmentTree) e;
        BinaryOp op = binaryOp(e.getKind().name().replace("_ASSIGNMENT", ""));
        return new Stmt.Assign(target(a.getVariable()), op, expr(a.getExpression()), pos);
      }
      case POSTFIX_INCREMENT, PREFIX_INCREMENT, POSTFIX_DECREMENT, PREFIX_DECREMENT: {
        UnaryTree u = (UnaryTree) e;
        Expr target = target(u.getExpression());
        BinaryOp op = e.getKind().name().contains("INCREMENT") ? BinaryOp.ADD : BinaryOp.SUBTRACT;
        return new Stmt.Assign(target, op, Expr.Literal.ofInt(1), pos);
      }
      case METHOD_INVOCATION: {
        Optional<Stmt> copy = copies.statement(e, pos);
        if (copy.isPresent()) {
          return copy.get();
        }
        Expr call;
        try {
          call = vectorCall(e);
        } catch (Problem unresolved) {
          if (unresolved.kind() != Message.INSTANCE_CALL && unresolved.kind() != Message.UNRESOLVED_CALL) {
            throw unresolved;
          }
          call = null; // whatever it calls, its result would be unused
        }
        if (call instanceof Expr.Call c && c.callee() instanceof Callee.Differentiable d && d.out() >= 0) {
          return new Stmt.Eval(call, pos); // a method writing its result into an @Out argument
        }
        throw unsupported(pos, "a call whose result is not used", "it cannot change the value or"
            + " the derivative; remove it or use its result");
      }
      default:
        throw unsupported(pos, "the statement '" + pos.excerpt() + "'", "write an assignment");
    }
  }

  /** Reads {@code e} where a call of a vector-valued method may stand (a declaration, a statement). */
  private Expr vectorCall(ExpressionTree e) {
    vectorCallAllowed = e instanceof MethodInvocationTree;
    try {
      return expr(e);
    } finally {
      vectorCallAllowed = false;
    }
  }

  private Expr target(ExpressionTree t) {
    if (t instanceof ParenthesizedTree p) {
      return target(p.getExpression());
    }
    if (t instanceof IdentifierTree id) {
      Optional<Expr.Local> local = lookup(id.getName().toString());
      if (local.isPresent()) {
        return local.get();
      }
      throw new Problem(Message.FIELD_WRITE, pos(t), id.getName());
    }
    if (t instanceof ArrayAccessTree a) {
      Expr array = expr(a.getExpression());
      Expr index = index(a.getIndex());
      if (!array.type().isArray()) {
        throw new Problem(Message.UNSUPPORTED_EXPRESSION, pos(t), "indexing a " + array.type().javaName(),
            "only arrays can be indexed");
      }
      Expr root = array;
      while (root instanceof Expr.ArrayRead r) {
        root = r.array();
      }
      if (root instanceof Expr.StaticField f) {
        throw new Problem(Message.FIELD_ARRAY_WRITE, pos(t), f.name());
      }
      return at(new Expr.ArrayRead(array, index, array.type().element()), t);
    }
    if (t instanceof MemberSelectTree m) {
      throw new Problem(Message.FIELD_WRITE, pos(t), m.toString());
    }
    throw new Problem(Message.UNSUPPORTED_EXPRESSION, pos(t), "assigning to '" + t + "'",
        "assign to a local variable or an array element");
  }

  // ---------------------------------------------------------------- expressions

  private Expr condition(ExpressionTree t) {
    Expr c = expr(t);
    if (c.type() != Type.BOOLEAN) {
      throw new Problem(Message.UNSUPPORTED_EXPRESSION, pos(t), "a condition of type " + c.type().javaName(),
          "write a boolean expression, such as x > 0");
    }
    return c;
  }

  private Expr index(ExpressionTree t) {
    Expr i = expr(t);
    if (i.type() != Type.INT && i.type() != Type.LONG) {
      throw new Problem(Message.UNSUPPORTED_EXPRESSION, pos(t), "an index of type " + i.type().javaName(),
          "use an int index");
    }
    return i;
  }

  private Expr expr(ExpressionTree t) {
    Pos pos = pos(t);
    switch (t.getKind()) {
      case PARENTHESIZED:
        return expr(((ParenthesizedTree) t).getExpression());
      case INT_LITERAL, LONG_LITERAL, DOUBLE_LITERAL, BOOLEAN_LITERAL:
        return literal((LiteralTree) t, pos);
      case FLOAT_LITERAL:
        throw new Problem(Message.FLOAT, pos);
      case STRING_LITERAL, CHAR_LITERAL, NULL_LITERAL:
        throw new Problem(Message.UNSUPPORTED_EXPRESSION, pos, "the literal " + t,
            "a @Differentiable method computes with numbers and booleans");
      case IDENTIFIER:
        return references.identifier((IdentifierTree) t, pos);
      case MEMBER_SELECT:
        return references.memberSelect((MemberSelectTree) t, pos);
      case ARRAY_ACCESS: {
        ArrayAccessTree a = (ArrayAccessTree) t;
        Expr array = expr(a.getExpression());
        if (!array.type().isArray()) {
          throw new Problem(Message.UNSUPPORTED_EXPRESSION, pos, "indexing a " + array.type().javaName(),
              "only arrays can be indexed");
        }
        return at(new Expr.ArrayRead(array, index(a.getIndex()), array.type().element()), t);
      }
      case UNARY_MINUS, UNARY_PLUS, LOGICAL_COMPLEMENT, BITWISE_COMPLEMENT: {
        Expr operand = expr(((UnaryTree) t).getExpression());
        UnaryOp op = switch (t.getKind()) {
          case UNARY_MINUS -> UnaryOp.NEGATE;
          case UNARY_PLUS -> UnaryOp.PLUS;
          case LOGICAL_COMPLEMENT -> UnaryOp.NOT;
          default -> UnaryOp.BITWISE_NOT;
        };
        return at(new Expr.Unary(op, operand, operand.type()), t);
      }
      case POSTFIX_INCREMENT, PREFIX_INCREMENT, POSTFIX_DECREMENT, PREFIX_DECREMENT:
        throw new Problem(Message.ASSIGNMENT_IN_EXPRESSION, pos, "'" + t + "'");
      case ASSIGNMENT, PLUS_ASSIGNMENT, MINUS_ASSIGNMENT, MULTIPLY_ASSIGNMENT, DIVIDE_ASSIGNMENT,
          REMAINDER_ASSIGNMENT, AND_ASSIGNMENT, OR_ASSIGNMENT, XOR_ASSIGNMENT:
        throw new Problem(Message.ASSIGNMENT_IN_EXPRESSION, pos, "the assignment '" + t + "'");
      case CONDITIONAL_EXPRESSION: {
        ConditionalExpressionTree c = (ConditionalExpressionTree) t;
        Expr condition = condition(c.getCondition());
        Expr a = expr(c.getTrueExpression());
        Expr b = expr(c.getFalseExpression());
        Type type = a.type() == b.type() ? a.type() : numeric(pos, a, b);
        if (type.isArray() && !arrayConditionalReturned) {
          throw new Problem(Message.UNSUPPORTED_EXPRESSION, pos, "a conditional that chooses between"
              + " arrays ('" + pos.excerpt() + "')", "choose between their elements (c ? u[i] : v[i]),"
              + " or use if/else");
        }
        return at(new Expr.Conditional(condition, a, b, type), t);
      }
      case TYPE_CAST: {
        TypeCastTree c = (TypeCastTree) t;
        Type type = typeOf(c.getType());
        Expr operand = expr(c.getExpression());
        if (type.isArray() || (type == Type.BOOLEAN) != (operand.type() == Type.BOOLEAN)) {
          throw new Problem(Message.UNSUPPORTED_EXPRESSION, pos, "the cast " + t,
              "only casts between double, int and long are supported");
        }
        return at(new Expr.Cast(type, operand), t);
      }
      case METHOD_INVOCATION: {
        boolean allowed = vectorCallAllowed;
        vectorCallAllowed = false; // not in its arguments
        MethodInvocationTree invocation = (MethodInvocationTree) t;
        copies.refuseElsewhere(invocation, pos);
        Optional<Expr> nested = NestedCalls.recognize(invocation, resolver, this::expr, pos);
        if (nested.isPresent()) {
          vectorCallAllowed = allowed;
          return at(nested.get(), t);
        }
        List<Expr> args = new ArrayList<>();
        for (ExpressionTree a : invocation.getArguments()) {
          args.add(expr(a));
        }
        Expr call = references.call(invocation, args, pos);
        vectorCallAllowed = allowed;
        if (call instanceof Expr.Call c && c.callee() instanceof Callee.Differentiable d && d.isVectorValued()
            && !allowed) {
          throw new Problem(Message.VECTOR_CALL, pos, d.name(), d.out() >= 0
              ? "call it as a statement of its own, with an array variable for its @Out argument"
              : "assign its result to an array variable of its own (double[] y = " + d.name() + "(...))");
        }
        return call;
      }
      case NEW_ARRAY:
        return newArray((NewArrayTree) t, pos);
      case LAMBDA_EXPRESSION:
        throw new Problem(Message.UNSUPPORTED_EXPRESSION, pos, "a lambda", "write the computation"
            + " in a static method and call it");
      case MEMBER_REFERENCE:
        throw new Problem(Message.UNSUPPORTED_EXPRESSION, pos, "a method reference", "call the"
            + " static method directly");
      case NEW_CLASS:
        throw new Problem(Message.UNSUPPORTED_EXPRESSION, pos, "creating an object ('" + t + "')",
            "a @Differentiable method computes with double values and arrays");
      case SWITCH_EXPRESSION:
        return switches.expression((SwitchExpressionTree) t, pos);
      case INSTANCE_OF:
        throw new Problem(Message.UNSUPPORTED_EXPRESSION, pos, "instanceof", "a @Differentiable method computes"
            + " with numbers, booleans and arrays; pass a boolean or int parameter instead");
      default:
        if (t instanceof BinaryTree b) {
          return binary(b, pos);
        }
        throw new Problem(Message.UNSUPPORTED_EXPRESSION, pos, "'" + pos.excerpt() + "'",
            "see the supported subset in the ChainRule README");
    }
  }

  private Expr literal(LiteralTree t, Pos pos) {
    Object value = t.getValue();
    Type type = switch (t.getKind()) {
      case INT_LITERAL -> Type.INT;
      case LONG_LITERAL -> Type.LONG;
      case DOUBLE_LITERAL -> Type.DOUBLE;
      default -> Type.BOOLEAN;
    };
    return at(new Expr.Literal(value, type, pos.excerpt()), t);
  }

  private Type numeric(Pos pos, Expr a, Expr b) {
    if (!a.type().isNumeric() || !b.type().isNumeric()) {
      throw new Problem(Message.UNSUPPORTED_EXPRESSION, pos,
          "mixing " + a.type().javaName() + " and " + b.type().javaName(),
          "numbers and booleans do not mix in Java either");
    }
    return Type.promote(a.type(), b.type());
  }

  private Expr binary(BinaryTree t, Pos pos) {
    BinaryOp op = binaryOp(t.getKind().name());
    Expr left = expr(t.getLeftOperand());
    Expr right = expr(t.getRightOperand());
    Type type;
    if (op.isComparison() || op.isLogical()) {
      type = Type.BOOLEAN;
      if (!op.isLogical() && (left.type() == Type.BOOLEAN) != (right.type() == Type.BOOLEAN)) {
        numeric(pos, left, right);
      }
    } else if (left.type() == Type.BOOLEAN && right.type() == Type.BOOLEAN) {
      type = Type.BOOLEAN;
    } else {
      if (left.type().isArray() || right.type().isArray()) {
        throw new Problem(Message.UNSUPPORTED_EXPRESSION, pos, "arithmetic on arrays ('" + t + "')",
            "loop over the elements");
      }
      type = switch (op) {
        case SHIFT_LEFT, SHIFT_RIGHT, UNSIGNED_SHIFT_RIGHT -> left.type();
        default -> numeric(pos, left, right);
      };
    }
    return at(new Expr.Binary(op, left, right, type), t);
  }

  private static BinaryOp binaryOp(String kind) {
    return switch (kind) {
      case "MULTIPLY" -> BinaryOp.MULTIPLY;
      case "DIVIDE" -> BinaryOp.DIVIDE;
      case "REMAINDER" -> BinaryOp.REMAINDER;
      case "PLUS" -> BinaryOp.ADD;
      case "MINUS" -> BinaryOp.SUBTRACT;
      case "LEFT_SHIFT" -> BinaryOp.SHIFT_LEFT;
      case "RIGHT_SHIFT" -> BinaryOp.SHIFT_RIGHT;
      case "UNSIGNED_RIGHT_SHIFT" -> BinaryOp.UNSIGNED_SHIFT_RIGHT;
      case "LESS_THAN" -> BinaryOp.LESS;
      case "LESS_THAN_EQUAL" -> BinaryOp.LESS_EQUAL;
      case "GREATER_THAN" -> BinaryOp.GREATER;
      case "GREATER_THAN_EQUAL" -> BinaryOp.GREATER_EQUAL;
      case "EQUAL_TO" -> BinaryOp.EQUAL;
      case "NOT_EQUAL_TO" -> BinaryOp.NOT_EQUAL;
      case "AND" -> BinaryOp.AND;
      case "XOR" -> BinaryOp.XOR;
      case "OR" -> BinaryOp.OR;
      case "CONDITIONAL_AND" -> BinaryOp.CONDITIONAL_AND;
      case "CONDITIONAL_OR" -> BinaryOp.CONDITIONAL_OR;
      default -> throw new IllegalArgumentException(kind);
    };
  }

  private Expr newArray(NewArrayTree t, Pos pos) {
    if (t.getInitializers() != null) {
      throw unsupported(pos, "an array initializer here", "declare the array with it:"
          + " double[] c = {1, 2}");
    }
    Type scalar = typeOf(t.getType());
    Type type = scalar;
    List<Expr> dims = new ArrayList<>();
    for (ExpressionTree d : t.getDimensions()) {
      dims.add(index(d));
      type = Signatures.arrayOf(type).orElseThrow(
          () -> new Problem(Message.UNSUPPORTED_TYPE, pos, t, ""));
    }
    if (type.rank() != dims.size()) {
      throw new Problem(Message.RAGGED_ARRAY, pos, "'" + t + "'");
    }
    return at(new Expr.NewArray(type, dims), t);
  }
}
