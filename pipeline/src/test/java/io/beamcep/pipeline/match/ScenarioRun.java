package io.beamcep.pipeline.match;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beamcep.patterns.event.Event;
import io.beamcep.pipeline.alert.Alert;
import io.beamcep.pipeline.event.EventParseConfig;
import io.beamcep.pipeline.event.ParseEvents;
import io.beamcep.pipeline.event.ParseResult;
import io.beamcep.pipeline.rules.RuleRow;
import io.beamcep.pipeline.rules.RuleSet;
import io.beamcep.pipeline.testing.Scenarios;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * One testdata scenario through ParseEvents and CepMatch, asserting exactly the expected matches
 * (what Flink CEP 1.19 produced), in the expected file's form: {@code {ruleId, ruleVersion, key,
 * events: {pattern: [ids]}}}.
 */
final class ScenarioRun {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  private ScenarioRun() {}

  static void assertScenario(Pipeline pipeline, int scenario) {
    String name = "Scenario" + scenario;
    List<RuleRow> rows = new ArrayList<>();
    for (JsonNode row : readRows(scenario)) {
      JsonNode pattern = row.get("pattern");
      rows.add(new RuleRow(row.get("id").asText(), row.get("version").asInt(),
          pattern.isTextual() ? pattern.asText() : pattern.toString(),
          row.hasNonNull("function") ? row.get("function").asText() : null));
    }
    PCollectionView<RuleSet> rules =
        pipeline
            .apply(name + "Rules",
                Create.of(new RuleSet(1, rows)).withCoder(SerializableCoder.of(RuleSet.class)))
            .apply(name + "RulesView", View.asSingleton());
    ParseResult parsed =
        pipeline
            .apply(name + "Events", inArrivalOrder(Scenarios.lines(Scenarios.eventsFile(scenario))))
            .apply(name + "Parse", ParseEvents.strings(EventParseConfig.defaults()));
    CepMatchResult result =
        parsed.events().apply(name + "Match", CepMatch.with(rules, CepMatchConfig.defaults()));

    PAssert.that(name + " dead letters", parsed.deadLetters()).empty();
    PAssert.that(name + " late events", result.lateEvents()).empty();
    PAssert.that(name + " matches",
            result.alerts().apply(name + "Canonical",
                MapElements.into(TypeDescriptors.strings()).via(ScenarioRun::canonical)))
        .containsInAnyOrder(expected(scenario));
  }

  /**
   * The lines as one ordered stream: scenario 5 has two events with the same timestamp, whose
   * order Flink takes from arrival, and {@code Create} does not promise any order.
   */
  private static TestStream<String> inArrivalOrder(List<String> lines) {
    return TestStream.create(StringUtf8Coder.of())
        .addElements(lines.get(0), lines.subList(1, lines.size()).toArray(new String[0]))
        .advanceWatermarkToInfinity();
  }

  static String canonical(Alert alert) {
    ObjectNode root = JSON.createObjectNode();
    root.put("ruleId", alert.ruleId());
    root.put("ruleVersion", alert.ruleVersion());
    root.put("key", alert.key());
    ObjectNode events = root.putObject("events");
    for (Map.Entry<String, List<Event>> entry : alert.events().entrySet()) {
      ArrayNode ids = events.putArray(entry.getKey());
      entry.getValue().forEach(event -> ids.add(JSON.valueToTree(event.get("id"))));
    }
    return sorted(root);
  }

  private static List<String> expected(int scenario) {
    List<String> lines = new ArrayList<>();
    for (String line : Scenarios.lines(Scenarios.expectedFile(scenario))) {
      try {
        lines.add(sorted(JSON.readTree(line)));
      } catch (JsonProcessingException e) {
        throw new UncheckedIOException(e);
      }
    }
    return lines;
  }

  private static String sorted(JsonNode node) {
    try {
      return JSON.writeValueAsString(JSON.treeToValue(node, Object.class));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode readRows(int scenario) {
    try {
      return JSON.readTree(Scenarios.rulesFile(scenario).toFile());
    } catch (java.io.IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
