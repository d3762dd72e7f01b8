package io.beamcep.patterns.engine;

import java.util.Arrays;

/**
 * A key's rules as numbers and slots: per rule {@link #WORDS} longs in {@link #rules}, and its
 * partial matches as a slice of {@link #slots}, read into a {@link RuleState} ({@link #load}) and
 * written back ({@link #store}). The superclass of {@link KeyState}, which holds the rules' keys
 * and the rest of the key: a class of its own so that neither grows past about 500 lines, and a
 * superclass so that its fields stay in the key's one object.
 *
 * <p>Dense, the layout has an entry per rule, at the rule's own number. Sparse ({@link
 * #adoptSparseLayout}, for a matcher of many rules), it has entries only for the rules that hold
 * more than their fresh start, in rule order, and {@link #sparse} says which; the others are read
 * from the matcher's fresh layout. A table of 1,000 rules cost every key that started anything
 * 32 KB of entries, nearly all of them fresh.
 */
abstract class RuleLayout extends BusyRules {
  /** Longs per rule in {@link #rules}: the deadline, the slice, the size with the cuts word. */
  static final int WORDS = 3;

  private static final long[] NO_RULES = new long[0];
  private static final ComputationState[] NO_SLOTS = new ComputationState[0];

  /**
   * Per entry ({@link #entry}: per rule, parallel to {@link KeyState#ruleKeys}, when dense),
   * {@link #WORDS} longs: when advanceTime would next change the rule's state; its queue's slice
   * (base in the low half, capacity in the high half); its queue's size (low half) and {@link
   * RuleState#cuts} (high half).
   */
  long[] rules = NO_RULES;

  /**
   * Null while no rule has either of the two things a long cannot hold, which is nearly always;
   * else per entry two: the array its queue moved to when it outgrew its slice (until the
   * key packs again), and its held-back matches.
   */
  Object[] ruleObjects;

  /**
   * The slots of the rules' partial-match queues, each rule's a slice ({@link #pack}): every event
   * reads every partial match of the key, and one array reaches them all.
   */
  ComputationState[] slots = NO_SLOTS;

  /**
   * Whether {@link #rules} and {@link #slots} are still the fresh layout a matcher gave every new
   * key ({@link KeyState#adopt}): most events of a new key start nothing, and the host drops the
   * key again with no copy made; a table of 1,000 rules copied 32 KB per such event.
   */
  private boolean layoutShared;

  /** Which rules have an entry, and the matcher's fresh layout; null while dense. */
  private SparseEntries sparse;

  /**
   * Where rule {@code rule}'s entry is in {@link #rules} (times {@link #WORDS}), or -1 when the
   * layout is sparse and the rule holds only its fresh start.
   */
  final int entry(int rule) {
    SparseEntries entries = sparse;
    return entries == null ? rule : entries.entry(rule);
  }

  /** How many entries the layout has: one per rule when dense. */
  final int entryCount() {
    return rules.length / WORDS;
  }

  /** The rule whose entry is at {@code entry} (see {@link #entry}). */
  final int ruleOfEntry(int entry) {
    SparseEntries entries = sparse;
    return entries == null ? entry : entries.ruleOf(entry);
  }

  /** Whether the layout keeps entries only for rules holding more than a fresh start. */
  final boolean isSparse() {
    return sparse != null;
  }

  /** Reads rule {@code rule} into {@code into}, which then stands for it until {@link #store}. */
  void load(int rule, RuleState into) {
    if (layoutShared) {
      unshare(); // the rule's queue is written in the slots, its numbers at the store
    }
    if (sparse != null && entry(rule) < 0) {
      insertEntry(rule); // the rule's queue is written in place
    }
    bind(rule, into);
  }

  /** Points {@code into} at rule {@code rule}'s state where it is, to be read only. */
  final void bind(int rule, RuleState into) {
    int entry = entry(rule);
    long[] words = rules;
    ComputationState[] array = slots;
    if (entry < 0) {
      words = sparse.freshRules;
      array = sparse.freshSlots;
      entry = rule;
    }
    int at = entry * WORDS;
    long slice = words[at + 1];
    long sizeAndCuts = words[at + 2];
    PartialMatchQueue completed = null;
    Object[] objects = words == rules ? ruleObjects : null;
    if (objects != null) {
      Object own = objects[2 * entry];
      if (own != null) {
        array = (ComputationState[]) own;
      }
      completed = (PartialMatchQueue) objects[2 * entry + 1];
    }
    into.bind(array, (int) slice, (int) (slice >>> 32), (int) sizeAndCuts, words[at],
        (int) (sizeAndCuts >>> 32), completed);
  }

  /** Writes {@code from}, which {@link #load} read rule {@code rule} into, back to the key. */
  void store(int rule, RuleState from) {
    if (layoutShared) {
      unshare();
    }
    int entry = entry(rule);
    if (sparse != null) {
      if (holdsItsFreshStartAlone(rule, from)) {
        if (entry >= 0) {
          removeEntry(rule);
        }
        return;
      }
      if (entry < 0) {
        insertEntry(rule);
        entry = entry(rule);
      }
    }
    long[] words = rules;
    int at = entry * WORDS;
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
      objects = new Object[2 * (words.length / WORDS)];
      ruleObjects = objects;
    }
    // written only when changed: the array is long-lived, and G1 makes a store into it pay a fence
    if (objects[2 * entry] != own) {
      objects[2 * entry] = own;
    }
    if (objects[2 * entry + 1] != completed) {
      objects[2 * entry + 1] = completed;
    }
  }

  /** How many partial matches rule {@code rule}'s queue holds, its fresh start included. */
  int queueSize(int rule) {
    int entry = entry(rule);
    return entry < 0 ? (int) sparse.freshRules[rule * WORDS + 2] : sizeAt(entry);
  }

  /** The partial match at {@code index}, in queue (array) order, of rule {@code rule}. */
  ComputationState partialMatch(int rule, int index) {
    int entry = entry(rule);
    if (entry < 0) {
      return sparse.freshSlots[(int) sparse.freshRules[rule * WORDS + 1] + index];
    }
    return arrayAt(entry)[baseAt(entry) + index];
  }

  /** The deadline of rule {@code rule} (see {@link RuleState#deadline}). */
  long deadline(int rule) {
    int entry = entry(rule);
    return entry < 0 ? sparse.freshRules[rule * WORDS] : rules[entry * WORDS];
  }

  /** True when rule {@code rule} holds matches back (see {@link RuleState#hasCompletedMatches}). */
  boolean holdsMatches(int rule) {
    Object[] objects = ruleObjects;
    if (objects == null) {
      return false;
    }
    int entry = entry(rule);
    return entry >= 0 && objects[2 * entry + 1] != null;
  }

  /** The held-back matches of the entry at {@code entry}, or null when none. */
  final PartialMatchQueue heldAt(int entry) {
    Object[] objects = ruleObjects;
    return objects == null ? null : (PartialMatchQueue) objects[2 * entry + 1];
  }

  /** Where the queue of the entry at {@code entry} starts in {@link #arrayAt}. */
  final int baseAt(int entry) {
    return (int) rules[entry * WORDS + 1];
  }

  /** How many partial matches the queue of the entry at {@code entry} holds. */
  final int sizeAt(int entry) {
    return (int) rules[entry * WORDS + 2];
  }

  /**
   * Makes {@code words} and {@code slots} this key's layout, shared with the caller until the key
   * first writes a rule ({@link #load}, {@link #store}, {@link #pack}); never written while shared.
   */
  final void adoptLayout(long[] words, ComputationState[] slots) {
    rules = words;
    ruleObjects = null;
    this.slots = slots;
    layoutShared = true;
    makeDense();
  }

  /**
   * Makes the layout sparse with no entry: every rule reads its fresh start from the matcher's
   * fresh layout that {@code none}, the matcher's shared record of no entry, holds, until it holds
   * more.
   */
  final void adoptSparseLayout(SparseEntries none) {
    rules = NO_RULES;
    ruleObjects = null;
    this.slots = NO_SLOTS;
    layoutShared = false;
    sparse = none;
  }

  /**
   * Makes the layout sparse, keeping the entries at {@code fromEntries} (increasing) as the
   * entries of the rules {@code toRules} (increasing, parallel); every other rule reads its fresh
   * start from the matcher's fresh layout, which {@code none}, the matcher's record of no entry,
   * holds. The caller makes sure each kept entry holds more than a fresh start, or stores it again
   * ({@link #store} drops an entry holding its fresh start alone).
   */
  final void keepEntries(int[] fromEntries, int[] toRules, SparseEntries none) {
    if (layoutShared) {
      unshare();
    }
    int kept = fromEntries.length;
    long[] entries = new long[kept * WORDS];
    Object[] objects = ruleObjects == null ? null : new Object[2 * kept];
    for (int entry = 0; entry < kept; entry++) {
      int from = fromEntries[entry];
      System.arraycopy(rules, from * WORDS, entries, entry * WORDS, WORDS);
      if (objects != null) {
        objects[2 * entry] = ruleObjects[2 * from];
        objects[2 * entry + 1] = ruleObjects[2 * from + 1];
      }
    }
    // each entry keeps its slice of the old slots until the pack gives it one of the new
    rules = entries;
    ruleObjects = objects;
    sparse = none.withRules(toRules);
    pack();
  }

  /** Makes the layout dense in form: callers then give it an entry per rule. */
  final void makeDense() {
    sparse = null;
  }

  /** True when {@code state}, read from rule {@code rule}, holds only the rule's fresh start. */
  private boolean holdsItsFreshStartAlone(int rule, RuleState state) {
    return state.size() == 1 && !state.hasCompletedMatches()
        && state.get(0) == sparse.freshSlots[(int) sparse.freshRules[rule * WORDS + 1]];
  }

  /**
   * Gives rule {@code rule} an entry, holding its fresh start in an array of its own with room for
   * one more (the key packs it into its slots after the event, {@link #packIfOutgrown}).
   */
  private void insertEntry(int rule) {
    if (sparse.shared) {
      sparse = sparse.ownCopy();
    }
    int entry = sparse.entryToInsert(rule);
    long[] freshRules = sparse.freshRules;
    int count = rules.length / WORDS;
    long[] words = new long[(count + 1) * WORDS];
    System.arraycopy(rules, 0, words, 0, entry * WORDS);
    System.arraycopy(rules, entry * WORDS, words, (entry + 1) * WORDS, (count - entry) * WORDS);
    int fresh = rule * WORDS;
    int size = (int) freshRules[fresh + 2];
    ComputationState[] own = new ComputationState[Math.max(2, size + 1)];
    System.arraycopy(sparse.freshSlots, (int) freshRules[fresh + 1], own, 0, size);
    words[entry * WORDS] = freshRules[fresh];
    words[entry * WORDS + 1] = (long) own.length << 32;
    words[entry * WORDS + 2] = freshRules[fresh + 2];
    Object[] objects = new Object[2 * (count + 1)];
    if (ruleObjects != null) {
      System.arraycopy(ruleObjects, 0, objects, 0, 2 * entry);
      System.arraycopy(ruleObjects, 2 * entry, objects, 2 * (entry + 1), 2 * (count - entry));
    }
    objects[2 * entry] = own;
    rules = words;
    ruleObjects = objects;
    sparse.add(rule);
  }

  /**
   * Drops rule {@code rule}'s entry: it holds its fresh start alone again. Its slice of the slots
   * is cleared, so that nothing it held is kept, and left empty until the next pack.
   */
  private void removeEntry(int rule) {
    int entry = sparse.entry(rule);
    int count = rules.length / WORDS;
    if (ruleObjects == null || ruleObjects[2 * entry] == null) {
      long slice = rules[entry * WORDS + 1];
      int base = (int) slice;
      Arrays.fill(slots, base, base + (int) (slice >>> 32), null);
    }
    long[] words = new long[(count - 1) * WORDS];
    System.arraycopy(rules, 0, words, 0, entry * WORDS);
    System.arraycopy(rules, (entry + 1) * WORDS, words, entry * WORDS, (count - entry - 1) * WORDS);
    rules = words;
    if (ruleObjects != null) {
      Object[] objects = new Object[2 * (count - 1)];
      System.arraycopy(ruleObjects, 0, objects, 0, 2 * entry);
      System.arraycopy(ruleObjects, 2 * (entry + 1), objects, 2 * entry, 2 * (count - entry - 1));
      ruleObjects = anyNonNull(objects) ? objects : null;
    }
    sparse.remove(rule);
  }

  private static boolean anyNonNull(Object[] objects) {
    for (Object object : objects) {
      if (object != null) {
        return true;
      }
    }
    return false;
  }

  /** Makes the adopted layout the key's own before anything is written into it. */
  private void unshare() {
    rules = rules.clone();
    slots = slots.clone();
    layoutShared = false;
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
    int count = words.length / WORDS;
    int total = 0;
    for (int i = 0; i < count; i++) {
      total += slotsWanted(words, i);
    }
    ComputationState[] packed = new ComputationState[total];
    int at = 0;
    for (int i = 0; i < count; i++) {
      int wanted = slotsWanted(words, i);
      int size = (int) words[i * WORDS + 2];
      System.arraycopy(arrayAt(i), (int) words[i * WORDS + 1], packed, at, size);
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

  /** The array the queue of the entry at {@code entry} is in: its own, or the key's slots. */
  final ComputationState[] arrayAt(int entry) {
    Object own = ruleObjects == null ? null : ruleObjects[2 * entry];
    return own == null ? slots : (ComputationState[]) own;
  }

  /** The rules' words (see {@link #rules}): for KeySync's fresh-key template, and tests. */
  long[] words() {
    return rules;
  }

  /** The key's array of slots (KeySync's fresh-key template, and tests). */
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
}
