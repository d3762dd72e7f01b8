package io.beamcep.patterns.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.beamcep.patterns.event.Event;
import io.beamcep.patterns.json.RuleJson;
import io.beamcep.patterns.model.Rule;
import io.beamcep.patterns.yardstick.FlinkCepHarness;
import io.beamcep.patterns.yardstick.FlinkPatternTranslator;
import io.beamcep.patterns.yardstick.Horizon;
import io.beamcep.patterns.yardstick.OurEngineRunner;
import io.beamcep.patterns.yardstick.TimedEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The five reference scenarios of {@code testdata/}: rules as the reference writes them, click
 * events keyed by userId in event time. Both our engine and real Flink CEP (through the
 * yardstick) must produce exactly the expected matches, which also proves the yardstick on the
 * reference's own rules; their timeouts (e.g. scenario 2's abandoned cart) must agree too.
 */
class ScenarioParityTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter EVENT_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.S");
  private static final Path TESTDATA = Path.of("..", "testdata");

  @ParameterizedTest(name = "scenario {0}")
  @ValueSource(ints = {1, 2, 3, 4, 5})
  void bothEnginesProduceTheExpectedMatches(int scenario) throws IOException {
    List<Rule> rules = RuleJson.parseRuleRows(read(scenario, "rules.json"));
    Map<String, List<TimedEvent>> byUser = eventsByUser(scenario);
    List<String> ours = new ArrayList<>();
    List<String> flink = new ArrayList<>();
    for (Rule rule : rules) {
      FlinkPatternTranslator translator = FlinkPatternTranslator.withDefaultConditions();
      for (Map.Entry<String, List<TimedEvent>> user : byUser.entrySet()) {
        long end = Horizon.endOfInput(rule.pattern(), user.getValue());
        OurEngineRunner.Run ourRun = OurEngineRunner.run(rule.pattern(), user.getValue(), end);
        FlinkCepHarness.Outcome flinkRun =
            FlinkCepHarness.run(translator.translate(rule.pattern()), user.getValue(), end);
        ourRun.outcome().matches().forEach(m -> ours.add(line(rule, user.getKey(), m)));
        flinkRun.matches().forEach(m -> flink.add(line(rule, user.getKey(), m)));
        assertEquals(
            lines(rule, user.getKey(), flinkRun.timeouts()),
            lines(rule, user.getKey(), ourRun.outcome().timeouts()),
            "timeouts of user " + user.getKey() + ": ours vs Flink");
      }
    }
    List<String> expected = expected(scenario);
    assertEquals(expected, flink, "real Flink CEP vs scenario" + scenario + ".expected.jsonl");
    assertEquals(expected, ours, "our engine vs scenario" + scenario + ".expected.jsonl");
  }

  private static Map<String, List<TimedEvent>> eventsByUser(int scenario) throws IOException {
    Map<String, List<TimedEvent>> byUser = new LinkedHashMap<>();
    for (String text : read(scenario, "events.jsonl").split("\n")) {
      if (text.isBlank()) {
        continue;
      }
      Event event = event(JSON.readTree(text));
      long timestamp =
          LocalDateTime.parse(event.getString("eventTime"), EVENT_TIME)
              .toInstant(ZoneOffset.UTC)
              .toEpochMilli();
      byUser
          .computeIfAbsent(event.getString("userId"), user -> new ArrayList<>())
          .add(new TimedEvent(event, timestamp));
    }
    return byUser;
  }

  /** Expected rows in the same rendering as {@link #line}. */
  private static List<String> expected(int scenario) throws IOException {
    List<String> lines = new ArrayList<>();
    for (String text : read(scenario, "expected.jsonl").split("\n")) {
      if (text.isBlank()) {
        continue;
      }
      JsonNode row = JSON.readTree(text);
      Map<String, List<String>> events = new TreeMap<>();
      row.get("events")
          .fields()
          .forEachRemaining(
              e -> {
                List<String> ids = new ArrayList<>();
                e.getValue().forEach(id -> ids.add(id.asText()));
                events.put(e.getKey(), ids);
              });
      lines.add(
          row.get("ruleId").asText() + " v" + row.get("ruleVersion").asInt() + " key "
              + row.get("key").asText() + " " + events);
    }
    return lines;
  }

  private static List<String> lines(Rule rule, String key, List<Map<String, List<Event>>> found) {
    return found.stream().map(m -> line(rule, key, m)).sorted().toList();
  }

  private static String line(Rule rule, String key, Map<String, List<Event>> match) {
    Map<String, List<String>> events = new TreeMap<>();
    match.forEach(
        (name, list) -> events.put(name, list.stream().map(e -> e.getString("id")).toList()));
    return rule.id() + " v" + rule.version() + " key " + key + " " + events;
  }

  private static Event event(JsonNode row) {
    Map<String, Object> fields = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> it = row.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> field = it.next();
      JsonNode value = field.getValue();
      Object converted;
      if (value.isNull()) {
        converted = null;
      } else if (value.isIntegralNumber()) {
        converted = value.longValue();
      } else if (value.isNumber()) {
        converted = value.doubleValue();
      } else {
        converted = value.asText();
      }
      fields.put(field.getKey(), converted);
    }
    return Event.of(fields);
  }

  private static String read(int scenario, String suffix) throws IOException {
    return Files.readString(TESTDATA.resolve("scenario" + scenario + "." + suffix));
  }
}
