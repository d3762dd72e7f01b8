package io.beamcep.pipeline.match;

import io.beamcep.patterns.engine.KeyState;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The decoded engine state of recently matched keys, for one DoFn instance, so that a key's next
 * event need not decode its state from bytes again (in processing time every event is matched on
 * its own, so decoding was paid per event).
 *
 * <p>The state's bytes stay the source of truth: an entry remembers the very array it was written
 * as (or read from) and is used only while the runner's state still holds that same array. Any
 * other array (a restore, a copy made by the runner, a write by another code path) means the entry
 * is stale and the caller decodes. Heap state backends return the stored array itself, so there the
 * cache hits; a backend that deserializes on every read (RocksDB) simply always misses.
 *
 * <p>The engine mutates a {@link KeyState} in place, so {@link #take} removes the entry: a failure
 * half-way through matching cannot leave a half-updated state behind under the old bytes.
 */
final class DecodedKeyStates {
  private final Map<String, Entry> entries;

  DecodedKeyStates(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
    }
    // Access order: evicts the least recently matched key.
    this.entries = new LinkedHashMap<>(Math.min(capacity, 1 << 16), 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
        return size() > capacity;
      }
    };
  }

  /**
   * The decoded form of {@code bytes} (the key's stored state, null when it has none), removed from
   * the cache: from the cache when it holds exactly this array, else decoded.
   */
  KeyState take(String key, byte[] bytes) {
    Entry entry = entries.remove(key);
    if (bytes == null) {
      return KeyState.empty();
    }
    if (entry != null && entry.bytes == bytes) {
      return entry.state;
    }
    return KeyState.fromBytes(bytes);
  }

  /** Remembers that the key's state, now stored as exactly {@code bytes}, decodes to {@code state}. */
  void put(String key, byte[] bytes, KeyState state) {
    entries.put(key, new Entry(bytes, state));
  }

  int size() {
    return entries.size();
  }

  private record Entry(byte[] bytes, KeyState state) {}
}
