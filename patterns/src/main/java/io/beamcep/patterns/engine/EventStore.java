package io.beamcep.patterns.engine;

import io.beamcep.patterns.event.Event;
import java.util.ArrayList;
import java.util.List;

/**
 * The key's event buffer, shared by every rule: each event stored once with a reference count
 * (Flink's SharedBuffer event map with Lockable entries). Buffer nodes hold their entry directly,
 * so locking and releasing an event does no lookup; the buffered entries form a list in arrival
 * order, which is what the binary form stores.
 */
final class EventStore {
  static final class Entry {
    final EventId id;
    final Event event;
    int refs;
    private Entry previous;
    private Entry next;
    private boolean listed;

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

  private Entry first;
  private Entry last;
  private int size;
  long lastTimestamp = Long.MIN_VALUE;
  int nextId;

  /** Registers an incoming event with one reference held by the caller (Flink's EventWrapper). */
  Entry register(Event event, long timestamp) {
    if (timestamp != lastTimestamp) {
      lastTimestamp = timestamp;
      nextId = 0;
    }
    Entry entry = new Entry(new EventId(timestamp, nextId++), event, 1);
    append(entry);
    return entry;
  }

  /** Adds a decoded entry at the end. */
  void restore(Entry entry) {
    append(entry);
  }

  void lock(Entry entry) {
    entry.refs++;
  }

  void release(Entry entry) {
    if (entry.refs <= 0 || --entry.refs == 0) {
      unlink(entry);
    }
  }

  boolean isEmpty() {
    return size == 0;
  }

  int size() {
    return size;
  }

  /** The buffered entries in arrival order. */
  List<Entry> entries() {
    List<Entry> entries = new ArrayList<>(size);
    for (Entry entry = first; entry != null; entry = entry.next) {
      entries.add(entry);
    }
    return entries;
  }

  private void append(Entry entry) {
    entry.previous = last;
    if (last == null) {
      first = entry;
    } else {
      last.next = entry;
    }
    last = entry;
    entry.listed = true;
    size++;
  }

  private void unlink(Entry entry) {
    if (!entry.listed) {
      return;
    }
    if (entry.previous == null) {
      first = entry.next;
    } else {
      entry.previous.next = entry.next;
    }
    if (entry.next == null) {
      last = entry.previous;
    } else {
      entry.next.previous = entry.previous;
    }
    entry.previous = null;
    entry.next = null;
    entry.listed = false;
    size--;
  }
}
