package io.beamcep.patterns.engine;

import java.util.AbstractCollection;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.Predicate;

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
 */
class PartialMatchQueue extends AbstractCollection<ComputationState> {
  private static final ComputationState[] EMPTY = new ComputationState[0];

  private ComputationState[] heap;
  private int size;

  PartialMatchQueue(int capacity) {
    heap = capacity == 0 ? EMPTY : new ComputationState[capacity];
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
    return heap[index];
  }

  /**
   * Reads every partial match's start id in a loop of independent loads, and returns a value made
   * from them (the caller keeps it so the loads are not optimised away). See KeyState.touch.
   */
  long touch() {
    long sum = size;
    ComputationState[] es = heap;
    for (int i = 0, n = size; i < n; i++) {
      ComputationState computation = es[i];
      EventId start = computation.startEventId;
      sum += start == null ? 1 : start.id();
      PathNode newest = computation.path;
      if (newest != null && computation.state.readsMatch()) {
        // its guard will read what the match took, mostly the newest event's fields
        sum += newest.event.fieldValue(0) == null ? 0 : 1;
      }
    }
    return sum;
  }

  /** Puts {@code element} at {@code index}; it must order exactly as the one it replaces. */
  void replace(int index, ComputationState element) {
    if (ComputationState.ORDER.compare(heap[index], element) != 0) {
      throw new IllegalArgumentException(element + " does not order as " + heap[index]);
    }
    heap[index] = element;
  }

  ComputationState peek() {
    return size == 0 ? null : heap[0];
  }

  @Override
  public boolean add(ComputationState element) {
    if (element == null) {
      throw new NullPointerException();
    }
    int k = size;
    if (k >= heap.length) {
      heap = Arrays.copyOf(heap, Math.max(2, k + (k < 64 ? k + 2 : k >> 1)));
    }
    ComputationState[] es = heap;
    while (k > 0) {
      int parent = (k - 1) >>> 1;
      ComputationState e = es[parent];
      if (ComputationState.ORDER.compare(element, e) >= 0) {
        break;
      }
      es[k] = e;
      k = parent;
    }
    es[k] = element;
    size++;
    return true;
  }

  ComputationState poll() {
    if (size == 0) {
      return null;
    }
    ComputationState[] es = heap;
    ComputationState result = es[0];
    int n = --size;
    ComputationState last = es[n];
    es[n] = null;
    if (n > 0) {
      siftDown(0, last, es, n);
    }
    return result;
  }

  @Override
  public void clear() {
    Arrays.fill(heap, 0, size, null);
    size = 0;
  }

  /** Removes every element {@code doomed} accepts, as PriorityQueue.removeIf / removeAll do. */
  @Override
  public boolean removeIf(Predicate<? super ComputationState> doomed) {
    ComputationState[] es = heap;
    int end = size;
    int first = 0;
    while (first < end && !doomed.test(es[first])) {
      first++;
    }
    if (first >= end) {
      return false;
    }
    int kept = first;
    for (int i = first + 1; i < end; i++) {
      if (!doomed.test(es[i])) {
        es[kept++] = es[i];
      }
    }
    Arrays.fill(es, kept, end, null);
    size = kept;
    for (int i = (kept >>> 1) - 1; i >= 0; i--) {
      siftDown(i, es[i], es, kept);
    }
    return true;
  }

  private static void siftDown(int k, ComputationState x, ComputationState[] es, int n) {
    int half = n >>> 1;
    while (k < half) {
      int child = (k << 1) + 1;
      ComputationState c = es[child];
      int right = child + 1;
      if (right < n && ComputationState.ORDER.compare(c, es[right]) > 0) {
        c = es[child = right];
      }
      if (ComputationState.ORDER.compare(x, c) <= 0) {
        break;
      }
      es[k] = c;
      k = child;
    }
    es[k] = x;
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
        return heap[next++];
      }
    };
  }
}
