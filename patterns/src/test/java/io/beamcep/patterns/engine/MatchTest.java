package io.beamcep.patterns.engine;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.beamcep.patterns.event.Event;
import io.beamcep.patterns.model.RuleKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A match built by hand keeps what it is given: events, their timestamps, first and last time. */
class MatchTest {
  private static final RuleKey RULE = new RuleKey("r", 1);

  private static Event view(String id) {
    return Event.of(Map.of("id", id, "eventType", "view"));
  }

  private static Map<String, List<Event>> events() {
    Map<String, List<Event>> events = new LinkedHashMap<>();
    events.put("first", List.of(view("1")));
    events.put("then", List.of(view("2"), view("3")));
    return events;
  }

  private static Map<String, List<Long>> times(long first, long second, long third) {
    Map<String, List<Long>> times = new LinkedHashMap<>();
    times.put("first", List.of(first));
    times.put("then", List.of(second, third));
    return times;
  }

  @Test
  void keepsTimestampsByPatternNameAndTheirBounds() {
    Match match = new Match(RULE, Match.Kind.MATCH, events(), times(10L, 20L, 30L), 31L);

    assertThat(match.timestamps(), equalTo(times(10L, 20L, 30L)));
    assertThat(match.events().keySet(), contains("first", "then"));
    assertThat(match.firstEventTime(), is(10L));
    assertThat(match.lastEventTime(), is(30L));
  }

  @Test
  void aMatchWithoutEventsSpansItsDetectionTime() {
    Match match = new Match(RULE, Match.Kind.TIMEOUT, Map.of(), Map.of(), 99L);

    assertThat(match.firstEventTime(), is(99L));
    assertThat(match.lastEventTime(), is(99L));
  }

  @Test
  void equalContentIsEqualAndTimestampsCount() {
    Match one = new Match(RULE, Match.Kind.MATCH, events(), times(10L, 20L, 30L), 31L);
    Match same = new Match(RULE, Match.Kind.MATCH, events(), times(10L, 20L, 30L), 31L);
    Match otherTimes = new Match(RULE, Match.Kind.MATCH, events(), times(10L, 20L, 29L), 31L);

    assertThat(one, equalTo(same));
    assertThat(one.hashCode(), is(same.hashCode()));
    assertThat(one, not(equalTo(otherTimes)));
  }

  @Test
  void timestampsThatDoNotFitTheEventsAreRefusedByName() {
    Map<String, List<Long>> short_ = times(10L, 20L, 30L);
    short_.put("then", List.of(20L));

    IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
        () -> new Match(RULE, Match.Kind.MATCH, events(), short_, 31L));
    assertThat(error.getMessage(), containsString("pattern then has 2 events but 1 timestamps"));

    IllegalArgumentException names = assertThrows(IllegalArgumentException.class,
        () -> new Match(RULE, Match.Kind.MATCH, events(), Map.of("first", List.of(10L)), 31L));
    assertThat(names.getMessage(), containsString("timestamps name [first]"));
  }

  @Test
  void givenMapsAreCopied() {
    Map<String, List<Event>> events = events();
    Match match = new Match(RULE, Match.Kind.MATCH, events, times(10L, 20L, 30L), 31L);
    events.remove("first");

    assertThat(match.events().keySet(), contains("first", "then"));
  }
}
