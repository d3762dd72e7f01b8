package io.beamcep.pipeline.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Reduces an alert (our JSON) or an expected line (testdata) to the same comparable text: rule id,
 * version, key and the event ids per pattern name, e.g. {@code 1 v1 519698804 first_view=[1]
 * second_view=[2]}. Comparing by event ids is what the testdata README specifies.
 */
public final class MatchSummary {
  private static final ObjectMapper JSON = new ObjectMapper();

  private MatchSummary() {}

  public static String ofAlertJson(String alertJson) {
    JsonNode alert = read(alertJson);
    StringBuilder text = head(alert);
    for (Iterator<Map.Entry<String, JsonNode>> it = byName(alert.get("events")); it.hasNext(); ) {
      Map.Entry<String, JsonNode> named = it.next();
      text.append(' ').append(named.getKey()).append("=[");
      for (int i = 0; i < named.getValue().size(); i++) {
        text.append(i == 0 ? "" : ",").append(named.getValue().get(i).get("id").asText());
      }
      text.append(']');
    }
    return text.toString();
  }

  public static String ofExpected(String expectedLine) {
    JsonNode expected = read(expectedLine);
    StringBuilder text = head(expected);
    for (Iterator<Map.Entry<String, JsonNode>> it = byName(expected.get("events"));
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> named = it.next();
      text.append(' ').append(named.getKey()).append("=[");
      for (int i = 0; i < named.getValue().size(); i++) {
        text.append(i == 0 ? "" : ",").append(named.getValue().get(i).asText());
      }
      text.append(']');
    }
    return text.toString();
  }

  /** Pattern names sorted: the expected files do not list them in pattern order. */
  private static Iterator<Map.Entry<String, JsonNode>> byName(JsonNode events) {
    java.util.TreeMap<String, JsonNode> sorted = new java.util.TreeMap<>();
    events.fields().forEachRemaining(e -> sorted.put(e.getKey(), e.getValue()));
    return sorted.entrySet().iterator();
  }

  public static List<String> sorted(List<String> summaries) {
    return summaries.stream().sorted().toList();
  }

  private static StringBuilder head(JsonNode node) {
    return new StringBuilder()
        .append(node.get("ruleId").asText())
        .append(" v")
        .append(node.get("ruleVersion").asInt())
        .append(' ')
        .append(node.get("key").asText());
  }

  private static JsonNode read(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + text, e);
    }
  }
}
