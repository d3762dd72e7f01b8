package io.beamcep.pipeline.match;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.beamcep.patterns.event.Event;
import io.beamcep.pipeline.event.EventCoder;
import java.util.ArrayList;
import java.util.Map;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.apache.beam.runners.core.InMemoryStateInternals;
import org.apache.beam.runners.core.StateNamespaces;
import org.apache.beam.runners.core.StateTags;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.state.MapState;
import org.apache.beam.sdk.state.ValueState;
import org.apache.beam.sdk.util.CoderUtils;
import org.junit.jupiter.api.Test;

/** The sorted set of a key's buffered timestamps: order, duplicates, draining, encoding. */
class BufferedTimesTest {

  @Test
  void keepsTimestampsAscendingWhateverTheirArrivalOrder() {
    BufferedTimes times = new BufferedTimes();
    for (long t : new long[] {30, 10, 20, 50, 40, 10, 30}) {
      times.add(t);
    }
    assertThat(drain(times), contains(10L, 20L, 30L, 40L, 50L));
  }

  @Test
  void reportsWhetherATimestampWasNew() {
    BufferedTimes times = new BufferedTimes();
    assertThat(times.add(7), is(true));
    assertThat(times.add(7), is(false));
    assertThat(times.add(3), is(true));
    assertThat(times.add(3), is(false));
    assertThat(times.size(), is(2));
  }

  @Test
  void anEmptySetHasNoFirstTimestamp() {
    BufferedTimes times = new BufferedTimes();
    IllegalStateException error = assertThrows(IllegalStateException.class, times::first);
    assertThat(error.getMessage(), is("no buffered timestamp"));
  }

  @Test
  void behavesAsASortedSetUnderRandomAddsAndDrains() {
    Random random = new Random(7);
    BufferedTimes times = new BufferedTimes();
    TreeSet<Long> expected = new TreeSet<>();
    for (int step = 0; step < 20_000; step++) {
      if (random.nextInt(3) > 0) {
        // mostly in time order with some stragglers, as a stream arrives
        long t = step + (random.nextInt(5) == 0 ? -random.nextInt(50) : 0);
        assertThat(times.add(t), is(expected.add(t)));
      } else if (!expected.isEmpty()) {
        assertThat(times.pollFirst(), is(expected.pollFirst()));
      }
      assertThat(times.size(), is(expected.size()));
      if (!expected.isEmpty()) {
        assertThat(times.first(), is(expected.first()));
      }
    }
    assertThat(drain(times), contains(expected.toArray()));
  }

  @Test
  void survivesEncodingAfterPartialDrains() throws Exception {
    BufferedTimes times = new BufferedTimes();
    for (long t : new long[] {-5, 0, 1_600_000_000_000L, 1_600_000_000_001L, Long.MAX_VALUE - 1}) {
      times.add(t);
    }
    times.pollFirst();
    BufferedTimes copy =
        CoderUtils.clone(BufferedTimes.Coder.of(), times);
    assertThat(
        drain(copy), contains(0L, 1_600_000_000_000L, 1_600_000_000_001L, Long.MAX_VALUE - 1));
    assertThat(drain(CoderUtils.clone(BufferedTimes.Coder.of(), new BufferedTimes())).isEmpty(),
        is(true));
  }

  @Test
  void stateWrittenBeforeTheTimesWereKeptGetsThemListedFromItsBuffer() {
    // A savepoint of an earlier MatcherDoFn holds buffered events but no bufferedTimes value.
    InMemoryStateInternals<String> state = InMemoryStateInternals.forKey("u");
    MapState<Long, List<Event>> buffer = state.state(StateNamespaces.global(),
        StateTags.map("buffer", VarLongCoder.of(), ListCoder.of(EventCoder.of())));
    ValueState<BufferedTimes> stored = state.state(StateNamespaces.global(),
        StateTags.value("bufferedTimes", BufferedTimes.Coder.of()));
    for (long t : new long[] {30, 10, 20}) {
      buffer.put(t, List.of(Event.of(Map.of("eventType", "a"))));
    }
    assertThat(drain(KeyClock.bufferedTimes(stored, buffer)), contains(10L, 20L, 30L));

    BufferedTimes kept = new BufferedTimes();
    kept.add(99);
    stored.write(kept);
    assertThat(drain(KeyClock.bufferedTimes(stored, buffer)), contains(99L));
  }

  private static List<Long> drain(BufferedTimes times) {
    List<Long> drained = new ArrayList<>();
    while (!times.isEmpty()) {
      drained.add(times.pollFirst());
    }
    return drained;
  }
}
