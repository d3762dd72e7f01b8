package io.beamcep.patterns.engine;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;

import io.beamcep.patterns.model.RuleKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The engine's queue lays its elements out as java.util.PriorityQueue does, operation for
 * operation: Flink walks that class's array, so every order the engine produces depends on it.
 */
class PartialMatchQueueTest {

  /** Few distinct start ids and many start states (no id), so ties are common. */
  private static ComputationState randomState(SplittableRandom random, int serial) {
    EventId start = random.nextInt(4) == 0
        ? null
        : new EventId(random.nextInt(6), random.nextInt(2));
    return new ComputationState(ComputationState.unresolved("s" + serial), null,
        start == null ? -1L : start.timestamp(), start);
  }

  private static List<ComputationState> arrayOrder(Iterable<ComputationState> queue) {
    List<ComputationState> order = new ArrayList<>();
    queue.forEach(order::add);
    return order;
  }

  @Test
  void everyOperationLeavesTheArrayAsTheJdkQueueDoes() {
    SplittableRandom random = new SplittableRandom(7);
    int serial = 0;
    for (int round = 0; round < 2_000; round++) {
      PriorityQueue<ComputationState> jdk = new PriorityQueue<>(2, ComputationState.ORDER);
      PartialMatchQueue ours = new PartialMatchQueue(2);
      for (int step = 0; step < 60; step++) {
        serial = randomOperation(random, jdk, ours, serial);
        assertSameLayout(ours, jdk);
      }
    }
  }

  /**
   * Three rules' queues as slices of one key's array (KeyState.pack): each still lays out as the
   * JDK queue does; one that outgrows its slice moves to an array of its own and back when the key
   * packs again; and the key's array holds exactly the elements of the queues living in it.
   */
  @Test
  void queuesSharingTheKeysArrayBehaveAsQueuesOfTheirOwn() {
    SplittableRandom random = new SplittableRandom(13);
    KeyState key = KeyState.empty();
    key.reconcile(new RuleKey[] {new RuleKey("a", 1), new RuleKey("b", 1), new RuleKey("c", 1)});
    List<PriorityQueue<ComputationState>> jdk = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      jdk.add(new PriorityQueue<>(2, ComputationState.ORDER));
    }
    RuleState view = new RuleState();
    int serial = 0;
    int movedOut = 0;
    for (int step = 0; step < 20_000; step++) {
      int rule = random.nextInt(3);
      key.load(rule, view);
      serial = randomOperation(random, jdk.get(rule), view, serial);
      key.store(rule, view);
      int living = 0;
      boolean allLiving = true;
      for (int i = 0; i < 3; i++) {
        key.load(i, view);
        assertSameLayout(view, jdk.get(i));
        if (view.array() == key.slots()) {
          living += view.size();
        } else {
          movedOut++;
          allLiving = false; // its old slice keeps what it held until the key packs
        }
      }
      if (allLiving) {
        long occupied = Arrays.stream(key.slots()).filter(Objects::nonNull).count();
        assertThat(occupied, is((long) living));
      }
      if (random.nextInt(4) == 0) {
        key.packIfOutgrown();
      }
    }
    assertThat("some queue outgrew its slice", movedOut > 0, is(true));
  }

  /** Applies one random operation, or the engine's refill, to both queues alike. */
  private static int randomOperation(SplittableRandom random,
      PriorityQueue<ComputationState> jdk, PartialMatchQueue ours, int serial) {
    int op = random.nextInt(10);
    if (op < 5) {
      ComputationState state = randomState(random, serial++);
      jdk.add(state);
      ours.add(state);
    } else if (op < 7) {
      assertThat(ours.peek(), is(jdk.peek()));
      assertThat(ours.poll(), is(jdk.poll()));
    } else if (op < 9) {
      EventId bound = new EventId(random.nextInt(6), random.nextInt(2));
      boolean inclusive = random.nextBoolean();
      List<ComputationState> doomed = new ArrayList<>();
      for (ComputationState state : jdk) {
        if (state.startEventId != null
            && (inclusive ? state.startEventId.compareTo(bound) <= 0
                : state.startEventId.compareTo(bound) < 0)) {
          doomed.add(state);
        }
      }
      jdk.removeAll(doomed);
      ours.removeStartedBefore(bound, inclusive);
    } else {
      // the engine's refill after an event: what it walked, in that order, some partial matches
      // ended, some replaced by successors, some new; the JDK queue is cleared and added to
      List<ComputationState> successors = new ArrayList<>();
      for (ComputationState state : arrayOrder(jdk)) {
        int fate = random.nextInt(6);
        if (fate > 0) {
          successors.add(fate == 1 ? randomState(random, serial++) : state);
        }
        if (fate == 2) {
          successors.add(randomState(random, serial++));
        }
      }
      for (int extra = random.nextInt(4); extra > 0; extra--) {
        successors.add(randomState(random, serial++));
      }
      jdk.clear();
      jdk.addAll(successors);
      ours.refill(successors);
    }
    return serial;
  }

  private static void assertSameLayout(
      PartialMatchQueue ours, PriorityQueue<ComputationState> jdk) {
    List<ComputationState> expected = arrayOrder(jdk);
    assertThat(arrayOrder(ours), is(expected));
    assertThat(ours.size(), is(jdk.size()));
    for (int i = 0; i < ours.size(); i++) {
      assertThat(ours.get(i), is(expected.get(i)));
    }
  }

  @Test
  void addingAllOfAnotherQueueTakesItInArrayOrder() {
    SplittableRandom random = new SplittableRandom(11);
    PriorityQueue<ComputationState> jdkSource = new PriorityQueue<>(ComputationState.ORDER);
    PartialMatchQueue ourSource = new PartialMatchQueue(0);
    for (int i = 0; i < 40; i++) {
      ComputationState state = randomState(random, i);
      jdkSource.add(state);
      ourSource.add(state);
    }
    PriorityQueue<ComputationState> jdk = new PriorityQueue<>(ComputationState.ORDER);
    PartialMatchQueue ours = new PartialMatchQueue(1);
    jdk.addAll(jdkSource);
    ours.addAll(ourSource);

    assertThat(arrayOrder(ours), is(arrayOrder(jdk)));
  }

  @Test
  void pollingEmptiesItInOrder() {
    EventId early = new EventId(1L, 0);
    EventId late = new EventId(2L, 0);
    ComputationState start =
        new ComputationState(ComputationState.unresolved("start"), null, -1L, null);
    ComputationState second =
        new ComputationState(ComputationState.unresolved("b"), null, 2L, late);
    ComputationState first =
        new ComputationState(ComputationState.unresolved("a"), null, 1L, early);
    PartialMatchQueue queue = new PartialMatchQueue(0);
    queue.addAll(Arrays.asList(start, second, first));

    List<ComputationState> polled = new ArrayList<>();
    for (ComputationState next = queue.poll(); next != null; next = queue.poll()) {
      polled.add(next);
    }

    assertThat(polled, contains(first, second, start));
    assertThat(queue.isEmpty(), is(true));
  }
}
