package io.beamcep.patterns.engine;

/**
 * A key's rules as numbers and slots: per rule {@link #WORDS} longs in {@link #rules}, and its
 * partial matches as a slice of {@link #slots}, read into a {@link RuleState} ({@link #load}) and
 * written back ({@link #store}). The superclass of {@link KeyState}, which holds the rules' keys
 * and the rest of the key: a class of its own so that neither grows past about 500 lines, and a
 * superclass so that its fields stay in the key's one object.
 *
 * <p>Dense, the layout has an entry per rule, at the rule's own number. Sparse ({@link
 * #adoptSparseLayout}, for a matcher of many rules), it has entries only for the rules that hold more
 * than their fresh start, in rule order, and {@link #present} says which; the others are read
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
   * (base in the low half, capacity in the high half); its queue's size (low half) and {@link RuleState#cuts} (high half).
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

  /**
   * Sparse: per word of 64 rules, which have an entry (bit b of word w is rule {@code 64w + b}),
   * and how many entries the words before it have; null while dense.
   */
  private long[] present;
  private int[] presentBefore;
  /**
   * Whether {@link #present} and {@link #presentBefore} are the matcher's arrays of no entry,
   * shared by its new keys until one gets an entry: most new keys of a large table start nothing
   * before the host drops them again.
   */
  private boolean presentShared;
  /**
   * Sparse: the matcher's fresh layout, dense (by rule number) and never written, where a rule
   * without an entry is read.
   */
  private long[] freshRules;
  private ComputationState[] freshSlots;

  /**
   * Where rule {@code rule}'s entry is in {@link #rules} (times {@link #WORDS}), or -1 when the
   * layout is sparse and the rule holds only its fresh start.
   */
  final int entry(int rule) {
    long[] bits = present;
    if (bits == null) {
      return rule;
    }
    int w = rule >>> 6;
    long bit = 1L << rule;
    long word = bits[w];
    return (word & bit) == 0 ? -1 : presentBefore[w] + Long.bitCount(word & (bit - 1));
  }

  /** How many entries the layout has: one per rule when dense. */
  final int entryCount() {
    return rules.length / WORDS;
  }

  /** The rule whose entry is at {@code entry} (see {@link #entry}). */
  final int ruleOfEntry(int entry) {
    long[] bits = present;
    if (bits == null) {
      return entry;
    }
    int w = 0;
    while (w + 1 < bits.length && presentBefore[w + 1] <= entry) {
      w++;
    }
    long word = bits[w];
    for (int skip = entry - presentBefore[w]; skip > 0; skip--) {
      word &= word - 1;
    }
    return (w << 6) + Long.numberOfTrailingZeros(word);
  }

  /** Whether the layout keeps entries only for rules holding more than a fresh start. */
  final boolean isSparse() {
    return present != null;
  }

  /** Reads rule {@code rule} into {@code into}, which then stands for it until {@link #store}. */
  void load(int rule, RuleState into) {
    if (layoutShared) {
      unshare(); // the rule's queue is written in the slots, its numbers at the store
    }
    if (present != null && entry(rule) < 0) {
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
      words = freshRules;
      array = freshSlots;
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
    int entry = rule;
    if (present != null) {
      if (holdsItsFreshStartAlone(rule, from)) {
        if (entry(rule) >= 0) {
          removeEntry(rule);
        }
        return;
      }
      if (entry(rule) < 0) {
        insertEntry(rule);
      }
      entry = entry(rule);
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
    return entry < 0 ? (int) freshRules[rule * WORDS + 2] : sizeAt(entry);
  }

  /** The partial match at {@code index}, in queue (array) order, of rule {@code rule}. */
  ComputationState partialMatch(int rule, int index) {
    int entry = entry(rule);
    if (entry < 0) {
      return freshSlots[(int) freshRules[rule * WORDS + 1] + index];
    }
    return arrayAt(entry)[baseAt(entry) + index];
  }

  /** The deadline of rule {@code rule} (see {@link RuleState#deadline}). */
  long deadline(int rule) {
    int entry = entry(rule);
    return entry < 0 ? freshRules[rule * WORDS] : rules[entry * WORDS];
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
   * Makes the layout sparse with no entry: every rule reads its fresh start from {@code words} and
   * {@code slots}, the matcher's fresh layout (by rule number, never written), until it holds
   * more. {@code nonePresent} and {@code noneBefore}, a bit per rule and a count per word of
   * them, all zero, are the matcher's too: the key copies them before its first entry.
   */
  final void adoptSparseLayout(long[] nonePresent, int[] noneBefore, long[] words,
      ComputationState[] slots) {
    rules = NO_RULES;
    ruleObjects = null;
    this.slots = NO_SLOTS;
    layoutShared = false;
    present = nonePresent;
    presentBefore = noneBefore;
    presentShared = true;
    freshRules = words;
    freshSlots = slots;
  }

  /**
   * Makes the layout sparse for {@code ruleCount} rules, keeping the entries at {@code
   * fromEntries} (increasing) as the entries of the rules {@code toRules} (increasing, parallel);
   * every other rule reads its fresh start from {@code words} and {@code slots}, the matcher's
   * fresh layout. The caller makes sure each kept entry holds more than a fresh start, or stores
   * it again ({@link #store} drops an entry holding its fresh start alone).
   */
  final void keepEntries(int[] fromEntries, int[] toRules, int ruleCount, long[] words,
      ComputationState[] slots) {
    if (layoutShared) {
      unshare();
    }
    int kept = fromEntries.length;
    long[] bits = new long[(ruleCount + 63) >>> 6];
    long[] entries = new long[kept * WORDS];
    Object[] objects = ruleObjects == null ? null : new Object[2 * kept];
    for (int entry = 0; entry < kept; entry++) {
      int from = fromEntries[entry];
      int rule = toRules[entry];
      bits[rule >>> 6] |= 1L << rule;
      System.arraycopy(rules, from * WORDS, entries, entry * WORDS, WORDS);
      if (objects != null) {
        objects[2 * entry] = ruleObjects[2 * from];
        objects[2 * entry + 1] = ruleObjects[2 * from + 1];
      }
    }
    // each entry keeps its slice of the old slots until the pack gives it one of the new
    rules = entries;
    ruleObjects = objects;
    present = bits;
    presentBefore = new int[bits.length];
    presentShared = false;
    countPresentBefore(0);
    freshRules = words;
    freshSlots = slots;
    pack();
  }

  /** Makes the layout dense in form: callers then give it an entry per rule. */
  final void makeDense() {
    present = null;
    presentBefore = null;
    presentShared = false;
    freshRules = null;
    freshSlots = null;
  }

  /** True when {@code state}, read from rule {@code rule}, holds only the rule's fresh start. */
  private boolean holdsItsFreshStartAlone(int rule, RuleState state) {
    return state.size() == 1 && !state.hasCompletedMatches()
        && state.get(0) == freshSlots[(int) freshRules[rule * WORDS + 1]];
  }

  /**
   * Gives rule {@code rule} an entry, holding its fresh start in an array of its own with room for
   * one more (the key packs it into its slots after the event, {@link #packIfOutgrown}).
   */
  private void insertEntry(int rule) {
    if (presentShared) {
      present = present.clone();
      presentBefore = presentBefore.clone();
      presentShared = false;
    }
    int w = rule >>> 6;
    long bit = 1L << rule;
    int entry = presentBefore[w] + Long.bitCount(present[w] & (bit - 1));
    int count = rules.length / WORDS;
    long[] words = new long[(count + 1) * WORDS];
    System.arraycopy(rules, 0, words, 0, entry * WORDS);
    System.arraycopy(rules, entry * WORDS, words, (entry + 1) * WORDS, (count - entry) * WORDS);
    int fresh = rule * WORDS;
    int size = (int) freshRules[fresh + 2];
    ComputationState[] own = new ComputationState[Math.max(2, size + 1)];
    System.arraycopy(freshSlots, (int) freshRules[fresh + 1], own, 0, size);
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
    present[w] |= bit;
    countPresentBefore(w + 1);
  }

  /**
   * Drops rule {@code rule}'s entry: it holds its fresh start alone again. Its slice of the slots
   * is cleared, so that nothing it held is kept, and left empty until the next pack.
   */
  private void removeEntry(int rule) {
    int w = rule >>> 6;
    long bit = 1L << rule;
    int entry = presentBefore[w] + Long.bitCount(present[w] & (bit - 1));
    int count = rules.length / WORDS;
    if (ruleObjects == null || ruleObjects[2 * entry] == null) {
      long slice = rules[entry * WORDS + 1];
      int base = (int) slice;
      java.util.Arrays.fill(slots, base, base + (int) (slice >>> 32), null);
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
    present[w] &= ~bit;
    countPresentBefore(w + 1);
  }

  private static boolean anyNonNull(Object[] objects) {
    for (Object object : objects) {
      if (object != null) {
        return true;
      }
    }
    return false;
  }

  /** Recounts {@link #presentBefore} from word {@code from} on. */
  private void countPresentBefore(int from) {
    long[] bits = present;
    int[] before = presentBefore;
    int count = from == 0 ? 0 : before[from - 1] + Long.bitCount(bits[from - 1]);
    for (int w = from; w < bits.length; w++) {
      before[w] = count;
      count += Long.bitCount(bits[w]);
    }
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
