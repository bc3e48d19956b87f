package dev.chainrule.processor.ir;

import com.palantir.javapoet.ClassName;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One differentiable method as the frontend read it.
 *
 * @param owner the class declaring the method
 * @param name the method's name
 * @param parameters its parameters, with the ones the gradient includes marked
 * @param body its statements
 * @param pos the method declaration, for diagnostics
 * @param exprPositions source positions of expressions, by identity
 * @param identifiers every identifier the method's source uses (generated names avoid them)
 * @param numericFallback whether calls to opaque code may be differentiated numerically
 * @param result what the method computes: {@code DOUBLE}, or {@code DOUBLE_ARRAY}/{@code DOUBLE_MATRIX}
 *     for a vector result (returned, or written into {@code outParam}); a vector-valued body ends
 *     with {@code return r} of an array variable {@code r}, its only return
 * @param outParam the {@code @Out} parameter that receives the result, or null
 */
public record Method(
    ClassName owner,
    String name,
    List<Param> parameters,
    List<Stmt> body,
    Pos pos,
    Map<Expr, Pos> exprPositions,
    Set<String> identifiers,
    boolean numericFallback,
    Type result,
    String outParam) {
  public Method {
    parameters = List.copyOf(parameters);
    body = List.copyOf(body);
    identifiers = Set.copyOf(identifiers);
  }

  /** This method with another body (the same everything else). */
  public Method withBody(List<Stmt> newBody) {
    return new Method(owner, name, parameters, newBody, pos, exprPositions, identifiers, numericFallback, result,
        outParam);
  }

  /** Whether the method computes an array (returned, or written into its {@code @Out} parameter). */
  public boolean isVectorValued() {
    return result != Type.DOUBLE;
  }

  /** Where an expression comes from (by identity), for diagnostics about it. */
  public Pos posOf(Expr expr, Pos fallback) {
    Pos p = exprPositions.get(expr);
    return p != null ? p : fallback;
  }

  public List<Param> differentiated() {
    return parameters.stream().filter(Param::differentiated).toList();
  }
}
