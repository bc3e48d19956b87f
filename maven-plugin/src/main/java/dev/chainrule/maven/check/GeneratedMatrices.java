package dev.chainrule.maven.check;

import dev.chainrule.maven.index.ClassIndex;
import dev.chainrule.maven.index.MethodIndex;
import dev.chainrule.maven.index.MethodIndex.Derivative;
import dev.chainrule.maven.index.MethodIndex.Parameter;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

/**
 * The Jacobian of a vector-valued method and the Hessian of a second-order one at a point, as the
 * generated {@code mJacobian} and {@code mHessian} give them, with the names of their rows and
 * columns (the report shows them as tables).
 */
public final class GeneratedMatrices {
  private GeneratedMatrices() {}

  /**
   * A matrix with named rows and columns.
   *
   * @param title what it is ({@code the Jacobian from polarJacobian})
   * @param rows the rows' names ({@code ∂polar[0]})
   * @param columns the columns' names ({@code ∂r})
   * @param values {@code rows × columns}
   */
  public record Table(String title, List<String> rows, List<String> columns, double[][] values) {}

  /** The Jacobian at {@code point} from the record form of {@code mJacobian}, or null if there is none. */
  public static Table jacobian(ClassIndex c, MethodIndex m, Class<?> owner, Class<?> companion, Object[] point) {
    Subject s = new Subject(c, m, MethodChecker.find(owner, m.name(), Types.of(m.parameters())));
    Derivative d = m.derivative("jacobian");
    Object record = m.isScalar() ? null : record(s, d, companion, point);
    if (record == null) {
      return null;
    }
    Object value = Companion.component(record, "value", d.method());
    List<String> inputs = s.inputNames(point);
    int outputs = Shapes.flatten(value).length;
    double[][] values = new double[outputs][inputs.size()];
    int column = 0;
    for (Parameter p : m.differentiated()) {
      Object block = Companion.component(record, p.name(), d.method());
      for (int i = 0; i < outputs; i++) {
        double[] row = block instanceof double[] col ? new double[] {col[i]} : ((double[][]) block)[i];
        System.arraycopy(row, 0, values[i], column, row.length);
      }
      column += block instanceof double[] ? 1 : ((double[][]) block).length == 0 ? 0 : ((double[][]) block)[0].length;
    }
    List<String> rows = s.outputNames(value).stream().map(o -> "∂" + o).toList();
    List<String> columns = inputs.stream().map(i -> "∂" + i).toList();
    return new Table("The Jacobian from " + d.method(), rows, columns, values);
  }

  /** The Hessian at {@code point} from the record form of {@code mHessian}, or null if there is none. */
  public static Table hessian(ClassIndex c, MethodIndex m, Class<?> owner, Class<?> companion, Object[] point) {
    Subject s = new Subject(c, m, MethodChecker.find(owner, m.name(), Types.of(m.parameters())));
    Derivative d = m.derivative("hessian");
    Object record = m.isScalar() ? record(s, d, companion, point) : null;
    if (record == null) {
      return null;
    }
    double[][] h = (double[][]) Companion.component(record, "hessian", d.method());
    List<String> names = new ArrayList<>();
    for (String input : s.inputNames(point)) {
      names.add("∂" + input);
    }
    List<String> rows = names.stream().map(n -> "∂²" + m.name() + "/" + n).toList();
    return new Table("The Hessian from " + d.method(), rows, names, h);
  }

  /** The record form of {@code d} at {@code point}, or null if there is none. */
  private static Object record(Subject s, Derivative d, Class<?> companion, Object[] point) {
    if (d == null) {
      return null;
    }
    Companion generated = new Companion(companion, s);
    Method method = generated.form(d.method(), s.types());
    return method == null ? null : generated.invoke(method, d.method(), point, Types.copy(point));
  }
}
