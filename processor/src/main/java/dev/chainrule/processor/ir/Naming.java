package dev.chainrule.processor.ir;

import com.palantir.javapoet.ClassName;

/**
 * The public naming contract of generated code: companion {@code <Simple>Derivatives} (nested
 * {@code Outer.Inner} gives {@code Outer_InnerDerivatives}), {@code <method>Gradient},
 * {@code <method>Pullback}, records {@code <Method>Gradient} and adjoints {@code <Method>Adjoint};
 * forward mode {@code <method>Tangent} (record {@code <Method>Tangent}) and {@code <method>Pushforward}
 * (workspace {@code <Method>TangentWork}, directions {@code <parameter>Tangent}).
 */
public final class Naming {
  private Naming() {}

  public static ClassName companionOf(ClassName owner) {
    return ClassName.get(owner.packageName(), String.join("_", owner.simpleNames()) + "Derivatives");
  }

  public static String gradientMethod(String method) {
    return method + "Gradient";
  }

  public static String pullbackMethod(String method) {
    return method + "Pullback";
  }

  public static String gradientRecord(String method) {
    return capitalize(method) + "Gradient";
  }

  public static String adjointClass(String method) {
    return capitalize(method) + "Adjoint";
  }

  /** {@code <method>Tangent}: value and directional derivative, as a record. */
  public static String tangentMethod(String method) {
    return method + "Tangent";
  }

  /** {@code <Method>Tangent}: the record {@link #tangentMethod} returns. */
  public static String tangentRecord(String method) {
    return capitalize(method) + "Tangent";
  }

  /** {@code <method>Pushforward}: the allocation-free forward mode, writing into a workspace. */
  public static String pushforwardMethod(String method) {
    return method + "Pushforward";
  }

  /** {@code <Method>TangentWork}: the pushforward's reusable workspace and output. */
  public static String tangentWork(String method) {
    return capitalize(method) + "TangentWork";
  }

  /** {@code <method>MultiPushforward}: forward mode with k directions per sweep. */
  public static String multiPushforwardMethod(String method) {
    return method + "MultiPushforward";
  }

  /** {@code <Method>MultiTangentWork}: the multi-directional pushforward's workspace and output. */
  public static String multiTangentWork(String method) {
    return capitalize(method) + "MultiTangentWork";
  }

  /** {@code <method>Hvp}: value, gradient and Hessian-vector product. */
  public static String hvpMethod(String method) {
    return method + "Hvp";
  }

  public static String hvpRecord(String method) {
    return capitalize(method) + "Hvp";
  }

  /** {@code <parameter>Hvp}: a block of the Hessian-vector product in {@code <Method>Hvp}. */
  public static String hvpComponent(String parameter) {
    return parameter + "Hvp";
  }

  /** {@code <parameter>Direction}: the direction an HVP takes for a differentiated parameter. */
  public static String directionParameter(String parameter) {
    return parameter + "Direction";
  }

  /** {@code <method>Hessian}: value, gradient and dense Hessian. */
  public static String hessianMethod(String method) {
    return method + "Hessian";
  }

  public static String hessianRecord(String method) {
    return capitalize(method) + "Hessian";
  }

  public static String hessianWork(String method) {
    return capitalize(method) + "HessianWork";
  }

  /** {@code <method>PullbackTangent}: the pullback's forward-mode derivative (forward over reverse). */
  public static String pullbackTangentMethod(String method) {
    return method + "PullbackTangent";
  }

  /** {@code <method>MultiPullbackTangent}: the same with k directions per sweep. */
  public static String multiPullbackTangentMethod(String method) {
    return method + "MultiPullbackTangent";
  }

  /**
   * The field of {@code <Method>Adjoint} holding the tangent of the partial for parameter
   * {@code parameter} ({@code xTangent}; with an underscore added while that names a parameter).
   */
  public static String adjointTangentField(String parameter, java.util.List<Param> parameters, boolean multi) {
    String name = parameter + (multi ? "Tangents" : "Tangent");
    while (true) {
      String candidate = name;
      if (parameters.stream().noneMatch(p -> p.name().equals(candidate))) {
        return name;
      }
      name += "_";
    }
  }

  /** {@code <method>Jacobian}: value and Jacobian of a vector-valued method. */
  public static String jacobianMethod(String method) {
    return method + "Jacobian";
  }

  /** {@code <Method>Jacobian}: the record {@link #jacobianMethod} returns. */
  public static String jacobianRecord(String method) {
    return capitalize(method) + "Jacobian";
  }

  /** {@code <Method>JacobianWork}: the allocation-free Jacobian's blocks and workspace. */
  public static String jacobianWork(String method) {
    return capitalize(method) + "JacobianWork";
  }

  /** {@code <parameter>Tangent}: the direction a pushforward takes for a differentiated parameter. */
  public static String tangentParameter(String parameter) {
    return parameter + "Tangent";
  }

  /**
   * {@code base}, or {@code base2}, {@code base3}, ... — the first that {@code taken} does not
   * hold; it is added to {@code taken}.
   */
  public static String fresh(String base, java.util.Set<String> taken) {
    String name = base;
    for (int k = 2; taken.contains(name); k++) {
      name = base + k;
    }
    taken.add(name);
    return name;
  }

  public static String capitalize(String name) {
    int first = name.codePointAt(0);
    return new StringBuilder().appendCodePoint(Character.toUpperCase(first))
        .append(name.substring(Character.charCount(first))).toString();
  }
}
