package dev.chainrule.processor.behaviour;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.numeric.Packing;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Generated methods are static and stateless: many threads computing gradients and pullbacks at
 * once (each thread with its own adjoints, as documented) get bit-for-bit the results of a
 * sequential run. Eight threads make 500 calls each, cycling through functions that use tapes,
 * local arrays, callee adjoints and data-dependent trip counts, on inputs that differ per call.
 */
class ThreadSafetyTest {
  private static final int THREADS = 8;
  private static final int CALLS_PER_THREAD = 500;

  private static CompiledSources compiled;

  @BeforeAll
  static void compile() {
    compiled = SharedCompilation.get();
  }

  /** A function and how to make its arguments from a random source (fixed shapes per function). */
  private record Subject(Differentiated method, Function<Random, Object[]> inputs) {}

  private static List<Subject> subjects() {
    return List.of(
        new Subject(Differentiated.of(compiled, "p.Loops", "rosenbrock", "x"),
            r -> new Object[] {values(r, 20, 1.5)}),
        new Subject(Differentiated.of(compiled, "p.Loops", "logisticLoss", "w", "b"),
            r -> new Object[] {values(r, 3, 1), r.nextDouble() - 0.5, matrix(r, 10, 3, 2), labels(r, 10)}),
        new Subject(Differentiated.of(compiled, "p.Loops", "tripCountDependsOnValue", "x", "rate"),
            r -> new Object[] {0.2 + 5 * r.nextDouble(), 1.2 + r.nextDouble()}),
        new Subject(Differentiated.of(compiled, "p.Loops", "softmaxAgainstTarget", "z"),
            r -> new Object[] {values(r, 5, 2), LoopsAndArraysTest.distribution(r.nextLong(), 5)}),
        new Subject(Differentiated.of(compiled, "p.Loops", "fixedPointCos", "a"),
            r -> new Object[] {0.3 + 0.9 * r.nextDouble()}),
        new Subject(Differentiated.of(compiled, "p.Loops", "callsInLoop", "w", "X"),
            r -> new Object[] {values(r, 3, 1), matrix(r, 4, 3, 1)}),
        new Subject(Differentiated.of(compiled, "p.Loops", "local2dCompound", "x"),
            r -> new Object[] {values(r, 4, 1)}),
        new Subject(Differentiated.of(compiled, "p.Loops", "ifElseInsideLoop", "x", "y"),
            r -> new Object[] {values(r, 6, 2), r.nextDouble()}),
        new Subject(Differentiated.of(compiled, "p.Scalars", "callsOtherClass", "x", "y"),
            r -> new Object[] {values(r, 1, 2)[0], values(r, 1, 2)[0]}));
  }

  private static double[] values(Random r, int n, double scale) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = scale * (2 * r.nextDouble() - 1);
    }
    return v;
  }

  private static double[][] matrix(Random r, int rows, int cols, double scale) {
    double[][] m = new double[rows][];
    for (int i = 0; i < rows; i++) {
      m[i] = values(r, cols, scale);
    }
    return m;
  }

  private static double[] labels(Random r, int n) {
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      y[i] = r.nextBoolean() ? 1 : 0;
    }
    return y;
  }

  /** The work of one thread: calls whose functions and arguments are fixed by the thread's index. */
  private static final class Worker {
    final List<Subject> subjects;
    final Object[][] args = new Object[CALLS_PER_THREAD][];
    final Map<Subject, Object> adjoints = new HashMap<>();

    Worker(List<Subject> subjects, int thread) {
      this.subjects = subjects;
      Random random = new Random(1000L + thread);
      for (int i = 0; i < CALLS_PER_THREAD; i++) {
        args[i] = subject(i).inputs().apply(random);
      }
    }

    Subject subject(int call) {
      return subjects.get(call % subjects.size());
    }

    /** Value and partials from the gradient method, then value and partials from a pullback. */
    double[] run(int call) {
      Subject s = subject(call);
      Differentiated m = s.method();
      Record g = m.gradient(args[call]);
      Object adjoint = adjoints.computeIfAbsent(s, k -> m.newAdjoint(args[call]));
      m.clear(adjoint);
      double value = m.pullback(args[call], 1.0, adjoint);
      double[] fromGradient = Packing.flatten(m.recordParts(g));
      double[] fromPullback = Packing.flatten(m.adjointParts(adjoint));
      double[] out = new double[2 + fromGradient.length + fromPullback.length];
      out[0] = Differentiated.recordValue(g);
      out[1] = value;
      System.arraycopy(fromGradient, 0, out, 2, fromGradient.length);
      System.arraycopy(fromPullback, 0, out, 2 + fromGradient.length, fromPullback.length);
      return out;
    }
  }

  @Test
  void concurrentGradientsEqualSequentialOnes() throws Exception {
    List<Subject> subjects = subjects();
    double[][][] expected = new double[THREADS][CALLS_PER_THREAD][];
    for (int t = 0; t < THREADS; t++) {
      Worker sequential = new Worker(subjects, t);
      for (int i = 0; i < CALLS_PER_THREAD; i++) {
        expected[t][i] = sequential.run(i);
      }
    }

    ConcurrentLinkedQueue<String> mismatches = new ConcurrentLinkedQueue<>();
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        Worker worker = new Worker(subjects, thread);
        done.add(pool.submit(() -> {
          start.await();
          for (int i = 0; i < CALLS_PER_THREAD; i++) {
            double[] actual = worker.run(i);
            if (!Arrays.equals(expected[thread][i], actual)) {
              mismatches.add("thread " + thread + ", call " + i + " (" + worker.subject(i).method().label()
                  + "): expected " + Arrays.toString(expected[thread][i]) + " but was " + Arrays.toString(actual));
            }
          }
          return null;
        }));
      }
      start.countDown();
      for (Future<?> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(List.of(), List.copyOf(mismatches), "results that differ from the sequential run");
  }
}
