package io.beamcep.patterns.bench;

import java.util.Arrays;

/**
 * The bench host's timer service: at most one pending event-time timer per key, as a Flink or Beam
 * host keeps (setting a key's timer replaces its pending one; Flink's timer service deletes the old
 * entry from its heap). An indexed binary min-heap: each key remembers its position, deadlines sit
 * in a primitive array so a sift compares without loading the keys. The first version of the host
 * queued a new entry per deadline change and skipped stale ones when they surfaced; that heap grew
 * with every change, and polling it was an eighth of the benchmark's samples.
 */
final class KeyTimers<K extends KeyTimers.Slot> {
  /** What a key keeps for the heap: its position, -1 when it has no pending timer. */
  static class Slot {
    int timerIndex = -1;
  }

  private long[] deadlines = new long[1024];
  private Slot[] slots = new Slot[1024];
  private int size;

  /** Sets the key's one timer to {@code deadline}; Long.MAX_VALUE deletes it. */
  void set(K slot, long deadline) {
    int index = slot.timerIndex;
    if (deadline == Long.MAX_VALUE) {
      if (index >= 0) {
        removeAt(index);
      }
      return;
    }
    if (index < 0) {
      if (size == deadlines.length) {
        deadlines = Arrays.copyOf(deadlines, size * 2);
        slots = Arrays.copyOf(slots, size * 2);
      }
      place(slot, deadline, size++);
      siftUp(size - 1);
    } else if (deadline < deadlines[index]) {
      deadlines[index] = deadline;
      siftUp(index);
    } else if (deadline > deadlines[index]) {
      deadlines[index] = deadline;
      siftDown(index);
    }
  }

  /** The key whose timer is due at {@code now} (earliest first), removed; null when none is. */
  @SuppressWarnings("unchecked")
  K pollDue(long now) {
    if (size == 0 || deadlines[0] > now) {
      return null;
    }
    Slot due = slots[0];
    removeAt(0);
    return (K) due;
  }

  int size() {
    return size;
  }

  private void removeAt(int index) {
    slots[index].timerIndex = -1;
    int last = --size;
    if (index != last) {
      place(slots[last], deadlines[last], index);
      slots[last] = null;
      siftDown(index);
      siftUp(index);
    } else {
      slots[last] = null;
    }
  }

  private void place(Slot slot, long deadline, int index) {
    slots[index] = slot;
    deadlines[index] = deadline;
    slot.timerIndex = index;
  }

  private void siftUp(int index) {
    Slot slot = slots[index];
    long deadline = deadlines[index];
    while (index > 0) {
      int parent = (index - 1) >>> 1;
      if (deadlines[parent] <= deadline) {
        break;
      }
      place(slots[parent], deadlines[parent], index);
      index = parent;
    }
    place(slot, deadline, index);
  }

  private void siftDown(int index) {
    Slot slot = slots[index];
    long deadline = deadlines[index];
    int half = size >>> 1;
    while (index < half) {
      int child = 2 * index + 1;
      if (child + 1 < size && deadlines[child + 1] < deadlines[child]) {
        child++;
      }
      if (deadline <= deadlines[child]) {
        break;
      }
      place(slots[child], deadlines[child], index);
      index = child;
    }
    place(slot, deadline, index);
  }
}
