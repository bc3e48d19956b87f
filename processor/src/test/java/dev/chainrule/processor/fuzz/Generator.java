package dev.chainrule.processor.fuzz;

import dev.chainrule.processor.fuzz.Ast.*;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Generates random {@code @Differentiable} methods over ChainRule's supported subset. Arguments of
 * functions with a restricted domain are built so they stay inside it ({@code log(2 + sin e)},
 * {@code sqrt(1 + v*v)}, {@code asin(0.9 * tanh e)}, divisions by {@code 2 + cos e}...); loops are
 * bounded; array indices are in bounds for every array of length at least 2; a method only calls
 * methods generated before it in the same batch.
 */
final class Generator {
  private static final String[] FREE_FNS = {
    "sin", "cos", "atan", "tanh", "cbrt", "abs", "toRadians", "toDegrees", "sinh", "cosh", "exp",
    "expm1"
  };
  private static final int COST_BUDGET = 4000;

  private final SplittableRandom r;
  private final List<Method> done = new ArrayList<>();
  private final Map<String, Integer> costs = new HashMap<>();
  /** Methods that write into an array parameter or call bump: callers would get a refusal. */
  private final java.util.Set<String> withSideEffects = new java.util.HashSet<>();
  private boolean sideEffects;

  // Per-method state.
  private List<String> doubles; // readable double variables in scope
  private List<String> assignable; // of which assignable
  private List<String> arrays; // arrays in scope
  private List<String> localArrays; // of which writable (local)
  private List<String> ints; // int loop variables in scope
  private List<String> matrices; // double[][] parameters
  private Map<String, String> loopOver; // for-loop variable -> the array whose length bounds it
  private String counterParam; // the int[] counter parameter, or null
  private String workspace; // the @NoDerivative double[] parameter, or null
  private boolean writesWorkspace;
  private boolean inBase;
  private java.util.Set<String> specialNames; // odd local names already used in this method
  private int counter;
  private int loopDepth;
  private int mult;
  private int cost;

  Generator(long seed) {
    this.r = new SplittableRandom(seed);
  }

  List<Method> methods() {
    return done;
  }

  /**
   * Odd but legal identifiers, as users write them: a {@code $}, {@code _} or {@code ß} in front or
   * a {@code $} behind (about one name in five).
   */
  private String odd(String base) {
    return switch (r.nextInt(20)) {
      case 0 -> "$" + base;
      case 1 -> "_" + base;
      case 2 -> "ß" + base;
      case 3 -> base + "$";
      default -> base;
    };
  }

  /**
   * A local's name: mostly {@code base}, sometimes a name the generated code also uses ({@code
   * seed}, {@code adjoint}, {@code d_t0}, {@code d_x0}, {@code result}) or one of Object's methods
   * ({@code toString}, legal for a local), each at most once per method.
   */
  private String localName(String base) {
    if (r.nextInt(12) == 0) {
      String[] special = {"seed", "adjoint", "d_t0", "d_x0", "result", "toString", "hashCode", "wait", "g0",
          "trips", "branch", "x_old"};
      String pick = special[r.nextInt(special.length)];
      if (specialNames.add(pick)) {
        return pick;
      }
    }
    return odd(base);
  }

  /** Generates the next method, named {@code name}; it may call the earlier ones. */
  Method next(String name) {
    name = odd(name);
    specialNames = new java.util.HashSet<>();
    inBase = r.nextInt(6) == 0;
    counterParam = null;
    workspace = null;
    writesWorkspace = false;
    sideEffects = false;
    doubles = new ArrayList<>();
    assignable = new ArrayList<>();
    arrays = new ArrayList<>();
    localArrays = new ArrayList<>();
    ints = new ArrayList<>();
    matrices = new ArrayList<>();
    loopOver = new HashMap<>();
    counter = 0;
    loopDepth = 0;
    mult = 1;
    cost = 0;
    List<Param> params = new ArrayList<>();
    int scalars = r.nextInt(4);
    int arrs = r.nextInt(10) < 6 ? 0 : 1 + r.nextInt(2);
    int mats = r.nextInt(6) == 0 ? 1 : 0;
    if (scalars + arrs + mats == 0) {
      scalars = 1;
    }
    for (int i = 0; i < scalars; i++) {
      String x = odd("x" + i);
      params.add(new Param(x, 0));
      doubles.add(x);
      assignable.add(x);
    }
    for (int i = 0; i < arrs; i++) {
      String a = odd("a" + i);
      params.add(new Param(a, 1));
      arrays.add(a);
    }
    for (int i = 0; i < mats; i++) {
      String m = odd("m" + i);
      params.add(new Param(m, 2));
      matrices.add(m);
    }
    if (r.nextInt(6) == 0) {
      counterParam = odd("c0");
      params.add(r.nextInt(params.size() + 1), new Param(counterParam, 1, Kind.COUNTER));
    }
    if (r.nextInt(6) == 0) {
      workspace = odd("n0");
      params.add(r.nextInt(params.size() + 1), new Param(workspace, 1, Kind.WORKSPACE));
      arrays.add(workspace); // readable (its elements are constants to the derivative)
    }
    List<St> body = new ArrayList<>();
    if (doubles.isEmpty()) {
      if (arrays.isEmpty()) {
        body.add(row(matrices.get(0)));
      }
      body.add(declare(new Get(arrays.get(0), new IConst(r.nextInt(2)))));
    }
    int count = 1 + r.nextInt(6);
    for (int i = 0; i < count; i++) {
      body.add(statement(0, true));
    }
    if (r.nextInt(4) == 0) {
      reductionEnding(body);
    } else {
      body.add(new Ret(null, ex(3)));
    }
    Method m = new Method(name, params, body, inBase, r.nextInt(8) == 0, writesWorkspace);
    done.add(m);
    if (sideEffects || writesWorkspace) {
      withSideEffects.add(name);
    }
    costs.put(name, cost + 1);
    return m;
  }

  /**
   * Ends the method as losses often end: a loop that adds a term per iteration into an
   * accumulator, then {@code return acc} (or {@code acc} scaled by a constant) — the shape whose
   * reverse sweep ChainRule fuses into the loop.
   */
  private void reductionEnding(List<St> body) {
    Decl acc = declare(new Lit(0));
    body.add(acc);
    String v = "i" + counter++;
    Idx bound;
    int trips;
    if (!arrays.isEmpty() && r.nextInt(3) > 0) {
      String arr = pick(arrays);
      bound = new Len(arr);
      loopOver.put(v, arr);
      trips = 5;
    } else {
      trips = 2 + r.nextInt(4);
      bound = new IConst(trips);
    }
    loopDepth++;
    int savedMult = mult;
    mult *= trips;
    ints.add(v);
    List<St> loopBody = block(1, r.nextInt(3));
    loopBody.add(new Assign(acc.name(), pick("+=", "+=", "-="), ex(2)));
    ints.remove(v);
    mult = savedMult;
    loopDepth--;
    body.add(new For(v, bound, loopBody));
    Ex result = new Ref(acc.name());
    body.add(new Ret(null, switch (r.nextInt(3)) {
      case 0 -> result;
      case 1 -> new Bin('/', result, new Lit(1 + r.nextInt(4)));
      default -> new Bin('*', result, new Lit(0.5));
    }));
  }

  private Decl declare(Ex e) {
    String name = localName("v" + counter++);
    doubles.add(name);
    assignable.add(name);
    return new Decl(name, e, r.nextInt(8) == 0);
  }

  private List<St> block(int depth, int count) {
    int d = doubles.size(), a = assignable.size(), ar = arrays.size(), la = localArrays.size();
    int in = ints.size();
    List<St> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      out.add(statement(depth, false));
    }
    trim(doubles, d);
    trim(assignable, a);
    trim(arrays, ar);
    trim(localArrays, la);
    trim(ints, in);
    return out;
  }

  private static void trim(List<String> list, int size) {
    while (list.size() > size) {
      list.remove(list.size() - 1);
    }
  }

  /** A loop body: random statements with at least one write to a variable outside the loop. */
  private List<St> loopBody(int depth) {
    List<String> outer = new ArrayList<>(assignable);
    List<String> outerArrays = new ArrayList<>(localArrays);
    List<St> body = block(depth, r.nextInt(3));
    if (!outerArrays.isEmpty() && r.nextBoolean()) {
      String arr = pick(outerArrays);
      body.add(r.nextInt(body.size() + 1), new SetEl(arr, index(arr), pick("=", "+=", "*="), ex(2)));
    } else {
      String v = pick(outer);
      body.add(r.nextInt(body.size() + 1), assign(v));
    }
    if (r.nextInt(3) == 0) {
      Cond c = cond(1);
      body.add(r.nextInt(body.size() + 1), r.nextBoolean() ? new Break(c) : new Continue(c));
    }
    return body;
  }

  private St assign(String v) {
    int k = r.nextInt(20);
    if (k < 6) {
      return new Assign(v, "=", ex(2));
    } else if (k < 11) {
      return new Assign(v, "+=", ex(2));
    } else if (k < 13) {
      return new Assign(v, "-=", ex(2));
    } else if (k < 16) {
      return new Assign(v, "*=", ex(2));
    } else if (k < 18) {
      return new Assign(v, "/=", safeDenominator(1));
    }
    return new Assign(v, r.nextBoolean() ? "++" : "--", null);
  }

  private St statement(int depth, boolean topLevel) {
    while (true) {
      int k = r.nextInt(100);
      if (k < 25) {
        return declare(ex(3));
      } else if (k < 45) {
        return assign(pick(assignable));
      } else if (k < 55 && depth < 3) {
        // A call with a side effect in a condition, which the reverse sweep must record, not repeat.
        Cond c = counterParam != null && r.nextInt(5) == 0 ? new Cmp(">", bump(), literal()) : cond(2);
        List<St> then = block(depth + 1, 1 + r.nextInt(2));
        List<St> otherwise = switch (r.nextInt(5)) {
          case 0, 1 -> null;
          case 2, 3 -> block(depth + 1, 1 + r.nextInt(2));
          default -> {
            // else if (...) { ... } [else { ... }]
            Cond c2 = cond(2);
            List<St> then2 = block(depth + 1, 1 + r.nextInt(2));
            List<St> else2 = r.nextBoolean() ? block(depth + 1, 1 + r.nextInt(2)) : null;
            yield new ArrayList<>(List.of(new If(c2, then2, else2)));
          }
        };
        if (r.nextInt(6) == 0) {
          then.add(new Ret(null, ex(2)));
        }
        return new If(c, then, otherwise);
      } else if (k < 65 && loopDepth < 2) {
        String v = "i" + counter++;
        Idx bound;
        int trips;
        if ((!arrays.isEmpty() || !matrices.isEmpty()) && r.nextBoolean()) {
          String arr = !matrices.isEmpty() && (arrays.isEmpty() || r.nextInt(3) == 0)
              ? pick(matrices) : pick(arrays);
          bound = new Len(arr);
          loopOver.put(v, arr);
          trips = 5;
        } else {
          trips = 2 + r.nextInt(3);
          bound = new IConst(trips);
        }
        return loop(depth, trips, v, body -> new For(v, bound, body));
      } else if (k < 70 && loopDepth < 2 && !arrays.isEmpty()) {
        String v = "e" + counter++;
        String arr = pick(arrays);
        return loop(depth, 5, null, body -> new ForEach(v, arr, body), v);
      } else if (k < 77 && loopDepth < 2) {
        String v = "k" + counter++;
        int max = 2 + r.nextInt(4);
        Cond extra = r.nextBoolean() ? cond(1) : null;
        boolean doWhile = r.nextInt(3) == 0;
        return loop(depth, max, v, body -> new While(v, max, extra, doWhile, body));
      } else if (k < 84 && topLevel) {
        String name = "t" + counter++;
        St s;
        if (r.nextBoolean()) {
          Idx len = !arrays.isEmpty() && r.nextBoolean()
              ? new Len(pick(arrays)) : new IConst(2 + r.nextInt(3));
          s = new NewArr(name, len);
        } else {
          List<Ex> elems = new ArrayList<>();
          int n = 2 + r.nextInt(3);
          for (int i = 0; i < n; i++) {
            elems.add(ex(2));
          }
          s = new InitArr(name, elems);
        }
        arrays.add(name);
        localArrays.add(name);
        return s;
      } else if (k < 92 && !localArrays.isEmpty()) {
        String arr = pick(localArrays);
        if (r.nextInt(6) == 0) {
          return new SetEl(arr, index(arr), "/=", safeDenominator(1));
        }
        return new SetEl(arr, index(arr), pick("=", "+=", "-=", "*="), ex(2));
      } else if (k < 95 && depth > 0) {
        return new Ret(cond(1), ex(2));
      } else if (k < 98 && !matrices.isEmpty()) {
        return row(pick(matrices));
      } else if (k < 100 && (workspace != null || counterParam != null)) {
        if (workspace != null && r.nextBoolean()) {
          // A write into the @NoDerivative workspace: constants only (the derivative needs none of it).
          writesWorkspace = true;
          return new SetEl(workspace, index(workspace), pick("=", "+=", "*="), constant(2));
        }
        if (counterParam != null) {
          // A call with a side effect whose result is dead.
          return declare(bump());
        }
      }
    }
  }

  private Ex bump() {
    sideEffects = true;
    return new Bump(counterParam);
  }

  /** An expression that does not depend on a differentiated input. */
  private Ex constant(int depth) {
    int k = r.nextInt(6);
    if (depth <= 0 || k == 0) {
      return literal();
    } else if (k == 1) {
      return new Const(pick("K0", "K1", "K2", "K3", "Q0"));
    } else if (k == 3 && workspace != null) {
      return new Get(workspace, index(workspace));
    } else if (k == 4 && !ints.isEmpty()) {
      return new IntScaled(0.25, new IVar(pick(ints)));
    }
    return new Bin(pick('+', '-', '*'), constant(depth - 1), constant(depth - 1));
  }

  /** {@code double[] rN = m[i];}: readable as an array for the rest of the block. */
  private St row(String matrix) {
    String name = "r" + counter++;
    St s = new RowDecl(name, matrix, index(matrix));
    arrays.add(name);
    return s;
  }

  private interface Wrap {
    St wrap(List<St> body);
  }

  private St loop(int depth, int trips, String intVar, Wrap wrap) {
    return loop(depth, trips, intVar, wrap, null);
  }

  private St loop(int depth, int trips, String intVar, Wrap wrap, String doubleVar) {
    loopDepth++;
    int savedMult = mult;
    mult *= trips;
    if (intVar != null) {
      ints.add(intVar);
    }
    if (doubleVar != null) {
      doubles.add(doubleVar);
    }
    List<St> body = loopBody(depth + 1);
    if (intVar != null) {
      ints.remove(intVar);
    }
    if (doubleVar != null) {
      doubles.remove(doubleVar);
    }
    mult = savedMult;
    loopDepth--;
    return wrap.wrap(body);
  }

  private Idx index(String arr) {
    List<Idx> options = new ArrayList<>();
    options.add(new IConst(r.nextInt(2)));
    options.add(new LenMinus(arr, 1 + r.nextInt(2)));
    for (String i : ints) {
      options.add(new ModLen(i, r.nextInt(3), arr));
      if (arr.equals(loopOver.get(i))) {
        options.add(new IVar(i));
        options.add(new IVar(i));
      }
    }
    return options.get(r.nextInt(options.size()));
  }

  private Cond cond(int depth) {
    int k = r.nextInt(20);
    if (k < 2 && depth > 0) {
      return new And(cond(depth - 1), cond(depth - 1));
    } else if (k < 4 && depth > 0) {
      return new Or(cond(depth - 1), cond(depth - 1));
    } else if (k < 5 && depth > 0) {
      return new Not(cond(depth - 1));
    } else if (k < 7 && !ints.isEmpty()) {
      return new ICmp(pick("<", ">", "==", "!="), new IVar(pick(ints)), r.nextInt(3));
    }
    Ex a = r.nextBoolean() ? new Ref(pick(doubles)) : ex(2);
    Ex b = r.nextBoolean() ? literal() : ex(1);
    return new Cmp(r.nextInt(12) == 0 ? pick("==", "!=") : pick("<", "<=", ">", ">="), a, b);
  }

  private Lit literal() {
    int k = r.nextInt(10);
    if (k < 3) {
      return new Lit(r.nextInt(5) - 2);
    }
    return new Lit(Math.round((r.nextDouble() * 4 - 2) * 100) / 100.0);
  }

  private Ex leaf() {
    cost++;
    int k = r.nextInt(100);
    if (k < 11) {
      return literal();
    } else if (k < 15) {
      return new Const(pick("K0", "K1", "K2", "K3", "Q0"));
    } else if (k < 30 && !arrays.isEmpty()) {
      String arr = pick(arrays);
      return new Get(arr, index(arr));
    } else if (k < 35 && (!ints.isEmpty() || !arrays.isEmpty())) {
      Idx i = !ints.isEmpty() && (arrays.isEmpty() || r.nextBoolean())
          ? new IVar(pick(ints)) : new Len(pick(arrays));
      return new IntScaled(r.nextInt(4) + 1 == 4 ? -0.5 : 0.25 * (1 + r.nextInt(3)), i);
    }
    return new Ref(pick(doubles));
  }

  /** A variable or array element, for forms that repeat their argument ({@code 1 + v*v}). */
  private Ex simple() {
    if (!arrays.isEmpty() && r.nextInt(4) == 0) {
      String arr = pick(arrays);
      return new Get(arr, index(arr));
    }
    return new Ref(pick(doubles));
  }

  private Fn fn(String name, Ex... args) {
    cost += mult;
    String owner = r.nextInt(8) == 0 ? "StrictMath" : "Math";
    return new Fn(owner, name, List.of(args));
  }

  private Ex add(Ex a, Ex b) {
    return new Bin('+', a, b);
  }

  private Ex mul(Ex a, Ex b) {
    return new Bin('*', a, b);
  }

  private Ex safeDenominator(int depth) {
    return switch (r.nextInt(3)) {
      case 0 -> add(new Lit(2.0), fn("cos", ex(depth)));
      case 1 -> {
        Ex v = simple();
        yield add(new Lit(1.0), mul(v, v));
      }
      default -> add(new Lit(1.5), fn("tanh", ex(depth)));
    };
  }

  /** A function with a restricted domain, its argument kept inside it. */
  private Ex domainFn(int depth) {
    Ex v = simple();
    return switch (r.nextInt(14)) {
      case 0 -> fn("log", add(new Lit(2.0), fn("sin", ex(depth))));
      case 1 -> fn("log", add(new Lit(1.0), mul(v, v)));
      case 2 -> fn("log10", add(new Lit(1.5), fn("cos", ex(depth))));
      case 3 -> fn("log1p", mul(new Lit(0.5), fn("sin", ex(depth))));
      case 4 -> fn("log1p", mul(v, v));
      case 5 -> fn("sqrt", add(new Lit(1.0), mul(v, v)));
      case 6 -> fn("sqrt", add(new Lit(2.0), fn("sin", ex(depth))));
      case 7 -> fn("asin", mul(new Lit(0.9), fn("tanh", ex(depth))));
      case 8 -> fn("acos", mul(new Lit(0.5), fn("sin", ex(depth))));
      case 9 -> fn("tan", mul(new Lit(0.7), fn("sin", ex(depth))));
      case 10 -> fn("pow", add(new Lit(1.5), fn("sin", ex(depth))), ex(depth));
      case 11 -> fn("pow", add(new Lit(2.0), fn("cos", ex(depth))), new Lit(0.5));
      case 12 -> fn("pow", ex(depth), new Lit(2 + r.nextInt(2)));
      default -> fn("exp", fn("sin", ex(depth)));
    };
  }

  Ex ex(int depth) {
    if (depth <= 0 || r.nextInt(10) < 3) {
      return leaf();
    }
    cost += mult;
    int k = r.nextInt(100);
    if (k < 30) {
      return new Bin(pick('+', '-', '*'), ex(depth - 1), ex(depth - 1));
    } else if (k < 36) {
      return new Bin('/', ex(depth - 1), safeDenominator(depth - 1));
    } else if (k < 40) {
      return new Neg(ex(depth - 1));
    } else if (k < 58) {
      String f = FREE_FNS[r.nextInt(FREE_FNS.length)];
      if (f.startsWith("exp") || f.endsWith("h") && !f.equals("tanh")) {
        // Mostly keep the exponential family's argument small, so that values stay finite.
        if (r.nextInt(4) != 0) {
          return fn(f, mul(new Lit(0.5), fn(pick("sin", "tanh", "atan"), ex(depth - 1))));
        }
      }
      return fn(f, ex(depth - 1));
    } else if (k < 70) {
      return domainFn(depth - 1);
    } else if (k < 75) {
      String f = pick("max", "min", "hypot", "atan2");
      return fn(f, ex(depth - 1), ex(depth - 1));
    } else if (k < 77) {
      // Extreme intermediates the value survives: exp of |a| up to about 1000 inside a
      // saturating function; atan2 and hypot of arguments near 1e-200 or 1e200.
      cost += mult;
      return new Sat(pick("sigmoid", "expexp", "atanexp"), mul(new Lit(pick(600.0, -650.0, 720.0)), ex(depth - 1)));
    } else if (k < 78) {
      double scale = pick(1e-200, 1e200, 1e-160);
      Ex scaled = fn(pick("atan2", "hypot"), mul(new Lit(scale), ex(depth - 1)), mul(new Lit(scale), ex(depth - 1)));
      return scaled instanceof Fn f && f.fn().equals("hypot") ? mul(new Lit(1 / scale), scaled) : scaled;
    } else if (k < 81) {
      return mul(ex(depth - 1), fn(pick("floor", "ceil", "rint", "signum"), ex(depth - 1)));
    } else if (k < 82) {
      return new Bin('*', new Lit(0.5), fn("round", ex(depth - 1)));
    } else if (k < 88) {
      return new Tern(cond(1), ex(depth - 1), ex(depth - 1));
    } else if (k < 100) {
      Ex call = call(depth - 1);
      if (call != null) {
        return call;
      }
    }
    return leaf();
  }

  private Ex call(int depth) {
    List<Method> options = new ArrayList<>();
    for (Method m : done) {
      boolean needsArray = m.params().stream().anyMatch(Param::array);
      boolean needsMatrix = m.params().stream().anyMatch(Param::matrix);
      boolean needsCounter = m.params().stream().anyMatch(p -> p.kind() == Kind.COUNTER);
      boolean needsWorkspace = m.params().stream().anyMatch(p -> p.kind() == Kind.WORKSPACE);
      if ((!needsArray || !differentiatedArrays().isEmpty()) && (!needsMatrix || !matrices.isEmpty())
          && (!needsCounter || counterParam != null) && (!needsWorkspace || workspace != null)
          && (m.inBase() || !inBase) && !withSideEffects.contains(m.name())
          && cost + (long) mult * costs.get(m.name()) <= COST_BUDGET) {
        options.add(m);
      }
    }
    if (options.isEmpty()) {
      return null;
    }
    Method m = options.get(r.nextInt(options.size()));
    cost += mult * costs.get(m.name());
    List<Object> args = new ArrayList<>();
    for (Param p : m.params()) {
      args.add(switch (p.kind()) {
        case COUNTER -> new ArrArg(counterParam);
        case WORKSPACE -> new ArrArg(workspace);
        default -> p.matrix() ? new ArrArg(pick(matrices))
            : p.array() ? new ArrArg(pick(differentiatedArrays())) : ex(Math.max(0, depth));
      });
    }
    return new Call(m.name(), args);
  }

  /** Arrays in scope that may hold differentiated values (not the workspace). */
  private List<String> differentiatedArrays() {
    List<String> out = new ArrayList<>(arrays);
    out.remove(workspace);
    return out;
  }

  @SafeVarargs
  private <T> T pick(T... options) {
    return options[r.nextInt(options.length)];
  }

  private <T> T pick(List<T> options) {
    return options.get(r.nextInt(options.size()));
  }

  private char pick(char a, char b, char c) {
    int k = r.nextInt(3);
    return k == 0 ? a : k == 1 ? b : c;
  }
}
