package dev.chainrule.processor.ir;

/** The value types a differentiable method may use. */
public enum Type {
  DOUBLE("double", 0),
  INT("int", 0),
  LONG("long", 0),
  BOOLEAN("boolean", 0),
  DOUBLE_ARRAY("double[]", 1),
  DOUBLE_MATRIX("double[][]", 2),
  /** {@code double[][][]}: so far only the tangents of matrices in multi-directional forward mode. */
  DOUBLE_TENSOR("double[][][]", 3),
  INT_ARRAY("int[]", 1),
  INT_MATRIX("int[][]", 2);

  private final String javaName;
  private final int rank;

  Type(String javaName, int rank) {
    this.javaName = javaName;
    this.rank = rank;
  }

  public String javaName() {
    return javaName;
  }

  public int rank() {
    return rank;
  }

  public boolean isArray() {
    return rank > 0;
  }

  /** Whether values of this type can carry a derivative: {@code double} and arrays of it. */
  public boolean isDifferentiable() {
    return this == DOUBLE || this == DOUBLE_ARRAY || this == DOUBLE_MATRIX || this == DOUBLE_TENSOR;
  }

  public boolean isNumeric() {
    return this == DOUBLE || this == INT || this == LONG;
  }

  public boolean isIntegral() {
    return this == INT || this == LONG;
  }

  /** The type of {@code a[i]} for an array {@code a} of this type. */
  public Type element() {
    return switch (this) {
      case DOUBLE_ARRAY -> DOUBLE;
      case DOUBLE_MATRIX -> DOUBLE_ARRAY;
      case DOUBLE_TENSOR -> DOUBLE_MATRIX;
      case INT_ARRAY -> INT;
      case INT_MATRIX -> INT_ARRAY;
      default -> throw new IllegalStateException(this + " is not an array");
    };
  }

  /** The array of this type: {@code double[]} for {@code double}, and so on (doubles only). */
  public Type arrayOf() {
    return switch (this) {
      case DOUBLE -> DOUBLE_ARRAY;
      case DOUBLE_ARRAY -> DOUBLE_MATRIX;
      case DOUBLE_MATRIX -> DOUBLE_TENSOR;
      default -> throw new IllegalStateException("no array of " + this + " in the IR");
    };
  }

  /** The scalar type at the bottom of an array type (the type itself for a scalar). */
  public Type scalar() {
    return isArray() ? element().scalar() : this;
  }

  /** Binary numeric promotion (JLS 5.6.2) over the supported types. */
  public static Type promote(Type a, Type b) {
    if (a == DOUBLE || b == DOUBLE) {
      return DOUBLE;
    }
    if (a == LONG || b == LONG) {
      return LONG;
    }
    return INT;
  }

  /** Whether a value of type {@code from} may be assigned to {@code this} without a cast. */
  public boolean acceptsAssignmentFrom(Type from) {
    if (this == from) {
      return true;
    }
    return switch (this) {
      case DOUBLE -> from == INT || from == LONG;
      case LONG -> from == INT;
      default -> false;
    };
  }
}
