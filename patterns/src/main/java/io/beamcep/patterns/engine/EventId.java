package io.beamcep.patterns.engine;

/** An event of the key's buffer: its timestamp and its arrival rank among equal timestamps. */
record EventId(long timestamp, int id) implements Comparable<EventId> {
  @Override
  public int compareTo(EventId other) {
    int byTime = Long.compare(timestamp, other.timestamp);
    return byTime != 0 ? byTime : Integer.compare(id, other.id);
  }
}
