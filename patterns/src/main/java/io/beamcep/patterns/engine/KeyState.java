package io.beamcep.patterns.engine;

import io.beamcep.patterns.model.RuleKey;
import java.util.Map;
import java.util.TreeMap;

/**
 * The mutable matching state of one key: the partial matches of every rule version. An event taken
 * by many partial matches, of one rule or several, is held once (their paths share it), and the
 * binary form writes it once. Serializable to a compact form independent of any host framework.
 */
public final class KeyState {
  final TreeMap<RuleKey, RuleState> rules;
  /** The timestamp of the last event given an id, and the next rank among that timestamp's. */
  long lastEventTimestamp = Long.MIN_VALUE;
  int nextEventRank;
  /** The last time the key's clock was advanced to; Long.MIN_VALUE before the first call. */
  long clock = Long.MIN_VALUE;
  /** The matcher {@link #rules} was last reconciled with (not serialized: decoding re-syncs). */
  Object syncedWith;
  /** That matcher's rule states in its rule order, valid while {@link #syncedWith} is it. */
  RuleState[] syncedRules = new RuleState[0];

  KeyState(TreeMap<RuleKey, RuleState> rules) {
    this.rules = rules;
  }

  public static KeyState empty() {
    return new KeyState(new TreeMap<>());
  }

  /** Flink's EventId for an incoming event: its timestamp and its rank among that timestamp's. */
  EventId nextEventId(long timestamp) {
    if (timestamp != lastEventTimestamp) {
      lastEventTimestamp = timestamp;
      nextEventRank = 0;
    }
    return new EventId(timestamp, nextEventRank++);
  }

  /** True when no partial match is pending (so no event is held): the host may clear it. */
  public boolean isEmpty() {
    for (RuleState rule : ruleStates()) {
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
    for (RuleState rule : ruleStates()) {
      deadline = Math.min(deadline, rule.deadline);
    }
    return deadline;
  }

  /** Number of live partial matches over all rules (for metrics). */
  public int partialMatchCount() {
    int count = 0;
    for (RuleState rule : ruleStates()) {
      count += rule.partialMatchCount();
    }
    return count;
  }

  /** Number of distinct events held for partial matches (for metrics and tests). */
  public int bufferedEventCount() {
    return KeyStateCodec.heldEvents(rules.values()).size();
  }

  public byte[] toBytes() {
    return KeyStateCodec.encode(this);
  }

  public static KeyState fromBytes(byte[] bytes) {
    return KeyStateCodec.decode(bytes);
  }

  /**
   * Every rule's state. A host asks for the deadline and emptiness after each event: the synced
   * array serves that without walking the tree map's entries, which are rarely in cache.
   */
  private RuleState[] ruleStates() {
    return syncedWith != null ? syncedRules : rules.values().toArray(new RuleState[0]);
  }

  Map<RuleKey, RuleState> rules() {
    return rules;
  }
}
