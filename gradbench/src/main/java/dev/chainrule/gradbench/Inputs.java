package dev.chainrule.gradbench;

import com.fasterxml.jackson.databind.JsonNode;

/** Reads the fields of an evaluate input, with a clear {@link BadInput} for a wrong shape. */
public final class Inputs {
  private Inputs() {}

  /** The field {@code name} of an object input. */
  public static JsonNode field(JsonNode input, String name) {
    if (input == null || !input.isObject()) {
      throw new BadInput("input must be a JSON object with a field \"" + name + "\"");
    }
    JsonNode v = input.get(name);
    if (v == null || v.isNull()) {
      throw new BadInput("input has no field \"" + name + "\"");
    }
    return v;
  }

  public static double asNumber(JsonNode v, String what) {
    if (v == null || !v.isNumber()) {
      throw new BadInput(what + " must be a number, got " + describe(v));
    }
    return v.doubleValue();
  }

  public static int asInteger(JsonNode v, String what) {
    if (v == null || !v.isIntegralNumber() || !v.canConvertToInt()) {
      throw new BadInput(what + " must be an integer, got " + describe(v));
    }
    return v.intValue();
  }

  /** A non-negative integer field. */
  public static int count(JsonNode input, String name) {
    int n = asInteger(field(input, name), "\"" + name + "\"");
    if (n < 0) {
      throw new BadInput("\"" + name + "\" must not be negative, got " + n);
    }
    return n;
  }

  public static double number(JsonNode input, String name) {
    return asNumber(field(input, name), "\"" + name + "\"");
  }

  public static double[] vector(JsonNode input, String name) {
    return vector(field(input, name), "\"" + name + "\"", -1);
  }

  /** A list of numbers; {@code length} -1 accepts any length. */
  public static double[] vector(JsonNode v, String what, int length) {
    if (!v.isArray()) {
      throw new BadInput(what + " must be a list of numbers, got " + describe(v));
    }
    if (length >= 0 && v.size() != length) {
      throw new BadInput(what + " must have " + length + " elements, has " + v.size());
    }
    double[] out = new double[v.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = asNumber(v.get(i), what + "[" + i + "]");
    }
    return out;
  }

  public static double[][] matrix(JsonNode input, String name) {
    return matrix(field(input, name), "\"" + name + "\"", -1, -1);
  }

  /** A list of equally long lists of numbers; -1 accepts any number of rows or columns. */
  public static double[][] matrix(JsonNode v, String what, int rows, int cols) {
    if (!v.isArray()) {
      throw new BadInput(what + " must be a list of lists of numbers, got " + describe(v));
    }
    if (rows >= 0 && v.size() != rows) {
      throw new BadInput(what + " must have " + rows + " rows, has " + v.size());
    }
    double[][] out = new double[v.size()][];
    for (int i = 0; i < out.length; i++) {
      out[i] = vector(v.get(i), what + "[" + i + "]", i == 0 ? cols : out[0].length);
    }
    return out;
  }

  public static int[] integers(JsonNode v, String what) {
    if (!v.isArray()) {
      throw new BadInput(what + " must be a list of integers, got " + describe(v));
    }
    int[] out = new int[v.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = asInteger(v.get(i), what + "[" + i + "]");
    }
    return out;
  }

  /** Fails unless {@code ok}. */
  public static void require(boolean ok, String message) {
    if (!ok) {
      throw new BadInput(message);
    }
  }

  private static String describe(JsonNode v) {
    if (v == null) {
      return "nothing";
    }
    String s = v.toString();
    return v.getNodeType().name().toLowerCase() + " " + (s.length() > 40 ? s.substring(0, 40) + "..." : s);
  }
}
