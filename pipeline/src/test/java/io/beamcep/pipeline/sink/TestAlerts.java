package io.beamcep.pipeline.sink;

import io.beamcep.patterns.event.Event;
import io.beamcep.pipeline.alert.Alert;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Alerts shaped like scenario 1's matches (two views of one user). */
final class TestAlerts {
  private TestAlerts() {}

  static Alert viewPair(String user, long firstId, long firstMillis) {
    Map<String, List<Event>> events = new LinkedHashMap<>();
    events.put("first_view", List.of(view(firstId, user)));
    events.put("second_view", List.of(view(firstId + 1, user)));
    return new Alert("1", 1, null, user, Alert.Kind.MATCH, firstMillis + 3000, firstMillis,
        firstMillis + 3000, events);
  }

  private static Event view(long id, String user) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("id", id);
    fields.put("eventType", "view");
    fields.put("userId", user);
    return Event.of(fields);
  }
}
