package io.beamcep.pipeline.match;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;

import io.beamcep.patterns.event.Event;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The order of equal-timestamp events under a tie-break field. */
class TieBreakOrderTest {

  private static Event event(String name, Object seq) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("name", name);
    if (seq != null) {
      fields.put("seq", seq);
    }
    return Event.of(fields);
  }

  private static List<String> sorted(Event... events) {
    List<Event> list = new ArrayList<>(List.of(events));
    list.sort(new TieBreakOrder("seq"));
    return list.stream().map(e -> e.getString("name")).toList();
  }

  @Test
  void numbersOfAnyTypeCompareByValue() {
    assertThat(sorted(event("ten", 10L), event("nine-and-a-half", 9.5),
            event("huge", new BigInteger("100000000000000000000")),
            event("two", new BigDecimal("2.00"))),
        contains("two", "nine-and-a-half", "ten", "huge"));
  }

  /** A dotted field reaches into the events' objects; a field named with the dots comes first. */
  @Test
  void aDottedFieldReachesIntoTheEventsObjects() {
    List<Event> events = new ArrayList<>(List.of(
        Event.of(Map.of("name", "second", "meta", Map.of("seq", 2L))),
        Event.of(Map.of("name", "flat", "meta.seq", 0L, "meta", Map.of("seq", 9L))),
        Event.of(Map.of("name", "none", "meta", "not an object")),
        Event.of(Map.of("name", "first", "meta", Map.of("seq", 1L)))));
    events.sort(new TieBreakOrder("meta.seq"));
    assertThat(events.stream().map(e -> e.getString("name")).toList(),
        contains("flat", "first", "second", "none"));
  }

  @Test
  void numbersComeBeforeTextAndMissingValuesLast() {
    assertThat(sorted(event("none", null), event("b", "b"), event("one", 1L), event("a", "a")),
        contains("one", "a", "b", "none"));
  }

  @Test
  void equalValuesKeepTheirArrivalOrder() {
    assertThat(sorted(event("first", 3L), event("second", 3.0), event("gone", null),
            event("third", 3L), event("gone-too", null)),
        contains("first", "second", "third", "gone", "gone-too"));
  }
}
