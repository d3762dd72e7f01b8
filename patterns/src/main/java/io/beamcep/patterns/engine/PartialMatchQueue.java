package io.beamcep.patterns.engine;

import java.util.AbstractCollection;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Flink's partial-match queue, a {@code java.util.PriorityQueue} ordered by
 * {@link ComputationState#ORDER}, laid out exactly as that class lays it out: the engine walks the
 * queue in array order as Flink does, and that order decides the order of everything it makes.
 * Each operation here is the JDK 17 algorithm of the same name (sift up on add, sift down on poll,
 * bulk removal keeps the survivors' order and re-heapifies), checked against the JDK class by
 * {@code PartialMatchQueueTest}.
 *
 * <p>Its own class rather than the JDK's so the per-event path reads the array by index: one object
 * fewer per rule and key to reach, and no iterator object per walk.
 *
 * <p>The queue is a slice of its array: {@code capacity} slots from {@code base}. A rule's queue
 * sits in its key's one array of slots ({@link KeyState#pack}), so a key's partial matches of all
 * rules are reached through one array rather than a rule state and an array each; a queue that
 * outgrows its slice moves to an array of its own until the key packs again. Slots past the size
 * of a queue's slice are null, so the key may read the whole array; the slice a queue moved out of
 * keeps what it held until the key packs.
 */
class PartialMatchQueue extends AbstractCollection<ComputationState> {
  private static final ComputationState[] EMPTY = new ComputationState[0];

  private ComputationState[] heap;
  /** The slice: heap[base] up to (excluding) heap[base + capacity]. */
  private int base;
  private int capacity;
  private int size;

  PartialMatchQueue(int capacity) {
    heap = capacity == 0 ? EMPTY : new ComputationState[capacity];
    this.capacity = capacity;
  }

  /** The array this queue's slice is in (its key's array of slots, or one of its own). */
  final ComputationState[] array() {
    return heap;
  }

  /** Where this queue's slice starts in {@link #array}. */
  final int base() {
    return base;
  }

  /** How many slots this queue's slice has. */
  final int capacity() {
    return capacity;
  }

  /**
   * Makes this queue the one whose {@code size} elements already sit in {@code capacity} slots of
   * {@code array} from {@code base}, laid out as a queue: how a key's rule is read from its packed
   * form (KeyState#load).
   */
  final void bind(ComputationState[] array, int base, int capacity, int size) {
    this.heap = array;
    this.base = base;
    this.capacity = capacity;
    this.size = size;
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public boolean isEmpty() {
    return size == 0;
  }

  /** The element at {@code index} in array (iteration) order. */
  ComputationState get(int index) {
    return heap[base + index];
  }

  /**
   * Loads what the next event's step reads first of {@code computation} (itself, and for a guard
   * that reads the match its newest event), returning a value made from them that the caller keeps
   * so the loads are not optimised away. See KeyState.touch.
   */
  static long touch(ComputationState computation) {
    long sum = computation.startTimestamp;
    PathNode newest = computation.path;
    if (newest != null && computation.state.readsMatch()) {
      // its guard will read what the match took, mostly the newest event's fields
      sum += newest.event.fieldValue(0) == null ? 0 : 1;
    }
    return sum;
  }

  /** Puts {@code element} at {@code index}; it must order exactly as the one it replaces. */
  void replace(int index, ComputationState element) {
    if (ComputationState.ORDER.compare(get(index), element) != 0) {
      throw new IllegalArgumentException(element + " does not order as " + get(index));
    }
    heap[base + index] = element;
  }

  ComputationState peek() {
    return size == 0 ? null : heap[base];
  }

  @Override
  public boolean add(ComputationState element) {
    siftIn(element);
    return true;
  }

  /**
   * PriorityQueue.offer: puts {@code element} last and sifts it up. A slot is written only when
   * what it holds changes, which matters to {@link #refill}.
   */
  private void siftIn(ComputationState element) {
    if (element == null) {
      throw new NullPointerException();
    }
    int k = size;
    if (k >= capacity) {
      grow(); // the slice is full, so in a refill none of its slots is stale
    }
    ComputationState[] es = heap;
    int b = base;
    while (k > 0) {
      int parent = (k - 1) >>> 1;
      ComputationState e = es[b + parent];
      if (ComputationState.ORDER.compare(element, e) >= 0) {
        break;
      }
      if (es[b + k] != e) {
        es[b + k] = e;
      }
      k = parent;
    }
    if (es[b + k] != element) {
      es[b + k] = element;
    }
    size++;
  }

  /**
   * Makes the queue what {@link #clear()} and then {@link #add} of each of {@code elements}, in
   * order, would make it, without writing a slot that already holds what it would be given. The
   * queue usually sits in its key's long-lived array, where G1 makes every reference store pay a
   * memory fence, and after an event many slots get back the partial match they held (kept as it
   * was, or moved on in place): 47 % of the slots filled in the engine benchmark's pass, whose
   * clear alone was as many stores again.
   */
  void refill(List<ComputationState> elements) {
    int stale = size; // slots from size on still hold the queue's old elements until overwritten
    size = 0;
    for (int i = 0, n = elements.size(); i < n; i++) {
      siftIn(elements.get(i));
    }
    clearSlots(size, stale);
  }

  /** Nulls the slots from {@code from} to (excluding) {@code to} of the slice that are not null. */
  private void clearSlots(int from, int to) {
    ComputationState[] es = heap;
    for (int i = base + from, end = base + to; i < end; i++) {
      if (es[i] != null) {
        es[i] = null;
      }
    }
  }

  /**
   * PriorityQueue's growth, into an array of this queue's own (it leaves a shared one). The slice
   * it leaves keeps its references: the key packs again before its next event or timer (see
   * KeyState.packIfOutgrown), which drops the old array, and nulling a slice of a key's long-lived
   * array was 2 % of the benchmark at 50,000 users, most of it cache misses.
   */
  private void grow() {
    int k = size;
    int grown = Math.max(2, k + (k < 64 ? k + 2 : k >> 1));
    ComputationState[] own = new ComputationState[grown];
    System.arraycopy(heap, base, own, 0, k);
    heap = own;
    base = 0;
    capacity = grown;
  }

  ComputationState poll() {
    if (size == 0) {
      return null;
    }
    ComputationState[] es = heap;
    int b = base;
    ComputationState result = es[b];
    int n = --size;
    ComputationState last = es[b + n];
    es[b + n] = null;
    if (n > 0) {
      siftDown(0, last, es, b, n);
    }
    return result;
  }

  @Override
  public void clear() {
    clearSlots(0, size);
    size = 0;
  }

  /**
   * Removes the started partial matches whose start event comes before {@code bound}, or is it
   * when {@code inclusive}: Flink's pruning by the skip strategy's event. A start time is its start
   * event's, so only partial matches that started at the bound's time read their start id: the
   * others are decided by a field of the partial match itself, without loading another object.
   * The slots are left as PriorityQueue.removeAll leaves its array.
   */
  boolean removeStartedBefore(EventId bound, boolean inclusive) {
    ComputationState[] es = heap;
    int b = base;
    int end = size;
    long time = bound.timestamp();
    int first = 0;
    while (first < end && !startsBefore(es[b + first], bound, time, inclusive)) {
      first++;
    }
    if (first >= end) {
      return false;
    }
    int kept = first;
    for (int i = first + 1; i < end; i++) {
      if (!startsBefore(es[b + i], bound, time, inclusive)) {
        es[b + kept++] = es[b + i];
      }
    }
    Arrays.fill(es, b + kept, b + end, null);
    size = kept;
    for (int i = (kept >>> 1) - 1; i >= 0; i--) {
      siftDown(i, es[b + i], es, b, kept);
    }
    return true;
  }

  /** True when {@code computation} started at or before the event {@code bound}. */
  static boolean startedAtOrBefore(ComputationState computation, EventId bound) {
    return startsBefore(computation, bound, bound.timestamp(), true);
  }

  private static boolean startsBefore(ComputationState computation, EventId bound, long time,
      boolean inclusive) {
    EventId start = computation.startEventId;
    if (start == null) {
      return false; // a fresh start: nothing to prune
    }
    long startTime = computation.startTimestamp;
    if (startTime != time) {
      return startTime < time;
    }
    int cmp = Integer.compare(start.id(), bound.id());
    return inclusive ? cmp <= 0 : cmp < 0;
  }

  /** PriorityQueue.siftDownUsingComparator over the slice of {@code es} from {@code b}. */
  private static void siftDown(int k, ComputationState x, ComputationState[] es, int b, int n) {
    int half = n >>> 1;
    while (k < half) {
      int child = (k << 1) + 1;
      ComputationState c = es[b + child];
      int right = child + 1;
      if (right < n && ComputationState.ORDER.compare(c, es[b + right]) > 0) {
        c = es[b + (child = right)];
      }
      if (ComputationState.ORDER.compare(x, c) <= 0) {
        break;
      }
      es[b + k] = c;
      k = child;
    }
    es[b + k] = x;
  }

  @Override
  public Iterator<ComputationState> iterator() {
    return new Iterator<>() {
      private int next;

      @Override
      public boolean hasNext() {
        return next < size;
      }

      @Override
      public ComputationState next() {
        if (next >= size) {
          throw new NoSuchElementException();
        }
        return heap[base + next++];
      }
    };
  }
}
