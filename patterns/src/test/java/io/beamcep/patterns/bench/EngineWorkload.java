package io.beamcep.patterns.bench;

import io.beamcep.patterns.compiler.CompiledRule;
import io.beamcep.patterns.engine.KeyState;
import io.beamcep.patterns.engine.Match;
import io.beamcep.patterns.engine.Matcher;
import io.beamcep.patterns.event.Event;
import io.beamcep.patterns.synthetic.ClickStreamGenerator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The engine's work in a keyed host, without any framework: events arrive in time order, each goes
 * to its user's {@link KeyState}, and a per-key timer (one pending timer per key, as a Flink or
 * Beam host keeps) calls {@link Matcher#advanceTime} when the watermark passes the key's
 * {@link Matcher#nextTimer}, as the pipeline's matchers do, so idle keys time out and empty state
 * is dropped. The events are generated once, up front, so generation is not measured.
 */
final class EngineWorkload {
  private final Matcher matcher;
  private final Event[] events;
  private final long[] timestamps;
  private final String[] keys;
  private final int[] keyIndexes;
  private final int keyCount;

  private final RecordedStream recorded;

  EngineWorkload(List<CompiledRule> rules, ClickStreamGenerator stream) {
    this(rules, stream, true);
  }

  /**
   * @param timeouts whether timed-out partial matches are made and counted; without them each
   *     rule runs as the pipeline runs a rule whose alert function emits no timeouts (the seed
   *     rules' own function, the reference's DemoPatternProcessFunction, emits none)
   */
  EngineWorkload(List<CompiledRule> rules, ClickStreamGenerator stream, boolean timeouts) {
    this.matcher = Matcher.of(rules, Integer.MAX_VALUE, rule -> timeouts);
    this.recorded = new RecordedStream(stream);
    events = recorded.events;
    timestamps = recorded.timestamps;
    keys = recorded.keys;
    keyIndexes = recorded.keyIndexes;
    keyCount = recorded.keyCount;
  }

  static EngineWorkload seedRules(long events, int users, long seed) {
    return seedRules(events, users, seed, true);
  }

  /** The seed rules over the synthetic stream, with or without timeouts (see the constructor). */
  static EngineWorkload seedRules(long events, int users, long seed, boolean timeouts) {
    return new EngineWorkload(
        SeedRules.compiled(),
        ClickStreamGenerator.builder().seed(seed).events(events).users(users).build(), timeouts);
  }

  int size() {
    return events.length;
  }

  /** The events this workload replays, generated once. */
  RecordedStream recorded() {
    return recorded;
  }

  /** How the host finds an event's key state. */
  enum KeyLookup {
    /**
     * A hash map from the event's key, as a Flink or Beam host looks a key up in its heap state
     * backend: the benchmark's figure. The key is the event's own userId string, which the
     * generator makes once per user, so the map finds it by reference with its hash cached; a
     * host that decodes a new key per event also hashes it and compares its bytes with the
     * stored key's, which this lookup leaves out.
     */
    HASH_MAP,
    /**
     * An array indexed by a number each key was given when the stream was recorded: the engine
     * alone, without what finding a key costs a host (see HostFloor for the lookup by itself).
     */
    DENSE_INDEX
  }

  /** The state of one key, and its place in the host's timers. */
  private static final class KeySlot extends KeyTimers.Slot {
    final String key;
    final int index;
    final KeyState state = KeyState.empty();

    KeySlot(String key, int index) {
      this.key = key;
      this.index = index;
    }
  }

  /** {@link #run(KeyLookup)} with keys found in a hash map, as a host finds them. */
  Result run() {
    return run(KeyLookup.HASH_MAP);
  }

  /** Feeds every event once, from empty state; returns what came out and the state left. */
  Result run(KeyLookup lookup) {
    boolean dense = lookup == KeyLookup.DENSE_INDEX;
    Map<String, KeySlot> slots = dense ? Map.of() : new HashMap<>();
    KeySlot[] byIndex = dense ? new KeySlot[keyCount] : null;
    KeyTimers<KeySlot> timers = new KeyTimers<>();
    long matches = 0;
    long timeouts = 0;
    // reused, as a host does (Matcher's appending calls)
    List<Match> out = new java.util.ArrayList<>();
    for (int i = 0; i < events.length; i++) {
      long now = timestamps[i];
      // The watermark reached this event's time: fire due timers before the event, as a host does.
      for (KeySlot due = timers.pollDue(now); due != null; due = timers.pollDue(now)) {
        out.clear();
        matcher.advanceTime(due.state, now, out);
        long timedOut = count(out, Match.Kind.TIMEOUT);
        timeouts += timedOut;
        matches += out.size() - timedOut;
        if (reschedule(due, timers, matcher, now)) {
          drop(due, slots, byIndex); // the key's last window closed
        }
      }
      KeySlot slot = dense ? byIndex[keyIndexes[i]] : slots.get(keys[i]);
      if (slot == null) {
        slot = new KeySlot(keys[i], keyIndexes[i]);
        if (dense) {
          byIndex[slot.index] = slot;
        } else {
          slots.put(keys[i], slot);
        }
      }
      out.clear();
      matcher.process(slot.state, events[i], now, out);
      if (!out.isEmpty()) {
        long timedOut = count(out, Match.Kind.TIMEOUT);
        timeouts += timedOut;
        matches += out.size() - timedOut;
      }
      if (reschedule(slot, timers, matcher, now)) {
        drop(slot, slots, byIndex); // a host clears empty state so idle keys cost nothing
      }
    }
    Map<String, KeyState> left = new HashMap<>();
    if (dense) {
      for (KeySlot slot : byIndex) {
        if (slot != null) {
          left.put(slot.key, slot.state);
        }
      }
    } else {
      slots.forEach((key, slot) -> left.put(key, slot.state));
    }
    return new Result(events.length, matches, timeouts, keyCount, left);
  }

  /**
   * Advances every key state {@code result} left to the stream's last timestamp, as timers due
   * then would: without timeouts wanted no timer fires for a window that closes unobserved (see
   * {@link Matcher#nextTimer}), and such partial matches stay until then.
   */
  void catchUp(Result result) {
    long last = timestamps[timestamps.length - 1];
    for (KeyState state : result.stateLeft().values()) {
      matcher.advanceTime(state, last);
    }
  }

  /** Forgets an empty key state, in whichever of the two lookups is in use. */
  private static void drop(KeySlot slot, Map<String, KeySlot> slots, KeySlot[] byIndex) {
    if (byIndex != null) {
      byIndex[slot.index] = null;
    } else {
      slots.remove(slot.key);
    }
  }

  /**
   * One pending timer per key, at {@link Matcher#nextTimer} but after {@code now}, the time the key
   * was last advanced to, as the pipeline's event-time matcher arms it: a deadline not after
   * {@code now} (a per-step window can leave one behind) then fires before the key's next later
   * event, never between two events of one timestamp, which neither Flink's CepOperator nor the
   * pipeline does. None once the state is empty. Returns whether it is empty: asked once per
   * element, as the pipeline's matcher asks.
   */
  private static boolean reschedule(KeySlot slot, KeyTimers<KeySlot> timers, Matcher matcher,
      long now) {
    boolean empty = slot.state.isEmpty();
    long next = empty ? Long.MAX_VALUE : matcher.nextTimer(slot.state);
    timers.set(slot, next == Long.MAX_VALUE ? next : Math.max(next, now + 1));
    return empty;
  }

  private static long count(List<Match> results, Match.Kind kind) {
    long n = 0;
    for (Match match : results) {
      if (match.kind() == kind) {
        n++;
      }
    }
    return n;
  }

  /**
   * @param events events fed
   * @param matches complete matches (incl. trailing-negation matches released by time)
   * @param timeouts partial matches whose window closed
   * @param keysSeen distinct keys that received an event
   * @param stateLeft the non-empty key states at the end of the stream
   */
  record Result(
      long events, long matches, long timeouts, long keysSeen, Map<String, KeyState> stateLeft) {

    /** Serialized state size, the figure that drives a host's state backend cost. */
    StateSummary stateSummary() {
      long bytes = 0;
      long partials = 0;
      int withPartials = 0;
      long bytesWithPartials = 0;
      for (KeyState state : stateLeft.values()) {
        int size = state.toBytes().length;
        bytes += size;
        if (state.partialMatchCount() > 0) {
          withPartials++;
          bytesWithPartials += size;
          partials += state.partialMatchCount();
        }
      }
      return new StateSummary(
          keysSeen, stateLeft.size(), withPartials, bytes, bytesWithPartials, partials);
    }
  }

  record StateSummary(
      long keysSeen, int keysWithState, int keysWithPartialMatches, long totalBytes,
      long bytesOfKeysWithPartialMatches, long partialMatches) {

    double bytesPerKeyWithPartialMatches() {
      return keysWithPartialMatches == 0
          ? 0
          : (double) bytesOfKeysWithPartialMatches / keysWithPartialMatches;
    }

    double bytesPerKeyWithState() {
      return keysWithState == 0 ? 0 : (double) totalBytes / keysWithState;
    }

    double bytesPerKeySeen() {
      return keysSeen == 0 ? 0 : (double) totalBytes / keysSeen;
    }
  }
}
