package io.beamcep.patterns.engine;

import io.beamcep.patterns.nfa.State;
import io.beamcep.patterns.nfa.StateType;
import java.util.Comparator;

/**
 * One partial match (Flink's ComputationState): where it is in the automaton, the events it took
 * and window bookkeeping.
 *
 * <p>Where Flink replaces a computation state by a new one, the engine moves a partial match that
 * has exactly one successor in place ({@link #advance}): a looping step advances every partial
 * match on most events, and a new object per step was the largest part of the engine's garbage.
 * Only the queue of its rule refers to a partial match, so nothing else sees it move.
 */
final class ComputationState {
  /** Flink's NFAState.COMPUTATION_STATE_COMPARATOR: by start event, start states last. */
  static final Comparator<ComputationState> ORDER = ComputationState::compareStarts;

  /**
   * The automaton state itself, so the per-event path needs no lookup by name. Resolved again
   * whenever the key state meets another matcher (after decoding, or a rule set refresh); until
   * then a decoded partial match holds a stand-in that carries only the name ({@link #unresolved}),
   * so no partial match needs a field for its name: 8 bytes less of each, and of the garbage of
   * every partial match started.
   */
  State state;
  /** The last event taken; null before the first. */
  PathNode path;
  final long startTimestamp;
  final EventId startEventId;

  ComputationState(State state, PathNode path, long startTimestamp, EventId startEventId) {
    this.state = state;
    this.path = path;
    this.startTimestamp = startTimestamp;
    this.startEventId = startEventId;
  }

  /**
   * Flink's previousTimestamp: when the last event was taken, -1 before the first. Read from the
   * path rather than kept: only a PREVIOUS_AND_CURRENT window reads it, and a field of its own made
   * every partial match 40 bytes instead of 32.
   */
  long previousTimestamp() {
    return path == null ? -1L : path.id.timestamp();
  }

  /**
   * A stand-in for the automaton state named {@code name}, for decoders: it gives the name and
   * nothing else, and the matcher replaces it before its partial match takes a step.
   */
  static State unresolved(String name) {
    return new State(name, null, StateType.NORMAL);
  }

  static ComputationState start(State state) {
    return new ComputationState(state, null, -1L, null);
  }

  /**
   * Takes {@code taken} and moves to {@code next}: what Flink's new computation state for a take by
   * a partial match past its start would hold. Its start event, and so its place in the queue,
   * stay.
   */
  void advance(State next, PathNode taken) {
    this.state = next;
    this.path = taken;
  }

  /** As {@link #start} would make it: nothing taken, no window running. */
  boolean isFreshStart() {
    return path == null && startEventId == null && startTimestamp == -1L;
  }

  private static int compareStarts(ComputationState a, ComputationState b) {
    EventId x = a.startEventId;
    EventId y = b.startEventId;
    if (x == null || y == null) {
      return x == null ? (y == null ? 0 : 1) : -1;
    }
    // a start time is its start event's (decoders check it): only a tie reads the events' ranks,
    // so ordering the queue does not wait for each partial match's start id to load
    int byTime = Long.compare(a.startTimestamp, b.startTimestamp);
    return byTime != 0 ? byTime : Integer.compare(x.id(), y.id());
  }

  /** The automaton state's name: what the binary form stores. */
  String stateName() {
    return state.name();
  }

  @Override
  public String toString() {
    return stateName() + (path == null ? "" : " " + path);
  }
}
