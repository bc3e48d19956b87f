package dev.chainrule.maven;

import dev.chainrule.maven.check.CheckReport;
import dev.chainrule.maven.index.ClassIndex;
import dev.chainrule.maven.index.IndexReader;
import dev.chainrule.maven.report.ReportWriter;
import java.io.File;
import java.io.IOException;
import java.net.URLClassLoader;
import java.util.List;
import java.util.Locale;
import org.apache.maven.doxia.sink.Sink;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.reporting.MavenReport;
import org.apache.maven.reporting.MavenReportException;

/**
 * Writes an HTML report that explains every derivative ChainRule generated: one page per class and
 * an index; per method its source, the generated derivative code (highlighted), the partial
 * derivatives in closed form (for straight-line methods, in math notation), the computational graph
 * with forward values above each edge and backward values under it at a sample point (laid out by
 * Eclipse ELK), and the latest result of the {@code check} goal. The pages are self-contained.
 *
 * <p>Run it as {@code mvn chainrule:report} (pages in {@code target/chainrule/report}), or list the
 * plugin under {@code <reporting>} for {@code mvn site} (pages in {@code site/chainrule/}). It reads
 * {@code target/chainrule/check.json}: run {@code verify} or {@code chainrule:check} first to show
 * check results.
 */
@Mojo(name = "report", threadSafe = true, requiresDependencyResolution = ResolutionScope.COMPILE_PLUS_RUNTIME)
public final class ReportMojo extends AbstractChainRuleMojo implements MavenReport {

  /** Where {@code mvn chainrule:report} writes the pages. */
  @Parameter(property = "chainrule.reportDirectory", defaultValue = "${project.build.directory}/chainrule/report")
  private File outputDirectory;

  /** Set by the site plugin: the site's directory. */
  private File reportOutputDirectory;

  @Override
  public void execute() throws MojoExecutionException {
    if (skip) {
      getLog().info("ChainRule report skipped (chainrule.skip)");
      return;
    }
    write(outputDirectory);
  }

  private void write(File dir) throws MojoExecutionException {
    List<ClassIndex> index = readIndex("report");
    if (index.isEmpty()) {
      return;
    }
    CheckReport check = CheckReport.read(checkDirectory.toPath().resolve("check.json"));
    try (URLClassLoader loader = ProjectClasses.loader(ProjectClasses.elements(project))) {
      int disagreements = new ReportWriter(index, check, loader, seed, points).write(dir.toPath());
      int methods = index.stream().mapToInt(c -> c.methods().size()).sum();
      getLog().info("ChainRule report: " + index.size() + " classes, " + methods + " methods — " + dir.toPath().resolve("index.html"));
      if (disagreements > 0) {
        getLog().warn("ChainRule report: the graph's backward values disagree with the generated gradient for "
            + disagreements + " methods (see the report)");
      }
      if (check == null) {
        getLog().info("ChainRule report: no check result yet (run verify or chainrule:check first to include it)");
      }
    } catch (IOException e) {
      throw new MojoExecutionException("cannot write the report into " + dir + ": " + e.getMessage(), e);
    }
  }

  // ---- MavenReport, for mvn site: an external report that writes its own pages ----

  @Override
  public void generate(Sink sink, Locale locale) throws MavenReportException {
    try {
      write(new File(getReportOutputDirectory(), "chainrule"));
    } catch (MojoExecutionException e) {
      throw new MavenReportException(e.getMessage(), e);
    }
  }

  @Override
  public String getOutputName() {
    return "chainrule/index";
  }

  @Override
  public String getCategoryName() {
    return CATEGORY_PROJECT_REPORTS;
  }

  @Override
  public String getName(Locale locale) {
    return "ChainRule derivatives";
  }

  @Override
  public String getDescription(Locale locale) {
    return "Every generated derivative: closed forms, computational graphs, gradient checks.";
  }

  @Override
  public void setReportOutputDirectory(File directory) {
    this.reportOutputDirectory = directory;
  }

  @Override
  public File getReportOutputDirectory() {
    return reportOutputDirectory != null ? reportOutputDirectory : outputDirectory;
  }

  @Override
  public boolean isExternalReport() {
    return true;
  }

  @Override
  public boolean canGenerateReport() {
    return new File(classesDirectory, IndexReader.LOCATION).isDirectory();
  }
}
