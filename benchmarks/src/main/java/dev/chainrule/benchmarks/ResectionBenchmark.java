package dev.chainrule.benchmarks;

import dev.chainrule.numeric.JacobianCheck;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The crossover of forward and reverse mode: the (2·points) × 11 Jacobian of {@link
 * Reprojection#resection} (one camera, {@code points} fixed points), by the generated forward
 * driver (11 pushforwards, whatever the number of points), the reverse driver (one pullback per
 * residual) and the default driver (which picks by the shapes at run time).
 */
@State(Scope.Thread)
// Eight warm-up seconds: the generated Jacobians are large methods that C2 compiles only
// after several seconds of on-stack replacements (n = 64 reaches its steady state after ~5 s).
@Warmup(iterations = 8, time = 1)
@Measurement(iterations = 5, time = 1)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ResectionBenchmark {
  @Param({"1", "2", "4", "8", "32"})
  public int points;

  // The camera of GradBench's ba1 input (see ReprojectionBenchmark).
  double[] cam = {
    -0.758453, -1.109613, -0.845551, 34.556073, 39.676747, 53.881673, 419.194514, 5.864426,
    -8.518870, 0.087812, 0.002739
  };
  double[][] xs;
  double[][] feats;
  double[] err;
  ReprojectionDerivatives.ResectionJacobianWork forward;
  ReprojectionDerivatives.ResectionJacobianWork reverse;
  ReprojectionDerivatives.ResectionJacobianWork auto;

  /** Points around GradBench's, features their projections plus noise; checks the drivers. */
  @Setup
  public void setup() {
    Random random = new Random(11 + points);
    xs = new double[points][];
    feats = new double[points][];
    for (int i = 0; i < points; i++) {
      xs[i] = new double[] {7.203245 + random.nextGaussian(), 0.001144 + random.nextGaussian(),
          3.023326 + random.nextGaussian()};
      feats[i] = new double[2];
    }
    err = new double[2 * points];
    Reprojection.resection(cam, xs, feats, err);
    for (int i = 0; i < points; i++) {
      feats[i][0] = -err[2 * i] + random.nextGaussian();
      feats[i][1] = -err[2 * i + 1] + random.nextGaussian();
    }
    forward = new ReprojectionDerivatives.ResectionJacobianWork();
    reverse = new ReprojectionDerivatives.ResectionJacobianWork();
    auto = new ReprojectionDerivatives.ResectionJacobianWork();
    check();
  }

  /** The forward driver against finite differences; the other two against the forward one. */
  public void check() {
    generatedForward();
    double[] value = err.clone();
    JacobianCheck.compare(v -> {
      double[] e = new double[2 * points];
      Reprojection.resection(v, xs, feats, e);
      return e;
    }, forward.cam, cam.clone()).assertWithin(1e-8);
    double[] reference = Jacobians.flatten((Object) forward.cam);
    Agreement.require("resection, primal", value[0], value, primal()[0], err.clone(),
        Agreement.EXACT);
    generatedReverse();
    Agreement.require("resection, generated reverse", value[0], reference, err[0],
        Jacobians.flatten((Object) reverse.cam), Agreement.EXACT);
    generatedJacobian();
    Agreement.require("resection, generated (default driver)", value[0], reference, err[0],
        Jacobians.flatten((Object) auto.cam), Agreement.EXACT);
  }

  @Benchmark
  public double[] primal() {
    Reprojection.resection(cam, xs, feats, err);
    return err;
  }

  @Benchmark
  public ReprojectionDerivatives.ResectionJacobianWork generatedJacobian() {
    ReprojectionDerivatives.resectionJacobian(cam, xs, feats, err, auto);
    return auto;
  }

  @Benchmark
  public ReprojectionDerivatives.ResectionJacobianWork generatedForward() {
    ReprojectionDerivatives.resectionJacobianForward(cam, xs, feats, err, forward);
    return forward;
  }

  @Benchmark
  public ReprojectionDerivatives.ResectionJacobianWork generatedReverse() {
    ReprojectionDerivatives.resectionJacobianReverse(cam, xs, feats, err, reverse);
    return reverse;
  }
}
