package dev.chainrule.processor.diagnostics;

import org.junit.jupiter.api.Test;

/**
 * Expressions and types outside the supported subset: objects, strings, boxed numbers, float,
 * lambdas, fields that are not static, assignments inside expressions. One error at the
 * expression's line each.
 */
class ExpressionErrorsTest {
  private static final String APPLY = """
      static double apply(java.util.function.DoubleUnaryOperator g, double v) {
        return g.applyAsDouble(v);
      }
      """;

  @Test
  void lambda() {
    Diagnosis.ofMembers(APPLY + """
        @Differentiable
        static double f(double x) {
          return apply(v -> v * v, x);
        }
        """).hasOneError("apply(v -> v * v, x)", "a lambda is not supported", "in a static method and call it");
  }

  @Test
  void methodReference() {
    Diagnosis.ofMembers(APPLY + """
        @Differentiable
        static double f(double x) {
          return apply(Math::sin, x);
        }
        """).hasOneError("Math::sin", "a method reference is not supported", "call the static method directly");
  }

  /**
   * A switch expression whose cases run statements is lowered into a declaration, an assignment
   * to a local or a return; inside a larger expression it would have to move its statements ahead
   * of the expression's other operands.
   */
  @Test
  void switchExpressionWithStatementsInsideAnExpression() {
    Diagnosis.ofMembers("""
        @Differentiable
        static double f(double x, int k) {
          return x + switch (k) {
            case 1 -> {
              double t = x * x;
              yield t;
            }
            default -> 2 * x;
          };
        }
        """).hasOneError("return x + switch (k)", "switch expression whose cases run statements",
            "declare a local variable with it");
  }

  @Test
  void statementSwitchExpressionInVarDeclaration() {
    Diagnosis.ofMembers("""
        @Differentiable
        static double f(double x, int k) {
          var y = switch (k) {
            case 1 -> {
              double t = x * x;
              yield t;
            }
            default -> 2 * x;
          };
          return y;
        }
        """).hasOneError("var y = switch (k)", "switch expression whose cases run statements", "declaration of var",
            "declare a double");
  }

  /** Building a string from an active value: the String local is the first unsupported thing. */
  @Test
  void stringConcatenationIntoLocal() {
    Diagnosis.ofMembers("""
        @Differentiable
        static double f(double x) {
          String s = "x=" + x;
          return x * x;
        }
        """).hasOneError("String s =", "type String is not supported", "strings");
  }

  @Test
  void stringConcatenationAsArgument() {
    Diagnosis.ofMembers("""
        static double len(String s) {
          return s.length();
        }
        @Differentiable
        static double f(double x) {
          return x * len("x=" + x);
        }
        """).hasOneError("len(\"x=\" + x)", "the literal \"x=\" is not supported", "numbers and booleans");
  }

  @Test
  void charLiteral() {
    Diagnosis.ofMembers("""
        @Differentiable
        static double f(double x) {
          return x * 'a';
        }
        """).hasOneError("x * 'a'", "the literal 'a' is not supported", "numbers and booleans");
  }

  @Test
  void stringLiteral() {
    Diagnosis.ofMembers("""
        static double weight(String name) {
          return name.length();
        }
        @Differentiable
        static double f(double x) {
          return x * weight("bias");
        }
        """).hasOneError("weight(\"bias\")", "the literal \"bias\" is not supported", "numbers and booleans");
  }

  @Test
  void newObject() {
    Diagnosis.ofMembers("""
        static double id(Object o, double v) {
          return v;
        }
        @Differentiable
        static double f(double x) {
          return id(new Object(), x);
        }
        """).hasOneError("new Object()", "creating an object ('new Object()')", "double values and arrays");
  }

  /** FAILS today: the advice after "not supported in a @Differentiable method;" is empty. */
  @Test
  void instanceOf() {
    Diagnosis.ofMembers("""
        static final Object TAG = java.util.List.of();
        @Differentiable
        static double f(double x) {
          if (TAG instanceof java.util.List) {
            return x;
          }
          return 2 * x;
        }
        """).hasOneError("TAG instanceof", "instanceof is not supported");
  }

  @Test
  void boxedLocal() {
    Diagnosis.ofMembers("""
        @Differentiable
        static double f(double x) {
          Double y = x * x;
          return y;
        }
        """).hasOneError("Double y =", "type Double is not supported", "boxed numbers");
  }

  @Test
  void shortLocal() {
    Diagnosis.ofMembers("""
        @Differentiable
        static double f(double x) {
          short k = 2;
          return x * k;
        }
        """).hasOneError("short k", "type short is not supported", "use double, int, long, boolean");
  }

  @Test
  void floatLocal() {
    Diagnosis.ofMembers("""
        @Differentiable
        static double f(double x) {
          float s = 2;
          return x * s;
        }
        """).hasOneError("float s = 2;", "float is not supported", "use double");
  }

  @Test
  void floatLiteral() {
    Diagnosis.ofMembers("""
        @Differentiable
        static double f(double x) {
          return x * 0.5f;
        }
        """).hasOneError("x * 0.5f", "float is not supported", "use double");
  }

  @Test
  void floatConstant() {
    Diagnosis.ofMembers("""
        static final float RATE = 0.5f;
        @Differentiable
        static double f(double x) {
          return x * RATE;
        }
        """).hasOneError("x * RATE", "type float is not supported", "use double");
  }

  @Test
  void instanceFieldRead() {
    Diagnosis.ofMembers("""
        double scale = 2;
        @Differentiable
        static double f(double x) {
          return x * scale;
        }
        """).hasOneError("x * scale", "field 'scale' is not a static field", "static fields only");
  }

  @Test
  void instanceFieldReadThroughObject() {
    Diagnosis.ofMembers("""
        double scale = 2;
        @Differentiable
        static double f(double x) {
          return x * new C().scale;
        }
        """).hasOneError("new C().scale", "creating an object");
  }

  @Test
  void staticFieldWrite() {
    Diagnosis.ofMembers("""
        static double last;
        @Differentiable
        static double f(double x) {
          last = x;
          return x * x;
        }
        """).hasOneError("last = x;", "assignment to field 'last' is not supported", "return the value instead");
  }

  @Test
  void qualifiedStaticFieldCompoundWrite() {
    Diagnosis.ofMembers("""
        static int calls;
        @Differentiable
        static double f(double x) {
          C.calls += 1;
          return x * x;
        }
        """).hasOneError("C.calls += 1;", "assignment to field 'C.calls' is not supported", "parameters and locals");
  }

  @Test
  void incrementInsideExpression() {
    Diagnosis.ofMembers("""
        @Differentiable
        static double f(double[] w) {
          int i = 0;
          double s = w[i++];
          return s + w[i];
        }
        """).hasOneError("w[i++]", "'i++' inside an expression is not supported", "a statement of its own");
  }

  @Test
  void assignmentInsideExpression() {
    Diagnosis.ofMembers("""
        @Differentiable
        static double f(double x) {
          double y;
          double z = (y = x * x) + 1;
          return y * z;
        }
        """).hasOneError("(y = x * x) + 1", "the assignment 'y = x * x' inside an expression", "a statement of its own");
  }

  @Test
  void instanceCallOnArray() {
    Diagnosis.ofMembers("""
        @Differentiable
        static double f(double[] w) {
          return w.hashCode() + w[0];
        }
        """).hasOneError("w.hashCode()", "calling 'hashCode' on an object is not supported", "static methods");
  }

  /** FAILS today: the advice after "not supported in a @Differentiable method;" is empty. */
  @Test
  void explicitTypeArguments() {
    Diagnosis.ofMembers("""
        static <T> double id(double v) {
          return v;
        }
        @Differentiable
        static double f(double x, int n) {
          return x * C.<String>id(n);
        }
        """).hasOneError("C.<String>id(n)", "explicit type arguments");
  }

  /**
   * FAILS today: a varargs method (Object...) is reported as "cannot find a static method
   * Objects.hash that takes (double)"; it exists, it just takes a variable number of arguments.
   */
  @Test
  void callOfVarargsMethod() {
    Diagnosis.ofMembers("""
        @Differentiable
        static double f(double x) {
          return java.util.Objects.hash(x) * x;
        }
        """).hasOneError("Objects.hash(x)", "Objects.hash", "variable number of arguments");
  }

  @Test
  void arrayInitializerAsArgument() {
    Diagnosis.ofMembers("""
        @Differentiable
        static double s(double[] a) {
          return a[0] * a[0];
        }
        @Differentiable
        static double f(double x) {
          return s(new double[] {x, 2});
        }
        """).hasOneError("return s(new double[] {x, 2});", "an array initializer here is not supported",
        "declare the array with it");
  }

  @Test
  void castOfAnObjectToAnArray() {
    Diagnosis.ofMembers("""
        static Object o = null;
        @Differentiable
        static double f(double x) {
          double[] a = (double[]) o;
          return x * a[0];
        }
        """).hasOneError("double[] a = (double[]) o;", "type java.lang.Object is not supported");
  }

  @Test
  void castToFloat() {
    Diagnosis.ofMembers("""
        @Differentiable
        static double f(double x) {
          return (float) x * 2;
        }
        """).hasOneError("return (float) x * 2;", "float is not supported", "use double");
  }

  @Test
  void castToShort() {
    Diagnosis.ofMembers("""
        @Differentiable
        static double f(double x) {
          return (short) x * 2 + x;
        }
        """).hasOneError("return (short) x * 2 + x;", "type short is not supported");
  }

  /** It was an internal ClassCastException. */
  @Test
  void elementOfAConditionalChoosingBetweenArrays() {
    Diagnosis.ofMembers("""
        @Differentiable
        static double f(double[] u, double[] v, boolean b) {
          return (b ? u : v)[0] * 2;
        }
        """).hasOneError("return (b ? u : v)[0] * 2;", "a conditional that chooses between arrays ('b ? u : v')",
        "choose between their elements");
  }

  @Test
  void conditionalChoosingBetweenArraysAsArgument() {
    Diagnosis.ofMembers("""
        @Differentiable
        static double s(double[] a) {
          return a[0] * a[0];
        }
        @Differentiable
        static double f(double[] u, double[] v, boolean b) {
          return s(b ? u : v);
        }
        """).hasOneError("return s(b ? u : v);", "a conditional that chooses between arrays");
  }

  @Test
  void textBlockLiteral() {
    Diagnosis.ofMembers("""
        static double len(String s) {
          return s.length();
        }
        @Differentiable
        static double f(double x) {
          return x * len(\"""
            abc
            \""");
        }
        """).hasOneError("return x * len(", "is not supported in a @Differentiable method", "numbers and booleans");
  }

  @Test
  void charLocal() {
    Diagnosis.ofMembers("""
        @Differentiable
        static double f(double x) {
          char c = 65;
          return x * c;
        }
        """).hasOneError("char c = 65;", "type char is not supported");
  }

  @Test
  void byteLocal() {
    Diagnosis.ofMembers("""
        @Differentiable
        static double f(double x) {
          byte b = 2;
          return x * b;
        }
        """).hasOneError("byte b = 2;", "type byte is not supported");
  }
}
