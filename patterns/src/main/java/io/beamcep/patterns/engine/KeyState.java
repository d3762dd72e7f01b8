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
 * ({@link #load}) and writes it back ({@link #store}); that layout is the superclass's ({@link
 * RuleLayout}). Which rules hold more than a fresh start is recorded in its superclass's fields
 * ({@link BusyRules}). Both are part of this object.
 */
public final class KeyState extends RuleLayout {
  /**
   * The rule versions this key has state for, in RuleKey order. Once the key met a matcher these
   * are that matcher's rules: the array is the matcher's own (never written, shared by its keys),
   * in the order the matcher runs its rules.
   */
  RuleKey[] ruleKeys;

  /** Kept so {@link #touch}'s loads are not optimised away; means nothing. */
  private long touched;
  /** The timestamp of the last event given an id, and the next rank among that timestamp's. */
  long lastEventTimestamp = Long.MIN_VALUE;
  int nextEventRank;
  /** The last time the key's clock was advanced to; Long.MIN_VALUE before the first call. */
  long clock = Long.MIN_VALUE;
  /** The matcher the rules were last reconciled with (not serialized: decoding re-syncs). */
  Object syncedWith;

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

  /** True when rule {@code rule} holds nothing but {@code freshStart}, the matcher's start. */
  boolean isIdle(int rule, ComputationState freshStart) {
    int entry = entry(rule);
    return entry < 0 || sizeAt(entry) == 1 && arrayAt(entry)[baseAt(entry)] == freshStart
        && heldAt(entry) == null;
  }

  /**
   * True when advancing time to {@code timestamp} has something to do for rule {@code rule}: its
   * deadline has come, or it holds matches back that may be released.
   */
  boolean isDue(int rule, long timestamp) {
    int entry = entry(rule);
    return entry >= 0 && (rules[entry * WORDS] <= timestamp || heldAt(entry) != null);
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
      int oldRule = ruleIndex(keys[i]);
      // a rule without an entry holds its old matcher's fresh start: it starts afresh
      int old = oldRule < 0 ? -1 : entry(oldRule);
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
    makeDense();
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
   * first writes a rule ({@link #adoptLayout}), laid out as {@link #reconcile}, then a start added
   * to each rule's queue, would lay them out (see KeySync's fresh-key template). A host drops a
   * key whose state empties and meets it anew at its next event, and reconciling rule by rule was
   * a third of the time of a rule set whose rules are mostly idle.
   */
  void adopt(RuleKey[] keys, long[] words, ComputationState[] slots) {
    if (!hasNoRules()) {
      throw new IllegalStateException("a key with rules cannot adopt a fresh layout");
    }
    ruleKeys = keys;
    adoptLayout(words, slots);
  }

  /**
   * {@link #adopt} for a matcher of many rules: the key keeps entries only for the rules that hold
   * more than their fresh start ({@link RuleLayout}), none yet, and reads the others from the
   * matcher's fresh layout that {@code none}, its shared record of no entry, holds ({@link
   * RuleLayout#adoptSparseLayout}).
   */
  void adoptSparse(RuleKey[] keys, SparseEntries none) {
    if (!hasNoRules()) {
      throw new IllegalStateException("a key with rules cannot adopt a fresh layout");
    }
    ruleKeys = keys;
    adoptSparseLayout(none);
  }

  /**
   * {@link #reconcile} into a sparse layout ({@link #adoptSparse}): keeps the entries of the rules
   * {@code keys} still has, and returns those rules (by their place in {@code keys}), whose states
   * the caller resolves and stores again. Every other rule starts afresh. Costs the entries the
   * key has, not the rules of {@code keys}: a host that decodes a key for each event syncs it
   * each time.
   */
  int[] reconcileSparse(RuleKey[] keys, SparseEntries none) {
    int[] fromEntries = new int[ruleKeys.length];
    int[] toRules = new int[ruleKeys.length];
    int kept = 0;
    for (int old = 0, from = 0; old < ruleKeys.length && from < keys.length; old++) {
      int entry = entry(old);
      if (entry < 0) {
        continue;
      }
      // both in RuleKey order: each kept rule is after the one before
      int at = Arrays.binarySearch(keys, from, keys.length, ruleKeys[old]);
      if (at < 0) {
        from = -at - 1;
        continue;
      }
      fromEntries[kept] = entry;
      toRules[kept++] = at;
      from = at + 1;
    }
    int[] keptRules = Arrays.copyOf(toRules, kept);
    keepEntries(Arrays.copyOf(fromEntries, kept), keptRules, none);
    ruleKeys = keys;
    return keptRules;
  }

  /** Adds the state of a rule version new to this key (decoders); keeps RuleKey order. */
  void addRule(RuleKey key, RuleState state) {
    if (isSparse()) {
      throw new IllegalStateException("rules are added to a dense key state only");
    }
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

  /**
   * The states of the rules that have an entry ({@link RuleLayout}), in RuleKey order, read only:
   * every rule when the layout is dense, else those holding more than a fresh start. {@link
   * #ruleOfEntry} gives each one's rule (codec).
   */
  List<RuleState> ruleStatesWithEntries() {
    int entries = entryCount();
    List<RuleState> states = new ArrayList<>(entries);
    for (int entry = 0; entry < entries; entry++) {
      RuleState state = new RuleState();
      bind(ruleOfEntry(entry), state);
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
        int entry = entry((w << 6) + Long.numberOfTrailingZeros(word)); // busy: it has one
        ComputationState[] all = arrayAt(entry);
        int base = (int) words[entry * WORDS + 1];
        for (int i = base, end = base + (int) words[entry * WORDS + 2]; i < end; i++) {
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
        int entry = entry(rule); // due: it has one
        ComputationState[] array = arrayAt(entry);
        int at = entry * WORDS;
        int base = (int) words[at + 1];
        for (int i = base, end = base + (int) words[at + 2]; i < end; i++) {
          sum += array[i].startTimestamp;
        }
      }
    }
    touched = sum;
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
          int entry = entry((w << 6) + Long.numberOfTrailingZeros(word)); // busy: it has one
          if (sizeAt(entry) > 1 || !holdsNothingStartedAt(entry)) {
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
    int entry = entry(rule);
    return entry < 0 || holdsNothingStartedAt(entry); // without an entry: a fresh start alone
  }

  /** {@link #holdsNothingStarted} for the rule whose entry is at {@code entry}. */
  private boolean holdsNothingStartedAt(int entry) {
    if (heldAt(entry) != null) {
      return false;
    }
    ComputationState[] array = arrayAt(entry);
    int base = baseAt(entry);
    int size = sizeAt(entry);
    for (int j = base; j < base + size; j++) {
      ComputationState computation = array[j];
      if (computation.startEventId != null || computation.path != null) {
        return false;
      }
    }
    return true;
  }

  /**
   * The time this key's matching has reached: the latest time {@link Matcher#process} or {@link
   * Matcher#advanceTime} was given, which it never goes back from; {@link Long#MIN_VALUE} for a
   * key that has been given none. Kept in the state's bytes, so a host that matches on a clock of
   * its own (processing time) can keep engine time from stepping back without storing it apart.
   */
  public long time() {
    return clock;
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
    int entry = entry(rule);
    if (entry < 0) {
      return 0; // a fresh start alone
    }
    PartialMatchQueue held = heldAt(entry);
    int count = held == null ? 0 : held.size();
    ComputationState[] array = arrayAt(entry);
    int base = baseAt(entry);
    int size = sizeAt(entry);
    for (int j = base; j < base + size; j++) {
      if (array[j].startEventId != null) {
        count++;
      }
    }
    return count;
  }

  /** Number of distinct events held for partial matches (for metrics and tests). */
  public int bufferedEventCount() {
    return KeyStateEncoder.heldEventCount(ruleStateList());
  }

  public byte[] toBytes() {
    return KeyStateCodec.encode(this);
  }

  public static KeyState fromBytes(byte[] bytes) {
    return KeyStateCodec.decode(bytes);
  }
}
