package dev.chainrule.processor.diagnostics;

/**
 * Every diagnostic ChainRule prints, in one place. Each says what is wrong and what to do instead;
 * arguments fill the {@code %s} slots in order.
 */
public enum Message {
  // ---- The compiler ----
  REQUIRES_JAVAC(
      "ChainRule requires javac: this compiler does not provide the com.sun.source tree API"
          + " (%s); build with javac, e.g. maven-compiler-plugin's default compiler"),
  INTERNAL_ERROR(
      "ChainRule failed on '%s' (internal error: %s). This is a bug in ChainRule, please report it;"
          + " the other methods were generated"),

  // ---- The annotated method ----
  NOT_STATIC(
      "@Differentiable method '%s' must be static: ChainRule differentiates static methods"
          + " (pass the state it needs as parameters)"),
  NO_BODY(
      "@Differentiable method '%s' has no body to differentiate (abstract, native or interface"
          + " method); annotate a static method with a body"),
  PRIVATE_METHOD(
      "@Differentiable method '%s' is private, so the generated %s cannot call it; make it"
          + " package-private"),
  INACCESSIBLE_CLASS(
      "@Differentiable method '%s' is in %s, which the generated companion cannot reach; use a"
          + " top-level or non-private static nested class"),
  GENERIC_METHOD(
      "@Differentiable method '%s' is generic; ChainRule differentiates methods over double"
          + " values, remove the type parameters"),
  VARARGS(
      "@Differentiable method '%s' has a variable number of arguments; take a double[] instead"),
  RETURN_TYPE(
      "@Differentiable method '%s' returns %s; it must return double, double[] or double[][] (the"
          + " value to differentiate), or return void and write its result into an @Out parameter"),
  RETURN_VALUE_TYPE("'%s' returns %s, but this returns a %s"),
  NESTED_CALL("the nested derivative %s is not supported here: %s"),
  VECTOR_CALL("%s returns an array, which can only be used from an array variable here: %s"),
  VECTOR_CALL_IN_LOOP(
      "%s %s inside a loop; ChainRule differentiates that only for a method that writes into an @Out"
          + " array without arrays of its own: %s"),
  VECTOR_CALL_BODY("%s cannot be differentiated as part of its caller: %s"),
  VECTOR_RETURN(
      "'%s' returns an array, so %s; ChainRule differentiates a vector result returned once, at the"
          + " end of the method (assign into the result array and return it after the last statement,"
          + " or write it into an @Out parameter)"),
  OUT_PARAMETER(
      "@Out parameter '%s' %s; a @Differentiable method may write its result into one double[] or"
          + " double[][] parameter marked @Out, and must then return void"),
  PARAMETER_TYPE(
      "parameter '%s' has type %s; a @Differentiable method takes double, int, long, boolean,"
          + " double[], double[][], int[] or int[][]%s"),
  PARAMETER_NAMED_VALUE(
      "parameter 'value' clashes with value() of the generated gradient record; rename the"
          + " parameter"),
  PARAMETER_NAMED_LIKE_OBJECT_METHOD(
      "parameter '%s' would be a component of the generated gradient record, and Java forbids"
          + " record components named clone, finalize, getClass, hashCode, notify, notifyAll,"
          + " toString or wait; rename the parameter"),
  TOO_MANY_PARAMETERS(
      "@Differentiable method '%s' has parameters taking %d parameter slots (a double or long takes"
          + " two); its generated %s, %d slots, over the JVM's limit of %d; pass the values in a"
          + " double[] instead"),
  TOO_LARGE(
      "@Differentiable method '%s' is too large to differentiate: %s, over the JVM's limit of 64 KB"
          + " for one method (javac would reject it as \"code too large\"); split it into"
          + " @Differentiable helpers of a few hundred statements each"),
  NAME_CLASH(
      "the generated name '%s' for method %s is already used for method %s (overloads, or"
          + " names that differ only in the case of the first letter); rename one of them"),
  COMPANION_CLASH(
      "the generated companion of %s would have the same name as the companion of %s, %s (a nested"
          + " class Outer.Inner gives Outer_InnerDerivatives); rename one of the two classes"),
  WRT_UNKNOWN("wrt names '%s', which is not a parameter of '%s'; the parameters are %s"),
  WRT_NOT_DIFFERENTIABLE(
      "wrt names '%s' of type %s; only double, double[] and double[][] parameters can be"
          + " differentiated"),
  WRT_NO_DERIVATIVE("wrt names '%s', which is also marked @NoDerivative; remove one of the two"),
  NO_SOURCE(
      "the body of '%s' is not available (it comes from a class file); ChainRule reads the source"
          + " of @Differentiable methods in the classes being compiled"),

  // ---- Statements and expressions ----
  UNSUPPORTED_STATEMENT("%s is not supported in a @Differentiable method; %s"),
  UNSUPPORTED_EXPRESSION("%s is not supported in a @Differentiable method; %s"),
  UNSUPPORTED_TYPE(
      "type %s is not supported in a @Differentiable method; use double, int, long, boolean,"
          + " double[], double[][], int[] or int[][]%s"),
  UNKNOWN_NAME(
      "cannot resolve '%s': a @Differentiable method can use its parameters and locals, and"
          + " static constants"),
  INACCESSIBLE_MEMBER(
      "%s is private, so the generated companion cannot use it; make it package-private"),
  UNREACHABLE_MEMBER(
      "%s is not public in %s, so the generated companion (in %s) cannot use it; make it"
          + " public"),
  UNREACHABLE_CLASS(
      "%s is declared in %s, which the generated companion (in %s) cannot reach; make that class"
          + " public, or package-private in the same package"),
  UNREACHABLE_CUSTOM_DERIVATIVE(
      "the @CustomDerivative %s of %s is not public, so the generated companion (in %s)"
          + " cannot call it; make it public"),
  FIELD_NOT_CONSTANT(
      "field '%s' is not a static field; a @Differentiable method can read static fields only"),
  FIELD_WRITE(
      "assignment to field '%s' is not supported: a @Differentiable method can only assign its"
          + " parameters and locals; return the value instead"),
  FIELD_ARRAY_WRITE(
      "writing into the elements of static field '%s' is not supported: a @Differentiable method"
          + " can only assign its parameters and locals; copy the array into a local array, or"
          + " return the value instead"),
  ASSIGNMENT_IN_EXPRESSION(
      "%s inside an expression is not supported; write it as a statement of its own"),
  INSTANCE_CALL(
      "calling '%s' on an object is not supported; a @Differentiable method can call static"
          + " methods"),
  UNRESOLVED_CALL("cannot find a static method %s that takes (%s)"),
  AMBIGUOUS_CALL("the call %s(%s) matches several overloads; add casts to pick one"),
  NOT_DIFFERENTIABLE_CALL(
      "%s is called on a value that depends on a differentiated input, but ChainRule has no"
          + " derivative for it (it is neither a Math function nor @Differentiable). Either"
          + " annotate it @Differentiable, supply its derivative with @CustomDerivative(of = ...,"
          + " method = \"%s\"), or allow numeric differentiation with"
          + " @Differentiable(numericFallback = true); if that input should be constant, mark it"
          + " @NoDerivative"),
  NOT_DIFFERENTIABLE_OVERLOAD(
      "%s is called on a value that depends on a differentiated input, but it is not"
          + " @Differentiable, and it overloads @Differentiable %s: ChainRule differentiates one"
          + " method per name, so give this overload a name of its own and annotate it"
          + " @Differentiable, supply its derivative with @CustomDerivative(of = ..., method ="
          + " \"%s\"), or allow @Differentiable(numericFallback = true)"),
  NUMERIC_FALLBACK(
      "%s is differentiated numerically (five-point central differences, about 1e-10 relative"
          + " accuracy, 4 extra calls per argument); annotate it @Differentiable or supply a"
          + " @CustomDerivative for an exact derivative"),
  NUMERIC_FALLBACK_ARRAY(
      "%s takes an array, which numeric differentiation does not support; annotate it"
          + " @Differentiable or supply a @CustomDerivative"),
  MISSING_PARTIAL(
      "argument '%s' of %s depends on a differentiated input, but no @CustomDerivative gives the"
          + " derivative for its parameter '%s'; add one with wrt = \"%s\""),

  // ---- @CustomDerivative ----
  CUSTOM_NOT_STATIC("@CustomDerivative method '%s' must be static and not private"),
  CUSTOM_NO_TARGET("@CustomDerivative names %s.%s, but %s has no static method of that name"),
  CUSTOM_SIGNATURE(
      "@CustomDerivative method '%s' must start with the parameters of its target (%s); %s"),
  CUSTOM_TARGET_TYPE(
      "@CustomDerivative target %s must return double and take double, double[], int, long or"
          + " boolean parameters"),
  CUSTOM_WRT(
      "@CustomDerivative for %s: %s; name the parameter with wrt = \"name\" (or its index,"
          + " wrt = \"0\")"),
  CUSTOM_SHAPE(
      "@CustomDerivative for parameter '%s' of %s has the wrong shape; expected %s"),
  CUSTOM_NO_TANGENT(
      "forward mode needs the derivative of %s with respect to array parameter '%s' as a"
          + " tangent: add a @CustomDerivative method that takes the target's parameters (and"
          + " optionally its result) followed by a double[] tangent and returns the directional"
          + " derivative, or annotate the target @Differentiable"),
  CUSTOM_NO_PULLBACK(
      "reverse mode needs the derivative of %s with respect to array parameter '%s' as a pullback:"
          + " add a @CustomDerivative method that takes the target's parameters (and optionally its"
          + " result) followed by double seed, double[] adjoint and adds seed × the partials into"
          + " adjoint"),
  CUSTOM_DUPLICATE("%s already has a @CustomDerivative for parameter '%s' (%s)"),
  NO_RULE(
      "%s has no derivative rule in ChainRule, and it is called on a value that depends on a"
          + " differentiated input; write it with supported Math functions, supply one with"
          + " @CustomDerivative(of = Math.class, method = \"%s\"), or allow"
          + " @Differentiable(numericFallback = true)"),
  CALLS_WITHOUT_FORWARD("this calls %s, which has no forward mode"),
  FORWARD_OMITTED("no forward mode (Tangent, Pushforward) is generated for '%s': %s"),
  CALLS_WITHOUT_SECOND_ORDER("this calls %s, which has no second-order derivatives"),
  SECOND_ORDER_CUSTOM(
      "second derivatives (@Differentiable(order = 2)) through %s need the derivatives of its"
          + " @CustomDerivative methods, which ChainRule does not differentiate; write it as a"
          + " @Differentiable method instead"),
  SECOND_ORDER_NUMERIC(
      "second derivatives (@Differentiable(order = 2)) of %s by numeric fallback are not supported"
          + " (differences of differences lose most digits); make it @Differentiable"),
  SECOND_ORDER_NAME_CLASH(
      "parameter '%s' of '%s' clashes with the %s %s.%s that its second derivatives give parameter"
          + " '%s'; rename one of them"),
  SECOND_ORDER_VECTOR(
      "@Differentiable(order = 2) on '%s', which returns an array: Hessians are generated for"
          + " methods returning double; differentiate a scalar function of its result instead"),
  CALLS_BROKEN_METHOD("'%s' calls %s, which has errors of its own (reported there); fix %s first"),
  LOST_DERIVATIVE(
      "argument '%s' of %s depends on a differentiated input, but parameter '%s' of %s is not"
          + " differentiated, so its derivative would be lost; differentiate that parameter"),
  ARRAY_ARGUMENT(
      "array argument '%s' of %s must be an array variable or a row such as X[i]"),
  ARRAY_TO_OTHER_CODE(
      "passing array '%s' to %s is not supported: ChainRule cannot see whether it changes the"
          + " array; pass its elements, or make %s @Differentiable"),
  ARRAY_CHANGED_BY_OTHER_CODE(
      "passing array '%s' to %s is not supported: the array holds values that depend on a"
          + " differentiated input, and the method may change it (it writes into it or passes it"
          + " on, or its source is not being compiled), which the derivative would miss, even when"
          + " the call's result is not used; pass its elements, or make the method @Differentiable"),
  NUMERIC_FALLBACK_SIDE_EFFECT(
      "%s is differentiated numerically, which calls it four more times per argument, and it may"
          + " change array '%s' (it writes into it or passes it on, or its source is not being"
          + " compiled); pass the values it needs as elements, or annotate it @Differentiable"),
  NESTED_CALL_WITH_SIDE_EFFECT(
      "%s may change array '%s', and here it is %s, which the reverse sweep may evaluate again"
          + " and cannot put the array back around; call it in a statement of its own"
          + " (double v = %s(...);) and use v"),
  DERIVATIVE_OF_WRITING_METHOD(
      "the derivative of %s is taken here, and it may write into '%s': its second-order sweep would"
          + " run again on the array the first run changed; let %s work on a local copy"),
  CALLEE_WRITES_ARRAY(
      "'%s' calls %s, which may write into '%s', and '%s' holds differentiated values here:"
          + " what it overwrites would keep its adjoint; pass a local copy of '%s' instead"),
  FLOAT(
      "float is not supported: ChainRule differentiates double arithmetic; use double"),
  ACTIVE_REMAINDER(
      "%% on a value that depends on a differentiated input is not supported; use Math.floor"
          + " (a - b * Math.floor(a / b))"),
  LABELED(
      "labelled statements other than loops are not supported (break and continue to the label of a"
          + " loop are); label the loop, or use a boolean flag and an unlabelled break"),
  ENHANCED_FOR_NOT_ARRAY(
      "an enhanced for loop over %s is not supported; loop over a double[], double[][] or int[]"),

  // ---- Arrays ----
  ARRAY_IN_LOOP(
      "'%s' allocates a new array inside a loop; allocate it once before the loop and reuse it"),
  RAGGED_ARRAY("new arrays must give every dimension (new double[n][m]); %s leaves one out"),
  ARRAY_REASSIGNED(
      "array variable '%s' is assigned again; ChainRule needs each array variable to name one"
          + " array: declare another variable"),
  ARRAY_DECLARATION(
      "array variable '%s' must be initialised where it is declared, with new %s[...], an array"
          + " initializer, another array variable, a row such as X[i] or a copy (a.clone(),"
          + " Arrays.copyOf, Arrays.copyOfRange)"),
  ARRAY_ALIAS_UNSTABLE(
      "'%s' names a row of an array, but '%s', which picks the row, changes later in the same"
          + " block, so the reverse sweep could not find the row again; declare '%s' where '%s' no"
          + " longer changes"),
  PARAMETER_ARRAY_WRITE(
      "writing into parameter array '%s' is not supported when it %s; copy it into a local array"
          + " first (double[] c = new double[%s.length]; and a loop)"),
  ;

  private final String format;

  Message(String format) {
    this.format = format;
  }

  public String format(Object... args) {
    return String.format(format, args);
  }
}
