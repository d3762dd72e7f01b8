package io.beamcep.runners;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Alerts reduced to what testdata's expected files hold: {@code {ruleId, ruleVersion, key,
 * events: {pattern: [event ids]}}}, sorted, so runs compare as multisets.
 */
public final class Expected {
  private Expected() {}

  public static final Path TESTDATA = Path.of("..", "testdata").toAbsolutePath().normalize();
  private static final ObjectMapper JSON = new ObjectMapper();

  public static Path rules(int scenario) {
    return TESTDATA.resolve("scenario" + scenario + ".rules.json");
  }

  public static Path events(int scenario) {
    return TESTDATA.resolve("scenario" + scenario + ".events.jsonl");
  }

  public static List<String> matches(int scenario) {
    return normalized(lines(TESTDATA.resolve("scenario" + scenario + ".expected.jsonl")));
  }

  /** The comparable form of alert (or expected) lines: events by id, keys sorted. */
  public static List<String> normalized(List<String> alerts) {
    List<String> result = new ArrayList<>();
    for (String line : alerts) {
      JsonNode alert = read(line);
      ObjectNode reduced = JSON.createObjectNode();
      reduced.put("ruleId", alert.path("ruleId").asText());
      reduced.put("ruleVersion", alert.path("ruleVersion").asInt());
      reduced.put("key", alert.path("key").asText());
      ObjectNode events = reduced.putObject("events");
      List<String> names = new ArrayList<>();
      alert.path("events").fieldNames().forEachRemaining(names::add);
      names.sort(null);
      for (String name : names) {
        var ids = events.putArray(name);
        for (JsonNode event : alert.path("events").path(name)) {
          ids.add(event.isObject() ? event.path("id").asLong() : event.asLong());
        }
      }
      result.add(reduced.toString());
    }
    result.sort(null);
    return result;
  }

  /** Every event inside the alerts, as JSON trees, with the input line it must equal. */
  public static List<Map.Entry<JsonNode, JsonNode>> eventsAgainstInput(
      List<String> alerts, Path input) {
    Map<Long, JsonNode> byId = new java.util.HashMap<>();
    for (String line : lines(input)) {
      JsonNode event = read(line);
      byId.put(event.path("id").asLong(), event);
    }
    List<Map.Entry<JsonNode, JsonNode>> pairs = new ArrayList<>();
    for (String line : alerts) {
      for (Iterator<JsonNode> lists = read(line).path("events").elements(); lists.hasNext(); ) {
        for (JsonNode event : lists.next()) {
          pairs.add(Map.entry(event, byId.get(event.path("id").asLong())));
        }
      }
    }
    return pairs;
  }

  public static List<String> lines(Path file) {
    try {
      return Files.readAllLines(file).stream().filter(l -> !l.isBlank()).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static JsonNode read(String line) {
    try {
      return JSON.readTree(line);
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + line, e);
    }
  }
}
