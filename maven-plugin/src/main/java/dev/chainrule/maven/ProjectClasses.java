package dev.chainrule.maven;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.project.MavenProject;

/** A class loader over the project's compiled classes and its compile and runtime dependencies. */
final class ProjectClasses {
  private ProjectClasses() {}

  static List<String> elements(MavenProject project) throws MojoExecutionException {
    try {
      Set<String> out = new LinkedHashSet<>(project.getCompileClasspathElements());
      out.addAll(project.getRuntimeClasspathElements());
      return new ArrayList<>(out);
    } catch (DependencyResolutionRequiredException e) {
      throw new MojoExecutionException("the project's dependencies are not resolved: " + e.getMessage(), e);
    }
  }

  /** Its parent is the platform loader: the project's own copies of every class are used. */
  static URLClassLoader loader(List<String> elements) throws MojoExecutionException {
    List<URL> urls = new ArrayList<>();
    for (String e : elements) {
      try {
        urls.add(new File(e).toURI().toURL());
      } catch (MalformedURLException ex) {
        throw new MojoExecutionException("bad class path element " + e, ex);
      }
    }
    return new URLClassLoader(urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader());
  }
}
