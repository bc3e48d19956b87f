package dev.chainrule.maven.check;

import dev.chainrule.maven.index.MethodIndex.Derivative;
import dev.chainrule.maven.index.MethodIndex.Parameter;
import dev.chainrule.numeric.JacobianCheck;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

/**
 * The Jacobian of a vector-valued method in every generated form — the record {@code mJacobian(args)},
 * the allocation-free {@code mJacobian(args, work)}, and the drivers {@code mJacobianForward} and
 * {@code mJacobianReverse} — each entry {@code ∂polar[i]/∂theta} against finite differences of the
 * method (core's JacobianCheck). The blocks are read as the naming contract lays them out: one per
 * differentiated parameter, named after it, {@code double[m]} for a {@code double} and {@code
 * double[m][k]} for an array of {@code k} values (a {@code double[][]} parameter row by row).
 */
final class JacobianChecks extends Checks {

  JacobianChecks(Subject s, Companion c, Findings found, Unchecked unchecked) {
    super(s, c, found, unchecked);
  }

  /** {@code mJacobian}: the record form and the allocation-free one. */
  void jacobian(Derivative d, At at) {
    Forms forms = new Forms(d);
    Method record = forms.find(s.types());
    if (record != null) {
      Call call = call(record, d.method(), at);
      sameRecordValue(d.method(), at, call.returned());
      if (s.out >= 0) {
        found.sameValue(d.method(), at.point, call.args()[s.out], at.value, s.m.name());
      }
      List<Object> blocks = new ArrayList<>();
      for (Parameter p : s.m.differentiated()) {
        blocks.add(Companion.component(call.returned(), p.name(), d.method()));
      }
      compare(d.method(), at, blocks);
    }
    if (d.work() != null) {
      Class<?> workType = c.nested(d.work());
      Method method = forms.find(s.types(workType));
      if (method != null) {
        work(method, at, workType, d.method() + "(…, " + workType.getSimpleName() + ")");
      }
    }
    forms.done();
  }

  /** {@code mJacobianForward}, {@code mJacobianReverse}: into a workspace. */
  void driver(Derivative d, At at) {
    Class<?> workType = c.nested(d.type());
    Method method = unchecked.form(c, d, s.types(workType));
    if (method != null) {
      work(method, at, workType, d.method());
    }
  }

  /** A form into a workspace; {@code label} names it in messages. */
  private void work(Method method, At at, Class<?> workType, String label) {
    Object work = Companion.newInstance(workType);
    callForValue(method, label, at, work);
    List<Object> blocks = new ArrayList<>();
    for (Parameter p : s.m.differentiated()) {
      blocks.add(Companion.field(work, p.name()));
    }
    compare(label, at, blocks);
  }

  private void compare(String derivative, At at, List<Object> blocks) {
    double[][] dense = dense(derivative, at, blocks);
    if (dense == null) {
      return;
    }
    List<String> names = new ArrayList<>();
    for (String output : at.outputs) {
      for (String input : at.inputs) {
        names.add("∂" + output + "/∂" + input);
      }
    }
    found.compare(derivative, at.point, scheme -> JacobianCheck.compare(at.f, dense, at.x, scheme), names, "finite differences");
  }

  /** The m × n Jacobian from the blocks, or null after a failure saying which block has the wrong shape. */
  private double[][] dense(String derivative, At at, List<Object> blocks) {
    int m = at.values.length;
    Object[] parts = s.parts(at.args);
    List<Parameter> differentiated = s.m.differentiated();
    double[][] dense = new double[m][at.x.length];
    int column = 0;
    for (int b = 0; b < blocks.size(); b++) {
      Object block = blocks.get(b);
      int width = Shapes.flatten(parts[b]).length;
      boolean fits = parts[b] instanceof Double ? block instanceof double[] col && col.length == m
          : block instanceof double[][] rows && rows.length == m && java.util.Arrays.stream(rows).allMatch(r -> r != null && r.length == width);
      if (!fits) {
        found.problem(derivative, "block " + differentiated.get(b).name(), at.point, "the block " + differentiated.get(b).name()
            + " from " + derivative + " is " + Shapes.shape(block) + ", but " + s.m.name() + " has " + m + " outputs and "
            + differentiated.get(b).name() + " " + width + (width == 1 ? " value" : " values") + " (the block must be "
            + (parts[b] instanceof Double ? "double[" + m + "]" : "double[" + m + "][" + width + "]") + ")");
        return null;
      }
      for (int i = 0; i < m; i++) {
        if (block instanceof double[] col) {
          dense[i][column] = col[i];
        } else {
          System.arraycopy(((double[][]) block)[i], 0, dense[i], column, width);
        }
      }
      column += width;
    }
    return dense;
  }
}
