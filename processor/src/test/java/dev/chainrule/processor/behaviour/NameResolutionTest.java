package dev.chainrule.processor.behaviour;

import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Names resolved as javac resolves them (issue 13, item 1): inherited static constants, methods and
 * member classes through the superclass and interface chain, shadowing of static imports by
 * inherited members, single imports over on-demand imports, the package over on-demand imports,
 * hiding, enclosing classes, and a protected constant of a superclass in another package. Each
 * method's value must be javac's (the original method, bit for bit) and its gradient must match
 * Richardson finite differences of the original — so any name ChainRule resolves differently from
 * javac fails here.
 */
class NameResolutionTest {
  private static final String BASE = """
      package q;

      import dev.chainrule.Differentiable;

      public class Base implements Rates {
        public static final double K = java.lang.Math.sqrt(9);
        protected static final double PROTECTED_CONSTANT = 7;
        public static final double HIDDEN = 11;

        @Differentiable
        public static double g(double x) {
          return 3 * x * x;
        }

        public static class Math {
          @Differentiable
          public static double sin(double x) {
            return 2 * x + 1;
          }
        }

        public static class Util {
          @Differentiable
          public static double twice(double x) {
            return 2 * x;
          }
        }
      }
      """;

  private static final String RATES = """
      package q;

      public interface Rates {
        double RATE = java.lang.Math.log(3);
      }
      """;

  /** What the static imports of {@code p.C} name, differing from what {@code C} inherits. */
  private static final String OTHER = """
      package r;

      import dev.chainrule.Differentiable;

      public class Other {
        public static final double K = java.lang.Math.sqrt(25);
        public static final double ONLY_HERE = java.lang.Math.sqrt(2);
        public static final double ON_DEMAND = 13;

        @Differentiable
        public static double g(double x) {
          return 5 * x;
        }
      }
      """;

  private static final String WILD = """
      package r;

      public class Wild {
        public static final double ON_DEMAND = 17;
        public static final double SINGLE = 19;
      }
      """;

  private static final String SINGLE = """
      package r;

      public class Single {
        public static final double SINGLE = 23;
      }
      """;

  /** Two classes named Util in other packages: D imports r.Util by name and s.* on demand. */
  private static final String UTIL_R = """
      package r;

      import dev.chainrule.Differentiable;

      public class Util {
        @Differentiable
        public static double twice(double x) {
          return 20 * x;
        }

        @Differentiable
        public static double thrice(double x) {
          return 30 * x;
        }
      }
      """;

  private static final String UTIL_S = """
      package s;

      import dev.chainrule.Differentiable;

      public class Util {
        @Differentiable
        public static double thrice(double x) {
          return 300 * x;
        }
      }
      """;

  private static final String HELPER_P = """
      package p;

      import dev.chainrule.Differentiable;

      public class Helper {
        @Differentiable
        public static double h(double x) {
          return x * x * x;
        }
      }
      """;

  private static final String HELPER_S = """
      package s;

      import dev.chainrule.Differentiable;

      public class Helper {
        @Differentiable
        public static double h(double x) {
          return 4 * x;
        }
      }
      """;

  private static final String C = """
      package p;

      import static r.Other.K;
      import static r.Other.g;
      import static r.Other.ONLY_HERE;
      import static r.Wild.*;
      import static r.Single.SINGLE;
      import dev.chainrule.Differentiable;
      import s.*;

      public class C extends q.Base {
        public static final double HIDDEN = 29;

        /** Base.K (3), not the statically imported Other.K (5). */
        @Differentiable
        public static double inheritedConstantOverStaticImport(double x) {
          return K * x * x;
        }

        /** Base.g (3x²), not the statically imported Other.g (5x). */
        @Differentiable
        public static double inheritedMethodOverStaticImport(double x) {
          return g(x) + x;
        }

        /** Base.Math.sin (2x + 1), not java.lang.Math.sin. */
        @Differentiable
        public static double inheritedMemberClassNamedMath(double x) {
          return Math.sin(x) * x;
        }

        /** Rates.RATE, a constant of an interface Base implements. */
        @Differentiable
        public static double interfaceConstant(double x) {
          return RATE * x * x;
        }

        /** Only Other has it: the single-static import. */
        @Differentiable
        public static double singleStaticImport(double x) {
          return ONLY_HERE * x * x;
        }

        /** The single-static import r.Single.SINGLE (23) over the on-demand r.Wild.* (19). */
        @Differentiable
        public static double singleOverOnDemandStaticImport(double x) {
          return SINGLE * x * x + ON_DEMAND * x;
        }

        /** C's own HIDDEN (29) hides Base.HIDDEN (11). */
        @Differentiable
        public static double hidingField(double x) {
          return HIDDEN * x * x;
        }

        /** A protected constant of a superclass in another package: javac inlines it, and so may the companion. */
        @Differentiable
        public static double protectedConstantOfSuperclass(double x) {
          return PROTECTED_CONSTANT * x * x;
        }

        /** Util is Base's member class, inherited, over the on-demand import s.* (no s.Util.twice). */
        @Differentiable
        public static double inheritedMemberClassOverOnDemandImport(double x) {
          return Util.twice(x) * x;
        }

        /** p.Helper (the package) over s.Helper (an on-demand import). */
        @Differentiable
        public static double packageOverOnDemandImport(double x) {
          return Helper.h(x) + x;
        }

        public static class Inner {
          /** The enclosing class's inherited K, through Inner's scope. */
          @Differentiable
          public static double enclosingClassInheritedConstant(double x) {
            return K * x * x + g(x);
          }
        }
      }
      """;

  /** A single-type import (r.Util) over an on-demand import (s.*) of a class of the same name. */
  private static final String D = """
      package p;

      import dev.chainrule.Differentiable;
      import r.Util;
      import s.*;

      public class D {
        @Differentiable
        public static double singleTypeImportOverOnDemand(double x) {
          return Util.thrice(x) * x;
        }
      }
      """;

  private static CompiledSources compiled;

  @BeforeAll
  static void compile() {
    compiled = CompiledSources.compile(Map.ofEntries(
        Map.entry("q.Base", BASE), Map.entry("q.Rates", RATES), Map.entry("r.Other", OTHER),
        Map.entry("r.Wild", WILD), Map.entry("r.Single", SINGLE), Map.entry("r.Util", UTIL_R),
        Map.entry("s.Util", UTIL_S), Map.entry("p.Helper", HELPER_P), Map.entry("s.Helper", HELPER_S),
        Map.entry("p.C", C), Map.entry("p.D", D)));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "inheritedConstantOverStaticImport", "inheritedMethodOverStaticImport",
      "inheritedMemberClassNamedMath", "interfaceConstant", "singleStaticImport",
      "singleOverOnDemandStaticImport", "hidingField", "protectedConstantOfSuperclass",
      "inheritedMemberClassOverOnDemandImport", "packageOverOnDemandImport"})
  void resolvesAsJavacDoes(String method) {
    Differentiated m = Differentiated.of(compiled, "p.C", method, "x");
    for (double x : new double[] {-1.3, 0.4, 2.1}) {
      GradientOracle.check(m, x);
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"enclosingClassInheritedConstant"})
  void nestedClassSeesTheEnclosingClassesInheritedMembers(String method) {
    Differentiated m = Differentiated.nested(compiled, "p.C$Inner", "p.C_InnerDerivatives", method, "x");
    for (double x : new double[] {-1.3, 0.4, 2.1}) {
      GradientOracle.check(m, x);
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"singleTypeImportOverOnDemand"})
  void singleTypeImportWins(String method) {
    Differentiated m = Differentiated.of(compiled, "p.D", method, "x");
    for (double x : new double[] {-1.3, 0.4, 2.1}) {
      GradientOracle.check(m, x);
    }
  }
}
