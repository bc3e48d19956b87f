package dev.chainrule.processor.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.numeric.GradientCheck;
import dev.chainrule.numeric.Packing;
import dev.chainrule.processor.Compiled;
import org.junit.jupiter.api.Test;

/**
 * Constructs near the edge of the subset that are valid and must be accepted, with gradients
 * checked against Richardson finite differences: they look like some refused input but are not.
 */
class AcceptedEdgeCasesTest {

  private static Compiled compile(String members) {
    return Diagnosis.compiledMembers(members);
  }

  /** An endless loop left by return (no unreachable code, unlike the rejected variant). */
  @Test
  void endlessLoopLeftByReturn() {
    Compiled c = compile("""
        @Differentiable
        static double f(double x) {
          while (true) {
            x = x * 1.5 + Math.sin(x);
            if (x > 10) {
              return x * x;
            }
          }
        }
        """);
    for (double x : new double[] {0.3, 2.2, 11}) {
      GradientCheck.compareRecord((Record) c.call("p.CDerivatives", "fGradient", x),
          v -> (double) c.call("p.C", "f", v[0]), new double[] {x}).assertWithin(1e-8);
    }
  }

  /** A row alias whose index variable changes afterwards: the alias keeps the row it was given. */
  @Test
  void rowAliasWithIndexChangedLater() {
    Compiled c = compile("""
        @Differentiable
        static double f(double[][] W) {
          int i = 0;
          double[] row = W[i];
          i = 1;
          return row[0] * W[i][0] + row[1] * row[1];
        }
        """);
    double[][] w = {{0.5, -1.5}, {2, 0.25}};
    Packing p = Packing.of((Object) w);
    GradientCheck.compareRecord((Record) c.call("p.CDerivatives", "fGradient", (Object) w),
        v -> (double) c.call("p.C", "f", (Object) p.matrix(v, 0)), p).assertWithin(1e-8);
  }

  /** h(int) and h(double) both apply to an int argument; Java picks h(int), and so must the derivative. */
  @Test
  void overloadedHelperOnConstantArgument() {
    Compiled c = compile("""
        static double h(int k) {
          return k;
        }
        static double h(double v) {
          return v * 100;
        }
        @Differentiable
        static double f(double x, int n) {
          return x * h(n);
        }
        """);
    GradientCheck.compareRecord((Record) c.call("p.CDerivatives", "fGradient", 0.7, 3),
        v -> (double) c.call("p.C", "f", v[0], 3), new double[] {0.7}).assertWithin(1e-8);
  }

  /**
   * A method without parameters: a gradient with the value only. FAILS today: the generated
   * gradient method calls {@code fPullback(, 1.0, adjoint)}, which does not compile.
   */
  @Test
  void noParameters() {
    Compiled c = compile("""
        @Differentiable
        static double f() {
          return 1.5 * Math.PI;
        }
        """);
    assertEquals(1.5 * Math.PI, value(c.call("p.CDerivatives", "fGradient")), 0);
  }

  /** Only an int parameter: nothing is differentiated, the record holds the value. */
  @Test
  void nothingToDifferentiate() {
    Compiled c = compile("""
        @Differentiable
        static double f(int n) {
          return n * 0.5;
        }
        """);
    assertEquals(3.5, value(c.call("p.CDerivatives", "fGradient", 7)), 0);
  }

  private static double value(Object gradient) {
    try {
      return (double) gradient.getClass().getMethod("value").invoke(gradient);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  /** Issue 13, item 14: W.length of a static array (W[i] already was accepted). */
  @Test
  void lengthOfAStaticArray() {
    Compiled c = compile("""
        static final double[] W = {1, 2, 3};
        static final double[][] M = {{1, 2}, {3, 4}, {5, 6}};
        @Differentiable
        static double f(double x) {
          double s = 0;
          for (int i = 0; i < W.length; i++) {
            s += W[i] * x * x + M.length * M[i].length * x;
          }
          return s + C.W.length * x;
        }
        """);
    for (double x : new double[] {0.3, -1.7}) {
      GradientCheck.compareRecord((Record) c.call("p.CDerivatives", "fGradient", x),
          v -> (double) c.call("p.C", "f", v[0]), new double[] {x}).assertWithin(1e-8);
    }
  }

  /** Static methods of an interface, an enum, a record, an inner (non-static) class and a generic class. */
  @Test
  void staticMethodsOfOtherKindsOfClasses() {
    String[][] sources = {
        {"p.I", "package p;\nimport dev.chainrule.Differentiable;\npublic interface I {\n  @Differentiable\n"
            + "  static double f(double x) {\n    return x * x * x;\n  }\n}\n"},
        {"p.E", "package p;\nimport dev.chainrule.Differentiable;\npublic enum E {\n  A;\n  @Differentiable\n"
            + "  public static double f(double x) {\n    return Math.exp(x) * x;\n  }\n}\n"},
        {"p.R", "package p;\nimport dev.chainrule.Differentiable;\npublic record R(double a) {\n  @Differentiable\n"
            + "  public static double f(double x) {\n    return Math.sin(x) * x;\n  }\n}\n"},
        {"p.Box", "package p;\nimport dev.chainrule.Differentiable;\npublic class Box<T> {\n  @Differentiable\n"
            + "  public static double f(double x) {\n    return x / (1 + x * x);\n  }\n  public class Inner {\n"
            + "    @Differentiable\n    public static double f(double x) {\n      return Box.f(x) * x;\n    }\n  }\n}\n"}};
    java.util.Map<String, String> files = new java.util.HashMap<>();
    for (String[] s : sources) {
      files.put(s[0], s[1]);
    }
    Compiled c = Compiled.of(files);
    String[][] methods = {{"p.I", "p.IDerivatives"}, {"p.E", "p.EDerivatives"}, {"p.R", "p.RDerivatives"},
        {"p.Box", "p.BoxDerivatives"}, {"p.Box$Inner", "p.Box_InnerDerivatives"}};
    for (String[] m : methods) {
      for (double x : new double[] {0.4, -1.1}) {
        GradientCheck.compareRecord((Record) c.call(m[1], "fGradient", x),
            v -> (double) c.call(m[0], "f", v[0]), new double[] {x}).assertWithin(1e-8);
      }
    }
  }

  /**
   * A public static field of a package-private class in another package, inherited by a public
   * class the annotated class extends: javac lets the subclass use it, and so must the companion,
   * through the public class.
   */
  @Test
  void publicFieldOfAHiddenClassInheritedThroughAPublicOne() {
    Compiled c = Compiled.of(java.util.Map.of(
        "q.Hidden", "package q;\nclass Hidden {\n  public static double scale = 2;\n}\n",
        "q.Pub", "package q;\npublic class Pub extends Hidden {\n}\n",
        "p.C", "package p;\nimport dev.chainrule.Differentiable;\npublic class C extends q.Pub {\n"
            + "  @Differentiable\n  static double f(double x) {\n    return x * x * scale;\n  }\n}\n"));
    GradientCheck.compareRecord((Record) c.call("p.CDerivatives", "fGradient", 0.9),
        v -> (double) c.call("p.C", "f", v[0]), new double[] {0.9}).assertWithin(1e-8);
  }

  /** A class of the package named Math: the companion must still call java.lang.Math. */
  @Test
  void classOfThePackageNamedLikeAJavaLangClass() {
    Compiled c = Compiled.of(java.util.Map.of(
        "p.Math", "package p;\nimport dev.chainrule.Differentiable;\npublic class Math {\n  @Differentiable\n"
            + "  public static double sin(double x) {\n    return 2 * x;\n  }\n}\n",
        "p.Double", "package p;\npublic class Double {\n}\n",
        "p.C", "package p;\nimport dev.chainrule.Differentiable;\npublic class C {\n  @Differentiable\n"
            + "  static double f(double x) {\n    return java.lang.Math.exp(x) * java.lang.Math.sin(x) + Math.sin(x);\n  }\n}\n"));
    for (double x : new double[] {0.4, -1.5}) {
      GradientCheck.compareRecord((Record) c.call("p.CDerivatives", "fGradient", x),
          v -> (double) c.call("p.C", "f", v[0]), new double[] {x}).assertWithin(1e-8);
    }
    // exp's capped partial is written with java.lang.Double, which p.Double would hide.
    org.junit.jupiter.api.Assertions.assertTrue(c.generated("p.CDerivatives").contains("java.lang.Double.MAX_VALUE"));
  }
}
