package io.beamcep.patterns.engine;

import java.util.PriorityQueue;

/** One rule version's part of a key's state: Flink's NFAState plus its shared-buffer nodes. */
final class RuleState {
  PriorityQueue<ComputationState> partialMatches = new PriorityQueue<>(ComputationState.ORDER);
  final PriorityQueue<ComputationState> completedMatches =
      new PriorityQueue<>(ComputationState.ORDER);
  final RuleBuffer buffer;
  /** When advanceTime would next change this rule's state; kept current by the matcher. */
  long deadline = Long.MAX_VALUE;

  RuleState(EventStore events) {
    this.buffer = new RuleBuffer(events);
  }

  /** Only start states, nothing buffered: equivalent to a fresh state. */
  boolean isIdle() {
    if (!completedMatches.isEmpty() || !buffer.nodes.isEmpty()) {
      return false;
    }
    for (ComputationState state : partialMatches) {
      if (state.startEventId != null || state.previousEntry != null) {
        return false;
      }
    }
    return true;
  }

  int partialMatchCount() {
    int count = completedMatches.size();
    for (ComputationState state : partialMatches) {
      if (state.startEventId != null) {
        count++;
      }
    }
    return count;
  }
}
