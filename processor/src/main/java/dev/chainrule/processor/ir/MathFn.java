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
  SIGNUM(1), FLOOR(1), CEIL(1), RINT(1), ROUND(1),
  FMA(3), IEEE_REMAINDER(2), SCALB(2), COPY_SIGN(2), NEXT_UP(1), NEXT_DOWN(1), NEXT_AFTER(2), ULP(1),
  /** {@code Math.clamp(value, min, max)}: JDK 21 and later. */
  CLAMP(3);

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
      case IEEE_REMAINDER -> "IEEEremainder";
      case COPY_SIGN -> "copySign";
      case NEXT_UP -> "nextUp";
      case NEXT_DOWN -> "nextDown";
      case NEXT_AFTER -> "nextAfter";
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
      case CLAMP -> argTypes.get(0) != Type.DOUBLE && argTypes.get(1) == Type.INT && argTypes.get(2) == Type.INT
          ? Type.INT : argTypes.stream().reduce(Type.INT, Type::promote);
      default -> Type.DOUBLE;
    };
  }
}
