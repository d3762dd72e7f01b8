package io.beamcep.patterns.engine;

/**
 * Which rules of a key hold more than their matcher's fresh start, one bit each, while {@link
 * #busyKnown} (a matcher is synced with the key), kept up to date by the matcher as it stores each
 * rule ({@link #markBusy}). The loops over a key's rules (the touch, the timers, {@link
 * KeyState#isEmpty}) visit only these: a large rule table's rules are mostly idle for any one key,
 * and walking them all cost each rule's words and slots per event.
 *
 * <p>The superclass of {@link KeyState}, not a field of it, so that the record is in the key's own
 * object, loaded with it: as an array per key it was one more object to load per event and timer.
 * Word {@code w} of the record is {@link #busyWord}; its bit b is rule {@code (w << 6) + b}.
 */
abstract class BusyRules {
  /**
   * Rules 0 to 63, one bit each; the rest are in {@link #busyHigh} (null for a matcher of at most
   * 64 rules).
   */
  private long busyLow;
  private long[] busyHigh;
  /** Whether {@link #busyLow} and {@link #busyHigh} hold the busy rules ({@link #resetBusy}). */
  private boolean busyKnown;

  BusyRules() {}

  /**
   * Makes every rule of the {@code rules} the key now has idle (the matcher then marks the busy
   * ones, {@link #markBusy}): the busy record is kept from here until the key's rules change.
   */
  final void resetBusy(int rules) {
    busyLow = 0L;
    busyHigh = rules > 64 ? new long[(rules - 1) >>> 6] : null;
    busyKnown = true;
  }

  /** Records whether rule {@code rule} holds more than its matcher's fresh start. */
  final void markBusy(int rule, boolean busy) {
    long bit = 1L << rule;
    if (rule < 64) {
      busyLow = busy ? busyLow | bit : busyLow & ~bit;
    } else {
      int w = (rule >>> 6) - 1;
      busyHigh[w] = busy ? busyHigh[w] | bit : busyHigh[w] & ~bit;
    }
  }

  /**
   * How many words of 64 rules the busy record has; word {@code w} is {@link #busyWord}, and its
   * bit b is rule {@code (w << 6) + b}.
   */
  final int busyWords() {
    return busyHigh == null ? 1 : 1 + busyHigh.length;
  }

  final long busyWord(int w) {
    return w == 0 ? busyLow : busyHigh[w - 1];
  }

  /** Whether rule {@code rule} is recorded busy (tests). */
  final boolean isBusy(int rule) {
    return (busyWord(rule >>> 6) & 1L << rule) != 0;
  }

  /** Whether the record holds the busy rules: from {@link #resetBusy} to {@link #forgetBusy}. */
  final boolean busyKnown() {
    return busyKnown;
  }

  /** The key's rules changed without a matcher: the record is void until a matcher syncs. */
  final void forgetBusy() {
    busyKnown = false;
  }
}
