package dev.chainrule.processor.diagnostics;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.numeric.GradientCheck;
import dev.chainrule.numeric.Packing;
import dev.chainrule.processor.Compiled;
import java.lang.reflect.InvocationTargetException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * User names that look like what the processor generates (temporaries, adjoints, the seed and
 * adjoint parameters, runtime and JDK class names, unicode) must not collide with it: each source
 * compiles, and its gradient matches Richardson finite differences of the original method, with the
 * generated value equal to the original's.
 */
class AcceptedNamesTest {
  private static Compiled compile(String members) {
    return Diagnosis.compiledMembers(members);
  }

  /** Checks {@code method}'s gradient at {@code x}, for a method whose parameters are all double. */
  private static void checkScalars(Compiled c, String method, double... x) {
    Record gradient = gradient(c, method, boxed(x));
    assertValue(gradient, value(c, method, boxed(x)));
    GradientCheck.compareRecord(gradient, v -> value(c, method, boxed(v)), x.clone()).assertWithin(1e-8);
  }

  private static Record gradient(Compiled c, String method, Object... args) {
    return (Record) c.call("p.CDerivatives", method + "Gradient", args);
  }

  private static double value(Compiled c, String method, Object... args) {
    return (double) c.call("p.C", method, args);
  }

  private static Object[] boxed(double[] x) {
    return Arrays.stream(x).boxed().toArray();
  }

  private static void assertValue(Record gradient, double expected) {
    try {
      double actual = (double) gradient.getClass().getMethod("value").invoke(gradient);
      assertEquals(expected, actual, 1e-12 * Math.max(1, Math.abs(expected)), "value of " + gradient);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  /** A new adjoint object, {@code p.CDerivatives.<Name>Adjoint}. */
  private static Object newAdjoint(Compiled c, String type) {
    try {
      return c.load("p.CDerivatives$" + type).getConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  private static double field(Object adjoint, String name) {
    try {
      return adjoint.getClass().getField(name).getDouble(adjoint);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void localsNamedLikeGeneratedTemporariesAndAdjoints() {
    Compiled c = compile("""
        @Differentiable
        static double f(double x, double y) {
          double t0 = x * y;
          double t1 = Math.sin(t0);
          double d_x = t1 * x;
          double d_result = d_x + y;
          double result = d_result * t0;
          double g0 = result / (1 + x * x);
          double y1 = g0 - y;
          int trips = 0;
          int k = 0;
          boolean broke = false;
          boolean branch = x > y;
          double x_old = x;
          for (int i = 0; i < 4; i++) {
            if (branch) {
              y1 = y1 * x_old + t0;
            } else {
              y1 = y1 - t1 * x;
            }
            trips++;
            k += 2;
            if (y1 > 100) {
              broke = true;
              break;
            }
          }
          while (k > 0) {
            y1 = y1 * 0.5 + d_result;
            k--;
          }
          return broke ? y1 : y1 * trips + result;
        }
        """);
    checkScalars(c, "f", 0.7, 0.3);
    checkScalars(c, "f", -0.4, 0.9);
    checkScalars(c, "f", 3.0, 1.5);
  }

  /** The pullback's own parameters are called seed and adjoint; the user's must win. */
  @Test
  void parametersNamedSeedAdjointAndDout() throws ReflectiveOperationException {
    Compiled c = compile("""
        @Differentiable
        static double f(double seed, double adjoint, double dout) {
          return seed * adjoint + Math.exp(dout) * seed;
        }
        """);
    checkScalars(c, "f", 0.3, 1.2, -0.4);

    // Pullback: seed 2, twice into the same adjoint, so each partial is 4 × ∂f.
    Object adjoint = newAdjoint(c, "FAdjoint");
    for (int call = 0; call < 2; call++) {
      double value = (double) c.call("p.CDerivatives", "fPullback", 0.3, 1.2, -0.4, 2.0, adjoint);
      assertEquals(value(c, "f", 0.3, 1.2, -0.4), value, 1e-15);
    }
    assertEquals(4 * (1.2 + Math.exp(-0.4)), field(adjoint, "seed"), 1e-12);
    assertEquals(4 * 0.3, field(adjoint, "adjoint"), 1e-12);
    assertEquals(4 * Math.exp(-0.4) * 0.3, field(adjoint, "dout"), 1e-12);
  }

  @Test
  void localsNamedSeedAdjointValueAndDout() {
    Compiled c = compile("""
        @Differentiable
        static double f(double x, double y) {
          double adjoint = x * y;
          double seed = adjoint + x;
          double value = seed * seed;
          double dout = value - adjoint;
          return dout;
        }
        """);
    checkScalars(c, "f", 0.8, -1.3);
  }

  @Test
  void parametersNamedLikeTheirAdjoints() {
    Compiled c = compile("""
        @Differentiable
        static double f(double x, double d_x, double[] w, double[] d_w) {
          return x * d_x + w[0] * d_w[0] * x;
        }
        """);
    double[] w = {0.5, 2};
    double[] dw = {-1.5, 3};
    Packing p = Packing.of(0.4, 1.1, w, dw);
    GradientCheck.compareRecord(gradient(c, "f", 0.4, 1.1, w, dw),
        v -> value(c, "f", p.scalar(v, 0), p.scalar(v, 1), p.vector(v, 2), p.vector(v, 3)), p)
        .assertWithin(1e-8);
  }

  @Test
  void arrayParametersNamedSeedAndAdjoint() {
    Compiled c = compile("""
        @Differentiable
        static double f(double[] seed, double[] adjoint, double[][] d_seed, int n) {
          double s = 0;
          for (int i = 0; i < n; i++) {
            s += seed[i] * adjoint[i] + d_seed[i][0] * seed[i];
          }
          return s;
        }
        """);
    double[] seed = {0.5, -1, 2};
    double[] adjoint = {1.5, 0.25, -0.75};
    double[][] dSeed = {{1, 2}, {3, 4}, {5, 6}};
    Packing p = Packing.of(seed, adjoint, dSeed);
    GradientCheck.compareRecord(gradient(c, "f", seed, adjoint, dSeed, 3),
        v -> value(c, "f", p.vector(v, 0), p.vector(v, 1), p.matrix(v, 2), 3), p)
        .assertWithin(1e-8);
  }

  /** A local named Math shadows java.lang.Math: the user writes java.lang.Math, and so must the generated code. */
  @Test
  void localNamedMath() {
    Compiled c = compile("""
        @Differentiable
        static double f(double x) {
          double Math = x * x;
          return java.lang.Math.sin(Math) * x;
        }
        """);
    checkScalars(c, "f", 0.9);
  }

  @Test
  void parametersNamedMathAndStrictMath() {
    Compiled c = compile("""
        @Differentiable
        static double f(double Math, double StrictMath) {
          return Math * StrictMath + java.lang.Math.cos(Math) + java.lang.StrictMath.exp(StrictMath);
        }
        """);
    checkScalars(c, "f", 0.9, -0.2);
  }

  /** Names of the runtime and JDK classes the generated code uses, as locals and parameters. */
  @Test
  void namesOfRuntimeAndJdkClasses() {
    Compiled c = compile("""
        @Differentiable
        static double f(double[] w, double Objects, double Arrays, double DoubleStack, double IntStack, int n) {
          double Workspace = 0;
          double LongStack = 1;
          for (int i = 0; i < n; i++) {
            if (Workspace > 1) {
              Workspace = Workspace * Objects + Math.sin(w[i] * Arrays);
            } else {
              Workspace = Workspace + DoubleStack * IntStack * w[i] * LongStack;
            }
            LongStack = LongStack * 0.5;
          }
          return Workspace;
        }
        """);
    double[] w = {0.5, -0.25, 1.5, 0.75};
    Packing p = Packing.of(w, 0.8, 1.3, 0.9, 1.7);
    GradientCheck.compareRecord(gradient(c, "f", w, 0.8, 1.3, 0.9, 1.7, 4),
        v -> value(c, "f", p.vector(v, 0), p.scalar(v, 1), p.scalar(v, 2), p.scalar(v, 3), p.scalar(v, 4), 4), p)
        .assertWithin(1e-8);
  }

  @Test
  void unicodeIdentifiers() {
    Compiled c = compile("""
        @Differentiable
        static double f(double λ, double Δx) {
          double μ = λ * Δx;
          return Math.exp(-μ) + λ;
        }
        """);
    checkScalars(c, "f", 0.6, 1.7);
    assertThat(c.generated("p.CDerivatives")).contains("double λ");
  }

  @Test
  void parametersNamedJavaAndP() {
    Compiled c = compile("""
        @Differentiable
        static double f(double java, double p) {
          return Math.exp(java) * p + Math.log(p);
        }
        """);
    checkScalars(c, "f", 0.2, 1.9);
  }

  /** A method named seed, calling nothing and being called; its own parameters named seed and adjoint. */
  @Test
  void methodNamedSeed() throws ReflectiveOperationException {
    Compiled c = compile("""
        @Differentiable
        static double seed(double seed, double adjoint) {
          return seed * seed * adjoint;
        }
        @Differentiable
        static double f(double x) {
          return seed(x, x + 1) + 1;
        }
        """);
    checkScalars(c, "seed", 0.7, -0.3);
    checkScalars(c, "f", 0.7);

    Object adjoint = newAdjoint(c, "SeedAdjoint");
    c.call("p.CDerivatives", "seedPullback", 0.7, -0.3, 3.0, adjoint);
    assertEquals(3 * 2 * 0.7 * -0.3, field(adjoint, "seed"), 1e-12);
    assertEquals(3 * 0.7 * 0.7, field(adjoint, "adjoint"), 1e-12);
  }

  /** Methods named like what another method generates: fGradient, fPullback, fAdjoint. */
  @Test
  void methodsNamedLikeGeneratedMembers() {
    Compiled c = compile("""
        @Differentiable
        static double f(double x) {
          return x * x;
        }
        @Differentiable
        static double fGradient(double x) {
          return x * x * x;
        }
        @Differentiable
        static double fPullback(double x) {
          return Math.sin(x);
        }
        @Differentiable
        static double fAdjoint(double x) {
          return Math.cos(x) + f(x);
        }
        """);
    checkScalars(c, "f", 0.4);
    checkScalars(c, "fGradient", 0.4);
    checkScalars(c, "fPullback", 0.4);
    checkScalars(c, "fAdjoint", 0.4);
  }

  /**
   * A matrix parameter named like the enclosing class (class C, parameter C): FAILS today, the
   * generated code reads the constant as {@code C.K}, and {@code C} is the double parameter there.
   */
  @Test
  void parameterNamedLikeTheEnclosingClass() {
    Compiled c = compile("""
        static final double K = 3;
        @Differentiable
        static double f(double C, double x) {
          return C * x * K;
        }
        """);
    checkScalars(c, "f", 1.5, -0.5);
  }

  /** FAILS today: the generated code calls {@code C.g(C)}, and {@code C} is the double local there. */
  @Test
  void localNamedLikeTheEnclosingClass() {
    Compiled c = compile("""
        @Differentiable
        static double g(double x) {
          return Math.sin(x);
        }
        @Differentiable
        static double f(double x) {
          double C = x * x;
          return g(C);
        }
        """);
    checkScalars(c, "f", 0.8);
  }

  /** FAILS today: the generated code calls {@code CDerivatives.gPullback}, shadowed by the local. */
  @Test
  void localNamedLikeTheCompanion() {
    Compiled c = compile("""
        @Differentiable
        static double g(double x) {
          return Math.sin(x);
        }
        @Differentiable
        static double f(double x) {
          double CDerivatives = x * x;
          return g(CDerivatives);
        }
        """);
    checkScalars(c, "f", 0.8);
  }

  /**
   * Issue 13, item 13: names whose first character has no upper case give a gradient method and a
   * gradient record of the same name ({@code $fGradient}), which Java allows (methods and classes
   * are separate namespaces); they got a false name clash "with themselves".
   */
  @Test
  void methodNamesWithoutAnUpperCaseFirstLetter() {
    Compiled c = compile("""
        @Differentiable
        static double $f(double x) {
          return x * x * x;
        }
        @Differentiable
        static double _loss(double x) {
          return Math.exp(x) * x;
        }
        @Differentiable
        static double ßeta(double x) {
          return Math.sin(x) / (2 + x * x);
        }
        @Differentiable
        static double $F(double x) {
          return $f(x) + _loss(x) + ßeta(x);
        }
        """);
    for (String m : new String[] {"$f", "_loss", "ßeta", "$F"}) {
      checkScalars(c, m, 0.7);
      checkScalars(c, m, -1.3);
    }
  }

  /** toString and hashCode as parameters that are not differentiated: no record component, accepted. */
  @Test
  void objectMethodNamesAsParametersThatAreNotDifferentiated() {
    Compiled c = compile("""
        @Differentiable
        static double f(double x, int toString, @NoDerivative double hashCode) {
          return x * x * toString * hashCode;
        }
        """);
    Record g = gradient(c, "f", 0.7, 3, 1.5);
    assertValue(g, value(c, "f", 0.7, 3, 1.5));
    GradientCheck.compareRecord(g, v -> value(c, "f", v[0], 3, 1.5), new double[] {0.7}).assertWithin(1e-8);
  }

  /**
   * Issue 13, item 10: a unicode escape inside a statement is copied into the {@code // line N:}
   * comments; {@code \\u000a} there is a line break to javac, which made the rest of the comment
   * code. Also a carriage return, an escaped backslash and an escaped identifier.
   */
  @Test
  void unicodeEscapesInStatements() {
    Compiled c = compile("""
        @Differentiable
        static double f(double x) {
          double y = x *\\u000a 2;
          double z = y *\\u000d 3 + 1;
          double w = z * 2 /* \\u005c */;
          double \\u0076 = w + x;
          return y * z + v;
        }
        """);
    checkScalars(c, "f", 0.7);
    checkScalars(c, "f", -2.5);
    assertThat(c.generated("p.CDerivatives")).doesNotContain("\\u000a");
  }

  /**
   * 63 differentiated doubles take 126 slots: the pushforward adds 126 for their tangents and one
   * for its workspace (253 of the JVM's 255), the pullback 3 — the most doubles a method can take
   * when all are differentiated. Every generated method compiles.
   */
  @Test
  void asManyParametersAsTheGeneratedMethodsCanTake() {
    String params = java.util.stream.IntStream.range(0, 63).mapToObj(i -> "double x" + i)
        .collect(java.util.stream.Collectors.joining(", "));
    Compiled c = compile("""
        @Differentiable
        static double f(%s) {
          return x0 * x62 + Math.sin(x7);
        }
        """.formatted(params));
    Object[] args = new Object[63];
    for (int i = 0; i < args.length; i++) {
      args[i] = 0.01 * i + 0.5;
    }
    Record g = gradient(c, "f", args);
    assertValue(g, value(c, "f", args));
    double[] x = new double[63];
    for (int i = 0; i < x.length; i++) {
      x[i] = (double) args[i];
    }
    GradientCheck.compareRecord(g, v -> value(c, "f", boxed(v)), x).assertWithin(1e-8);
  }
}
