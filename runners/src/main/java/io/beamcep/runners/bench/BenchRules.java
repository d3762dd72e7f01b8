package io.beamcep.runners.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark's rule set: the five seed rules of the reference's scenarios (testdata, shipped in
 * the jar), every one switched to SKIP_PAST_LAST_EVENT as a production alerting rule would be (the
 * engine benchmark does the same), repeated round-robin to the requested count with ids "1".."N".
 */
public final class BenchRules {
  static final int SEED_RULES = 5;

  private BenchRules() {}

  /**
   * {@code count} rule rows, each a JSON object {@code {"id","version","pattern","function"}}; none
   * for 0 (the pipeline's cost without matching).
   */
  public static List<String> rows(int count) {
    if (count < 0) {
      throw new IllegalArgumentException("--rules must be >= 0 but was " + count);
    }
    List<ObjectNode> seeds = seedRows();
    List<String> rows = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      ObjectNode copy = seeds.get(i % seeds.size()).deepCopy();
      copy.put("id", Integer.toString(i + 1));
      rows.add(copy.toString());
    }
    return rows;
  }

  public static String asJsonArray(List<String> rows) {
    return "[" + String.join(",", rows) + "]";
  }

  private static List<ObjectNode> seedRows() {
    ObjectMapper json = new ObjectMapper();
    List<ObjectNode> seeds = new ArrayList<>();
    for (int scenario = 1; scenario <= SEED_RULES; scenario++) {
      String resource = "/testdata/scenario" + scenario + ".rules.json";
      try (InputStream in = BenchRules.class.getResourceAsStream(resource)) {
        if (in == null) {
          throw new IllegalStateException("seed rule " + resource + " is missing from the jar");
        }
        for (JsonNode row : json.readTree(in)) {
          ObjectNode copy = ((ObjectNode) row).deepCopy();
          ObjectNode afterMatch = (ObjectNode) copy.get("pattern").get("afterMatchStrategy");
          afterMatch.put("type", "SKIP_PAST_LAST_EVENT");
          afterMatch.putNull("patternName");
          seeds.add(copy);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + resource, e);
      }
    }
    return seeds;
  }
}
