package dev.chainrule.maven;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * What a check depends on, as one hash: every file of the class output (the index included), the
 * class path's jars (by path, size and time), and the check's parameters. Equal fingerprints mean
 * the check would give the same result.
 */
final class Fingerprint {
  private Fingerprint() {}

  static String of(Path classes, List<String> classpath, List<String> parameters) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      parameters.forEach(p -> update(digest, p));
      hashTree(classes, digest);
      for (String element : classpath) {
        Path p = Path.of(element);
        if (p.normalize().equals(classes.normalize())) {
          continue;
        }
        if (Files.isDirectory(p)) {
          hashTree(p, digest); // a module of the same reactor
        } else {
          File f = p.toFile();
          update(digest, element + "|" + f.length() + "|" + f.lastModified());
        }
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException | IOException e) {
      return "unknown:" + System.nanoTime(); // never equal: the check runs
    }
  }

  private static void hashTree(Path root, MessageDigest digest) throws IOException {
    if (!Files.isDirectory(root)) {
      return;
    }
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
        update(digest, root.relativize(f).toString());
        digest.update(Files.readAllBytes(f));
      }
    }
  }

  private static void update(MessageDigest digest, String s) {
    digest.update(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    digest.update((byte) 0);
  }
}
