package io.beamcep.patterns.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Flink is an optional dependency of patterns: only {@code io.beamcep.patterns.flink} may use it,
 * or embedders who leave Flink out would hit NoClassDefFoundError in the engine. Checked on the
 * compiled main classes: any use of a Flink type (import, field, signature, call) leaves its
 * internal name {@code org/apache/flink/...} in the class file's constant pool. The rule format's
 * condition class names are dotted strings, so they do not count.
 */
class FlinkConfinedToOnePackageTest {
  private static final byte[] FLINK = "org/apache/flink/".getBytes(StandardCharsets.UTF_8);
  private static final String ALLOWED = "io/beamcep/patterns/flink/";

  @Test
  void onlyTheFlinkPackageReferencesFlinkClasses() throws Exception {
    Path classes = mainClasses();
    List<String> offenders =
        classFiles(classes).stream()
            .map(file -> classes.relativize(file).toString().replace('\\', '/'))
            .filter(name -> !name.startsWith(ALLOWED))
            .filter(name -> mentionsFlink(classes.resolve(name)))
            .toList();
    assertEquals(List.of(), offenders, "main classes outside " + ALLOWED + " that use Flink");
  }

  /** Without this the scan could pass by reading nothing or by never recognising a Flink type. */
  @Test
  void theScanRecognisesTheTranslatorsOwnFlinkUse() throws Exception {
    Path classes = mainClasses();
    assertTrue(classFiles(classes).size() > 20, "too few main classes found under " + classes);
    assertTrue(mentionsFlink(classes.resolve(ALLOWED + "GraphToFlinkPattern.class")));
    assertTrue(
        !mentionsFlink(classes.resolve("io/beamcep/patterns/json/GraphReader.class")),
        "GraphReader names Flink's condition classes only as rule-format strings");
  }

  private static Path mainClasses() throws URISyntaxException {
    return Path.of(
        GraphToFlinkPattern.class.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  private static List<Path> classFiles(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(f -> f.toString().endsWith(".class")).toList();
    }
  }

  private static boolean mentionsFlink(Path classFile) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(classFile);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + classFile, e);
    }
    outer:
    for (int i = 0; i + FLINK.length <= bytes.length; i++) {
      for (int j = 0; j < FLINK.length; j++) {
        if (bytes[i + j] != FLINK[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
