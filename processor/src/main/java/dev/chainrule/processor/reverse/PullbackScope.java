package dev.chainrule.processor.reverse;

import static dev.chainrule.processor.ir.Build.field;
import static dev.chainrule.processor.ir.Build.invoke;
import static dev.chainrule.processor.ir.Build.lit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.NameAllocator;
import dev.chainrule.processor.analysis.Plan;
import dev.chainrule.processor.diagnostics.Problem;
import dev.chainrule.processor.ir.Callee;
import dev.chainrule.processor.ir.Expr;
import dev.chainrule.processor.ir.Param;
import dev.chainrule.processor.ir.Pos;
import dev.chainrule.processor.ir.Stmt;
import dev.chainrule.processor.ir.Type;
import dev.chainrule.processor.ir.Walk;
import dev.chainrule.processor.ir.WorkField;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the parts of the reverse stage share while they write one pullback: the plan, the names
 * they give (adjoints {@code d_v}, temporaries, fresh locals), the adjoint object's private
 * storage (tapes, buffers, callees' adjoints) and the declarations hoisted to the top.
 */
final class PullbackScope {
  static final ClassName WORKSPACE = ClassName.get("dev.chainrule.runtime", "Workspace");
  static final Pos NONE = Pos.NONE;

  final Plan plan;
  final String seed;
  final String adjoint;
  /** Declarations the generated code puts up front so that the reverse sweep can see them. */
  final List<Stmt> hoisted = new ArrayList<>();
  /** Every scalar adjoint declared so far (the result's excepted), in order of first use. */
  final Set<String> scalarAdjoints = new LinkedHashSet<>();
  final Map<String, WorkField> workFields = new LinkedHashMap<>();
  /** How many times each variable is written in the method (declarations count). */
  final Map<String, Integer> writeCounts = new HashMap<>();
  final List<Problem> warnings = new ArrayList<>();
  /** Calls of opaque code already warned about (each once). */
  final Set<Expr> warnedCalls = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
  final NameAllocator fieldNames = new NameAllocator();
  /** Calls whose pullback must run on the arrays they wrote, as the call saw them: those arrays. */
  final Map<Expr.Call, List<Expr>> snapshotted = new IdentityHashMap<>();
  private final NameAllocator names = new NameAllocator();
  private final Map<String, String> adjointNames = new HashMap<>();
  private final Set<String> adjointTemps = new HashSet<>();
  private final Map<String, Integer> nextSuffix = new HashMap<>();
  private int temps;

  PullbackScope(Plan plan) {
    this.plan = plan;
    for (String id : plan.method().identifiers()) {
      names.newName(id, "user:" + id);
    }
    if (!plan.method().identifiers().contains(plan.result().name())) {
      names.newName(plan.result().name(), "user:" + plan.result().name());
    }
    this.seed = names.newName("seed");
    this.adjoint = names.newName("adjoint");
    for (Param p : plan.method().parameters()) {
      if (p.differentiated()) {
        fieldNames.newName(p.name(), "param:" + p.name());
      }
    }
    Walk.forEachStmt(plan.body(), s -> {
      if (s instanceof Stmt.Declare d) {
        writeCounts.merge(d.name(), 1, Integer::sum);
      } else if (s instanceof Stmt.Assign a) {
        writeCounts.merge(Walk.root(a.target()), 1, Integer::sum);
      }
    });
  }

  // ---------------------------------------------------------------- names

  Expr.Local adjointOf(String variable, Type type) {
    String name = adjointNames.computeIfAbsent(variable, v -> names.newName("d_" + v));
    if (!type.isArray() && !variable.equals(plan.result().name())) {
      scalarAdjoints.add(variable);
    }
    return new Expr.Local(name, type);
  }

  /** The name of {@code variable}'s adjoint, once it has one. */
  String adjointName(String variable) {
    return adjointNames.get(variable);
  }

  /** Whether {@code local} is the adjoint of some variable. */
  boolean isAdjoint(String local) {
    return adjointNames.containsValue(local);
  }

  /**
   * The name for the adjoint of an intermediate value {@code base} ({@code d_t3}), the first time it
   * is asked for; null after that (the caller then takes a numbered temporary).
   */
  String adjointTempName(String base) {
    return adjointTemps.add(base) ? names.newName(base) : null;
  }

  String temp(String base) {
    return names.newName(base + temps++);
  }

  /**
   * {@code base}, or {@code base2}, {@code base3}, ... if that is taken. The search resumes after
   * the last suffix given for {@code base}: probing from 1 each time made a method with n saves of
   * one variable cost O(n³) (every failed probe also reserves a name).
   */
  String fresh(String base) {
    for (int k = nextSuffix.getOrDefault(base, 1); ; k++) {
      String candidate = k == 1 ? base : base + k;
      String allocated = names.newName(candidate);
      if (allocated.equals(candidate)) {
        nextSuffix.put(base, k + 1);
        return allocated;
      }
    }
  }

  // ---------------------------------------------------------------- the adjoint's storage

  Expr workField(String suggestion, WorkField.Kind kind, ClassName callee, Type type) {
    String key = kind + ":" + suggestion + (callee == null ? "" : ":" + callee);
    WorkField f = workFields.computeIfAbsent(key, k -> new WorkField(fieldNames.newName(suggestion), kind, callee));
    return field(adjoint, f.name(), type);
  }

  /** A unique buffer of the workspace (a new field each call). */
  Expr freshBuffer(String suggestion, WorkField.Kind kind, Type type) {
    return workField(suggestion + temps++, kind, null, type);
  }

  Expr tape(Type type) {
    if (type == Type.DOUBLE) {
      return workField("doubles", WorkField.Kind.DOUBLE_STACK, null, null);
    }
    if (type == Type.LONG) {
      return workField("longs", WorkField.Kind.LONG_STACK, null, null);
    }
    return workField("ints", WorkField.Kind.INT_STACK, null, null);
  }

  /** The tape of whole arrays saved before calls that may change them (apart from the scalar tapes). */
  Expr snapshotTape(Type arrayType) {
    return switch (arrayType) {
      case INT_ARRAY, INT_MATRIX -> workField("savedInts", WorkField.Kind.INT_STACK, null, null);
      case DOUBLE_ARRAY, DOUBLE_MATRIX, DOUBLE_TENSOR -> workField("savedDoubles", WorkField.Kind.DOUBLE_STACK, null, null);
      default -> throw new IllegalStateException("no snapshot for " + arrayType);
    };
  }

  /** The reverse sweep's {@code popAll} of arrays saved before a call, last saved first. */
  List<Stmt> popSnapshots(List<Expr> written) {
    List<Stmt> out = new ArrayList<>();
    for (int i = written.size() - 1; i >= 0; i--) {
      Expr array = written.get(i);
      out.add(new Stmt.Eval(invoke(snapshotTape(array.type()), "popAll", null, array), NONE));
    }
    return out;
  }

  static WorkField.Kind workKind(Type type) {
    switch (type) {
      case DOUBLE_ARRAY:
        return WorkField.Kind.DOUBLE_ARRAY;
      case DOUBLE_MATRIX:
        return WorkField.Kind.DOUBLE_MATRIX;
      case DOUBLE_TENSOR:
        return WorkField.Kind.DOUBLE_TENSOR;
      case INT_MATRIX:
        return WorkField.Kind.INT_MATRIX;
      default:
        return WorkField.Kind.INT_ARRAY;
    }
  }

  /** {@code Workspace.zeros(buffer, dims...)}: the buffer, zero-filled to the shape of {@code n}. */
  static Expr zeros(Expr buffer, Expr.NewArray n) {
    List<Expr> args = new ArrayList<>();
    args.add(buffer);
    for (Expr dim : n.dimensions()) {
      args.add(dim.type() == Type.LONG ? new Expr.Cast(Type.INT, dim) : dim);
    }
    return new Expr.Call(new Callee.StaticMethod(WORKSPACE, "zeros"), args, n.type());
  }

  // ---------------------------------------------------------------- adjoints of places

  /** The adjoint of an array-valued expression: {@code d_a} for {@code a}, {@code d_X[i]} for {@code X[i]}. */
  Expr adjointArray(Expr array) {
    if (array instanceof Expr.Local l) {
      return adjointOf(l.name(), l.type());
    }
    Expr.ArrayRead r = (Expr.ArrayRead) array;
    return new Expr.ArrayRead(adjointArray(r.array()), r.index(), r.type());
  }

  Expr adjointOfTarget(Expr target) {
    if (target instanceof Expr.Local l) {
      return adjointOf(l.name(), l.type());
    }
    Expr.ArrayRead r = (Expr.ArrayRead) target;
    return new Expr.ArrayRead(adjointArray(r.array()), r.index(), r.type());
  }

  // ---------------------------------------------------------------- declarations

  void hoist(String name, Type type) {
    hoisted.add(new Stmt.Declare(name, type, defaultValue(type), NONE));
  }

  Stmt declareOrAssign(Expr.Local local, Expr value, boolean hoist, Pos pos) {
    if (hoist) {
      hoist(local.name(), local.type());
      return new Stmt.Assign(local, null, value, pos);
    }
    return new Stmt.Declare(local.name(), local.type(), value, pos);
  }

  static Expr defaultValue(Type type) {
    switch (type) {
      case DOUBLE:
        return lit(0);
      case INT:
        return Expr.Literal.ofInt(0);
      case LONG:
        return new Expr.Literal(0L, Type.LONG, "0L");
      case BOOLEAN:
        return Expr.Literal.ofBoolean(false);
      default:
        return new Expr.Literal(null, type, "null");
    }
  }

  // ---------------------------------------------------------------- diagnostics

  Pos positionOf(Expr e) {
    return plan.method().posOf(e, plan.method().pos());
  }

  /** How the user wrote an expression: its source text, or its variable name. */
  String describe(Expr arg) {
    if (arg instanceof Expr.Local l) {
      return l.name();
    }
    String excerpt = plan.method().posOf(arg, Pos.NONE).excerpt();
    return excerpt.isEmpty() ? "argument" : excerpt;
  }
}
