package io.beamcep.patterns.engine;

/**
 * Sets of rules (by their index in a matcher) as bits in longs, for the loops that visit only some
 * of a large rule set's rules: iterate one with {@link #next}.
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

  static void remove(long[] bits, int rule) {
    bits[rule >>> 6] &= ~(1L << rule);
  }

  static boolean contains(long[] bits, int rule) {
    return (bits[rule >>> 6] & 1L << rule) != 0;
  }

  /** The lowest rule of {@code bits} at or above {@code from}, or -1 when there is none. */
  static int next(long[] bits, int from) {
    int w = from >>> 6;
    if (w >= bits.length) {
      return -1;
    }
    long word = bits[w] & -1L << from;
    while (word == 0) {
      if (++w == bits.length) {
        return -1;
      }
      word = bits[w];
    }
    return (w << 6) + Long.numberOfTrailingZeros(word);
  }

  static boolean isEmpty(long[] bits) {
    for (long word : bits) {
      if (word != 0) {
        return false;
      }
    }
    return true;
  }
}
