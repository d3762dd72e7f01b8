package io.beamcep.patterns.bench;

import io.beamcep.patterns.compiler.CompiledRule;
import io.beamcep.patterns.event.Event;
import io.beamcep.patterns.synthetic.ClickStreamGenerator;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * How fast the benchmark's workload can go at all on this machine: the five seed rules (as
 * {@link SeedRules} sets them up, SKIP_PAST_LAST_EVENT) matched by hand-written code that knows
 * them, each key's whole state in one {@code long[]}, no automaton, no partial-match objects, each
 * condition tested once per event. It finds the engine's matches, rule by rule (the pass checks
 * its counts against the engine's on the same stream), but it is no engine: it knows nothing but
 * these five rules, and makes no timeouts (the seed rules' function handles none; the engine's
 * figure to hold it against is {@code -Dbench.timeouts=false}). What it shows is the room a
 * redesign has: if code that does only what these rules need, in one array per key, cannot do
 * 1,000,000 events per CPU-second at 50,000 users, no general engine will. A diagnostic, not the
 * benchmark: {@code BENCH_MAIN=io.beamcep.patterns.bench.HandWrittenBound patterns/bench.sh
 * [users] [passes]}; with {@code BENCH_JAVA_OPTS=-Dbound.stepEach=true} rules 3 and 5 step each
 * partial match on its own, as an automaton does, and with {@code -Dbound.objects=true} the state
 * is laid out as the engine's ({@link HandWrittenBoundAsObjects}).
 *
 * <p>Where the engine keeps a reference to each event a partial match took, this keeps the event's
 * place in the recorded stream: reaching the event is one load either way. A match is made as the
 * engine's holds it, its events and their times in two arrays.
 *
 * <p>Per rule, what SKIP_PAST_LAST_EVENT leaves of Flink CEP's partial matches (each match prunes
 * every partial match that started at or before its last event):
 *
 * <ul>
 *   <li>1, view STRICT view within 5 minutes: at most the previous event, if it was a view.
 *   <li>2, cart over 200 SKIP_TILL_NEXT purchase within 30 minutes: the carts since the last
 *       purchase; a purchase matches the oldest and prunes the rest.
 *   <li>3, view then three views (relaxed) within 15 minutes: the views since the last match,
 *       each a partial match that took every view after it; the fourth completes the oldest.
 *   <li>4, view STRICT cheaper view of its product STRICT cart within 10 minutes: the previous
 *       event if a view, and the two before if they made the first two steps.
 *   <li>5, ten or more views (relaxed) NOT_NEXT purchase within 7 days: the views since the last
 *       match; once the oldest has ten, the next event matches it unless a purchase, which ends
 *       every partial match that has ten.
 * </ul>
 */
public final class HandWrittenBound {
  private static final long MINUTE = 60_000L;
  static final long WINDOW_1 = 5 * MINUTE;
  static final long WINDOW_2 = 30 * MINUTE;
  static final long WINDOW_3 = 15 * MINUTE;
  static final long WINDOW_4 = 10 * MINUTE;
  static final long WINDOW_5 = 7 * 24 * 60 * MINUTE;

  /** A taken event as one long: its timestamp above {@link #INDEX_BITS}, its place below. */
  private static final int INDEX_BITS = 22;
  private static final long INDEX_MASK = (1L << INDEX_BITS) - 1;

  // The key's array: fixed places, then rule 2's carts, as many as it holds.
  private static final int RULE_1 = 0;
  private static final int RULE_4_B = 1;
  private static final int RULE_4_C_FIRST = 2;
  private static final int RULE_4_C_SECOND = 3;
  /** Counts: rule 2's carts (low 32 bits), rule 3's views (bits 32-39), rule 5's (40-47). */
  private static final int COUNTS = 4;
  private static final int RULE_3 = 5;
  private static final int RULE_5 = RULE_3 + 4;
  /** Per partial match of rules 3 and 5, the views it took, when each is stepped on its own. */
  private static final int RULE_3_TAKEN = RULE_5 + 10;
  private static final int RULE_5_TAKEN = RULE_3_TAKEN + 4;
  private static final int RULE_2 = RULE_5_TAKEN + 10;
  private static final int INITIAL_CARTS = 2;

  private final Event[] events;
  /**
   * Whether rules 3 and 5 step each partial match on its own, keeping the views it took, as an
   * automaton does, rather than knowing them from the partial match's place in the list.
   */
  private final boolean stepEach;
  private final long[] timestamps;
  private final String[] keys;
  /** Matches per rule. */
  private final long[] matches = new long[5];
  /** The last match's events and times: kept, so that no match's arrays can be optimised away. */
  Event[] lastEvents;
  long[] lastTimes;

  private HandWrittenBound(RecordedStream stream, boolean stepEach) {
    this.stepEach = stepEach;
    this.events = stream.events;
    this.timestamps = stream.timestamps;
    this.keys = stream.keys;
    if (events.length > INDEX_MASK) {
      throw new IllegalArgumentException("at most " + INDEX_MASK + " events");
    }
  }

  public static void main(String[] args) throws Exception {
    int users = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
    int passes = args.length > 1 ? Integer.parseInt(args[1]) : 6;
    boolean stepEach = Boolean.getBoolean("bound.stepEach");
    boolean objects = Boolean.getBoolean("bound.objects");
    ClickStreamGenerator stream =
        ClickStreamGenerator.builder().seed(42).events(1_000_000).users(users).build();
    long[] expected = enginesMatchesPerRule(stream);
    RecordedStream recorded = new RecordedStream(stream);
    Callable<long[]> pass = objects
        ? new HandWrittenBoundAsObjects(recorded)::run
        : new HandWrittenBound(recorded, stepEach)::run;
    System.out.printf(Locale.ROOT,
        "%,d events, %,d users, seed 42, no timeouts, %s; the engine's matches per rule: %s%n",
        recorded.events.length, users,
        objects ? "the engine's layout of objects"
            : stepEach ? "one array per key, each partial match stepped"
            : "one array per key, partial matches known from their places",
        Arrays.toString(expected));
    for (int i = 1; i <= passes; i++) {
      TimedPass<long[]> timed = TimedPass.run(recorded.events.length, pass);
      if (!Arrays.equals(timed.result(), expected)) {
        throw new AssertionError("matches per rule " + Arrays.toString(timed.result())
            + ", the engine's " + Arrays.toString(expected));
      }
      System.out.printf(Locale.ROOT,
          "pass %d: %,.0f events per CPU-second, %,d matches (as the engine's), %,d allocated "
              + "bytes per event%n",
          i, timed.rate(), Arrays.stream(timed.result()).sum(), timed.bytesPerEvent());
    }
  }

  /** The matches per seed rule (in rule id order) this bound finds in {@code stream}. */
  static long[] matchesPerRule(ClickStreamGenerator stream, boolean stepEach) {
    return new HandWrittenBound(new RecordedStream(stream), stepEach).run();
  }

  /** {@link #matchesPerRule}, with the state kept as the engine lays it out. */
  static long[] matchesPerRuleAsObjects(ClickStreamGenerator stream) {
    return new HandWrittenBoundAsObjects(new RecordedStream(stream)).run();
  }

  /**
   * The engine's matches per seed rule in {@code stream}, each rule run alone as PerRuleCost runs
   * it: a rule's matches do not depend on the other rules.
   */
  static long[] enginesMatchesPerRule(ClickStreamGenerator stream) {
    List<CompiledRule> rules = SeedRules.compiled();
    long[] matches = new long[rules.size()];
    for (int i = 0; i < rules.size(); i++) {
      matches[i] = new EngineWorkload(List.of(rules.get(i)), stream, false).run().matches();
    }
    return matches;
  }

  /** One pass from empty state; returns the matches per rule. */
  long[] run() {
    Arrays.fill(matches, 0);
    Map<String, long[]> states = new HashMap<>();
    for (int i = 0; i < events.length; i++) {
      String key = keys[i];
      long[] state = states.get(key);
      if (state == null) {
        state = new long[RULE_2 + INITIAL_CARTS];
        states.put(key, state);
      }
      long[] after = process(state, events[i], timestamps[i], i);
      if (after != state) {
        states.put(key, after); // rule 2's carts outgrew the array
      }
      if (isEmpty(after)) {
        states.remove(key); // as a host drops empty state
      }
    }
    return matches.clone();
  }

  private static boolean isEmpty(long[] state) {
    return state[RULE_1] == 0 && state[RULE_4_B] == 0 && state[RULE_4_C_FIRST] == 0
        && state[COUNTS] == 0;
  }

  private static long taken(long timestamp, int index) {
    return timestamp << INDEX_BITS | index;
  }

  private static long timeOf(long taken) {
    return taken >>> INDEX_BITS;
  }

  private Event eventOf(long taken) {
    return events[(int) (taken & INDEX_MASK)];
  }

  /** Feeds one event to the five rules; returns the key's array, a new one if it had to grow. */
  private long[] process(long[] state, Event event, long time, int index) {
    Object type = event.get("eventType");
    boolean view = "view".equals(type);
    boolean cart = "cart".equals(type);
    boolean purchase = "purchase".equals(type);
    long self = taken(time, index);

    // rule 1
    long previous = state[RULE_1];
    if (previous != 0 && time - timeOf(previous) >= WINDOW_1) {
      previous = 0;
    }
    if (previous != 0 && view) {
      match(0, previous, self);
      state[RULE_1] = 0;
    } else {
      state[RULE_1] = view ? self : 0;
    }

    long counts = state[COUNTS];
    int carts = (int) counts;
    int views3 = (int) (counts >>> 32) & 0xFF;
    int views5 = (int) (counts >>> 40) & 0xFF;

    // rule 2
    int expired = 0;
    while (expired < carts && time - timeOf(state[RULE_2 + expired]) >= WINDOW_2) {
      expired++;
    }
    carts = shift(state, RULE_2, carts, expired);
    if (purchase && carts > 0) {
      match(1, state[RULE_2], self);
      carts = 0;
    } else if (cart && event.getDouble("price") > 200) {
      if (RULE_2 + carts == state.length) {
        state = Arrays.copyOf(state, state.length + Math.max(INITIAL_CARTS, carts));
      }
      state[RULE_2 + carts++] = self;
    }

    // rule 3
    expired = 0;
    while (expired < views3 && time - timeOf(state[RULE_3 + expired]) >= WINDOW_3) {
      expired++;
    }
    shift(state, RULE_3_TAKEN, views3, expired);
    views3 = shift(state, RULE_3, views3, expired);
    if (view) {
      boolean completed = false;
      if (stepEach) {
        for (int p = 0; p < views3; p++) {
          completed |= ++state[RULE_3_TAKEN + p] == 4;
        }
        state[RULE_3_TAKEN + views3] = 1;
      }
      state[RULE_3 + views3++] = self;
      if (stepEach ? completed : views3 == 4) {
        match(2, state[RULE_3], state[RULE_3 + 1], state[RULE_3 + 2], state[RULE_3 + 3]);
        views3 = 0;
      }
    }

    // rule 4
    long first = state[RULE_4_B];
    if (first != 0 && time - timeOf(first) >= WINDOW_4) {
      first = 0;
    }
    long cFirst = state[RULE_4_C_FIRST];
    if (cFirst != 0 && time - timeOf(cFirst) >= WINDOW_4) {
      cFirst = 0;
    }
    if (cFirst != 0 && cart) {
      match(3, cFirst, state[RULE_4_C_SECOND], self);
      state[RULE_4_B] = 0;
      state[RULE_4_C_FIRST] = 0;
      state[RULE_4_C_SECOND] = 0;
    } else {
      if (first != 0 && view && cheaperViewOfSameProduct(event, eventOf(first))) {
        state[RULE_4_C_FIRST] = first;
        state[RULE_4_C_SECOND] = self;
      } else {
        state[RULE_4_C_FIRST] = 0;
        state[RULE_4_C_SECOND] = 0;
      }
      state[RULE_4_B] = view ? self : 0;
    }

    // rule 5
    expired = 0;
    while (expired < views5 && time - timeOf(state[RULE_5 + expired]) >= WINDOW_5) {
      expired++;
    }
    shift(state, RULE_5_TAKEN, views5, expired);
    views5 = shift(state, RULE_5, views5, expired);
    int ten = 0; // partial matches that took ten views: the oldest ones
    if (stepEach) {
      while (ten < views5 && state[RULE_5_TAKEN + ten] >= 10) {
        ten++;
      }
    } else {
      ten = Math.max(0, views5 - 9);
    }
    if (ten > 0) {
      if (purchase) {
        shift(state, RULE_5_TAKEN, views5, ten);
        views5 = shift(state, RULE_5, views5, ten);
      } else {
        match(4, Arrays.copyOfRange(state, RULE_5, RULE_5 + 10));
        views5 = 0;
      }
    }
    if (view) {
      if (stepEach) {
        for (int p = 0; p < views5; p++) {
          state[RULE_5_TAKEN + p]++;
        }
        state[RULE_5_TAKEN + views5] = 1;
      }
      state[RULE_5 + views5++] = self;
    }

    state[COUNTS] = (carts & 0xFFFF_FFFFL) | (long) views3 << 32 | (long) views5 << 40;
    return state;
  }

  /** Drops the first {@code drop} of the {@code count} entries from {@code at}; the new count. */
  private static int shift(long[] state, int at, int count, int drop) {
    if (drop > 0) {
      System.arraycopy(state, at + drop, state, at, count - drop);
    }
    return count - drop;
  }

  static boolean cheaperViewOfSameProduct(Event view, Event initial) {
    if (!(view.getDouble("price") < initial.getDouble("price"))) {
      return false;
    }
    Object product = view.get("productId");
    return product != null && product.equals(initial.get("productId"));
  }

  /** Makes the match of {@code taken}, oldest first: its events and their times. */
  private void match(int rule, long... taken) {
    Event[] matched = new Event[taken.length];
    long[] times = new long[taken.length];
    for (int i = 0; i < taken.length; i++) {
      matched[i] = eventOf(taken[i]);
      times[i] = timeOf(taken[i]);
    }
    matches[rule]++;
    lastEvents = matched;
    lastTimes = times;
  }
}
