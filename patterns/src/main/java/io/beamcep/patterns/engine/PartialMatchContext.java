package io.beamcep.patterns.engine;

import io.beamcep.patterns.condition.MatchContext;
import io.beamcep.patterns.event.Event;
import io.beamcep.patterns.nfa.Guard;
import io.beamcep.patterns.nfa.Moves;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Flink's ConditionContext: the partial match's events, extracted only when asked for. One per
 * thread; conditions must not keep it (see MatchContext). It is pointed at a partial match only
 * before a guard that reads the match is tested ({@link #bind}), not at every partial match: it
 * lives long, and each reference stored into it costs G1's write barrier a fence.
 */
final class PartialMatchContext implements MatchContext {
  /** Answers of a memo entry (see RunScratch#memo). */
  static final int FALSE = 0;
  static final int TRUE = 1;
  static final int THREW = 2;

  private ComputationState computation;
  private long timestamp;
  private long[] memo;
  private long[] counted;
  private RuntimeException[] thrown;
  /** The current rule's memo slots in the matcher's memo, by the automaton's own slot numbers. */
  private int[] slots;
  /** The event the memo's valid entries carry. */
  private long event;
  /** The current rule call. */
  private long call;
  private String askedFor; // the last pattern name asked for and its events
  private List<Event> events;
  /** Set when a guard that reads the partial match was tested (see {@link NfaRun.Decision}). */
  private boolean readMatch;
  /**
   * The last leaf that reads the match tested in the current decision, for which partial match,
   * and its answer: a step's skip guard negates its take guard, so a walk tests such a leaf twice
   * in a row for one partial match and event, and a condition's answer cannot change between.
   */
  private Guard lastMatchLeaf;
  private ComputationState lastMatchLeafFor;
  private boolean lastMatchLeafAnswer;
  /** The event and partial match a walk of the decision graph tests guards for. */
  private Event walkEvent;
  private ComputationState walkComputation;
  /** A walk's guard test: a guard through its parts, each leaf by {@link #testLeaf}. */
  private final Moves.GuardTest walkLeaf = leaf -> testLeaf(leaf, walkEvent, walkComputation);
  private final Moves.GuardTest walkTest = guard -> guard.test(walkLeaf);

  /**
   * Starts a rule call: a partial match bound before may have moved since. {@code slots} maps the
   * rule's memo slots to the matcher's, where rules that test one condition share one.
   */
  void beginRule(long timestamp, RunScratch scratch, int[] slots) {
    this.timestamp = timestamp;
    // written only when changed: the context lives long, and G1 makes such a store pay a fence
    if (memo != scratch.memo) {
      memo = scratch.memo;
      counted = scratch.counted;
      thrown = scratch.thrown;
    }
    if (this.slots != slots) {
      this.slots = slots;
    }
    event = scratch.event;
    call = scratch.call;
    unbind();
  }

  /**
   * Starts an event's tests that come before any rule call ({@link #answerUncounted}), which
   * name the matcher's memo slots themselves.
   */
  void beginEvent(long timestamp, RunScratch scratch) {
    beginRule(timestamp, scratch, slots);
  }

  /** Points the context at {@code computation}, whose guard is about to read it. */
  void bind(ComputationState computation) {
    if (this.computation != computation) {
      this.computation = computation;
      this.askedFor = null;
      this.events = null;
    }
  }

  /** Starts deciding for one automaton state: no guard read the match yet. */
  void startDecision() {
    readMatch = false;
    lastMatchLeaf = null;
  }

  /** Whether a guard that reads the partial match was tested since {@link #startDecision}. */
  boolean readMatch() {
    return readMatch;
  }

  /** The guard test of a walk deciding for {@code computation} and {@code event}. */
  Moves.GuardTest guardTest(Event event, ComputationState computation) {
    walkEvent = event;
    walkComputation = computation;
    return walkTest;
  }

  void unbind() {
    this.lastMatchLeaf = null;
    this.lastMatchLeafFor = null;
    this.walkEvent = null;
    this.walkComputation = null;
    this.computation = null;
    this.askedFor = null;
    this.events = null;
  }

  @Override
  public List<Event> eventsForPattern(String patternName) {
    if (patternName == null) {
      return Collections.emptyList();
    }
    requireBound(patternName);
    if (!patternName.equals(askedFor)) {
      events = eventsOf(computation.path, computation.startEventId, patternName);
      askedFor = patternName;
    }
    return events;
  }

  /**
   * Found on the path without a list: the seed's InitialCondition asks for one event per partial
   * match and event, and its list was most of what the condition allocated.
   */
  @Override
  public Event firstEventForPattern(String patternName) {
    if (patternName == null) {
      return null;
    }
    requireBound(patternName);
    if (patternName.equals(askedFor)) {
      return events.isEmpty() ? null : events.get(0);
    }
    Event oldest = null;
    EventId start = computation.startEventId;
    for (PathNode node = computation.path; node != null; node = node.before(start)) {
      if (node.pageName.equals(patternName)) {
        oldest = node.event;
      }
    }
    return oldest;
  }

  private void requireBound(String patternName) {
    if (computation == null) {
      // only a guard that reads the match binds one (see test)
      throw new IllegalStateException("a condition declared to read the event alone "
          + "(readsMatchContext() false) asked for the events of '" + patternName + "'");
    }
  }

  @Override
  public long timestamp() {
    return timestamp;
  }

  /**
   * The events {@code pageName} took in the path from {@code newest} back to {@code start}, oldest
   * first. An iterative condition asks this per partial match and event, and its step mostly took
   * one event: a list is made only for a second.
   */
  private static List<Event> eventsOf(PathNode newest, EventId start, String pageName) {
    Event single = null;
    List<Event> newestFirst = null;
    for (PathNode node = newest; node != null; node = node.before(start)) {
      if (node.pageName.equals(pageName)) {
        if (single == null && newestFirst == null) {
          single = node.event;
        } else {
          if (newestFirst == null) {
            newestFirst = new ArrayList<>(4);
            newestFirst.add(single);
            single = null;
          }
          newestFirst.add(node.event);
        }
      }
    }
    if (newestFirst == null) {
      return single == null ? Collections.emptyList() : Collections.singletonList(single);
    }
    Collections.reverse(newestFirst);
    return Collections.unmodifiableList(newestFirst);
  }

  /**
   * Tests the leaf {@code guard} for the partial match {@code computation} and the event: an
   * event-only leaf once per rule call (its memo slot), any other pointing this context at the
   * match first, once per decision for that partial match.
   */
  private boolean testLeaf(Guard guard, Event event, ComputationState computation) {
    int slot = guard.memoSlot();
    if (slot < 0) {
      if (guard.eventOnly()) {
        return guard.test(event, this);
      }
      readMatch = true;
      if (guard == lastMatchLeaf && computation == lastMatchLeafFor) {
        return lastMatchLeafAnswer;
      }
      bind(computation);
      boolean answer = guard.test(event, this);
      lastMatchLeaf = guard;
      lastMatchLeafFor = computation;
      lastMatchLeafAnswer = answer;
      return answer;
    }
    return testMemoized(guard, slot, event);
  }

  /**
   * The answer ({@link #TRUE}, {@link #FALSE} or {@link #THREW}) of the event-only leaf {@code
   * leaf}, whose memo slot is {@code shared} in the matcher's memo, remembered as {@link
   * #testMemoized} remembers it, but counting no error when it throws: the matcher asks this for a
   * group of rules before any of them runs ({@link #beginEvent}), and each rule that then tests
   * the condition counts its own error as before.
   */
  int answerUncounted(Guard leaf, int shared, Event event) {
    long known = memo[shared];
    if (known >>> 2 == this.event) {
      return (int) known & 3;
    }
    int answer;
    try {
      answer = leaf.testUncounted(event, this) ? TRUE : FALSE;
    } catch (RuntimeException e) {
      answer = THREW;
      thrown[shared] = e;
    }
    memo[shared] = this.event << 2 | answer;
    return answer;
  }

  /**
   * The answer of the event-only leaf {@code leaf}, whose memo slot is {@code slot} in its rule:
   * remembered when this event's call of any rule tested the same condition already, else tested
   * now. A condition that throws counts as false, and as one error on each rule that tests it for
   * the event, as when each rule tested it itself.
   */
  boolean testMemoized(Guard leaf, int slot, Event event) {
    int shared = slots[slot];
    long known = memo[shared];
    if (known >>> 2 == this.event) {
      int answer = (int) known & 3;
      if (answer == THREW && counted[shared] != call) {
        counted[shared] = call;
        leaf.countError(thrown[shared]);
      }
      return answer == TRUE;
    }
    int answer;
    try {
      answer = leaf.testUncounted(event, this) ? TRUE : FALSE;
    } catch (RuntimeException e) {
      answer = THREW;
      counted[shared] = call;
      thrown[shared] = e;
      leaf.countError(e);
    }
    memo[shared] = this.event << 2 | answer;
    return answer == TRUE;
  }
}
