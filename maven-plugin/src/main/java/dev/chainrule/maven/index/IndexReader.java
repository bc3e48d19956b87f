package dev.chainrule.maven.index;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Reads every class entry of the index under a class output directory. */
public final class IndexReader {
  /** Where the processor writes the index, relative to the class output. */
  public static final String LOCATION = "META-INF/chainrule";

  private IndexReader() {}

  /** The entries, by class name; none if the directory has no index (nothing differentiable). */
  public static List<ClassIndex> read(Path classes) throws IOException {
    Path dir = classes.resolve(LOCATION);
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<ClassIndex> out = new ArrayList<>();
    Gson gson = new Gson();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
        try {
          ClassIndex c = gson.fromJson(Files.readString(f, StandardCharsets.UTF_8), ClassIndex.class);
          if (c == null || c.owner() == null || c.methods() == null) {
            throw new IOException(f + " is not a ChainRule index entry");
          }
          if (c.format() > 1) {
            throw new IOException(f + " has index format " + c.format()
                + ", newer than this plugin reads (1): use the plugin of the same ChainRule version as the processor");
          }
          // A class whose source was deleted leaves its entry behind until a clean build.
          if (Files.exists(classes.resolve(c.owner().replace('.', '/') + ".class"))) {
            out.add(c);
          }
        } catch (JsonParseException e) {
          throw new IOException(f + " cannot be read: " + e.getMessage(), e);
        }
      }
    }
    out.sort(Comparator.comparing(ClassIndex::owner));
    return out;
  }
}
