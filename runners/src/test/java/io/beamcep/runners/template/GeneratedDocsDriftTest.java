package io.beamcep.runners.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The committed templates and README tables are what the options' annotations generate today. Run
 * with {@code -Dcep.regenerate=true} to rewrite them instead ({@link GeneratedDocs#REGENERATE}).
 */
class GeneratedDocsDriftTest {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  @Test
  void committedFilesMatchTheCode() throws IOException {
    if (Boolean.getBoolean("cep.regenerate")) {
      System.out.println("regenerated: " + GeneratedDocs.write(ROOT));
    }
    for (Map.Entry<String, String> file : GeneratedDocs.templateFiles().entrySet()) {
      Path path = ROOT.resolve(file.getKey());
      assertTrue(Files.exists(path), file.getKey() + " is missing; regenerate: "
          + GeneratedDocs.REGENERATE);
      assertEquals(file.getValue(), Files.readString(path, StandardCharsets.UTF_8),
          file.getKey() + " drifted from the options' annotations; regenerate: "
              + GeneratedDocs.REGENERATE);
    }
    String readme = Files.readString(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
    assertEquals(GeneratedDocs.updateReadme(readme), readme,
        "README.md's generated tables drifted; regenerate: " + GeneratedDocs.REGENERATE);
  }

  @Test
  void everyOptionIsDocumentedAndEveryKnownShapeNamesARealOption() {
    Map<String, OptionDoc> docs =
        OptionDocs.declaredBy(io.beamcep.pipeline.CepPipelineOptions.class);
    for (String name : ValueShapes.BY_OPTION.keySet()) {
      assertTrue(docs.containsKey(name), "ValueShapes names unknown option " + name);
    }
    Map<String, OptionDoc> offered = OptionDocs.forTemplates();
    for (String name : offered.keySet()) {
      // the runner's options a template offers must still be the FlinkRunner's
      assertTrue(docs.containsKey(name) || java.util.Arrays.stream(
              org.apache.beam.runners.flink.FlinkPipelineOptions.class.getMethods())
          .anyMatch(getter -> name.equals(OptionDocs.propertyName(getter))),
          "templates offer " + name + ", which neither the job nor the FlinkRunner has");
    }
    for (TemplateShape shape : TemplateShapes.ALL) {
      for (String name : shape.parameters()) {
        assertTrue(offered.containsKey(name), shape.name() + " lists unknown option " + name);
      }
      for (String name : shape.fixed().keySet()) {
        assertTrue(!shape.parameters().contains(name),
            shape.name() + " both fixes and exposes " + name);
      }
    }
  }
}
