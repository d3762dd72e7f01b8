package io.beamcep.patterns.engine;

import io.beamcep.patterns.event.Event;
import io.beamcep.patterns.model.RuleKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The mutable matching state of one key: the partial matches of every rule version. An event taken
 * by many partial matches, of one rule or several, is held once (their paths share it), and the
 * binary form writes it once. Serializable to a compact form independent of any host framework.
 *
 * <p>A rule's part is kept as numbers in {@link #rules} and its partial matches as a slice of
 * {@link #slots}, not as a {@link RuleState} object per rule: a rule state per rule was the most
 * numerous object of a key, about a quarter of its heap with their array. (Reading them was no
 * slower than reading this array: their cache misses overlapped those on the partial matches, as
 * BENCHMARKS.md's session 20 measured.) The matcher reads a rule into a rule state of its own
 * ({@link #load}) and writes it back ({@link #store}). Which rules hold more than a fresh start
 * is recorded in the superclass's fields ({@link BusyRules}), part of this object.
 */
public final class KeyState extends BusyRules {
  /** Longs per rule in {@link #rules}: the deadline, the slice, the size with the cuts word. */
  static final int WORDS = 3;

  private static final long[] NO_RULES = new long[0];
  private static final ComputationState[] NO_SLOTS = new ComputationState[0];

  /**
   * The rule versions this key has state for, in RuleKey order. Once the key met a matcher these
   * are that matcher's rules: the array is the matcher's own (never written, shared by its keys),
   * in the order the matcher runs its rules.
   */
  RuleKey[] ruleKeys;
  /**
   * Per rule, parallel to {@link #ruleKeys}, {@link #WORDS} longs: when advanceTime would next
   * change the rule's state; its queue's slice (base in the low half, capacity in the high half);
   * its queue's size (low half) and {@link RuleState#cuts} (high half).
   */
  private long[] rules = NO_RULES;
  /**
   * Null while no rule has either of the two things a long cannot hold, which is nearly always;
   * else per rule two entries: the array its queue moved to when it outgrew its slice (until the
   * key packs again), and its held-back matches.
   */
  private Object[] ruleObjects;
  /**
   * The slots of the rules' partial-match queues, each rule's a slice ({@link #pack}): every event
   * reads every partial match of the key, and one array reaches them all.
   */
  private ComputationState[] slots = NO_SLOTS;

  /** Kept so {@link #touch}'s loads are not optimised away; means nothing. */
  private long touched;
  /** The timestamp of the last event given an id, and the next rank among that timestamp's. */
  long lastEventTimestamp = Long.MIN_VALUE;
  int nextEventRank;
  /** The last time the key's clock was advanced to; Long.MIN_VALUE before the first call. */
  long clock = Long.MIN_VALUE;
  /** The matcher the rules were last reconciled with (not serialized: decoding re-syncs). */
  Object syncedWith;
  /**
   * Whether {@link #rules} and {@link #slots} are still the fresh layout a matcher gave every new
   * key ({@link #adopt}): most events of a new key start nothing, and the host drops the key again
   * with no copy made; a table of 1,000 rules copied 32 KB per such event.
   */
  private boolean layoutShared;

  private KeyState(RuleKey[] ruleKeys) {
    this.ruleKeys = ruleKeys;
  }

  public static KeyState empty() {
    return new KeyState(new RuleKey[0]);
  }

  /** Where {@code key} is among this key's rules; negative when it has none (binarySearch). */
  int ruleIndex(RuleKey key) {
    return Arrays.binarySearch(ruleKeys, key);
  }

  /** Reads rule {@code rule} into {@code into}, which then stands for it until {@link #store}. */
  void load(int rule, RuleState into) {
    if (layoutShared) {
      unshare(); // the rule's queue is written in the slots, its numbers at the store
    }
    bind(rule, into);
  }

  /** Points {@code into} at rule {@code rule}'s state where it is, to be read only. */
  private void bind(int rule, RuleState into) {
    long[] words = rules;
    int at = rule * WORDS;
    long slice = words[at + 1];
    long sizeAndCuts = words[at + 2];
    ComputationState[] array = slots;
    PartialMatchQueue completed = null;
    Object[] objects = ruleObjects;
    if (objects != null) {
      Object own = objects[2 * rule];
      if (own != null) {
        array = (ComputationState[]) own;
      }
      completed = (PartialMatchQueue) objects[2 * rule + 1];
    }
    into.bind(array, (int) slice, (int) (slice >>> 32), (int) sizeAndCuts, words[at],
        (int) (sizeAndCuts >>> 32), completed);
  }

  /** Writes {@code from}, which {@link #load} read rule {@code rule} into, back to the key. */
  void store(int rule, RuleState from) {
    if (layoutShared) {
      unshare();
    }
    long[] words = rules;
    int at = rule * WORDS;
    words[at] = from.deadline;
    words[at + 1] = (from.base() & 0xFFFF_FFFFL) | (long) from.capacity() << 32;
    words[at + 2] = (from.size() & 0xFFFF_FFFFL) | (long) from.cuts() << 32;
    ComputationState[] array = from.array();
    Object own = array == slots ? null : array;
    PartialMatchQueue completed = from.completedOrNull();
    Object[] objects = ruleObjects;
    if (objects == null) {
      if (own == null && completed == null) {
        return;
      }
      objects = new Object[2 * ruleKeys.length];
      ruleObjects = objects;
    }
    // written only when changed: the array is long-lived, and G1 makes a store into it pay a fence
    if (objects[2 * rule] != own) {
      objects[2 * rule] = own;
    }
    if (objects[2 * rule + 1] != completed) {
      objects[2 * rule + 1] = completed;
    }
  }

  /** How many partial matches rule {@code rule}'s queue holds, its fresh start included. */
  int queueSize(int rule) {
    return (int) rules[rule * WORDS + 2];
  }

  /** The partial match at {@code index}, in queue (array) order, of rule {@code rule}. */
  ComputationState partialMatch(int rule, int index) {
    return arrayOf(rule)[(int) rules[rule * WORDS + 1] + index];
  }

  /** The deadline of rule {@code rule} (see {@link RuleState#deadline}). */
  long deadline(int rule) {
    return rules[rule * WORDS];
  }

  /** True when rule {@code rule} holds nothing but {@code freshStart}, the matcher's start. */
  boolean isIdle(int rule, ComputationState freshStart) {
    return queueSize(rule) == 1 && partialMatch(rule, 0) == freshStart && !holdsMatches(rule);
  }

  /**
   * True when advancing time to {@code timestamp} has something to do for rule {@code rule}: its
   * deadline has come, or it holds matches back that may be released.
   */
  boolean isDue(int rule, long timestamp) {
    return rules[rule * WORDS] <= timestamp || holdsMatches(rule);
  }

  /** True when rule {@code rule} holds matches back (see {@link RuleState#hasCompletedMatches}). */
  boolean holdsMatches(int rule) {
    Object[] objects = ruleObjects;
    return objects != null && objects[2 * rule + 1] != null;
  }

  /**
   * Makes this key's rules {@code keys}, carrying over the state of each rule it already has;
   * rules new to it start with an empty queue, and the state of rules not in {@code keys} is
   * dropped. Returns, per rule of {@code keys}, whether it is new. Packs the slots.
   */
  boolean[] reconcile(RuleKey[] keys) {
    long[] words = new long[keys.length * WORDS];
    Object[] objects = null;
    boolean[] started = new boolean[keys.length];
    for (int i = 0; i < keys.length; i++) {
      int old = ruleIndex(keys[i]);
      if (old < 0) {
        started[i] = true;
        words[i * WORDS] = Long.MAX_VALUE; // no deadline; an empty slice at 0 of the old slots
        continue;
      }
      System.arraycopy(rules, old * WORDS, words, i * WORDS, WORDS);
      if (ruleObjects != null
          && (ruleObjects[2 * old] != null || ruleObjects[2 * old + 1] != null)) {
        if (objects == null) {
          objects = new Object[2 * keys.length];
        }
        objects[2 * i] = ruleObjects[2 * old];
        objects[2 * i + 1] = ruleObjects[2 * old + 1];
      }
    }
    ruleKeys = keys;
    rules = words;
    ruleObjects = objects;
    pack(); // reads the queues where they are: the old slots stay until it replaces them
    return started;
  }

  /**
   * True while this key holds no rule at all (a new key, or one decoded with none): syncing it
   * starts every rule afresh, which {@link #adopt} does in one copy.
   */
  boolean hasNoRules() {
    return ruleKeys.length == 0;
  }

  /**
   * Gives a key with no rules ({@link #hasNoRules}) the rules {@code keys}, each holding only its
   * fresh start: {@code words} and {@code slots}, which the key shares with the caller until it
   * first writes a rule ({@link #load}, {@link #store}, {@link #pack}) and never writes, laid
   * out as {@link #reconcile}, then a start added to each rule's queue, would lay them out (see
   * Matcher's fresh-key template). A host drops a key whose state empties and meets it anew at its
   * next event, and reconciling rule by rule was a third of the time of a rule set whose rules are
   * mostly idle.
   */
  void adopt(RuleKey[] keys, long[] words, ComputationState[] slots) {
    if (!hasNoRules()) {
      throw new IllegalStateException("a key with rules cannot adopt a fresh layout");
    }
    ruleKeys = keys;
    rules = words;
    ruleObjects = null;
    this.slots = slots;
    layoutShared = true;
  }

  /** Makes the adopted layout the key's own before anything is written into it. */
  private void unshare() {
    rules = rules.clone();
    slots = slots.clone();
    layoutShared = false;
  }

  /** Adds the state of a rule version new to this key (decoders); keeps RuleKey order. */
  void addRule(RuleKey key, RuleState state) {
    int at = ruleIndex(key);
    if (at >= 0) {
      throw new IllegalArgumentException("rule " + key + " twice in one key state");
    }
    int insert = -at - 1;
    int count = ruleKeys.length;
    RuleKey[] keys = new RuleKey[count + 1];
    System.arraycopy(ruleKeys, 0, keys, 0, insert);
    keys[insert] = key;
    System.arraycopy(ruleKeys, insert, keys, insert + 1, count - insert);
    long[] words = new long[(count + 1) * WORDS];
    System.arraycopy(rules, 0, words, 0, insert * WORDS);
    System.arraycopy(rules, insert * WORDS, words, (insert + 1) * WORDS, (count - insert) * WORDS);
    if (ruleObjects != null) {
      Object[] objects = new Object[2 * (count + 1)];
      System.arraycopy(ruleObjects, 0, objects, 0, 2 * insert);
      System.arraycopy(ruleObjects, 2 * insert, objects, 2 * (insert + 1), 2 * (count - insert));
      ruleObjects = objects;
    }
    ruleKeys = keys;
    rules = words;
    store(insert, state);
    syncedWith = null;
    forgetBusy();
  }

  /** Each rule's state as an object of its own, in RuleKey order (codec, tests): read only. */
  List<RuleState> ruleStateList() {
    List<RuleState> states = new ArrayList<>(ruleKeys.length);
    for (int i = 0; i < ruleKeys.length; i++) {
      RuleState state = new RuleState();
      bind(i, state);
      states.add(state);
    }
    return states;
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
   * work between loads, so the processor overlaps their misses.
   * The event itself is loaded first, with them ({@link Event#touch}). Only the busy rules
   * ({@link BusyRules}) are loaded: an idle rule holds the matcher's fresh start, which stays in
   * cache.
   */
  void touch(Event event) {
    long sum = event.touch();
    long[] words = rules;
    for (int w = 0, n = busyWords(); w < n; w++) {
      for (long word = busyWord(w); word != 0; word &= word - 1) {
        int rule = (w << 6) + Long.numberOfTrailingZeros(word);
        ComputationState[] all = arrayOf(rule);
        int base = (int) words[rule * WORDS + 1];
        for (int i = base, end = base + (int) words[rule * WORDS + 2]; i < end; i++) {
          sum += PartialMatchQueue.touch(all[i]);
        }
      }
    }
    touched = sum;
  }

  /**
   * {@link #touch} for a timer at {@code timestamp}: loads what {@link Matcher#advanceTime} reads
   * first of each partial match it will look at (its window bookkeeping), so the misses overlap
   * rather than come one after the other in the rules' loop. Only the rules the timer is for are
   * loaded ({@link #isDue}: deadline come, or matches held back), as the matcher's loop reads
   * no other: most timers close the window of one rule's partial match, and loading the other
   * rules' partial matches too (the seed's 7-day rule holds most of a key's) was wasted. Lighter
   * than {@link #touch}, which also loads what the guards read: run before a timer, that was
   * slower (paired passes 0.978). It no longer loads each newest path node too (where a timeout's
   * match starts): most partial matches of a due rule do not time out when its timer fires, and
   * dropping those loads gave paired passes of 1.042 and 1.024.
   */
  void touchForTime(long timestamp) {
    long sum = 0;
    long[] words = rules;
    for (int w = 0, n = busyWords(); w < n; w++) {
      for (long word = busyWord(w); word != 0; word &= word - 1) {
        int rule = (w << 6) + Long.numberOfTrailingZeros(word);
        if (!isDue(rule, timestamp)) {
          continue;
        }
        ComputationState[] array = arrayOf(rule);
        int at = rule * WORDS;
        int base = (int) words[at + 1];
        for (int i = base, end = base + (int) words[at + 2]; i < end; i++) {
          sum += array[i].startTimestamp;
        }
      }
    }
    touched = sum;
  }

  /**
   * Gives every rule's queue a slice of one new array, in rule order, with room for at least one
   * more partial match each (at least two slots: most rules of most keys hold one or two).
   */
  void pack() {
    if (layoutShared) {
      unshare();
    }
    long[] words = rules;
    int count = ruleKeys.length;
    int total = 0;
    for (int i = 0; i < count; i++) {
      total += slotsWanted(words, i);
    }
    ComputationState[] packed = new ComputationState[total];
    int at = 0;
    for (int i = 0; i < count; i++) {
      int wanted = slotsWanted(words, i);
      int size = (int) words[i * WORDS + 2];
      System.arraycopy(arrayOf(i), (int) words[i * WORDS + 1], packed, at, size);
      words[i * WORDS + 1] = at | (long) wanted << 32;
      at += wanted;
    }
    slots = packed;
    if (ruleObjects != null) {
      boolean completed = false;
      for (int i = 0; i < count; i++) {
        ruleObjects[2 * i] = null;
        completed |= ruleObjects[2 * i + 1] != null;
      }
      if (!completed) {
        ruleObjects = null;
      }
    }
  }

  /**
   * Slots rule {@code rule}'s queue wants in a packed array: its capacity, at least one more than
   * its size, and at least two.
   */
  private static int slotsWanted(long[] words, int rule) {
    int capacity = (int) (words[rule * WORDS + 1] >>> 32);
    int size = (int) words[rule * WORDS + 2];
    return Math.max(2, Math.max(capacity, size + 1));
  }

  /** The array rule {@code rule}'s queue is in: its own, or the key's slots. */
  private ComputationState[] arrayOf(int rule) {
    Object own = ruleObjects == null ? null : ruleObjects[2 * rule];
    return own == null ? slots : (ComputationState[]) own;
  }

  /** The rules' words (see {@link #rules}): for the matcher's fresh-key template, and tests. */
  long[] words() {
    return rules;
  }

  /** The key's array of slots (the matcher's fresh-key template, and tests). */
  ComputationState[] slots() {
    return slots;
  }

  /** Packs again when a queue outgrew its slice (and moved to an array of its own). */
  void packIfOutgrown() {
    Object[] objects = ruleObjects;
    if (objects == null) {
      return;
    }
    for (int i = 0; i < objects.length; i += 2) {
      if (objects[i] != null) {
        pack();
        return;
      }
    }
  }

  /**
   * True when no partial match is pending (so no event is held): the host may clear it.
   *
   * <p>A rule's queue holds at most one partial match that has not started (the one in its start
   * state: a step renews it, and nothing else leaves a partial match unstarted), so a queue of two
   * or more holds a started one, and the sizes alone answer for most keys. A host asks after every
   * event and timer, and after a timer the partial matches of the rules it was not for are not
   * loaded: reading them was a cache miss each.
   */
  public boolean isEmpty() {
    long[] words = rules;
    if (busyKnown()) {
      // an idle rule holds its matcher's fresh start alone: only the busy ones can hold more
      for (int w = 0, n = busyWords(); w < n; w++) {
        for (long word = busyWord(w); word != 0; word &= word - 1) {
          int rule = (w << 6) + Long.numberOfTrailingZeros(word);
          if ((int) words[rule * WORDS + 2] > 1 || !holdsNothingStarted(rule)) {
            return false;
          }
        }
      }
      return true;
    }
    for (int at = 2; at < words.length; at += WORDS) {
      if ((int) words[at] > 1) {
        return false;
      }
    }
    for (int i = 0; i < ruleKeys.length; i++) {
      if (!holdsNothingStarted(i)) {
        return false;
      }
    }
    return true;
  }

  /** True when rule {@code rule} holds no match back and no partial match that took an event. */
  private boolean holdsNothingStarted(int rule) {
    if (holdsMatches(rule)) {
      return false;
    }
    long[] words = rules;
    ComputationState[] array = arrayOf(rule);
    int base = (int) words[rule * WORDS + 1];
    int size = (int) words[rule * WORDS + 2];
    for (int j = base; j < base + size; j++) {
      ComputationState computation = array[j];
      if (computation.startEventId != null || computation.path != null) {
        return false;
      }
    }
    return true;
  }

  /**
   * The earliest time at which {@link Matcher#advanceTime} would change this state (a window
   * closing), or {@link Long#MAX_VALUE} when no partial match has a window. A host's timer belongs
   * at {@link Matcher#nextTimer}, which skips the deadlines whose passing returns nothing.
   */
  public long nextDeadline() {
    long deadline = Long.MAX_VALUE;
    long[] words = rules;
    for (int at = 0; at < words.length; at += WORDS) {
      deadline = Math.min(deadline, words[at]);
    }
    return deadline;
  }

  /**
   * Number of live partial matches over all rules (for metrics: a host may ask after every event,
   * so a key synced with a matcher counts only its busy rules).
   */
  public int partialMatchCount() {
    int count = 0;
    if (busyKnown()) {
      for (int w = 0, n = busyWords(); w < n; w++) {
        for (long word = busyWord(w); word != 0; word &= word - 1) {
          count += partialMatchCount((w << 6) + Long.numberOfTrailingZeros(word));
        }
      }
      return count;
    }
    for (int i = 0; i < ruleKeys.length; i++) {
      count += partialMatchCount(i);
    }
    return count;
  }

  /** The started partial matches and held-back matches of rule {@code rule}. */
  private int partialMatchCount(int rule) {
    int count = holdsMatches(rule) ? ((PartialMatchQueue) ruleObjects[2 * rule + 1]).size() : 0;
    ComputationState[] array = arrayOf(rule);
    int base = (int) rules[rule * WORDS + 1];
    int size = (int) rules[rule * WORDS + 2];
    for (int j = base; j < base + size; j++) {
      if (array[j].startEventId != null) {
        count++;
      }
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
