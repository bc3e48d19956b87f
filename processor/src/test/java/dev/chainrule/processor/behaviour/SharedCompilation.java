package dev.chainrule.processor.behaviour;

import java.util.Map;

/**
 * The sources of the scalar, loop and call tests (and their corner cases), compiled together once per test JVM
 * (compiling costs about a second; the test classes share the result instead of each compiling
 * its own copy). Compiling them together also checks that methods of several classes can be
 * processed in one round.
 */
final class SharedCompilation {
  private SharedCompilation() {}

  private static final class Holder {
    static final CompiledSources COMPILED =
        CompiledSources.compile(
            Map.of(
                "p.Scalars", ScalarSubsetTest.SCALARS,
                "p.Helper", ScalarSubsetTest.HELPER,
                "p.Corners", ScalarCornerCasesTest.CORNERS,
                "p.Loops", LoopsAndArraysTest.LOOPS,
                "p.LoopCorners", LoopCornerCasesTest.LOOP_CORNERS,
                "p.Fusion", LoopFusionTest.FUSION,
                "p.Inlining", InliningTest.INLINING,
                "p.Model", CallsAcrossClassesTest.MODEL,
                "p.Vec", CallsAcrossClassesTest.VEC,
                "q.Geo", CallsAcrossClassesTest.GEO));
  }

  /** The compiled sources (compiled on first use). */
  static CompiledSources get() {
    return Holder.COMPILED;
  }
}
