package io.beamcep.patterns.engine;

/**
 * Which rules of a sparse key have an entry in its layout ({@link RuleLayout}): a bit per rule,
 * and per word of 64 rules how many entries the words before it have, so a rule's entry is found
 * by counting bits; and the matcher's fresh layout, where a rule without an entry is read. One
 * object, so that a dense key, which has none, pays one field for it.
 */
final class SparseEntries {
  /** Bit b of word w is rule {@code 64w + b}. */
  private final long[] present;
  private final int[] before;
  /** The matcher's fresh layout, dense (by rule number), never written. */
  final long[] freshRules;
  final ComputationState[] freshSlots;
  /**
   * True for the matcher's record of no entry, which its new keys share until they get an entry
   * ({@link #ownCopy}): most new keys of a large table start nothing before the host drops them.
   */
  final boolean shared;

  private SparseEntries(long[] present, long[] freshRules, ComputationState[] freshSlots,
      boolean shared) {
    this.present = present;
    this.before = new int[present.length];
    this.freshRules = freshRules;
    this.freshSlots = freshSlots;
    this.shared = shared;
    countBefore(0);
  }

  /** The matcher's shared record of no entry among {@code ruleCount} rules. */
  static SparseEntries none(int ruleCount, long[] freshRules, ComputationState[] freshSlots) {
    return new SparseEntries(new long[(ruleCount + 63) >>> 6], freshRules, freshSlots, true);
  }

  /** A key's own record, over this one's fresh layout, of entries for the rules {@code rules}. */
  SparseEntries withRules(int[] rules) {
    long[] bits = new long[present.length];
    for (int rule : rules) {
      bits[rule >>> 6] |= 1L << rule;
    }
    return new SparseEntries(bits, freshRules, freshSlots, false);
  }

  /** This record as a key's own, to be written. */
  SparseEntries ownCopy() {
    return new SparseEntries(present.clone(), freshRules, freshSlots, false);
  }

  /** Where rule {@code rule}'s entry is among the entries, or -1 when it has none. */
  int entry(int rule) {
    int w = rule >>> 6;
    long bit = 1L << rule;
    long word = present[w];
    return (word & bit) == 0 ? -1 : before[w] + Long.bitCount(word & (bit - 1));
  }

  /** The rule whose entry is at {@code entry}. */
  int ruleOf(int entry) {
    int w = 0;
    while (w + 1 < present.length && before[w + 1] <= entry) {
      w++;
    }
    long word = present[w];
    for (int skip = entry - before[w]; skip > 0; skip--) {
      word &= word - 1;
    }
    return (w << 6) + Long.numberOfTrailingZeros(word);
  }

  /** Where an entry for rule {@code rule}, which has none, goes among the entries. */
  int entryToInsert(int rule) {
    int w = rule >>> 6;
    return before[w] + Long.bitCount(present[w] & ((1L << rule) - 1));
  }

  /** Records that rule {@code rule} has an entry (a key's own record only). */
  void add(int rule) {
    present[rule >>> 6] |= 1L << rule;
    countBefore((rule >>> 6) + 1);
  }

  /** Records that rule {@code rule} has no entry any more (a key's own record only). */
  void remove(int rule) {
    present[rule >>> 6] &= ~(1L << rule);
    countBefore((rule >>> 6) + 1);
  }

  /** Recounts {@link #before} from word {@code from} on. */
  private void countBefore(int from) {
    int count = from == 0 ? 0 : before[from - 1] + Long.bitCount(present[from - 1]);
    for (int w = from; w < present.length; w++) {
      before[w] = count;
      count += Long.bitCount(present[w]);
    }
  }
}
