package io.beamcep.pipeline.alert;

import io.beamcep.patterns.event.Event;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Scenario 1's first match (events 1 and 2 of user 519698804) as an alert. */
final class AlertFixtures {
  private AlertFixtures() {}

  static Event view(long id, String time, Object price) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("id", id);
    fields.put("eventTime", time);
    fields.put("eventType", "view");
    fields.put("price", price);
    fields.put("userId", "519698804");
    return Event.of(fields);
  }

  static Alert firstMatchOfScenario1(String function) {
    Map<String, List<Event>> events = new LinkedHashMap<>();
    events.put("first_view", List.of(view(1, "2020-01-01 00:01:00.0", 1130.02)));
    events.put("second_view", List.of(view(2, "2020-01-01 00:01:03.0", new BigDecimal("29.950"))));
    return new Alert(
        "1", 1, function, "519698804", Alert.Kind.MATCH,
        1577836863000L, 1577836860000L, 1577836863000L, events);
  }
}
