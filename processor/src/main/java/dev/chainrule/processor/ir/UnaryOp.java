package dev.chainrule.processor.ir;

public enum UnaryOp {
  NEGATE("-"),
  PLUS("+"),
  NOT("!"),
  BITWISE_NOT("~");

  private final String symbol;

  UnaryOp(String symbol) {
    this.symbol = symbol;
  }

  public String symbol() {
    return symbol;
  }
}
