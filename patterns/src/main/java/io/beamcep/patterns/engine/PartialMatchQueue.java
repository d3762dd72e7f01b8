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
 * <p>Its own class rather than the JDK's so the per-event path reads the queue by index: one object
 * fewer per rule and key to reach, and no iterator object per walk. The first two places are
 * fields, not array slots: most rules of most keys hold one or two partial matches, and every
 * event reads every rule's queue of its key, so for them the array was one more object to wait
 * for (a cache miss each, when the key's state is out of cache). Places from 2 on are in
 * {@link #rest}, at index - 2.
 */
class PartialMatchQueue extends AbstractCollection<ComputationState> {
  private static final ComputationState[] EMPTY = new ComputationState[0];

  private ComputationState first;
  private ComputationState second;
  private ComputationState[] rest = EMPTY;
  private int size;

  /** {@code capacity}: the places expected; beyond the two fields, the array is made on demand. */
  PartialMatchQueue(int capacity) {
    if (capacity > 2) {
      rest = new ComputationState[capacity - 2];
    }
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
    return index == 0 ? first : index == 1 ? second : rest[index - 2];
  }

  private void set(int index, ComputationState element) {
    if (index == 0) {
      first = element;
    } else if (index == 1) {
      second = element;
    } else {
      rest[index - 2] = element;
    }
  }

  /**
   * Reads every partial match's start in a loop of independent loads, and returns a value made
   * from them (the caller keeps it so the loads are not optimised away). See KeyState.touch.
   */
  long touch() {
    int n = size;
    long sum = n;
    if (n > 0) {
      sum += first.startRank;
    }
    if (n > 1) {
      sum += second.startRank;
    }
    ComputationState[] es = rest;
    for (int i = 0; i < n - 2; i++) {
      sum += es[i].startRank;
    }
    return sum;
  }

  /** Puts {@code element} at {@code index}; it must order exactly as the one it replaces. */
  void replace(int index, ComputationState element) {
    if (ComputationState.ORDER.compare(get(index), element) != 0) {
      throw new IllegalArgumentException(element + " does not order as " + get(index));
    }
    set(index, element);
  }

  ComputationState peek() {
    return first; // null when empty
  }

  @Override
  public boolean add(ComputationState element) {
    if (element == null) {
      throw new NullPointerException();
    }
    int k = size;
    if (k - 2 >= rest.length) {
      int capacity = k + (k < 64 ? k + 2 : k >> 1); // PriorityQueue's growth, as if one array
      rest = Arrays.copyOf(rest, capacity - 2);
    }
    while (k > 0) {
      int parent = (k - 1) >>> 1;
      ComputationState e = get(parent);
      if (ComputationState.ORDER.compare(element, e) >= 0) {
        break;
      }
      set(k, e);
      k = parent;
    }
    set(k, element);
    size++;
    return true;
  }

  ComputationState poll() {
    if (size == 0) {
      return null;
    }
    ComputationState result = first;
    int n = --size;
    ComputationState last = get(n);
    set(n, null);
    if (n > 0) {
      siftDown(0, last, n);
    }
    return result;
  }

  @Override
  public void clear() {
    first = null;
    second = null;
    if (size > 2) {
      Arrays.fill(rest, 0, size - 2, null);
    }
    size = 0;
  }

  /** Removes every element {@code doomed} accepts, as PriorityQueue.removeIf / removeAll do. */
  @Override
  public boolean removeIf(Predicate<? super ComputationState> doomed) {
    int end = size;
    int firstDoomed = 0;
    while (firstDoomed < end && !doomed.test(get(firstDoomed))) {
      firstDoomed++;
    }
    if (firstDoomed >= end) {
      return false;
    }
    int kept = firstDoomed;
    for (int i = firstDoomed + 1; i < end; i++) {
      ComputationState e = get(i);
      if (!doomed.test(e)) {
        set(kept++, e);
      }
    }
    for (int i = kept; i < end; i++) {
      set(i, null);
    }
    size = kept;
    for (int i = (kept >>> 1) - 1; i >= 0; i--) {
      siftDown(i, get(i), kept);
    }
    return true;
  }

  private void siftDown(int k, ComputationState x, int n) {
    int half = n >>> 1;
    while (k < half) {
      int child = (k << 1) + 1;
      ComputationState c = get(child);
      int right = child + 1;
      if (right < n && ComputationState.ORDER.compare(c, get(right)) > 0) {
        c = get(child = right);
      }
      if (ComputationState.ORDER.compare(x, c) <= 0) {
        break;
      }
      set(k, c);
      k = child;
    }
    set(k, x);
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
        return get(next++);
      }
    };
  }
}
