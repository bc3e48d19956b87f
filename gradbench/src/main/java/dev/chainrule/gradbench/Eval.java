package dev.chainrule.gradbench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * One GradBench eval: its module name and, for each function the eval asks for, either how to
 * run it or which ChainRule feature it still waits for.
 */
public interface Eval {

  /** The GradBench module name ({@code "gmm"}). */
  String module();

  /** The functions this tool runs, by GradBench name. */
  Map<String, Function> functions();

  /**
   * The functions of the eval that this tool cannot run yet, each with the ChainRule feature it
   * waits for (empty when the eval is complete).
   */
  default Map<String, String> waiting() {
    return Map.of();
  }

  /** One function of the eval: parses an input into a prepared, repeatable computation. */
  @FunctionalInterface
  interface Function {
    /**
     * Reads the input (outside the timed region) and allocates what the runs reuse.
     *
     * @throws BadInput when the input does not have the eval's shape
     */
    Prepared prepare(JsonNode input);
  }

  /** A computation ready to run: {@link #run()} is what GradBench's timings measure. */
  interface Prepared {
    /** Computes the function once (the timed region). */
    void run();

    /** The result of the last {@link #run()}, as a value Jackson serialises to the eval's type. */
    Object output();
  }

  /** A list of functions in order, for {@link #functions()}. */
  static Map<String, Function> of(Object... nameThenFunction) {
    var map = new java.util.LinkedHashMap<String, Function>();
    for (int i = 0; i < nameThenFunction.length; i += 2) {
      map.put((String) nameThenFunction[i], (Function) nameThenFunction[i + 1]);
    }
    return java.util.Collections.unmodifiableMap(map);
  }

  /** A prepared scalar function: {@code run} evaluates it, {@code output} is the last value. */
  static Prepared scalar(java.util.function.DoubleSupplier f) {
    return new Prepared() {
      private double value;

      @Override
      public void run() {
        value = f.getAsDouble();
      }

      @Override
      public Object output() {
        return value;
      }
    };
  }

  /** A prepared computation that writes into buffers {@code output} then reads. */
  static Prepared of(Runnable run, java.util.function.Supplier<Object> output) {
    return new Prepared() {
      @Override
      public void run() {
        run.run();
      }

      @Override
      public Object output() {
        return output.get();
      }
    };
  }
}
