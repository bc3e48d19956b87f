package dev.chainrule.maven.check;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import dev.chainrule.maven.check.MethodResult.Failure;
import dev.chainrule.maven.check.MethodResult.Status;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code target/chainrule/check.json}: the result of the last check, per method, and what it
 * depended on (so an unchanged project is not checked again). {@code check.txt} beside it is the
 * same, for people.
 *
 * @param version the plugin's result format
 * @param fingerprint a hash of the classes, the class path and the parameters
 * @param tolerance the relative tolerance used
 * @param seed the points' seed
 * @param millis how long the whole check took
 * @param methods one result per method
 */
public record CheckReport(int version, String fingerprint, double tolerance, long seed, long millis,
    List<MethodResult> methods) {
  public static final int VERSION = 1;

  private static Gson gson() {
    return new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().disableHtmlEscaping().create();
  }

  /** The last report in {@code json}, or null if there is none or it cannot be read. */
  public static CheckReport read(Path json) {
    if (!Files.isRegularFile(json)) {
      return null;
    }
    try {
      CheckReport r = gson().fromJson(Files.readString(json, StandardCharsets.UTF_8), CheckReport.class);
      return r != null && r.version() == VERSION && r.methods() != null ? r : null;
    } catch (IOException | JsonParseException e) {
      return null;
    }
  }

  public void write(Path dir) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("check.json"), gson().toJson(this) + "\n", StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("check.txt"), text(), StandardCharsets.UTF_8);
  }

  public long count(Status s) {
    return methods.stream().filter(m -> m.status() == s).count();
  }

  public long failed() {
    return count(Status.FAILED);
  }

  public String summaryLine() {
    return methods.size() + (methods.size() == 1 ? " method: " : " methods: ") + count(Status.PASSED) + " passed, " + count(Status.FAILED) + " failed, "
        + count(Status.UNCHECKED) + " unchecked (" + String.format("%.1f", millis / 1000.0) + " s)";
  }

  public MethodResult find(String owner, String method) {
    return methods.stream().filter(m -> m.owner().equals(owner) && m.method().equals(method)).findFirst().orElse(null);
  }

  /** A table: one line per method, then failures and unchecked derivatives. */
  public String text() {
    StringBuilder out = new StringBuilder("ChainRule derivative check: ").append(summaryLine())
        .append("\ntolerance ").append(tolerance).append(" (relative, |generated − numeric| / max(1, |generated|, |numeric|)), seed ")
        .append(seed).append("\n\n");
    out.append(String.format("%-9s %-44s %6s %10s %11s  %s%n", "status", "method", "points", "entries", "max error", "derivatives"));
    for (MethodResult m : methods) {
      out.append(String.format("%-9s %-44s %6d %10d %11s  %s%n", m.status(), m.simpleOwner() + "." + m.method(), m.points(),
          m.components(), m.status() == Status.UNCHECKED ? "-" : String.format("%.2e", m.maxRelativeError()),
          m.status() == Status.UNCHECKED ? m.reason() : String.join(", ", m.checked())));
    }
    for (MethodResult m : methods) {
      for (Failure f : m.failures()) {
        out.append("\nFAILED    ").append(f.message());
      }
      for (String u : m.unchecked()) {
        out.append("\nUNCHECKED ").append(m.simpleOwner()).append('.').append(m.method()).append(": ").append(u);
      }
    }
    return out.append('\n').toString();
  }
}
