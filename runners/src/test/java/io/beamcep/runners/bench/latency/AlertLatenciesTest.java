package io.beamcep.runners.bench.latency;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import io.beamcep.patterns.event.Event;
import io.beamcep.pipeline.alert.Alert;
import io.beamcep.pipeline.alert.AlertJson;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What the bench's consumer takes from each alert on the topic, as AlertJson writes it. */
class AlertLatenciesTest {

  private static Event event(long id) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("id", id);
    fields.put("eventType", "view");
    fields.put("tags", List.of(Map.of("id", 999L))); // a nested "id" is not the event's
    return Event.of(fields);
  }

  private static String alert(String ruleId, Alert.Kind kind, long... ids) {
    Map<String, List<Event>> events = new LinkedHashMap<>();
    events.put("first", List.of(event(ids[0])));
    List<Event> rest = new java.util.ArrayList<>();
    for (int i = 1; i < ids.length; i++) {
      rest.add(event(ids[i]));
    }
    events.put("then", rest);
    return AlertJson.toJson(new Alert(ruleId, 1, null, "u", kind, 0L, 0L, 0L, events));
  }

  private static SendTimes sent() {
    SendTimes times = new SendTimes(10);
    times.record(1, "u", 1_000_000L);
    times.record(2, "v", 2_000_000L);
    times.record(3, "u", 3_000_000L);
    times.record(4, "u", 4_000_000L);
    return times;
  }

  @Test
  void aMatchIsMeasuredFromItsLastSentEvent() throws Exception {
    AlertLatencies alerts = new AlertLatencies("unused:9092", "t", sent(), Set.of());

    alerts.add(alert("1", Alert.Kind.MATCH, 1, 3), 10_000_000L);

    assertThat(alerts.matchAlerts(), is(1L));
    assertThat(alerts.latenciesMicros(0L, Long.MAX_VALUE)[0], is(7_000L)); // 10 ms - 3 ms
  }

  @Test
  void aRuleDecidedByTheNextEventIsMeasuredFromThatEvent() throws Exception {
    AlertLatencies alerts = new AlertLatencies("unused:9092", "t", sent(), Set.of("5"));

    alerts.add(alert("5", Alert.Kind.MATCH, 1), 10_000_000L);

    assertThat(alerts.latenciesMicros(0L, Long.MAX_VALUE)[0], is(7_000L)); // next of u after 1: 3
  }

  @Test
  void timeoutsAndUnknownEventsAreCountedApart() throws Exception {
    AlertLatencies alerts = new AlertLatencies("unused:9092", "t", sent(), Set.of());

    alerts.add(alert("1", Alert.Kind.TIMEOUT, 1, 3), 10_000_000L);
    alerts.add(alert("1", Alert.Kind.MATCH, 1, 42), 10_000_000L);

    assertThat(alerts.timeoutAlerts(), is(1L));
    assertThat(alerts.unknownAlerts(), is(1L));
    assertThat(alerts.matchAlerts(), is(0L));
  }
}
