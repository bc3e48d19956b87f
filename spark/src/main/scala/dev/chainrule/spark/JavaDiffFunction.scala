package dev.chainrule.spark

import breeze.linalg.{DenseVector => BDV}
import breeze.optimize.DiffFunction

/**
 * A Breeze `DiffFunction` over a Java function `(weights, gradientOut) -> value`. Java cannot
 * implement `DiffFunction` itself: the trait's `apply(T): Double` clashes with the erased
 * `Function1.apply(T): Object`, which only scalac bridges, and javac also refuses a Java subclass of
 * a Scala class that implements it. This is the whole Scala side of the module.
 *
 * @param objective writes the gradient at `weights` into its second argument and returns the value
 */
final class JavaDiffFunction(objective: java.util.function.ToDoubleBiFunction[Array[Double], Array[Double]])
    extends DiffFunction[BDV[Double]] {

  override def calculate(x: BDV[Double]): (Double, BDV[Double]) = {
    val weights = x.toArray
    val gradient = new Array[Double](weights.length)
    val value = objective.applyAsDouble(weights, gradient)
    (value, BDV(gradient))
  }
}
