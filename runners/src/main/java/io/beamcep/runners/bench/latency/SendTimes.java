package io.beamcep.runners.bench.latency;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * When each event was handed to the Kafka producer, by the event's {@code id} (the generator
 * numbers events 1, 2, 3, ...). Written by the producer thread, read by the alert consumer
 * thread; a flat array because a boxed map of millions of entries would itself disturb the
 * latencies (GC) it helps to measure.
 */
final class SendTimes {
  static final long UNKNOWN = Long.MIN_VALUE;

  private final AtomicLongArray nanos;
  /** By id: the id of the next event sent with the same key, 0 while there is none. */
  private final AtomicLongArray nextOfKey;
  /** The last id sent per key; the producer thread's own. */
  private final Map<String, Long> lastOfKey = new HashMap<>();

  SendTimes(int capacity) {
    nanos = new AtomicLongArray(capacity + 1);
    nextOfKey = new AtomicLongArray(capacity + 1);
    for (int i = 0; i < nanos.length(); i++) {
      nanos.set(i, UNKNOWN);
    }
  }

  int capacity() {
    return nanos.length() - 1;
  }

  /** Called by the one producer thread, before the event is handed to Kafka. */
  void record(long id, String key, long sentNanos) {
    nanos.set(Math.toIntExact(id), sentNanos);
    Long previous = lastOfKey.put(key, id);
    if (previous != null) {
      nextOfKey.set(Math.toIntExact(previous), id);
    }
  }

  /** The id of the event sent next with the same key as {@code id}, or 0 if none was (yet). */
  long nextOfSameKey(long id) {
    return id < 1 || id >= nextOfKey.length() ? 0 : nextOfKey.get((int) id);
  }

  /** {@link #UNKNOWN} for an id this run never sent. */
  long sentNanos(long id) {
    return id < 1 || id >= nanos.length() ? UNKNOWN : nanos.get((int) id);
  }
}
