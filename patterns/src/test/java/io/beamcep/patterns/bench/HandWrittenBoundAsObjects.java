package io.beamcep.patterns.bench;

import io.beamcep.patterns.event.Event;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * {@link HandWrittenBound}'s rules and steps over the engine's layout instead of one array per key:
 * a key object holding an array of partial-match objects, each pointing at the newest node of its
 * path, each node at its event and at the node before it (the engine's KeyState, slots,
 * ComputationState, PathNode and Event). Every partial match is stepped on its own, a take makes a
 * node that the partial matches of a rule taking the same event share, as the engine's do. What it
 * finds is the bound's (HandWrittenBoundTest checks both against the engine); what it costs beside
 * the bound is what the engine's layout costs with none of its generality.
 */
final class HandWrittenBoundAsObjects {
  private static final int RULE_1 = 0;
  private static final int RULE_4_B = 1;
  private static final int RULE_4_C = 2;
  private static final int RULE_3 = 3;
  private static final int RULE_5 = RULE_3 + 4;
  private static final int RULE_2 = RULE_5 + 10;
  private static final int INITIAL_CARTS = 2;

  /** One event a partial match took, linked to what was taken before it. */
  private static final class Node {
    final Event event;
    final long time;
    /** Cut once no partial match reaches back past it, as the engine's PathCut cuts. */
    Node previous;

    Node(Event event, long time, Node previous) {
      this.event = event;
      this.time = time;
      this.previous = previous;
    }
  }

  /** One partial match: when it started, its first and newest nodes, how many events it took. */
  private static final class PartialMatch {
    final long startTime;
    final Node start;
    Node newest;
    int taken;

    PartialMatch(long startTime, Node newest) {
      this.startTime = startTime;
      this.start = newest;
      this.newest = newest;
      this.taken = 1;
    }
  }

  /** A key's state: partial matches in fixed places, then rule 2's; how many each list holds. */
  private static final class Key {
    PartialMatch[] slots = new PartialMatch[RULE_2 + INITIAL_CARTS];
    int carts;
    int views3;
    int views5;
  }

  private final Event[] events;
  private final long[] timestamps;
  private final String[] keys;
  private final long[] matches = new long[5];
  /** The last match's events and times: kept, so that no match's arrays can be optimised away. */
  Event[] lastEvents;
  long[] lastTimes;

  HandWrittenBoundAsObjects(RecordedStream stream) {
    this.events = stream.events;
    this.timestamps = stream.timestamps;
    this.keys = stream.keys;
  }

  /** One pass from empty state; returns the matches per rule. */
  long[] run() {
    Arrays.fill(matches, 0);
    Map<String, Key> states = new HashMap<>();
    for (int i = 0; i < events.length; i++) {
      String key = keys[i];
      Key state = states.get(key);
      if (state == null) {
        state = new Key();
        states.put(key, state);
      }
      process(state, events[i], timestamps[i]);
      if (state.slots[RULE_1] == null && state.slots[RULE_4_B] == null
          && state.slots[RULE_4_C] == null && state.carts == 0 && state.views3 == 0
          && state.views5 == 0) {
        states.remove(key); // as a host drops empty state
      }
    }
    return matches.clone();
  }

  private void process(Key key, Event event, long time) {
    Object type = event.get("eventType");
    boolean view = "view".equals(type);
    boolean cart = "cart".equals(type);
    boolean purchase = "purchase".equals(type);
    PartialMatch[] slots = key.slots;

    // rule 1
    PartialMatch previous = expired(slots[RULE_1], time, HandWrittenBound.WINDOW_1);
    if (previous != null && view) {
      match(0, new Node(event, time, previous.newest), 2);
      slots[RULE_1] = null;
    } else {
      slots[RULE_1] = view ? new PartialMatch(time, new Node(event, time, null)) : null;
    }

    // rule 2
    int carts = dropExpired(slots, RULE_2, key.carts, time, HandWrittenBound.WINDOW_2);
    if (purchase && carts > 0) {
      match(1, new Node(event, time, slots[RULE_2].newest), 2);
      Arrays.fill(slots, RULE_2, RULE_2 + carts, null);
      carts = 0;
    } else if (cart && event.getDouble("price") > 200) {
      if (RULE_2 + carts == slots.length) {
        slots = Arrays.copyOf(slots, slots.length + Math.max(INITIAL_CARTS, carts));
        key.slots = slots;
      }
      slots[RULE_2 + carts++] = new PartialMatch(time, new Node(event, time, null));
    }
    key.carts = carts;

    // rule 3: the partial matches share one path, each walked back only as far as it took
    int views3 = dropExpired(slots, RULE_3, key.views3, time, HandWrittenBound.WINDOW_3);
    if (view) {
      Node node = new Node(event, time, views3 == 0 ? null : slots[RULE_3 + views3 - 1].newest);
      boolean completed = false;
      for (int p = 0; p < views3; p++) {
        PartialMatch partial = slots[RULE_3 + p];
        partial.newest = node;
        completed |= ++partial.taken == 4;
      }
      slots[RULE_3 + views3++] = new PartialMatch(time, node);
      if (completed) {
        match(2, node, 4);
        Arrays.fill(slots, RULE_3, RULE_3 + views3, null);
        views3 = 0;
      }
    }
    key.views3 = views3;

    // rule 4
    PartialMatch first = expired(slots[RULE_4_B], time, HandWrittenBound.WINDOW_4);
    PartialMatch second = expired(slots[RULE_4_C], time, HandWrittenBound.WINDOW_4);
    if (second != null && cart) {
      match(3, new Node(event, time, second.newest), 3);
      slots[RULE_4_B] = null;
      slots[RULE_4_C] = null;
    } else {
      if (first != null && view
          && HandWrittenBound.cheaperViewOfSameProduct(event, first.newest.event)) {
        first.newest = new Node(event, time, first.newest);
        first.taken++;
        slots[RULE_4_C] = first;
      } else {
        slots[RULE_4_C] = null;
      }
      slots[RULE_4_B] = view ? new PartialMatch(time, new Node(event, time, null)) : null;
    }

    // rule 5
    int views5 = dropExpired(slots, RULE_5, key.views5, time, HandWrittenBound.WINDOW_5);
    int ten = 0;
    while (ten < views5 && slots[RULE_5 + ten].taken >= 10) {
      ten++;
    }
    if (ten > 0) {
      if (purchase) {
        views5 = drop(slots, RULE_5, views5, ten);
      } else {
        match(4, slots[RULE_5].newest, 10);
        Arrays.fill(slots, RULE_5, RULE_5 + views5, null);
        views5 = 0;
      }
    }
    if (view) {
      Node node = new Node(event, time, views5 == 0 ? null : slots[RULE_5 + views5 - 1].newest);
      for (int p = 0; p < views5; p++) {
        PartialMatch partial = slots[RULE_5 + p];
        partial.newest = node;
        partial.taken++;
      }
      slots[RULE_5 + views5++] = new PartialMatch(time, node);
    }
    key.views5 = views5;
  }

  private static PartialMatch expired(PartialMatch partial, long time, long window) {
    return partial != null && time - partial.startTime >= window ? null : partial;
  }

  /** Drops the partial matches of a list, oldest first, whose window closed; the new count. */
  private static int dropExpired(PartialMatch[] slots, int at, int count, long time,
      long window) {
    int expired = 0;
    while (expired < count && time - slots[at + expired].startTime >= window) {
      expired++;
    }
    return drop(slots, at, count, expired);
  }

  /**
   * Drops the {@code drop} oldest of a list's {@code count} partial matches; the new count. The
   * oldest left reaches back no further than its start, so the shared path is cut there.
   */
  private static int drop(PartialMatch[] slots, int at, int count, int drop) {
    if (drop > 0) {
      System.arraycopy(slots, at + drop, slots, at, count - drop);
      Arrays.fill(slots, at + count - drop, at + count, null);
      if (count > drop) {
        slots[at].start.previous = null;
      }
    }
    return count - drop;
  }

  /** Makes the match of the {@code length} newest nodes from {@code newest}, oldest first. */
  private void match(int rule, Node newest, int length) {
    Event[] matched = new Event[length];
    long[] times = new long[length];
    Node node = newest;
    for (int i = length - 1; i >= 0; i--) {
      matched[i] = node.event;
      times[i] = node.time;
      node = node.previous;
    }
    matches[rule]++;
    lastEvents = matched;
    lastTimes = times;
  }
}
