package dev.chainrule.maven.check;

import java.util.List;

/**
 * The check of one method, as {@code check.json} holds it.
 *
 * @param owner the class's binary name
 * @param method the method's name
 * @param status what came of it
 * @param reason why it is unchecked, or null
 * @param points how many points were checked
 * @param firstPoint the first point, as text ({@code apple=200.0, count=5.0, tax=1.1}), or null
 * @param checked the derivatives checked (generated method names)
 * @param unchecked the derivatives listed in the index that this plugin could not check, with why
 * @param components how many entries (partials, Jacobian and Hessian entries, products) were compared, over all
 *     points and derivatives
 * @param maxRelativeError the largest relative error seen, |generated − numeric| / max(1, |generated|, |numeric|)
 * @param failures every comparison beyond the tolerance, and every other fault (a changed argument, a value that
 *     is not the method's), at most five per derivative
 * @param millis how long the check took
 */
public record MethodResult(String owner, String method, Status status, String reason, int points, String firstPoint,
    List<String> checked, List<String> unchecked, int components, double maxRelativeError, List<Failure> failures,
    long millis) {

  public enum Status { PASSED, FAILED, UNCHECKED }

  /**
   * One entry beyond the tolerance, or another fault of a derivative.
   *
   * @param derivative the generated method ({@code priceGradient})
   * @param partial the entry: {@code ∂price/∂apple}, {@code ∂polar[1]/∂theta}, {@code ∂²rosen/∂x∂y},
   *     {@code value}, ...
   * @param point the arguments, as text
   * @param generated what the generated code gives
   * @param numeric what finite differences give
   * @param relativeError their relative error
   * @param message all of it in one sentence
   */
  public record Failure(String derivative, String partial, String point, double generated, double numeric,
      double relativeError, String message) {}

  public String simpleOwner() {
    return owner.substring(owner.lastIndexOf('.') + 1).replace('$', '.');
  }
}
