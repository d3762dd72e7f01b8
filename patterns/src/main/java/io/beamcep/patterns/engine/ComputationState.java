package io.beamcep.patterns.engine;

import io.beamcep.patterns.nfa.State;
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

  /** The automaton state's name: what the binary form stores. */
  String stateName;
  /**
   * The automaton state itself, so the per-event path needs no lookup by name. Resolved again
   * whenever the key state meets another matcher (after decoding, or a rule set refresh).
   */
  State state;
  /** The last event taken; null before the first. */
  PathNode path;
  final long startTimestamp;
  long previousTimestamp;
  /**
   * Flink's start EventId, its timestamp and rank held here rather than as an object: the queue
   * order and every walk down a path compare it, and an object was one more load to wait for per
   * partial match. {@link #NO_START} while nothing is taken.
   */
  final long startIdTimestamp;
  final int startRank;

  /** The {@link #startRank} of a partial match that took nothing (ranks are never negative). */
  static final int NO_START = -1;

  ComputationState(
      State state,
      String stateName,
      PathNode path,
      long startTimestamp,
      long previousTimestamp,
      long startIdTimestamp,
      int startRank) {
    this.state = state;
    this.stateName = stateName;
    this.path = path;
    this.startTimestamp = startTimestamp;
    this.previousTimestamp = previousTimestamp;
    this.startIdTimestamp = startRank == NO_START ? -1L : startIdTimestamp;
    this.startRank = startRank;
  }

  /** For decoders and tests: {@code startEventId} null for a partial match that took nothing. */
  ComputationState(
      State state,
      String stateName,
      PathNode path,
      long startTimestamp,
      long previousTimestamp,
      EventId startEventId) {
    this(state, stateName, path, startTimestamp, previousTimestamp,
        startEventId == null ? -1L : startEventId.timestamp(),
        startEventId == null ? NO_START : startEventId.id());
  }

  static ComputationState start(State state) {
    return new ComputationState(state, state.name(), null, -1L, -1L, -1L, NO_START);
  }

  /** True once it took its first event. */
  boolean started() {
    return startRank != NO_START;
  }

  /** Its start event's id, made anew on each call; null when {@link #started} is false. */
  EventId startEventId() {
    return started() ? new EventId(startIdTimestamp, startRank) : null;
  }

  /** True when it started at the event {@code timestamp} / {@code rank}. */
  boolean startedAt(long timestamp, int rank) {
    return startRank == rank && startIdTimestamp == timestamp;
  }

  /** Its start against the event {@code id}, as EventId.compareTo orders them. */
  int compareStartTo(EventId id) {
    return compareStartTo(id.timestamp(), id.id());
  }

  /** Its start against the event {@code timestamp} / {@code rank}, as EventId orders them. */
  int compareStartTo(long timestamp, int rank) {
    int byTime = Long.compare(startIdTimestamp, timestamp);
    return byTime != 0 ? byTime : Integer.compare(startRank, rank);
  }

  /**
   * Takes {@code taken} and moves to {@code next}: what Flink's new computation state for a take by
   * a partial match past its start would hold. Its start event, and so its place in the queue, stay.
   */
  void advance(State next, PathNode taken) {
    this.state = next;
    this.stateName = next.name();
    this.path = taken;
    this.previousTimestamp = taken.timestamp;
  }

  /** As {@link #start} would make it: nothing taken, no window running. */
  boolean isFreshStart() {
    return path == null && startRank == NO_START && startTimestamp == -1L
        && previousTimestamp == -1L;
  }

  private static int compareStarts(ComputationState a, ComputationState b) {
    boolean x = a.started();
    boolean y = b.started();
    if (!x || !y) {
      return !x ? (!y ? 0 : 1) : -1;
    }
    int byTime = Long.compare(a.startIdTimestamp, b.startIdTimestamp);
    return byTime != 0 ? byTime : Integer.compare(a.startRank, b.startRank);
  }

  @Override
  public String toString() {
    return stateName + (path == null ? "" : " " + path);
  }
}
