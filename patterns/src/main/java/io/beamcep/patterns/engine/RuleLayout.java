package io.beamcep.patterns.engine;

/**
 * A key's rules as numbers and slots: per rule {@link #WORDS} longs in {@link #rules}, and its
 * partial matches as a slice of {@link #slots}, read into a {@link RuleState} ({@link #load}) and
 * written back ({@link #store}). The superclass of {@link KeyState}, which holds the rules' keys
 * and the rest of the key: a class of its own so that neither grows past about 500 lines, and a
 * superclass so that its fields stay in the key's one object.
 */
abstract class RuleLayout extends BusyRules {
  /** Longs per rule in {@link #rules}: the deadline, the slice, the size with the cuts word. */
  static final int WORDS = 3;

  private static final long[] NO_RULES = new long[0];
  private static final ComputationState[] NO_SLOTS = new ComputationState[0];

  /**
   * Per rule, parallel to {@link KeyState#ruleKeys}, {@link #WORDS} longs: when advanceTime would
   * next change the rule's state; its queue's slice (base in the low half, capacity in the high
   * half); its queue's size (low half) and {@link RuleState#cuts} (high half).
   */
  long[] rules = NO_RULES;

  /**
   * Null while no rule has either of the two things a long cannot hold, which is nearly always;
   * else per rule two entries: the array its queue moved to when it outgrew its slice (until the
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

  /** Reads rule {@code rule} into {@code into}, which then stands for it until {@link #store}. */
  void load(int rule, RuleState into) {
    if (layoutShared) {
      unshare(); // the rule's queue is written in the slots, its numbers at the store
    }
    bind(rule, into);
  }

  /** Points {@code into} at rule {@code rule}'s state where it is, to be read only. */
  final void bind(int rule, RuleState into) {
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
      objects = new Object[2 * (words.length / WORDS)];
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

  /** True when rule {@code rule} holds matches back (see {@link RuleState#hasCompletedMatches}). */
  boolean holdsMatches(int rule) {
    Object[] objects = ruleObjects;
    return objects != null && objects[2 * rule + 1] != null;
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
  final ComputationState[] arrayOf(int rule) {
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
}
