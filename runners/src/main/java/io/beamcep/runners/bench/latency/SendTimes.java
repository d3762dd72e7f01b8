package io.beamcep.runners.bench.latency;

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

  SendTimes(int capacity) {
    nanos = new AtomicLongArray(capacity + 1);
    for (int i = 0; i < nanos.length(); i++) {
      nanos.set(i, UNKNOWN);
    }
  }

  int capacity() {
    return nanos.length() - 1;
  }

  void record(long id, long sentNanos) {
    nanos.set(Math.toIntExact(id), sentNanos);
  }

  /** {@link #UNKNOWN} for an id this run never sent. */
  long sentNanos(long id) {
    return id < 1 || id >= nanos.length() ? UNKNOWN : nanos.get((int) id);
  }
}
