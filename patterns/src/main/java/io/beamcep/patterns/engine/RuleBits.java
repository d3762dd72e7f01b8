package io.beamcep.patterns.engine;

/**
 * Sets of rules (by their index in a matcher) as bits in longs, for the loops that visit only some
 * of a large rule set's rules: {@code for (int i = next(bits, 0); i >= 0; i = next(bits, i + 1))}.
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

  /** The first rule at or after {@code from} in {@code bits}, or -1 when none. */
  static int next(long[] bits, int from) {
    int w = from >>> 6;
    if (w >= bits.length) {
      return -1;
    }
    long word = bits[w] & -1L << from; // the shift takes from modulo 64: its bit in word w
    while (word == 0) {
      if (++w == bits.length) {
        return -1;
      }
      word = bits[w];
    }
    return (w << 6) + Long.numberOfTrailingZeros(word);
  }
}
