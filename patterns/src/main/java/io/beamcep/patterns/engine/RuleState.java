package io.beamcep.patterns.engine;

import io.beamcep.patterns.nfa.Nfa;
import io.beamcep.patterns.nfa.State;
import java.util.PriorityQueue;

/** One rule version's part of a key's state: Flink's NFAState plus its shared-buffer nodes. */
final class RuleState {
  // small first capacities: most rules of most keys hold one or two partial matches
  PriorityQueue<ComputationState> partialMatches = new PriorityQueue<>(2, ComputationState.ORDER);
  final PriorityQueue<ComputationState> completedMatches =
      new PriorityQueue<>(1, ComputationState.ORDER);
  final RuleBuffer buffer;
  /** When advanceTime would next change this rule's state; kept current by the matcher. */
  long deadline = Long.MAX_VALUE;

  RuleState(EventStore events) {
    this.buffer = new RuleBuffer(events);
  }

  /** Only start states, nothing buffered: equivalent to a fresh state. */
  boolean isIdle() {
    if (!completedMatches.isEmpty() || !buffer.isEmpty()) {
      return false;
    }
    for (ComputationState state : partialMatches) {
      if (state.startEventId != null || state.previousEntry != null) {
        return false;
      }
    }
    return true;
  }

  /**
   * Points every partial match at {@code nfa}'s state of its name: a decoded state knows only the
   * names, and a rule version recompiled by a rule-set refresh has new (equal) state objects.
   */
  void resolveStates(Nfa nfa) {
    for (ComputationState computation : partialMatches) {
      computation.state = resolve(nfa, computation.stateName);
    }
    for (ComputationState computation : completedMatches) {
      computation.state = resolve(nfa, computation.stateName);
    }
  }

  private static State resolve(Nfa nfa, String name) {
    State state = nfa.state(name);
    if (state == null) {
      throw new IllegalStateException(
          "key state refers to automaton state '" + name + "', which the rule does not have");
    }
    return state;
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
