package io.beamcep.patterns.bench;

import io.beamcep.patterns.engine.KeyState;
import io.beamcep.patterns.engine.StateReads;
import io.beamcep.patterns.event.Event;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What the benchmark's stream costs before any matching: the engine workload's host (a hash map
 * from key to state, one timer per key) visiting the key states the engine really holds, with no
 * rule run. It bounds from below what any engine can reach on this machine with state kept per key
 * in a host like Flink's, and so tells how much of the 1 us per event the target allows is left
 * for matching.
 *
 * <p>The key states are those the five seed rules leave after one real pass (a stationary stream:
 * the end looks like any other moment), frozen: each replayed event looks its key up, reads what
 * the engine reads before its rules run, reads the fields the seed conditions read, and moves its
 * key's timer as the engine's windows do. Five floors, each timed in the thread's CPU time:
 *
 * <ul>
 *   <li>{@code lookup}: the key's entry in the map, nothing else;
 *   <li>{@code lookup + fields}: plus the current event's fields the seed conditions read (its
 *       type, product and price);
 *   <li>{@code host}: plus moving the key's timer, no state read;
 *   <li>{@code host + state as held}: plus {@link StateReads#beforeEvent} on the engine's objects
 *       (and {@link StateReads#beforeTimer} when a timer fires);
 *   <li>{@code host + state as one array}: plus a read of one contiguous array per key as long as
 *       the key's serialized state, the layout with the fewest cache lines any engine could keep.
 * </ul>
 *
 * <p>The states are read as a pass leaves them, long-lived and spread over the heap, not as a pass
 * builds them: session 27 found the floor it gives above what the layout costs a live pass, which
 * {@link HandWrittenBoundAsObjects} measures (the seed rules by hand over the engine's layout).
 *
 * <p>{@code BENCH_MAIN=io.beamcep.patterns.bench.HostFloor patterns/bench.sh [users] [rounds]}.
 */
public final class HostFloor {
  /** The shortest window of the seed rules (rule 1's five minutes): the timer moves by it. */
  private static final long WINDOW_MILLIS = 5 * 60_000L;

  private HostFloor() {}

  public static void main(String[] args) throws Exception {
    int users = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 4;
    EngineWorkload workload = EngineWorkload.seedRules(1_000_000, users, 42);
    RecordedStream stream = workload.recorded();
    EngineWorkload.Result real = workload.run();
    Map<String, KeyState> held = real.stateLeft();
    long stateBytes = 0;
    for (KeyState state : held.values()) {
      stateBytes += state.toBytes().length;
    }
    System.out.printf(Locale.ROOT,
        "%,d events, %,d users, seed 42; %,d keys hold state after a pass (%,d serialized bytes, "
            + "%,d partial matches); events per CPU-second%n",
        stream.events.length, users, held.size(), stateBytes,
        held.values().stream().mapToLong(KeyState::partialMatchCount).sum());
    System.out.println("| round | engine, five seed rules | lookup | lookup + fields "
        + "| host (lookup + fields + timer) | host + state as held | host + state as one array |");
    System.out.println("|---|---|---|---|---|---|---|");
    Floor floor = new Floor(stream, held);
    for (int round = 1; round <= rounds; round++) {
      double engine = TimedPass.run(stream.events.length, workload::run).rate();
      System.out.printf(Locale.ROOT, "| %d | %,.0f", round, engine);
      for (Visit visit : Visit.values()) {
        double rate = TimedPass.run(stream.events.length, () -> floor.pass(visit)).rate();
        System.out.printf(Locale.ROOT, " | %,.0f", rate);
      }
      System.out.println(" |");
    }
  }

  /**
   * How much of an event's work a floor pass does: the first three each add to the one before,
   * the last two are two layouts of the state read on top of the host.
   */
  private enum Visit {
    LOOKUP, FIELDS, TIMER, HELD, ARRAY;

    boolean atLeast(Visit other) {
      return compareTo(other) >= 0;
    }
  }

  /** A key's frozen state, its serialized bytes as one array, and its place in the timers. */
  private static final class FrozenKey extends KeyTimers.Slot {
    final KeyState state;
    final long[] packed;

    FrozenKey(KeyState state) {
      this.state = state;
      this.packed = new long[(state.toBytes().length + 7) / 8];
      for (int i = 0; i < packed.length; i++) {
        packed[i] = i;
      }
    }
  }

  private static final class Floor {
    private final Event[] events;
    private final long[] timestamps;
    private final String[] keys;
    /** Every key of the stream, its state frozen (empty where the pass left none). */
    private final Map<String, FrozenKey> frozen = new HashMap<>();

    Floor(RecordedStream stream, Map<String, KeyState> held) {
      this.events = stream.events;
      this.timestamps = stream.timestamps;
      this.keys = stream.keys;
      KeyState empty = KeyState.empty();
      for (String key : keys) {
        frozen.computeIfAbsent(key, k -> new FrozenKey(held.getOrDefault(k, empty)));
      }
    }

    /** One pass; returns a sum of what was read, so no read is optimised away. */
    long pass(Visit visit) {
      // a map per pass, as the engine's pass builds its own (its 50,000 puts are 5 % of the
      // lookups that follow)
      Map<String, FrozenKey> slots = new HashMap<>(frozen);
      for (FrozenKey key : slots.values()) {
        key.timerIndex = -1;
      }
      KeyTimers<FrozenKey> timers = new KeyTimers<>();
      long sum = 0;
      for (int i = 0; i < events.length; i++) {
        long now = timestamps[i];
        for (FrozenKey due = timers.pollDue(now); due != null; due = timers.pollDue(now)) {
          if (visit == Visit.HELD) {
            // as if every rule were due: a frozen state's deadlines do not follow the replay's
            // clock, and the engine reads the partial matches of the rules a timer is for
            StateReads.beforeTimer(due.state, Long.MAX_VALUE);
          } else if (visit == Visit.ARRAY) {
            sum += due.packed[0];
          }
        }
        FrozenKey slot = slots.get(keys[i]);
        sum += slot.timerIndex;
        if (visit.atLeast(Visit.FIELDS)) {
          Event event = events[i];
          Object type = event.get("eventType");
          Object product = event.get("productId");
          sum += ("view".equals(type) ? 1 : 0) + (product == null ? 0 : 1)
              + (long) event.getDouble("price");
        }
        if (visit == Visit.HELD) {
          StateReads.beforeEvent(slot.state, events[i]);
        } else if (visit == Visit.ARRAY) {
          long[] packed = slot.packed;
          for (long word : packed) {
            sum += word;
          }
        }
        if (visit.atLeast(Visit.TIMER)) {
          timers.set(slot, now + WINDOW_MILLIS);
        }
      }
      return sum;
    }
  }
}
