package dev.chainrule.gradbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every eval at its smallest sizes, run by GradBench's own runner against the packaged tool
 * ({@code gradbench/tool}) and validated by GradBench's own validators (which compare with its
 * hand-written C++ tool, or for particle and saddle with their published results): all twelve,
 * every function, particle's and saddle's four variants.
 */
class GradBenchIT {
  private static GradBench gradbench;
  private static String tool;

  private static final String QUICK = "--min-runs 1 --min-seconds 0";

  @BeforeAll
  static void prepare() throws Exception {
    Path module = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
    tool = module.resolve("tool") + " --warmup-runs 0 --warmup-seconds 0";
    gradbench = GradBench.prepare(module.resolve("target").resolve("gradbench"),
        List.of("lse", "llsq", "gmm", "lstm", "ode", "det", "kmeans", "ba", "ht"));
  }

  /** Defined, and every evaluation successful and valid. */
  private static void allValid(String eval, String args, int expected) throws Exception {
    GradBench.Session s = gradbench.run(eval, args, tool);
    assertTrue(s.defined(), () -> eval + " not defined: " + s.defineError() + "\n" + s.output());
    assertEquals(expected, s.evaluations().size(), s.output());
    for (GradBench.Evaluation e : s.evaluations()) {
      assertTrue(e.success(), () -> eval + " " + e.function() + " failed: " + e.error());
      assertEquals(Boolean.TRUE, e.valid(),
          () -> eval + " " + e.function() + " " + e.description() + " invalid: " + e.analysisError());
    }
  }

  @Test
  void hello() throws Exception {
    allValid("hello", "", 8);
  }

  @Test
  void lse() throws Exception {
    allValid("lse", "-n 2500 " + QUICK, 2);
  }

  @Test
  void llsq() throws Exception {
    allValid("llsq", "-n 16 " + QUICK, 2);
  }

  @Test
  void gmm() throws Exception {
    allValid("gmm", "-d 2 -k 5 " + QUICK, 2);
  }

  @Test
  void lstm() throws Exception {
    allValid("lstm", "-l 2 -c 1024 " + QUICK, 2);
  }

  @Test
  void ode() throws Exception {
    allValid("ode", "-n 1000 -s 1 " + QUICK, 2);
  }

  @Test
  void det() throws Exception {
    allValid("det", "-l 5 6 " + QUICK, 4);
  }

  @Test
  void kmeans() throws Exception {
    allValid("kmeans", "-k 10 -n 1000 -d 8 " + QUICK, 2);
  }

  @Test
  void ba() throws Exception {
    allValid("ba", "--max 1 " + QUICK, 2);
  }

  @Test
  void ht() throws Exception {
    allValid("ht", "--max 1 " + QUICK, 2);
    allValid("ht", "--max 1 --variant simple --model small " + QUICK, 2);
  }

  /** The four variants ff, fr, rf, rr of each. */
  @Test
  void particle() throws Exception {
    allValid("particle", QUICK, 4);
  }

  @Test
  void saddle() throws Exception {
    allValid("saddle", QUICK, 4);
  }
}
