package dev.chainrule.spark.examples;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** {@code --name value} command-line options with defaults; blank arguments are ignored. */
final class Options {
  private final Map<String, String> values = new HashMap<>();

  private Options() {}

  /**
   * Parses {@code args}, accepting only {@code known} names.
   *
   * @throws IllegalArgumentException naming the unknown option or the missing value
   */
  static Options parse(String[] args, Set<String> known) {
    Options o = new Options();
    for (int i = 0; i < args.length; i++) {
      String a = args[i].strip();
      if (a.isEmpty()) {
        continue;
      }
      if (!a.startsWith("--") || !known.contains(a.substring(2))) {
        throw new IllegalArgumentException("unknown option " + a + "; known: --"
            + String.join(", --", known.stream().sorted().toList()));
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(a + " needs a value");
      }
      o.values.put(a.substring(2), args[++i].strip());
    }
    return o;
  }

  String get(String name, String otherwise) {
    return values.getOrDefault(name, otherwise);
  }

  long getLong(String name, long otherwise) {
    return values.containsKey(name) ? Long.parseLong(values.get(name).replace("_", "")) : otherwise;
  }

  int getInt(String name, int otherwise) {
    return Math.toIntExact(getLong(name, otherwise));
  }

  double getDouble(String name, double otherwise) {
    return values.containsKey(name) ? Double.parseDouble(values.get(name)) : otherwise;
  }
}
