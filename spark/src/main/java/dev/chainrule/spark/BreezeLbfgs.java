package dev.chainrule.spark;

import breeze.linalg.DenseVector;
import breeze.linalg.support.CanCopy;
import breeze.optimize.CachedDiffFunction;
import breeze.optimize.DiffFunction;
import breeze.optimize.FirstOrderMinimizer;
import breeze.optimize.LBFGS;
import java.util.function.Consumer;
import scala.reflect.ClassTag$;

/**
 * The Java side of Breeze's L-BFGS, the optimiser MLlib's {@code LBFGS.runLBFGS} runs: the same
 * construction ({@code new LBFGS(maxIterations, corrections, tolerance)} over dense vectors, the
 * cost function wrapped in a {@code CachedDiffFunction}) and the same loop over its iterations.
 * Everything Scala-specific of this module is here and in {@code JavaDiffFunction.scala}.
 */
final class BreezeLbfgs {
  private BreezeLbfgs() {}

  /** The last iterate and why Breeze stopped. */
  record Outcome(double[] weights, String reason) {}

  /** Runs L-BFGS from {@code initial}, reporting each state to {@code progress}. */
  static Outcome minimize(Objective objective, double[] initial, int maxIterations,
      int corrections, double tolerance, Consumer<Iteration> progress) {
    LBFGS<DenseVector<Object>> lbfgs =
        new LBFGS<>(maxIterations, corrections, tolerance, DenseVector.space_Double());
    DiffFunction<DenseVector<Object>> cost = new JavaDiffFunction(objective::evaluate);
    CachedDiffFunction<DenseVector<Object>> cached = new CachedDiffFunction<>(cost, COPY);
    long start = System.nanoTime();
    int evaluationsBefore = 0;
    scala.collection.Iterator<FirstOrderMinimizer.State<DenseVector<Object>, Object, Object>> states =
        lbfgs.iterations(cached, vector(initial.clone()));
    FirstOrderMinimizer.State<DenseVector<Object>, Object, Object> state = null;
    while (states.hasNext()) {
      state = states.next();
      long now = System.nanoTime();
      int evaluations = objective.evaluations();
      progress.accept(new Iteration(state.iter(), state.value(), norm(state.grad()),
          (now - start) / 1e9, evaluations - evaluationsBefore));
      start = now;
      evaluationsBefore = evaluations;
    }
    if (state == null) {
      return new Outcome(initial.clone(), "no iteration");
    }
    String reason = state.convergenceReason().isDefined()
        ? state.convergenceReason().get().reason()
        : "stopped";
    return new Outcome(toArray(state.x()), reason);
  }

  private static final CanCopy<DenseVector<Object>> COPY =
      DenseVector.canCopyDenseVector(ClassTag$.MODULE$.Double());

  static DenseVector<Object> vector(double[] values) {
    return new breeze.linalg.DenseVector$mcD$sp(values);
  }

  static double[] toArray(DenseVector<Object> v) {
    double[] a = new double[v.length()];
    for (int i = 0; i < a.length; i++) {
      a[i] = v.apply$mcID$sp(i);
    }
    return a;
  }

  private static double norm(DenseVector<Object> v) {
    double s = 0;
    for (int i = 0; i < v.length(); i++) {
      double x = v.apply$mcID$sp(i);
      s += x * x;
    }
    return Math.sqrt(s);
  }
}
