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

  /** A path oldest first: pattern names and timestamps, one event per node, named by position. */
  private static PathNode path(String[] names, long[] times) {
    PathNode newest = null;
    for (int i = 0; i < names.length; i++) {
      newest = new PathNode(new EventId(times[i], 0), view("e" + i), names[i], newest);
    }
    return newest;
  }

  @Test
  void aPathIsGroupedByNameInTheOrderNamesFirstOccur() {
    PathNode newest = path(new String[] {"start", "loop", "loop", "end"},
        new long[] {10L, 20L, 30L, 40L});

    Match match = Match.ofPath(RULE, Match.Kind.MATCH, newest, null, 41L);

    Map<String, List<Event>> expected = new LinkedHashMap<>();
    expected.put("start", List.of(view("e0")));
    expected.put("loop", List.of(view("e1"), view("e2")));
    expected.put("end", List.of(view("e3")));
    assertThat(match.events(), equalTo(expected));
    assertThat(match.events().keySet(), contains("start", "loop", "end"));
    Map<String, List<Long>> times = new LinkedHashMap<>();
    times.put("start", List.of(10L));
    times.put("loop", List.of(20L, 30L));
    times.put("end", List.of(40L));
    assertThat(match.timestamps(), equalTo(times));
    assertThat(match.firstEventTime(), is(10L));
    assertThat(match.lastEventTime(), is(40L));
    assertThat(match, equalTo(new Match(RULE, Match.Kind.MATCH, expected, times, 41L)));
  }

  @Test
  void namesThatRecurInSeparateRunsAreGatheredIntoOneGroup() {
    // a looping group (a b)+ takes a, b, a, b: Flink's extractPatterns gives a: [a1, a2],
    // b: [b1, b2]
    PathNode newest = path(new String[] {"a", "b", "a", "b", "c"},
        new long[] {1L, 2L, 3L, 4L, 5L});

    Match match = Match.ofPath(RULE, Match.Kind.TIMEOUT, newest, null, 9L);

    assertThat(match.events().keySet(), contains("a", "b", "c"));
    assertThat(match.events().get("a"), contains(view("e0"), view("e2")));
    assertThat(match.events().get("b"), contains(view("e1"), view("e3")));
    assertThat(match.events().get("c"), contains(view("e4")));
    assertThat(match.timestamps().get("a"), contains(1L, 3L));
    assertThat(match.timestamps().get("b"), contains(2L, 4L));
    assertThat(match.firstEventTime(), is(1L));
    assertThat(match.lastEventTime(), is(5L));
  }

  @Test
  void theGroupedEventsCannotBeChanged() {
    Match match = Match.ofPath(RULE, Match.Kind.MATCH,
        path(new String[] {"a", "a"}, new long[] {1L, 2L}), null, 3L);

    assertThrows(UnsupportedOperationException.class, () -> match.events().get("a").add(view("x")));
    assertThrows(UnsupportedOperationException.class, () -> match.events().remove("a"));
    assertThrows(IndexOutOfBoundsException.class, () -> match.events().get("a").get(2));
    assertThat(match.events().get("missing"), is((List<Event>) null));
  }

  @Test
  void aMatchOfNoEventsIsEmpty() {
    Match match = Match.ofPath(RULE, Match.Kind.TIMEOUT, null, null, 7L);

    assertThat(match.events().isEmpty(), is(true));
    assertThat(match.firstEventTime(), is(7L));
    assertThat(match.lastEventTime(), is(7L));
  }
}
