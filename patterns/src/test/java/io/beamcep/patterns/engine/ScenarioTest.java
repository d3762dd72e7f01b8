package io.beamcep.patterns.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.beamcep.patterns.compiler.CompiledRule;
import io.beamcep.patterns.compiler.RuleCompiler;
import io.beamcep.patterns.condition.ConditionRegistry;
import io.beamcep.patterns.event.Event;
import io.beamcep.patterns.json.RuleJson;
import io.beamcep.patterns.model.Rule;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The five reference scenarios through the Matcher: rules parsed from testdata, events keyed by
 * userId with eventTime as the timestamp, matches compared to what Flink CEP 1.19 produced.
 * Key states go through bytes after every event, so restoring mid-stream is covered too.
 */
class ScenarioTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.S");

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 4, 5})
  void scenarioMatchesFlink(int n) throws IOException {
    Path dir = testdata();
    List<Rule> rules =
        RuleJson.parseRuleRows(Files.readString(dir.resolve("scenario" + n + ".rules.json")));
    RuleCompiler compiler = new RuleCompiler(ConditionRegistry.defaults());
    List<CompiledRule> compiled = new ArrayList<>();
    for (Rule rule : rules) {
      compiled.add(compiler.compile(rule));
    }
    Matcher matcher = Matcher.of(compiled);
    Map<String, byte[]> states = new LinkedHashMap<>();
    List<String> actual = new ArrayList<>();
    for (String line : Files.readAllLines(dir.resolve("scenario" + n + ".events.jsonl"))) {
      if (line.isBlank()) {
        continue;
      }
      Event event = toEvent(JSON.readTree(line));
      String key = event.getString("userId");
      long ts = LocalDateTime.parse(event.getString("eventTime"), TIME).toInstant(ZoneOffset.UTC)
          .toEpochMilli();
      KeyState state =
          states.containsKey(key) ? KeyState.fromBytes(states.get(key)) : KeyState.empty();
      for (Match match : matcher.process(state, event, ts)) {
        if (match.kind() == Match.Kind.MATCH) {
          actual.add(render(match, key));
        }
      }
      states.put(key, state.toBytes());
    }
    for (Map.Entry<String, byte[]> entry : states.entrySet()) {
      KeyState state = KeyState.fromBytes(entry.getValue());
      for (Match match : matcher.advanceTime(state, Long.MAX_VALUE)) {
        if (match.kind() == Match.Kind.MATCH) {
          actual.add(render(match, entry.getKey()));
        }
      }
      assertEquals(true, state.isEmpty(), "state of " + entry.getKey() + " empty after the end");
    }
    List<String> expected = new ArrayList<>();
    for (String line : Files.readAllLines(dir.resolve("scenario" + n + ".expected.jsonl"))) {
      if (!line.isBlank()) {
        JsonNode row = JSON.readTree(line);
        expected.add(row.get("ruleId").asText() + "/" + row.get("ruleVersion").asInt() + " "
            + row.get("key").asText() + " "
            + JSON.writeValueAsString(
                JSON.convertValue(row.get("events"), java.util.TreeMap.class)));
      }
    }
    assertEquals(expected, actual);
  }

  private static String render(Match match, String key) {
    // names sorted: the expected files list them alphabetically, not in match order
    Map<String, List<Long>> ids = new java.util.TreeMap<>();
    for (Map.Entry<String, List<Event>> entry : match.events().entrySet()) {
      List<Long> list = new ArrayList<>();
      for (Event event : entry.getValue()) {
        list.add(((Number) event.get("id")).longValue());
      }
      ids.put(entry.getKey(), list);
    }
    try {
      return match.rule().id() + "/" + match.rule().version() + " " + key + " "
          + JSON.writeValueAsString(ids);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Event toEvent(JsonNode node) {
    Map<String, Object> fields = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> it = node.fields();
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
      } else if (value.isBoolean()) {
        converted = value.booleanValue();
      } else {
        converted = value.asText();
      }
      fields.put(field.getKey(), converted);
    }
    return Event.of(fields);
  }

  private static Path testdata() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isDirectory(dir.resolve("testdata"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("testdata directory not found above the working directory");
    }
    return dir.resolve("testdata");
  }
}
