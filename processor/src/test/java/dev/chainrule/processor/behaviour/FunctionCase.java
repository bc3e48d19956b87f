package dev.chainrule.processor.behaviour;

import dev.chainrule.numeric.FiniteDifferences.Scheme;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * A method of a test source, the parameters it is expected to be differentiated with respect to,
 * the finite-difference scheme that suits it, and the points at which it is checked.
 */
record FunctionCase(String method, List<String> wrt, Scheme scheme, List<Object[]> points) {

  /** A function smooth within Richardson's initial step ({@code 0.1 × max(1, |x|)}) of each point. */
  static FunctionCase smooth(String method, List<String> wrt, Object[]... points) {
    return new FunctionCase(method, wrt, Scheme.RICHARDSON, List.of(points));
  }

  /** A piecewise function whose pieces are closer than Richardson's initial step to some point. */
  static FunctionCase piecewise(String method, List<String> wrt, Object[]... points) {
    return new FunctionCase(method, wrt, Scheme.CENTRAL, List.of(points));
  }

  /** The arguments of one call. */
  static Object[] at(Object... args) {
    return args;
  }

  /** One JUnit argument set per (case, point): method, wrt, scheme, point. */
  static Stream<Arguments> arguments(List<FunctionCase> cases) {
    return cases.stream()
        .flatMap(c -> c.points().stream().map(p -> Arguments.of(c.method(), c.wrt(), c.scheme(), p)));
  }
}
