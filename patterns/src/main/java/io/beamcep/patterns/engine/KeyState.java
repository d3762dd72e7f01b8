package io.beamcep.patterns.engine;

import io.beamcep.patterns.model.RuleKey;
import java.util.Arrays;
import java.util.List;

/**
 * The mutable matching state of one key: the partial matches of every rule version. An event taken
 * by many partial matches, of one rule or several, is held once (their paths share it), and the
 * binary form writes it once. Serializable to a compact form independent of any host framework.
 */
public final class KeyState {
  /**
   * The rule versions this key has state for, in RuleKey order, and their states, parallel. Once
   * the key met a matcher these are that matcher's rules: the key array is the matcher's own (never
   * written, shared by its keys), and the states are in the order the matcher runs its rules.
   */
  RuleKey[] ruleKeys;
  RuleState[] ruleStates;
  /**
   * The slots of the rules' partial-match queues, each rule's a slice ({@link #pack}): every event
   * reads every partial match of the key, and one array reaches them all where a rule state and an
   * array per rule were two more misses in a row.
   */
  private ComputationState[] slots = NO_SLOTS;

  private static final ComputationState[] NO_SLOTS = new ComputationState[0];
  /** Kept so {@link #touch}'s loads are not optimised away; means nothing. */
  private long touched;
  /** The timestamp of the last event given an id, and the next rank among that timestamp's. */
  long lastEventTimestamp = Long.MIN_VALUE;
  int nextEventRank;
  /** The last time the key's clock was advanced to; Long.MIN_VALUE before the first call. */
  long clock = Long.MIN_VALUE;
  /** The matcher the rules were last reconciled with (not serialized: decoding re-syncs). */
  Object syncedWith;

  private KeyState(RuleKey[] ruleKeys, RuleState[] ruleStates) {
    this.ruleKeys = ruleKeys;
    this.ruleStates = ruleStates;
  }

  public static KeyState empty() {
    return new KeyState(new RuleKey[0], new RuleState[0]);
  }

  /** The state of {@code key}, or null when this key has none. */
  RuleState ruleState(RuleKey key) {
    int at = Arrays.binarySearch(ruleKeys, key);
    return at < 0 ? null : ruleStates[at];
  }

  /** Adds the state of a rule version new to this key (decoders); keeps RuleKey order. */
  void addRule(RuleKey key, RuleState state) {
    int at = Arrays.binarySearch(ruleKeys, key);
    if (at >= 0) {
      throw new IllegalArgumentException("rule " + key + " twice in one key state");
    }
    int insert = -at - 1;
    RuleKey[] keys = new RuleKey[ruleKeys.length + 1];
    RuleState[] states = new RuleState[keys.length];
    System.arraycopy(ruleKeys, 0, keys, 0, insert);
    System.arraycopy(ruleStates, 0, states, 0, insert);
    keys[insert] = key;
    states[insert] = state;
    System.arraycopy(ruleKeys, insert, keys, insert + 1, ruleKeys.length - insert);
    System.arraycopy(ruleStates, insert, states, insert + 1, ruleStates.length - insert);
    ruleKeys = keys;
    ruleStates = states;
    syncedWith = null;
  }

  /** The rule states in RuleKey order, as a list view (for the codec). */
  List<RuleState> ruleStateList() {
    return Arrays.asList(ruleStates);
  }

  /** Flink's EventId for an incoming event: its timestamp and its rank among that timestamp's. */
  EventId nextEventId(long timestamp) {
    if (timestamp != lastEventTimestamp) {
      lastEventTimestamp = timestamp;
      nextEventRank = 0;
    }
    return new EventId(timestamp, nextEventRank++);
  }

  /**
   * Loads the partial matches every rule will read for the next event, before the rules run. A
   * key's state is usually out of cache (tens of thousands of keys), and the rules' loop meets its
   * partial matches one at a time, each miss waiting for the one before; these tight loops have no
   * work between loads, so the processor overlaps their misses. Once the key met the matcher,
   * every rule's queue lives in {@link #slots} (the matcher packs after any queue outgrew it).
   */
  void touch() {
    long sum = 0;
    RuleState[] rules = ruleStates;
    for (int i = 0; i < rules.length; i++) {
      sum += rules[i].size();
    }
    ComputationState[] all = slots;
    for (int i = 0; i < all.length; i++) {
      ComputationState computation = all[i];
      if (computation != null) {
        sum += PartialMatchQueue.touch(computation);
      }
    }
    touched = sum;
  }

  /**
   * {@link #touch} for a timer: loads what {@link Matcher#advanceTime} reads first of each partial
   * match (its window bookkeeping), so the misses overlap rather than come one after the other in
   * the rules' loop. Lighter than {@link #touch}, which also loads what the guards read: run before
   * a timer, that was slower (paired passes 0.978). It no longer loads each newest path node too
   * (where a timeout's match starts): most partial matches of a key do not time out when its timer
   * fires, and dropping those loads gave paired passes of 1.042 and 1.024.
   */
  void touchForTime() {
    long sum = 0;
    RuleState[] rules = ruleStates;
    for (int i = 0; i < rules.length; i++) {
      sum += rules[i].deadline;
    }
    ComputationState[] all = slots;
    for (int i = 0; i < all.length; i++) {
      ComputationState computation = all[i];
      if (computation != null) {
        sum += computation.startTimestamp;
      }
    }
    touched = sum;
  }

  /**
   * Gives every rule's queue a slice of one new array, in rule order, with room for at least one
   * more partial match each.
   */
  void pack() {
    RuleState[] rules = ruleStates;
    int total = 0;
    for (RuleState rule : rules) {
      total += rule.slotsWanted();
    }
    ComputationState[] packed = new ComputationState[total];
    int at = 0;
    for (RuleState rule : rules) {
      int wanted = rule.slotsWanted();
      rule.moveTo(packed, at, wanted);
      at += wanted;
    }
    slots = packed;
  }

  /** The key's array of slots (tests). */
  ComputationState[] slots() {
    return slots;
  }

  /** Packs again when a queue outgrew its slice (and moved to an array of its own). */
  void packIfOutgrown() {
    ComputationState[] all = slots;
    for (RuleState rule : ruleStates) {
      if (!rule.livesIn(all)) {
        pack();
        return;
      }
    }
  }

  /** True when no partial match is pending (so no event is held): the host may clear it. */
  public boolean isEmpty() {
    for (RuleState rule : ruleStates) {
      if (!rule.isIdle()) {
        return false;
      }
    }
    return true;
  }

  /**
   * The earliest time at which {@link Matcher#advanceTime} would change this state (a window
   * closing), or {@link Long#MAX_VALUE} when no partial match has a window.
   */
  public long nextDeadline() {
    long deadline = Long.MAX_VALUE;
    for (RuleState rule : ruleStates) {
      deadline = Math.min(deadline, rule.deadline);
    }
    return deadline;
  }

  /** Number of live partial matches over all rules (for metrics). */
  public int partialMatchCount() {
    int count = 0;
    for (RuleState rule : ruleStates) {
      count += rule.partialMatchCount();
    }
    return count;
  }

  /** Number of distinct events held for partial matches (for metrics and tests). */
  public int bufferedEventCount() {
    return KeyStateCodec.heldEvents(ruleStateList()).size();
  }

  public byte[] toBytes() {
    return KeyStateCodec.encode(this);
  }

  public static KeyState fromBytes(byte[] bytes) {
    return KeyStateCodec.decode(bytes);
  }
}
