package io.beamcep.runners;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What an embedded Flink cluster, and the commands around it, may leave in the JVM's temporary
 * directory: compare the set before a run with the set after it.
 */
public final class FlinkLeftovers {
  /** The names' beginnings: Flink's cluster directory, RPC jar copy and uploads; ours. */
  private static final List<String> PREFIXES = List.of(
      "minicluster_", "flink-rpc-akka", "flink-web-", "cep-flink-", "cep-demo", "cep-match");

  private FlinkLeftovers() {}

  /** The entries of {@code java.io.tmpdir} whose names begin as Flink's or ours do. */
  public static Set<Path> inTempDirectory() {
    return in(Path.of(System.getProperty("java.io.tmpdir")));
  }

  /**
   * The entries of {@code java.io.tmpdir} that are Flink's or ours and not in {@code before}. Not
   * an equality: a cluster closed earlier in this JVM may remove its own files meanwhile.
   */
  public static Set<Path> addedSince(Set<Path> before) {
    Set<Path> added = new HashSet<>(inTempDirectory());
    added.removeAll(before);
    return added;
  }

  /** The entries of {@code directory} whose names begin as Flink's or ours do. */
  public static Set<Path> in(Path directory) {
    try (Stream<Path> files = Files.list(directory)) {
      return files.filter(path -> PREFIXES.stream()
              .anyMatch(prefix -> path.getFileName().toString().startsWith(prefix)))
          .collect(Collectors.toSet());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
