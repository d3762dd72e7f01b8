package io.beamcep.pipeline.alert;

import io.beamcep.patterns.event.Event;
import java.util.List;
import java.util.Map;

/**
 * The reference system's stdout line, so its users can keep grepping for it: {@code A match for
 * Pattern of (id, version): (1, 1) is found. The event sequence: first_view: [Event(id=1, ...)]
 * second_view: [Event(id=2, ...)]} (pattern entries are concatenated without a separator, as the
 * reference's DemoPatternProcessFunction does; events print like its Lombok {@code @Data} POJO:
 * {@code Event(field=value, ...)} in field order).
 */
public final class ReferenceText {
  private ReferenceText() {}

  public static String of(Alert alert) {
    StringBuilder text = new StringBuilder();
    text.append(alert.kind() == Alert.Kind.MATCH ? "A match" : "A timeout")
        .append(" for Pattern of (id, version): (")
        .append(alert.ruleId())
        .append(", ")
        .append(alert.ruleVersion())
        .append(") is found. The event sequence: ");
    for (Map.Entry<String, List<Event>> entry : alert.events().entrySet()) {
      text.append(entry.getKey()).append(": [");
      List<Event> events = entry.getValue();
      for (int i = 0; i < events.size(); i++) {
        if (i > 0) {
          text.append(", ");
        }
        appendEvent(text, events.get(i));
      }
      text.append(']');
    }
    return text.toString();
  }

  private static void appendEvent(StringBuilder text, Event event) {
    text.append("Event(");
    boolean first = true;
    for (Map.Entry<String, Object> field : event.fields().entrySet()) {
      if (!first) {
        text.append(", ");
      }
      first = false;
      text.append(field.getKey()).append('=').append(field.getValue());
    }
    text.append(')');
  }
}
