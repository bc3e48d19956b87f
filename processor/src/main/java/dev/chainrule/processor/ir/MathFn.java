package dev.chainrule.processor.ir;

import java.util.Arrays;
import java.util.Optional;

/** The {@code Math}/{@code StrictMath} functions ChainRule differentiates. */
public enum MathFn {
  SIN(1), COS(1), TAN(1), ASIN(1), ACOS(1), ATAN(1), ATAN2(2),
  SINH(1), COSH(1), TANH(1),
  EXP(1), EXPM1(1), LOG(1), LOG10(1), LOG1P(1),
  SQRT(1), CBRT(1), POW(2), HYPOT(2),
  ABS(1), MAX(2), MIN(2),
  TO_RADIANS(1), TO_DEGREES(1),
  SIGNUM(1), FLOOR(1), CEIL(1), RINT(1), ROUND(1);

  private final int arity;

  MathFn(int arity) {
    this.arity = arity;
  }

  public int arity() {
    return arity;
  }

  public String javaName() {
    return switch (this) {
      case TO_RADIANS -> "toRadians";
      case TO_DEGREES -> "toDegrees";
      default -> name().toLowerCase(java.util.Locale.ROOT);
    };
  }

  public static Optional<MathFn> byName(String name) {
    return Arrays.stream(values()).filter(f -> f.javaName().equals(name)).findFirst();
  }

  /** The result type for arguments of the given types (abs, max and min keep integral types). */
  public Type resultType(java.util.List<Type> argTypes) {
    return switch (this) {
      case ABS, MAX, MIN -> argTypes.stream().reduce(Type.INT, Type::promote);
      case ROUND -> Type.LONG;
      default -> Type.DOUBLE;
    };
  }
}
