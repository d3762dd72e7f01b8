package io.beamcep.patterns.engine;

/**
 * Sets of rules (by their index in a matcher) as bits in longs, for the loops that visit only some
 * of a large rule set's rules, word by word: rule {@code (w << 6) + numberOfTrailingZeros(word)}
 * for each bit of {@code bits[w]}. The busy record's loops go the same way. A step to the next
 * set bit per rule instead (as BitSet.nextSetBit) made the five seed rules 5-8 % slower at 500
 * users (paired passes 0.952 and 0.919, session 30), so the word loops stay, one per place.
 */
final class RuleBits {
  private RuleBits() {}

  /** An empty set for rules numbered 0 to {@code rules} - 1. */
  static long[] none(int rules) {
    return new long[(rules + 63) >>> 6];
  }

  static void add(long[] bits, int rule) {
    bits[rule >>> 6] |= 1L << rule;
  }
}
