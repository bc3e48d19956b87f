package dev.chainrule.maven;

import dev.chainrule.maven.check.CheckException;
import dev.chainrule.maven.check.CheckReport;
import dev.chainrule.maven.check.MethodChecker;
import dev.chainrule.maven.check.MethodResult;
import dev.chainrule.maven.check.MethodResult.Failure;
import dev.chainrule.maven.check.MethodResult.Status;
import dev.chainrule.maven.index.ClassIndex;
import dev.chainrule.maven.index.MethodIndex;
import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Checks every derivative ChainRule generated in this project against finite differences of the
 * original method, at sample points, and fails the build naming the method, the point, the entry,
 * the derivative, the generated and the numeric value and their relative error.
 *
 * <p>The methods and their derivatives come from the index the processor writes into the class
 * output ({@code META-INF/chainrule/}). For a method with a {@code double} result: the gradient,
 * the pullback, the tangent, the pushforwards, and with {@code @Differentiable(order = 2)} the
 * Hessian, the Hessian-vector product and the pullback tangents (second derivatives against
 * differences of the generated gradient). For a vector-valued method ({@code double[]} or
 * {@code double[][]} result, or an {@code @Out} parameter): every form of the Jacobian, the
 * pullback of a random seed, the tangent and pushforwards along random directions. Forward and
 * reverse mode must also pass the dot-product test, and a Hessian be symmetric, to {@code
 * modesTolerance}.
 *
 * <p>Points: three per method, {@code double}s drawn uniformly from [-2, 2] with a fixed seed,
 * unless the method's {@code @CheckPoints} says otherwise (a domain, array sizes, or a static
 * method giving exact points); an {@code @Out} parameter gets a zero array of the size {@code
 * lengths} gives, or else the smallest the method runs with. A method whose check is impossible (an
 * array parameter without sizes) is listed as unchecked with the reason. Results go to {@code
 * target/chainrule/check.json} and a readable {@code check.txt}; when nothing changed since a
 * passing check (the classes, the class path and these parameters), the check is not repeated.
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true,
    requiresDependencyResolution = ResolutionScope.COMPILE_PLUS_RUNTIME)
public final class CheckMojo extends AbstractChainRuleMojo {

  /**
   * The largest relative error |generated − numeric| / max(1, |generated|, |numeric|) accepted for
   * a partial. Central differences reach about 1e-8 and Richardson extrapolation (tried before a
   * component fails) about 1e-11, so the default leaves room for badly scaled functions only.
   */
  @Parameter(property = "chainrule.tolerance", defaultValue = "1e-6")
  private double tolerance;

  /**
   * The largest relative difference accepted between generated derivatives that compute the same
   * numbers by different sweeps: ⟨w, J·v⟩ from the tangent against ⟨wᵀJ, v⟩ from the pullback,
   * ⟨u, H·v⟩ against ⟨H·u, v⟩, a Hessian entry against its mirror. No finite differences are
   * involved, so only rounding separates them.
   */
  @Parameter(property = "chainrule.modesTolerance", defaultValue = "1e-10")
  private double modesTolerance;

  /** Fails the build when a method or a derivative could not be checked (otherwise a warning). */
  @Parameter(property = "chainrule.failOnUnchecked", defaultValue = "false")
  private boolean failOnUnchecked;

  /** Repeats the check even when nothing changed since the last passing one. */
  @Parameter(property = "chainrule.force", defaultValue = "false")
  private boolean force;

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info("ChainRule check skipped (chainrule.skip)");
      return;
    }
    long start = System.nanoTime();
    List<ClassIndex> index = readIndex("check");
    if (index.isEmpty()) {
      return;
    }
    List<String> classpath = ProjectClasses.elements(project);
    Path json = checkDirectory.toPath().resolve("check.json");
    List<String> inputs = new ArrayList<>(classpath);
    inputs.add(CheckMojo.class.getProtectionDomain().getCodeSource().getLocation().getPath()); // this plugin
    String fingerprint = Fingerprint.of(classesDirectory.toPath(), inputs,
        List.of("tolerance=" + tolerance, "modesTolerance=" + modesTolerance, "seed=" + seed, "points=" + points,
            "version=" + CheckReport.VERSION));
    CheckReport previous = CheckReport.read(json);
    if (!force && previous != null && fingerprint.equals(previous.fingerprint()) && previous.failed() == 0) {
      getLog().info("ChainRule check: nothing changed since the last check (" + previous.summaryLine()
          + "); -Dchainrule.force to repeat it");
      finish(previous);
      return;
    }
    List<MethodResult> results = new ArrayList<>();
    MethodChecker checker = new MethodChecker(tolerance, modesTolerance, seed, points);
    try (URLClassLoader loader = ProjectClasses.loader(classpath)) {
      for (ClassIndex c : index) {
        for (MethodIndex m : c.methods()) {
          results.add(checkOne(checker, c, m, loader));
        }
      }
    } catch (IOException e) {
      throw new MojoExecutionException("cannot close the project's class loader", e);
    }
    CheckReport report = new CheckReport(CheckReport.VERSION, fingerprint, tolerance, seed,
        (System.nanoTime() - start) / 1_000_000, results);
    try {
      report.write(checkDirectory.toPath());
    } catch (IOException e) {
      throw new MojoExecutionException("cannot write " + json + ": " + e.getMessage(), e);
    }
    getLog().info("ChainRule check: " + report.summaryLine() + " — " + checkDirectory.toPath().resolve("check.txt"));
    finish(report);
  }

  private MethodResult checkOne(MethodChecker checker, ClassIndex c, MethodIndex m, ClassLoader loader)
      throws MojoExecutionException {
    try {
      return checker.check(c, m, loader);
    } catch (CheckException e) {
      throw new MojoExecutionException(e.getMessage(), e);
    } catch (RuntimeException e) {
      // The method threw at a point, or the classes and the index disagree: a failure of this method.
      String message = c.simpleName() + "." + m.name() + ": " + e.getMessage();
      return new MethodResult(c.owner(), m.name(), Status.FAILED, null, 0, null, List.of(), List.of(), 0, 0,
          List.of(new Failure("", "", "", Double.NaN, Double.NaN, Double.NaN, message)), 0);
    }
  }

  private void finish(CheckReport report) throws MojoFailureException {
    List<String> problems = new ArrayList<>();
    for (MethodResult r : report.methods()) {
      String name = r.simpleOwner() + "." + r.method();
      if (r.status() == Status.UNCHECKED) {
        String line = "unchecked: " + name + ": " + r.reason();
        if (failOnUnchecked) {
          problems.add(line);
        }
        getLog().warn("ChainRule " + line);
      }
      for (String u : r.unchecked()) {
        String line = "unchecked: " + name + ": " + u;
        if (failOnUnchecked) {
          problems.add(line);
        }
        getLog().warn("ChainRule " + line);
      }
      for (Failure f : r.failures()) {
        getLog().error("ChainRule: " + f.message());
        problems.add(f.message());
      }
    }
    if (!problems.isEmpty()) {
      throw new MojoFailureException("ChainRule check failed: " + report.summaryLine() + "\n  " + String.join("\n  ", problems));
    }
  }
}
