package io.beamcep.patterns.engine;

import io.beamcep.patterns.event.Event;
import java.util.HashMap;
import java.util.Map;

/**
 * The key's event buffer, shared by every rule: each event stored once with a reference count
 * (Flink's SharedBuffer event map with Lockable entries). Buffer nodes hold their entry directly,
 * so locking and releasing an event does no lookup.
 */
final class EventStore {
  static final class Entry {
    final EventId id;
    final Event event;
    int refs;

    Entry(EventId id, Event event, int refs) {
      this.id = id;
      this.event = event;
      this.refs = refs;
    }

    @Override
    public String toString() {
      return "Entry[" + id + ", refs=" + refs + "]";
    }
  }

  final Map<EventId, Entry> events = new HashMap<>();
  long lastTimestamp = Long.MIN_VALUE;
  int nextId;

  /** Registers an incoming event with one reference held by the caller (Flink's EventWrapper). */
  Entry register(Event event, long timestamp) {
    if (timestamp != lastTimestamp) {
      lastTimestamp = timestamp;
      nextId = 0;
    }
    EventId id = new EventId(timestamp, nextId++);
    Entry entry = new Entry(id, event, 1);
    events.put(id, entry);
    return entry;
  }

  /** Adds a decoded entry. */
  void restore(Entry entry) {
    events.put(entry.id, entry);
  }

  void lock(Entry entry) {
    entry.refs++;
  }

  void release(Entry entry) {
    if (entry.refs <= 0 || --entry.refs == 0) {
      events.remove(entry.id);
    }
  }
}
