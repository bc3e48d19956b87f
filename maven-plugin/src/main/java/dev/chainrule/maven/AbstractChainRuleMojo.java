package dev.chainrule.maven;

import dev.chainrule.maven.index.ClassIndex;
import dev.chainrule.maven.index.IndexReader;
import java.io.File;
import java.io.IOException;
import java.util.List;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/** What the goals share: the project, its index, where the check's results are, and how points are drawn. */
abstract class AbstractChainRuleMojo extends AbstractMojo {

  /** Skips the goal. */
  @Parameter(property = "chainrule.skip", defaultValue = "false")
  protected boolean skip;

  /** The seed of the drawn points; the same seed gives the same points (the report draws the check's first). */
  @Parameter(property = "chainrule.seed", defaultValue = "17")
  protected long seed;

  /** How many points to draw per method when its {@code @CheckPoints} does not say. */
  @Parameter(property = "chainrule.points", defaultValue = "3")
  protected int points;

  /** The compiled classes, with the processor's index under {@code META-INF/chainrule}. */
  @Parameter(defaultValue = "${project.build.outputDirectory}", required = true, readonly = true)
  protected File classesDirectory;

  /** Where the check writes {@code check.json} and {@code check.txt} (and the report reads them). */
  @Parameter(property = "chainrule.outputDirectory", defaultValue = "${project.build.directory}/chainrule")
  protected File checkDirectory;

  @Parameter(defaultValue = "${project}", required = true, readonly = true)
  protected MavenProject project;

  /** The index of the project's classes; empty (after saying so) when it has no differentiable methods. */
  protected List<ClassIndex> readIndex(String goal) throws MojoExecutionException {
    try {
      List<ClassIndex> index = IndexReader.read(classesDirectory.toPath());
      if (index.isEmpty()) {
        getLog().info("ChainRule " + goal + ": no @Differentiable methods in " + classesDirectory + " (no index under "
            + IndexReader.LOCATION + ")");
      }
      return index;
    } catch (IOException e) {
      throw new MojoExecutionException(e.getMessage(), e);
    }
  }
}
