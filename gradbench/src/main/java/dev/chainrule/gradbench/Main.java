package dev.chainrule.gradbench;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.IOException;
import java.io.InputStreamReader;
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
            System.out.println(USAGE);
            return;
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
      System.exit(2);
    }
    // Replies go to the real standard output; anything else printed goes to standard error.
    var out = new BufferedWriter(new OutputStreamWriter(
        new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8));
    System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8));
    Tool tool = new Tool(Registry.standard(), new Runner(warmupRuns, warmupSeconds), partial);
    var in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line; (line = in.readLine()) != null; ) {
      if (line.isBlank()) {
        continue;
      }
      String reply = tool.handle(line);
      if (reply == null) {
        break;
      }
      out.write(reply);
      out.newLine();
      out.flush();
    }
  }
}
