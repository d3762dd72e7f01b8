package io.beamcep.patterns.engine;

import io.beamcep.patterns.event.Event;
import java.util.HashMap;
import java.util.Map;

/**
 * The key's event buffer, shared by every rule: each event stored once with a reference count
 * (Flink's SharedBuffer event map with Lockable entries).
 */
final class EventStore {
  static final class Entry {
    final Event event;
    int refs;

    Entry(Event event, int refs) {
      this.event = event;
      this.refs = refs;
    }
  }

  final Map<EventId, Entry> events = new HashMap<>();
  long lastTimestamp = Long.MIN_VALUE;
  int nextId;

  /** Registers an incoming event with one reference held by the caller (Flink's EventWrapper). */
  EventId register(Event event, long timestamp) {
    if (timestamp != lastTimestamp) {
      lastTimestamp = timestamp;
      nextId = 0;
    }
    EventId id = new EventId(timestamp, nextId++);
    events.put(id, new Entry(event, 1));
    return id;
  }

  void lock(EventId id) {
    Entry entry = events.get(id);
    if (entry != null) {
      entry.refs++;
    }
  }

  void release(EventId id) {
    Entry entry = events.get(id);
    if (entry != null) {
      if (entry.refs <= 0 || --entry.refs == 0) {
        events.remove(id);
      }
    }
  }

  Event get(EventId id) {
    Entry entry = events.get(id);
    if (entry == null) {
      throw new IllegalStateException("event " + id + " missing from the key's buffer");
    }
    return entry.event;
  }
}
