package io.beamcep.patterns.engine;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The strings a thread's decodes made last, found again by their UTF-8 bytes. A key's events repeat
 * a few dozen strings (field names, event types, user, product and category ids) across every key,
 * and a state backend that keeps keys as bytes decodes the key on each of its events: making each
 * string anew was a fifth of a decode's time and of its garbage, and every decoded key held its
 * own copies. Direct-mapped: a string whose slot another took is made anew, as before.
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
