package io.beamcep.patterns.condition;

import io.beamcep.patterns.event.Event;
import java.util.List;
import java.util.Map;

/** A partial match frozen for a test: events by pattern name, and the current timestamp. */
record FakeContext(Map<String, List<Event>> events, long timestamp) implements MatchContext {
  static FakeContext of(Map<String, List<Event>> events) {
    return new FakeContext(events, 0L);
  }

  @Override
  public List<Event> eventsForPattern(String patternName) {
    return events.getOrDefault(patternName, List.of());
  }
}
