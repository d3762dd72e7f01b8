package io.beamcep.patterns.engine;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The names a thread's decodes made last, found again by their UTF-8 bytes. Every key's events
 * repeat the same field, rule, pattern and state names, and a state backend that keeps keys as
 * bytes decodes the key on each of its events: making each name anew was a tenth of a decode's
 * garbage, and every decoded key held its own copies. Field values are made anew: they are mostly
 * a key's own ids (user, session, product), which only evicted the names (a decode took 7.5-8.1
 * us per event with values left out, 8.6-8.9 with them in). Direct-mapped: a name whose slot
 * another took is made anew, as before.
 */
final class DecodedStrings {
  /** Longer strings are made anew: they are rarely repeated names, and hashing them costs more. */
  static final int LONGEST = 64;
  private static final int SLOTS = 1 << 10;
  private static final ThreadLocal<DecodedStrings> PER_THREAD =
      ThreadLocal.withInitial(DecodedStrings::new);

  private final byte[][] keys = new byte[SLOTS][];
  private final String[] values = new String[SLOTS];

  static DecodedStrings forThisThread() {
    return PER_THREAD.get();
  }

  /** The string of {@code bytes[offset, offset + length)}, at most {@link #LONGEST} bytes. */
  String get(byte[] bytes, int offset, int length) {
    int hash = length;
    for (int i = offset, end = offset + length; i < end; i++) {
      hash = 31 * hash + bytes[i];
    }
    int slot = (hash ^ (hash >>> 16)) & (SLOTS - 1);
    byte[] key = keys[slot];
    if (key != null && Arrays.equals(key, 0, key.length, bytes, offset, offset + length)) {
      return values[slot];
    }
    String text = new String(bytes, offset, length, StandardCharsets.UTF_8);
    keys[slot] = Arrays.copyOfRange(bytes, offset, offset + length);
    values[slot] = text;
    return text;
  }
}
