package io.beamcep.pipeline.alert;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.beamcep.patterns.event.Event;
import io.beamcep.patterns.event.EventJson;
import java.io.IOException;
import java.io.StringWriter;
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
  // Values are written as they are (a BigDecimal keeps its scale: 29.950 stays 29.950), so
  // events go back out as they came in.
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private AlertJson() {}

  /**
   * The alert's events alone, as {@link #toJson} writes them: {@code {"name": [event, ...], ...}},
   * names in pattern order, each event's fields in arrival order.
   */
  public static String eventsJson(Alert alert) {
    StringWriter text = new StringWriter(256);
    try (JsonGenerator json = MAPPER.getFactory().createGenerator(text)) {
      writeEvents(json, alert);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the events of rule " + alert.ruleId(), e);
    }
    return text.toString();
  }

  private static void writeEvents(JsonGenerator json, Alert alert) throws IOException {
    json.writeStartObject();
    for (Map.Entry<String, List<Event>> entry : alert.events().entrySet()) {
      json.writeArrayFieldStart(entry.getKey());
      for (Event event : entry.getValue()) {
        EventJson.write(json, event);
      }
      json.writeEndArray();
    }
    json.writeEndObject();
  }

  public static String toJson(Alert alert) {
    // streamed, not built as a tree first: rendering is per alert on the hot path, and a tree
    // node per event field was a tenth of the latency job's garbage
    StringWriter text = new StringWriter(512);
    try (JsonGenerator json = MAPPER.getFactory().createGenerator(text)) {
      json.writeStartObject();
      json.writeStringField("ruleId", alert.ruleId());
      json.writeNumberField("ruleVersion", alert.ruleVersion());
      json.writeStringField("function", alert.function());
      json.writeStringField("key", alert.key());
      json.writeStringField("kind", alert.kind().name());
      json.writeNumberField("detectedAt", alert.detectedAt());
      json.writeNumberField("firstEventTime", alert.firstEventTime());
      json.writeNumberField("lastEventTime", alert.lastEventTime());
      json.writeFieldName("events");
      writeEvents(json, alert);
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write alert of rule " + alert.ruleId(), e);
    }
    return text.toString();
  }
}
