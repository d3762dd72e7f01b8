package io.beamcep.pipeline.match;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.beamcep.patterns.event.Event;
import io.beamcep.pipeline.event.EventCoder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.runners.core.InMemoryStateInternals;
import org.apache.beam.runners.core.StateNamespaces;
import org.apache.beam.runners.core.StateTags;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.state.MapState;
import org.apache.beam.sdk.state.ValueState;
import org.apache.beam.sdk.util.CoderUtils;
import org.junit.jupiter.api.Test;

/**
 * A key's clock in one state cell: its encoding, and the move of a key's clock out of the three
 * cells that held it before (a savepoint of an earlier MatcherDoFn).
 */
class KeyClockTest {
  private final InMemoryStateInternals<String> state = InMemoryStateInternals.forKey("u");
  private final ValueState<KeyClock> clockCell = state.state(StateNamespaces.global(),
      StateTags.value("keyClock", KeyClock.Coder.of()));
  private final ValueState<Long> drainAt = state.state(StateNamespaces.global(),
      StateTags.value("drainAt", VarLongCoder.of()));
  private final ValueState<Long> drainedUntil = state.state(StateNamespaces.global(),
      StateTags.value("drainedUntil", VarLongCoder.of()));
  private final ValueState<BufferedTimes> bufferedTimes = state.state(StateNamespaces.global(),
      StateTags.value("bufferedTimes", BufferedTimes.Coder.of()));
  private final MapState<Long, List<Event>> buffer = state.state(StateNamespaces.global(),
      StateTags.map("buffer", VarLongCoder.of(), ListCoder.of(EventCoder.of())));
  private final KeyClock.LegacyCells legacy =
      new KeyClock.LegacyCells(drainAt, drainedUntil, bufferedTimes, buffer);

  @Test
  void aKeyHoldingNothingGetsAFreshClock() {
    KeyClock clock = KeyClock.read(clockCell, legacy);
    assertThat(clock.isFresh(), is(true));
    assertThat(clock.hasPendingDrain(), is(false));
    assertThat(clock.isLate(Long.MIN_VALUE + 1), is(false));
    assertThat(clock.buffered.isEmpty(), is(true));
    assertThat("nothing is written for a key that only was read", clockCell.read(), nullValue());
  }

  @Test
  void eventsAtOrBeforeTheDrainedTimeAreLate() {
    KeyClock clock = KeyClock.fresh();
    clock.drainedUntil(100);
    assertThat(clock.isFresh(), is(false));
    assertThat(clock.isLate(99), is(true));
    assertThat(clock.isLate(100), is(true));
    assertThat(clock.isLate(101), is(false));
  }

  @Test
  void survivesEncodingWithEitherTimeOrNeither() throws Exception {
    for (int flags = 0; flags < 4; flags++) {
      KeyClock clock = KeyClock.fresh();
      if ((flags & 1) != 0) {
        clock.armedAt(-5); // event times before 1970 are times too
      }
      if ((flags & 2) != 0) {
        clock.drainedUntil(1_600_000_000_000L);
      }
      for (long t : new long[] {3, 1, 2}) {
        clock.buffered.add(t);
      }
      clock.buffered.pollFirst();
      KeyClock copy = CoderUtils.clone(KeyClock.Coder.of(), clock);
      assertThat(copy.toString(), is(clock.toString()));
      assertThat(copy.hasPendingDrain(), is((flags & 1) != 0));
      assertThat(copy.isLate(1_600_000_000_000L), is((flags & 2) != 0));
      assertThat(drain(copy.buffered), contains(2L, 3L));
    }
  }

  @Test
  void refusesUnknownFlagsAndATruncatedClock() {
    CoderException unknown = assertThrows(CoderException.class,
        () -> CoderUtils.decodeFromByteArray(KeyClock.Coder.of(), new byte[] {4, 0}));
    assertThat(unknown.getMessage(), containsString("unknown key clock flags 4"));
    assertThrows(CoderException.class,
        () -> CoderUtils.decodeFromByteArray(KeyClock.Coder.of(), new byte[0]));
  }

  @Test
  void aKeyOfTheEarlierCellsHasThemMovedIntoItsClockOnce() {
    drainAt.write(40L);
    drainedUntil.write(15L);
    BufferedTimes times = new BufferedTimes();
    times.add(20);
    times.add(30);
    bufferedTimes.write(times);
    buffer.put(20L, List.of(event("a")));
    buffer.put(30L, List.of(event("b")));

    KeyClock clock = KeyClock.read(clockCell, legacy);
    assertThat(clock.isFresh(), is(false));
    assertThat(clock.drainAt(), is(40L));
    assertThat(clock.isLate(15), is(true));
    assertThat(clock.isLate(16), is(false));
    assertThat(drainAt.read(), nullValue());
    assertThat(drainedUntil.read(), nullValue());
    assertThat(bufferedTimes.read(), nullValue());
    assertThat("the buffer stays", buffer.get(20L).read(), contains(event("a")));

    // written at once: a caller that changes nothing must not lose what the old cells held
    KeyClock again = KeyClock.read(clockCell, legacy);
    assertThat(again.toString(), is(clock.toString()));
    assertThat(drain(again.buffered), contains(20L, 30L));
  }

  @Test
  void aKeyOfTheCellsBeforeBufferedTimesGetsThemListedFromItsBuffer() {
    drainAt.write(10L); // buffered, never drained
    for (long t : new long[] {30, 10, 20}) {
      buffer.put(t, List.of(event("a")));
    }
    KeyClock clock = KeyClock.read(clockCell, legacy);
    assertThat(clock.drainAt(), is(10L));
    assertThat(clock.isLate(Long.MIN_VALUE + 1), is(false));
    assertThat(drain(clock.buffered), contains(10L, 20L, 30L));
  }

  @Test
  void aKeyThatWasOnlyDrainedKeepsItsDrainedTime() {
    drainedUntil.write(7L); // state pending in the engine, nothing buffered, no timer armed
    KeyClock clock = KeyClock.read(clockCell, legacy);
    assertThat(clock.isFresh(), is(false));
    assertThat(clock.hasPendingDrain(), is(false));
    assertThat(clock.isLate(7), is(true));
    assertThat(clock.buffered.isEmpty(), is(true));
  }

  private static Event event(String type) {
    return Event.of(Map.of("eventType", type));
  }

  private static List<Long> drain(BufferedTimes times) {
    List<Long> drained = new ArrayList<>();
    while (!times.isEmpty()) {
      drained.add(times.pollFirst());
    }
    return drained;
  }
}
