package dev.chainrule.maven.index;

import java.util.List;
import java.util.Map;

/**
 * A {@code @Differentiable} method as the index lists it.
 *
 * @param name the method's name
 * @param line its line in the source file
 * @param source its source text
 * @param parameters its parameters, in order
 * @param result its result type: {@code double}, or {@code double[]}/{@code double[][]} for a vector result
 * @param out the {@code @Out} parameter receiving a vector result, or null
 * @param checkPoints the method's {@code @CheckPoints}, or null
 * @param derivatives every derivative its companion holds
 * @param symbolic the closed-form partials (or why there are none)
 * @param graph the computational graph, as parsed JSON (see the processor's {@code index.GraphValues})
 */
public record MethodIndex(String name, long line, String source, List<Parameter> parameters, String result,
    String out, CheckPoints checkPoints, List<Derivative> derivatives, Symbolic symbolic, Map<String, Object> graph) {

  /** @param type {@code double}, {@code double[]}, {@code double[][]}, {@code int}, ... */
  public record Parameter(String name, String type, boolean differentiated) {}

  /** The values of {@code dev.chainrule.CheckPoints}. */
  public record CheckPoints(double min, double max, List<Integer> lengths, int count, String provider) {}

  /**
   * @param kind {@code gradient}, {@code pullback}, {@code tangent}, {@code multiPushforward},
   *     {@code jacobianForward}, {@code pullbackTangent}, ... (the naming contract's suffixes, first letter lower case)
   * @param method the generated method's name
   * @param type the record, adjoint or workspace class it uses, or null
   * @param forms how many overloads the companion has
   * @param source the generated Java of every form
   * @param work the class of the allocation-free form ({@code MJacobianWork}, {@code MHessianWork}, the
   *     adjoint for {@code mHvp}), or null
   * @param tangentFields for {@code hvp}, {@code pullbackTangent} and {@code multiPullbackTangent}: the
   *     adjoint's field holding each differentiated parameter's tangent, by parameter, or null
   * @param hvpComponents for {@code hvp}: the record component holding each parameter's block of H·v, or null
   */
  public record Derivative(String kind, String method, String type, int forms, String source, String work,
      Map<String, String> tangentFields, Map<String, String> hvpComponents) {

    public Derivative(String kind, String method, String type, int forms, String source) {
      this(kind, method, type, forms, source, null, null, null);
    }
  }

  /** @param error set when the processor could not compute the symbolic view */
  public record Symbolic(boolean closedForm, String reason, List<Partial> partials, String error) {}

  /** @param expr the formula as an index expression */
  public record Partial(String wrt, String text, String mathml, Object expr) {}

  /** Whether the method returns one {@code double} (not a vector). */
  public boolean isScalar() {
    return (result == null || result.equals("double")) && out == null;
  }

  /** The position of the {@code @Out} parameter, or -1. */
  public int outIndex() {
    for (int i = 0; out != null && i < parameters.size(); i++) {
      if (parameters.get(i).name().equals(out)) {
        return i;
      }
    }
    return -1;
  }

  /** The type of the result: the method's, or the {@code @Out} parameter's. */
  public String resultType() {
    int o = outIndex();
    return o >= 0 ? parameters.get(o).type() : result == null ? "double" : result;
  }

  public Derivative derivative(String kind) {
    return derivatives.stream().filter(d -> d.kind().equals(kind)).findFirst().orElse(null);
  }

  public List<Parameter> differentiated() {
    return parameters.stream().filter(Parameter::differentiated).toList();
  }

  /** {@code price(double, double, double)}. */
  public String signature() {
    return name + "(" + String.join(", ", parameters.stream().map(Parameter::type).toList()) + ")";
  }
}
