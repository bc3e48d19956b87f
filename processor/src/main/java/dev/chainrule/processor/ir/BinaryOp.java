package dev.chainrule.processor.ir;

/** Binary operators, with Java's precedence (higher binds tighter). */
public enum BinaryOp {
  MULTIPLY("*", 12),
  DIVIDE("/", 12),
  REMAINDER("%", 12),
  ADD("+", 11),
  SUBTRACT("-", 11),
  SHIFT_LEFT("<<", 10),
  SHIFT_RIGHT(">>", 10),
  UNSIGNED_SHIFT_RIGHT(">>>", 10),
  LESS("<", 9),
  LESS_EQUAL("<=", 9),
  GREATER(">", 9),
  GREATER_EQUAL(">=", 9),
  EQUAL("==", 8),
  NOT_EQUAL("!=", 8),
  AND("&", 7),
  XOR("^", 6),
  OR("|", 5),
  CONDITIONAL_AND("&&", 4),
  CONDITIONAL_OR("||", 3);

  private final String symbol;
  private final int precedence;

  BinaryOp(String symbol, int precedence) {
    this.symbol = symbol;
    this.precedence = precedence;
  }

  public String symbol() {
    return symbol;
  }

  public int precedence() {
    return precedence;
  }

  public boolean isComparison() {
    return precedence == 9 || precedence == 8;
  }

  public boolean isArithmetic() {
    return this == MULTIPLY || this == DIVIDE || this == REMAINDER || this == ADD || this == SUBTRACT;
  }

  public boolean isLogical() {
    return this == CONDITIONAL_AND || this == CONDITIONAL_OR;
  }
}
