package dev.chainrule.benchmarks;

import dev.chainrule.numeric.JacobianCheck;
import dev.chainrule.numeric.Packing;
import java.util.concurrent.TimeUnit;
import org.hipparchus.analysis.differentiation.DSFactory;
import org.hipparchus.analysis.differentiation.DerivativeStructure;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The 2 × 15 Jacobian of one bundle-adjustment reprojection residual ({@link
 * Reprojection#residual}: camera 11, point 3, weight 1 → 2 residuals) at the first observation of
 * GradBench's {@code ba1_n49_m7776_p31843} input: generated (the default driver, which picks
 * reverse mode here, and both drivers explicitly), by hand, and by Hipparchus {@link
 * DerivativeStructure}.
 */
@State(Scope.Thread)
// Eight warm-up seconds: the generated Jacobians are large methods that C2 compiles only
// after several seconds of on-stack replacements (n = 64 reaches its steady state after ~5 s).
@Warmup(iterations = 8, time = 1)
@Measurement(iterations = 5, time = 1)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ReprojectionBenchmark {
  // GradBench's evals/ba/data/ba1_n49_m7776_p31843.txt (from ADBench): its camera, point, weight
  // and feature.
  double[] cam = {
    -0.758453, -1.109613, -0.845551, 34.556073, 39.676747, 53.881673, 419.194514, 5.864426,
    -8.518870, 0.087812, 0.002739
  };
  double[] x = {7.203245, 0.001144, 3.023326};
  double w = 0.417022;
  double[] feat = {271.760969, 834.209256};

  double[] err = new double[2];
  double[] handErr = new double[2];
  double[][] handCam = new double[2][Reprojection.CAMERA];
  double[][] handX = new double[2][3];
  double[] handW = new double[2];
  ReprojectionDerivatives.ResidualJacobianWork work;
  DSFactory factory;

  /** Builds the buffers and checks once that every variant agrees. */
  @Setup
  public void setup() {
    work = new ReprojectionDerivatives.ResidualJacobianWork();
    factory = new DSFactory(15, 1);
    check();
  }

  /**
   * The hand-written Jacobian against finite differences (core's JacobianCheck, Richardson), then
   * every variant against the hand-written one.
   */
  public void check() {
    handJacobian();
    Packing p = Packing.of(cam, x, w);
    double[] at = p.flatten();
    JacobianCheck.compare(v -> {
      double[] e = new double[2];
      Reprojection.residual(p.vector(v, 0), p.vector(v, 1), p.scalar(v, 2), feat, e);
      return e;
    }, handRows(), at).assertWithin(1e-8);
    double[] reference = Jacobians.flatten(handCam, handX, handW);
    Agreement.require("reprojection, primal", handErr[0], handErr, primal()[0], err.clone(),
        Agreement.EXACT);
    generatedJacobian();
    require("generated (default driver)", reference);
    generatedForward();
    require("generated forward", reference);
    generatedReverse();
    require("generated reverse", reference);
    DerivativeStructure[] ds = derivativeStructure();
    double[] dsFlat = DerivativeStructureVariants.jacobian(ds);
    Agreement.require("reprojection, DerivativeStructure", handErr[0], reference,
        ds[0].getValue(), dsFlat, Agreement.EXACT);
  }

  private void require(String what, double[] reference) {
    Agreement.require("reprojection, " + what, handErr[0], reference, err[0],
        Jacobians.flatten(work.cam, work.x, work.w), Agreement.EXACT);
  }

  /** The hand-written Jacobian as rows over the 15 inputs (camera, point, weight). */
  private double[][] handRows() {
    double[][] rows = new double[2][15];
    for (int k = 0; k < 2; k++) {
      System.arraycopy(handCam[k], 0, rows[k], 0, 11);
      System.arraycopy(handX[k], 0, rows[k], 11, 3);
      rows[k][14] = handW[k];
    }
    return rows;
  }

  @Benchmark
  public double[] primal() {
    Reprojection.residual(cam, x, w, feat, err);
    return err;
  }

  /** The default driver (reverse mode here: 15 inputs, 2 outputs). */
  @Benchmark
  public ReprojectionDerivatives.ResidualJacobianWork generatedJacobian() {
    ReprojectionDerivatives.residualJacobian(cam, x, w, feat, err, work);
    return work;
  }

  @Benchmark
  public ReprojectionDerivatives.ResidualJacobianWork generatedForward() {
    ReprojectionDerivatives.residualJacobianForward(cam, x, w, feat, err, work);
    return work;
  }

  @Benchmark
  public ReprojectionDerivatives.ResidualJacobianWork generatedReverse() {
    ReprojectionDerivatives.residualJacobianReverse(cam, x, w, feat, err, work);
    return work;
  }

  @Benchmark
  public double[][] handJacobian() {
    HandJacobians.reprojection(cam, x, w, feat, handErr, handCam, handX, handW);
    return handCam;
  }

  @Benchmark
  public DerivativeStructure[] derivativeStructure() {
    return DerivativeStructureVariants.reprojection(factory, cam, x, w, feat);
  }
}
