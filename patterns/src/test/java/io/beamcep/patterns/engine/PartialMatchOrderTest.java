package io.beamcep.patterns.engine;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Flink orders a rule's partial matches by their start events' ids, partial matches with no start
 * last. The engine compares the start times kept beside the ids and reads an id's rank only on a
 * tie, which gives the same order as long as a start time is its start event's: decoding checks it.
 */
class PartialMatchOrderTest {

  private static ComputationState startedAt(EventId start) {
    return new ComputationState(ComputationState.unresolved("s"), null,
        start == null ? -1L : start.timestamp(), start);
  }

  @Test
  void partialMatchesOrderAsTheirStartEventIdsWithUnstartedOnesLast() {
    SplittableRandom random = new SplittableRandom(5);
    for (int i = 0; i < 20_000; i++) {
      EventId a = random.nextInt(5) == 0 ? null : new EventId(random.nextInt(4), random.nextInt(3));
      EventId b = random.nextInt(5) == 0 ? null : new EventId(random.nextInt(4), random.nextInt(3));
      int expected = a == null || b == null
          ? (a == null ? (b == null ? 0 : 1) : -1)
          : a.compareTo(b);

      int actual = ComputationState.ORDER.compare(startedAt(a), startedAt(b));

      assertThat(a + " against " + b, Integer.signum(actual), is(Integer.signum(expected)));
    }
  }

  @Test
  void decodingRefusesAPartialMatchWhoseStartTimeIsNotItsStartEvents() {
    IOException refused = assertThrows(IOException.class,
        () -> KeyStateCodec.partialMatch(
            decoding(), "view:1", null, 5_000L, new EventId(4_000L, 0)));

    assertThat(refused.getMessage(), containsString("view:1"));
    assertThat(refused.getMessage(), containsString("starts at 5000"));
    assertThat(refused.getMessage(), containsString("is at 4000"));
  }

  @Test
  void decodingKeepsAPartialMatchWhoseStartTimeIsItsStartEvents() throws IOException {
    ComputationState decoded =
        KeyStateCodec.partialMatch(
            decoding(), "view:1", null, 4_000L, new EventId(4_000L, 1));

    assertThat(decoded.stateName(), is("view:1"));
    assertThat(decoded.startTimestamp, is(4_000L));
  }

  private static KeyStateCodec.Context decoding() {
    return new KeyStateCodec.Context(KeyStateCodec.FORMAT, 0L);
  }
}
