package io.beamcep.patterns.engine;

import java.util.Comparator;

/**
 * One partial match (Flink's ComputationState): where it is in the automaton, the last buffer node
 * it took, its branch version and window bookkeeping.
 */
final class ComputationState {
  /** Flink's NFAState.COMPUTATION_STATE_COMPARATOR: by start event, start states last. */
  static final Comparator<ComputationState> ORDER =
      Comparator.<ComputationState>comparingLong(
              c -> c.startEventId != null ? c.startEventId.timestamp() : Long.MAX_VALUE)
          .thenComparingInt(c -> c.startEventId != null ? c.startEventId.id() : Integer.MAX_VALUE);

  final String stateName;
  final NodeId previousEntry;
  final DeweyNumber version;
  final long startTimestamp;
  final long previousTimestamp;
  final EventId startEventId;

  ComputationState(
      String stateName,
      NodeId previousEntry,
      DeweyNumber version,
      long startTimestamp,
      long previousTimestamp,
      EventId startEventId) {
    this.stateName = stateName;
    this.previousEntry = previousEntry;
    this.version = version;
    this.startTimestamp = startTimestamp;
    this.previousTimestamp = previousTimestamp;
    this.startEventId = startEventId;
  }

  static ComputationState start(String stateName, DeweyNumber version) {
    return new ComputationState(stateName, null, version, -1L, -1L, null);
  }

  @Override
  public String toString() {
    return stateName + "@" + version + (previousEntry == null ? "" : " " + previousEntry);
  }
}
