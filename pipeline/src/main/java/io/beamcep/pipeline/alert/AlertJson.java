package io.beamcep.pipeline.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beamcep.patterns.event.Event;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * One JSON object per alert, the same schema for every sink:
 *
 * <pre>{@code
 * {"ruleId":"1","ruleVersion":1,"function":"...","key":"519698804","kind":"MATCH",
 *  "detectedAt":1577836863000,"firstEventTime":1577836860000,"lastEventTime":1577836863000,
 *  "events":{"first_view":[{"id":1,...}],"second_view":[{"id":2,...}]}}
 * }</pre>
 *
 * Times are epoch milliseconds (UTC); events are written back with their fields in input order.
 */
public final class AlertJson {
  // Exact big decimals: the default node factory strips trailing zeros (29.950 -> 29.95), and
  // events must be written back as they came in.
  private static final ObjectMapper MAPPER =
      new ObjectMapper().setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

  private AlertJson() {}

  public static String toJson(Alert alert) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("ruleId", alert.ruleId());
    root.put("ruleVersion", alert.ruleVersion());
    root.put("function", alert.function());
    root.put("key", alert.key());
    root.put("kind", alert.kind().name());
    root.put("detectedAt", alert.detectedAt());
    root.put("firstEventTime", alert.firstEventTime());
    root.put("lastEventTime", alert.lastEventTime());
    ObjectNode events = root.putObject("events");
    for (Map.Entry<String, List<Event>> entry : alert.events().entrySet()) {
      ArrayNode list = events.putArray(entry.getKey());
      for (Event event : entry.getValue()) {
        list.add(MAPPER.valueToTree(event.fields()));
      }
    }
    try {
      return MAPPER.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("cannot write alert of rule " + alert.ruleId(), e);
    }
  }
}
