package io.beamcep.patterns.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beamcep.patterns.compiler.CompiledRule;
import io.beamcep.patterns.compiler.RuleCompiler;
import io.beamcep.patterns.condition.ConditionRegistry;
import io.beamcep.patterns.json.RuleJson;
import io.beamcep.patterns.model.Rule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * The five rules of the reference's scenarios (testdata/scenarioN.rules.json) as one rule set:
 * ids made distinct ("1" to "5") and every rule switched to SKIP_PAST_LAST_EVENT, the strategy a
 * production alerting rule would use (NO_SKIP re-reports overlapping matches).
 */
final class SeedRules {
  static final String TESTDATA_PROPERTY = "beamcep.testdata";

  private SeedRules() {}

  static List<CompiledRule> compiled() {
    RuleCompiler compiler = new RuleCompiler(ConditionRegistry.defaults());
    List<CompiledRule> compiled = new ArrayList<>();
    for (Rule rule : RuleJson.parseRuleRows(rowsJson(testdataDirectory()))) {
      compiled.add(compiler.compile(rule));
    }
    return compiled;
  }

  static String rowsJson(Path testdata) {
    ObjectMapper json = new ObjectMapper();
    ArrayNode rows = json.createArrayNode();
    for (int scenario = 1; scenario <= 5; scenario++) {
      Path file = testdata.resolve("scenario" + scenario + ".rules.json");
      try {
        for (var row : json.readTree(file.toFile())) {
          ObjectNode copy = ((ObjectNode) row).deepCopy();
          copy.put("id", Integer.toString(scenario));
          ObjectNode afterMatch = (ObjectNode) copy.get("pattern").get("afterMatchStrategy");
          afterMatch.put("type", "SKIP_PAST_LAST_EVENT");
          afterMatch.putNull("patternName");
          rows.add(copy);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file, e);
      }
    }
    return rows.toString();
  }

  /**
   * The repository's testdata directory: the {@value #TESTDATA_PROPERTY} system property, else
   * the nearest {@code testdata/} above the working directory (so it works from the root or from
   * patterns/).
   */
  static Path testdataDirectory() {
    String configured = System.getProperty(TESTDATA_PROPERTY);
    if (configured != null) {
      return Paths.get(configured);
    }
    for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("testdata/scenario1.rules.json"))) {
        return dir.resolve("testdata");
      }
    }
    throw new IllegalStateException("no testdata/scenario1.rules.json above "
        + Paths.get("").toAbsolutePath() + "; set -D" + TESTDATA_PROPERTY + "=DIR");
  }
}
