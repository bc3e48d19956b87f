package dev.chainrule.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Benchmark;

/**
 * Calls every benchmark method once at small sizes, after the benchmarks' own agreement check
 * (every variant against the hand-written adjoint or Jacobian, and that against finite
 * differences from core, the independent oracle), and checks that the generated pullbacks,
 * pushforwards and Jacobians allocate nothing once their workspace has been used.
 */
class BenchmarksSmokeTest {

  /** Invokes every {@code @Benchmark} method of {@code state} once; returns how many. */
  private static int callAll(Object state) throws Exception {
    List<String> called = new ArrayList<>();
    for (Method m : state.getClass().getMethods()) {
      if (m.isAnnotationPresent(Benchmark.class)) {
        Object result = m.invoke(state);
        if (result instanceof Double d) {
          assertFalse(d.isNaN(), m.getName());
        }
        called.add(m.getName());
      }
    }
    return called.size();
  }

  @Test
  void blackScholes() throws Exception {
    BlackScholesBenchmark b = new BlackScholesBenchmark();
    b.setup();
    assertEquals(10, callAll(b));
    b.check();
  }

  @Test
  void rosenbrock() throws Exception {
    for (int n : new int[] {2, 10, 100, 1000}) {
      RosenbrockBenchmark b = new RosenbrockBenchmark();
      b.n = n;
      b.setup();
      assertEquals(6, callAll(b));
      b.check();
      RosenbrockPeersBenchmark p = new RosenbrockPeersBenchmark();
      p.n = n;
      p.setup();
      assertEquals(3, callAll(p));
      p.check();
    }
  }

  @Test
  void reprojection() throws Exception {
    ReprojectionBenchmark b = new ReprojectionBenchmark();
    b.setup();
    assertEquals(6, callAll(b));
    b.check();
  }

  @Test
  void resection() throws Exception {
    for (int points : new int[] {1, 3, 8}) {
      ResectionBenchmark b = new ResectionBenchmark();
      b.points = points;
      b.setup();
      assertEquals(4, callAll(b));
      b.check();
    }
  }

  @Test
  void ode() throws Exception {
    for (int n : new int[] {4, 16}) {
      OdeBenchmark b = new OdeBenchmark();
      b.n = n;
      b.s = 3;
      b.setup();
      assertEquals(6, callAll(b));
      b.check();
    }
  }

  @Test
  void rosenbrockAnatomy() throws Exception {
    RosenbrockAnatomyBenchmark b = new RosenbrockAnatomyBenchmark();
    b.n = 50;
    b.setup();
    assertEquals(4, callAll(b));
  }

  @Test
  void networkAnatomy() throws Exception {
    NetworkAnatomyBenchmark b = new NetworkAnatomyBenchmark();
    b.setup();
    assertEquals(2, callAll(b));
  }

  @Test
  void logistic() throws Exception {
    LogisticBenchmark b = new LogisticBenchmark();
    b.m = 40;
    b.d = 7;
    b.setup();
    assertEquals(7, callAll(b));
    b.check();
  }

  @Test
  void hessianAndHvp() throws Exception {
    for (int n : new int[] {2, 20}) {
      HessianBenchmark h = new HessianBenchmark();
      h.n = n;
      h.setup();
      assertEquals(5, callAll(h));
      h.check();
    }
    HvpBenchmark v = new HvpBenchmark();
    v.setup();
    assertEquals(6, callAll(v));
    v.check();
  }

  @Test
  void generatedHessiansAndHvpsAllocateNothing() throws Exception {
    HessianBenchmark h = new HessianBenchmark();
    h.n = 20;
    h.setup();
    HvpBenchmark v = new HvpBenchmark();
    v.setup();
    assertTrue(allocationOf(() -> h.generatedHessianRecord()) > 0, "the check can see allocation");
    assertEquals(0, steadyAllocationOf(() -> h.generatedHessian()), "Rosenbrock Hessian");
    assertEquals(0, steadyAllocationOf(() -> v.rosenbrockHvp()), "Rosenbrock HVP");
    assertEquals(0, steadyAllocationOf(() -> v.logisticHvp()), "logistic HVP");
  }

  @Test
  void twoLayerNet() throws Exception {
    TwoLayerNetBenchmark b = new TwoLayerNetBenchmark();
    b.batch = 6;
    b.inputs = 8;
    b.hidden = 5;
    b.classes = 3;
    b.setup();
    assertEquals(5, callAll(b));
    b.check(true);
  }

  @Test
  void agreementRejectsAWrongGradient() {
    double[] reference = {1.0, -2.0, 3.0};
    double[] off = {1.0, -2.0, 3.0 * (1 + 1e-5)};
    assertThrows(IllegalStateException.class,
        () -> Agreement.require("test", 1, reference, 1, off, Agreement.EXACT));
    assertThrows(IllegalStateException.class,
        () -> Agreement.require("test", 1, reference, 1.001, reference, Agreement.EXACT));
    Agreement.require("test", 1, reference, 1, reference.clone(), Agreement.EXACT);
    assertThrows(IllegalStateException.class, () -> Agreement.requireFiniteDifferences(
        "test", 1, reference, off, new double[] {0.5, 0.5, 0.5}));
  }

  private static long allocatedBytes() {
    return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
        .getThreadAllocatedBytes(Thread.currentThread().getId());
  }

  /** Bytes allocated by 50 runs of {@code r}, less what measuring nothing allocates. */
  private static long allocationOf(Runnable r) {
    r.run(); // sizes the adjoint's workspace
    long baseline0 = allocatedBytes();
    long baseline = allocatedBytes() - baseline0;
    long before = allocatedBytes();
    for (int i = 0; i < 50; i++) {
      r.run();
    }
    return allocatedBytes() - before - baseline;
  }

  /**
   * The least of {@link #allocationOf} over ten rounds: a call that allocates does so in every
   * round, while the JIT's transitions (a deoptimisation materialising scalar-replaced objects)
   * allocate in the first rounds only.
   */
  private static long steadyAllocationOf(Runnable r) {
    long least = Long.MAX_VALUE;
    for (int round = 0; round < 10; round++) {
      least = Math.min(least, allocationOf(r));
    }
    return least;
  }

  @Test
  void generatedPullbacksAllocateNothing() {
    BlackScholesBenchmark bs = new BlackScholesBenchmark();
    bs.setup();
    RosenbrockBenchmark ro = new RosenbrockBenchmark();
    ro.n = 100;
    ro.setup();
    LogisticBenchmark lo = new LogisticBenchmark();
    lo.m = 40;
    lo.d = 7;
    lo.setup();
    TwoLayerNetBenchmark net = new TwoLayerNetBenchmark();
    net.batch = 6;
    net.inputs = 8;
    net.hidden = 5;
    net.classes = 3;
    net.setup();
    assertTrue(allocationOf(() -> bs.generatedGradient()) > 0, "the check can see allocation");
    assertEquals(0, allocationOf(() -> bs.generatedPullback()), "Black-Scholes");
    assertEquals(0, allocationOf(() -> ro.generatedPullback()), "Rosenbrock");
    assertEquals(0, allocationOf(() -> lo.generatedPullback()), "logistic");
    assertEquals(0, allocationOf(() -> net.generatedPullback()), "two-layer net");
    assertEquals(0, allocationOf(() -> net.handAdjoint()), "two-layer net, hand");
  }

  @Test
  void generatedPushforwardsAndJacobiansAllocateNothing() {
    BlackScholesBenchmark bs = new BlackScholesBenchmark();
    bs.setup();
    RosenbrockBenchmark ro = new RosenbrockBenchmark();
    ro.n = 100;
    ro.setup();
    ReprojectionBenchmark re = new ReprojectionBenchmark();
    re.setup();
    ResectionBenchmark rs = new ResectionBenchmark();
    rs.points = 8;
    rs.setup();
    OdeBenchmark ode = new OdeBenchmark();
    ode.n = 16;
    ode.s = 3;
    ode.setup();
    assertTrue(allocationOf(() -> re.derivativeStructure()) > 0, "the check can see allocation");
    assertEquals(0, steadyAllocationOf(() -> bs.generatedPushforward()), "Black-Scholes pushforward");
    assertEquals(0, steadyAllocationOf(() -> bs.greeksByPushforwards()), "Black-Scholes, 10 pushforwards");
    assertEquals(0, steadyAllocationOf(() -> bs.greeksByJacobianForward()), "Black-Scholes, Jacobian");
    assertEquals(0, steadyAllocationOf(() -> ro.generatedPushforward()), "Rosenbrock pushforward");
    assertEquals(0, steadyAllocationOf(() -> re.generatedForward()), "reprojection, forward");
    assertEquals(0, steadyAllocationOf(() -> re.generatedReverse()), "reprojection, reverse");
    assertEquals(0, steadyAllocationOf(() -> re.handJacobian()), "reprojection, hand");
    assertEquals(0, steadyAllocationOf(() -> rs.generatedForward()), "resection, forward");
    assertEquals(0, steadyAllocationOf(() -> rs.generatedReverse()), "resection, reverse");
    assertEquals(0, steadyAllocationOf(() -> ode.generatedForward()), "ODE, forward");
    assertEquals(0, steadyAllocationOf(() -> ode.generatedReverse()), "ODE, reverse");
    assertEquals(0, steadyAllocationOf(() -> ode.handJacobian()), "ODE, hand");
  }
}
