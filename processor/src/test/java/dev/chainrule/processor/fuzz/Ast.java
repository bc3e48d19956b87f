package dev.chainrule.processor.fuzz;

import java.util.List;

/**
 * The random-program generator's own syntax tree: a small subset of Java that {@link Printer}
 * prints as source and {@link Interpreter} evaluates (in plain {@code double} and in forward mode).
 *
 * <p>Typing is kept trivial on purpose: every {@link Ex} is a {@code double} expression (an int
 * loop variable or an array length only ever appears multiplied by a double literal, and
 * {@code Math.round} likewise, so no integer or long arithmetic can differ from the interpreter's
 * double arithmetic), every {@link Idx} is an {@code int} index that is in bounds for arrays of
 * length at least 2.
 */
final class Ast {
  private Ast() {}

  /**
   * A generated {@code @Differentiable static double name(double x0, double[] a0, ...)}.
   *
   * @param inBase printed in the base class (the generated class inherits it)
   * @param escapes printed with some unicode escapes ({@code \u002a} for {@code *}, a
   *     {@code \u000a} line break inside a statement)
   * @param writesWorkspace writes into its {@code @NoDerivative double[]} parameter
   */
  record Method(String name, List<Param> params, List<St> body, boolean inBase, boolean escapes,
      boolean writesWorkspace) {
    Method(String name, List<Param> params, List<St> body) {
      this(name, params, body, false, false, false);
    }
  }

  /** What a parameter is. */
  enum Kind {
    /** {@code double}, {@code double[]} or {@code double[][]}, differentiated. */
    DIFFERENTIATED,
    /** {@code @NoDerivative double[]}: data the method may also write into (constants only). */
    WORKSPACE,
    /** {@code int[]}: a counter that {@link Bump} advances. */
    COUNTER
  }

  /** A parameter: {@code double} (dims 0), {@code double[]} (1) or {@code double[][]} (2). */
  record Param(String name, int dims, Kind kind) {
    Param(String name, int dims) {
      this(name, dims, Kind.DIFFERENTIATED);
    }

    boolean differentiated() {
      return kind == Kind.DIFFERENTIATED;
    }

    boolean array() {
      return dims == 1 && differentiated();
    }

    boolean matrix() {
      return dims == 2;
    }
  }

  // ---- double expressions

  sealed interface Ex permits Lit, Ref, IntScaled, Get, Bin, Neg, Fn, Tern, Call, Const, Sat, Bump {}

  /**
   * A static constant by simple name: {@code K0..K3} are declared in the base class and, with other
   * values, in a statically imported class (the inherited ones win, as javac resolves them);
   * {@code Q0} only in the imported class.
   */
  record Const(String name) implements Ex {}

  /**
   * A saturating function of a scaled argument, whose intermediates overflow for |a| > 709.8 while
   * its value stays finite: {@code sigmoid} {@code 1 / (1 + exp(-a))}, {@code expexp}
   * {@code exp(-exp(a))}, {@code atanexp} {@code atan(exp(a))}. The oracle differentiates it in
   * closed form.
   */
  record Sat(String kind, Ex a) implements Ex {}

  /** {@code bump(counter)}: a call of other code that advances {@code counter[0]} and returns it halved. */
  record Bump(String counter) implements Ex {}

  /** A double literal (printed so that it reads back as exactly {@code v}). */
  record Lit(double v) implements Ex {}

  /** A double variable (parameter, local, enhanced-for variable). */
  record Ref(String name) implements Ex {}

  /** {@code k * i} or {@code k * a.length} with a double literal k: an int in a double context. */
  record IntScaled(double k, Idx i) implements Ex {}

  /** {@code arr[idx]}. */
  record Get(String arr, Idx idx) implements Ex {}

  /** {@code (a op b)}, op one of + - * /. */
  record Bin(char op, Ex a, Ex b) implements Ex {}

  record Neg(Ex a) implements Ex {}

  /**
   * {@code owner.fn(args)} with owner {@code Math} or {@code StrictMath}; {@code round} is long but
   * is only generated inside {@link #IntScaled}-like products ({@code k * Math.round(e)}).
   */
  record Fn(String owner, String fn, List<Ex> args) implements Ex {}

  record Tern(Cond c, Ex a, Ex b) implements Ex {}

  /** A call of an earlier generated method; args are {@link Ex} or {@link ArrArg}. */
  record Call(String method, List<Object> args) implements Ex {}

  record ArrArg(String arr) {}

  // ---- conditions

  sealed interface Cond permits Cmp, ICmp, And, Or, Not {}

  /** {@code a op b} on doubles, op one of {@code < <= > >= == !=}. */
  record Cmp(String op, Ex a, Ex b) implements Cond {}

  /** {@code i op k} on ints (loop variables): op one of {@code < > == !=}. */
  record ICmp(String op, Idx a, int k) implements Cond {}

  record And(Cond a, Cond b) implements Cond {}

  record Or(Cond a, Cond b) implements Cond {}

  record Not(Cond a) implements Cond {}

  // ---- int index expressions (all non-negative)

  sealed interface Idx permits IConst, IVar, Len, LenMinus, ModLen {}

  record IConst(int k) implements Idx {}

  record IVar(String name) implements Idx {}

  /** {@code arr.length} (arr may be a matrix: its number of rows). */
  record Len(String arr) implements Idx {}

  /** {@code arr.length - k}, k in 1..2. */
  record LenMinus(String arr, int k) implements Idx {}

  /** {@code (i + k) % arr.length} ({@code i % arr.length} when k is 0). */
  record ModLen(String var, int k, String arr) implements Idx {}

  // ---- statements

  sealed interface St
      permits Decl, Assign, NewArr, InitArr, SetEl, RowDecl, If, For, ForEach, While, Break, Continue,
          Ret {}

  /** {@code double[] name = matrix[row];}: a row variable of a {@code double[][]} parameter. */
  record RowDecl(String name, String matrix, Idx row) implements St {}

  /** {@code double name = e;}, or {@code var name = e;} (every {@link Ex} is a double). */
  record Decl(String name, Ex e, boolean var) implements St {}

  /** {@code name op e;} op in {@code = += -= *= /=}, or {@code name++;}/{@code name--;}. */
  record Assign(String name, String op, Ex e) implements St {}

  /** {@code double[] name = new double[len];} */
  record NewArr(String name, Idx len) implements St {}

  /** {@code double[] name = {e, ...};} */
  record InitArr(String name, List<Ex> elems) implements St {}

  /** {@code arr[idx] op e;} on a local array. */
  record SetEl(String arr, Idx idx, String op, Ex e) implements St {}

  record If(Cond c, List<St> then, List<St> otherwise) implements St {}

  /** {@code for (int v = 0; v < bound; v++) body}. */
  record For(String var, Idx bound, List<St> body) implements St {}

  /** {@code for (double v : arr) body}. */
  record ForEach(String var, String arr, List<St> body) implements St {}

  /**
   * {@code int var = 0; while (var < max && extra) { var++; body }}, or as a do-while: {@code int
   * var = 0; do { var++; body } while (var < max && extra);} (extra may be null).
   */
  record While(String var, int max, Cond extra, boolean doWhile, List<St> body) implements St {}

  /** {@code if (c) { break; }} */
  record Break(Cond c) implements St {}

  /** {@code if (c) { continue; }} */
  record Continue(Cond c) implements St {}

  /** {@code return e;}, or {@code if (c) { return e; }} when c is not null. */
  record Ret(Cond c, Ex e) implements St {}
}
