package io.beamcep.patterns.engine;

/** Flink's EventId: an event's timestamp and its arrival rank among equal timestamps. */
record EventId(long timestamp, int id) implements Comparable<EventId> {
  @Override
  public int compareTo(EventId other) {
    int byTime = Long.compare(timestamp, other.timestamp);
    return byTime != 0 ? byTime : Integer.compare(id, other.id);
  }
}
