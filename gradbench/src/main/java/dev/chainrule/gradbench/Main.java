package dev.chainrule.gradbench;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The GradBench tool: reads the eval's messages from standard input, one JSON object a line, and
 * writes one reply a line to standard output. Started by the {@code gradbench/tool} script.
 */
public final class Main {
  private Main() {}

  private static final String USAGE = String.join("\n",
      "usage: gradbench/tool [--warmup-runs N] [--warmup-seconds S] [--partial]",
      "  Speaks GradBench's JSON-lines protocol on standard input and output.",
      "  --warmup-runs N     untimed runs before the timed ones of each evaluate (default 3)",
      "  --warmup-seconds S  and at least S seconds of them (default 1)",
      "  --partial           also define evals some of whose functions wait for a ChainRule",
      "                      feature: their ready functions run, the others answer an error");

  public static void main(String[] args) throws IOException {
    OutputStream replies = new FileOutputStream(FileDescriptor.out);
    // Only replies go to the real standard output; anything else printed goes to standard error.
    System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8));
    int code = run(System.in, replies, args);
    if (code != 0) {
      System.exit(code);
    }
  }

  /** Serves one session from {@code in} to {@code out}; returns the exit status. */
  static int run(InputStream in, OutputStream out, String[] args) throws IOException {
    int warmupRuns = 3;
    double warmupSeconds = 1;
    boolean partial = false;
    try {
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--warmup-runs" -> warmupRuns = Integer.parseInt(args[++i]);
          case "--warmup-seconds" -> warmupSeconds = Double.parseDouble(args[++i]);
          case "--partial" -> partial = true;
          case "--help", "-h" -> {
            System.err.println(USAGE);
            return 0;
          }
          default -> throw new IllegalArgumentException("unknown option " + args[i]);
        }
      }
      if (warmupRuns < 0 || warmupSeconds < 0) {
        throw new IllegalArgumentException("warm-up must not be negative");
      }
    } catch (RuntimeException e) {
      System.err.println("gradbench/tool: " + (e instanceof ArrayIndexOutOfBoundsException
          ? "an option lacks its value" : e.getMessage()) + "\n" + USAGE);
      return 2;
    }
    Tool tool = new Tool(Registry.standard(), new Runner(warmupRuns, warmupSeconds), partial);
    var writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
    var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    for (String line; (line = reader.readLine()) != null; ) {
      if (line.isBlank()) {
        continue;
      }
      String reply = tool.handle(line);
      if (reply == null) {
        break;
      }
      writer.write(reply);
      writer.newLine();
      writer.flush();
    }
    return 0;
  }
}
