package io.beamcep.patterns.nfa;

/** What a transition does with the event under test (Flink's StateTransitionAction). */
public enum Action {
  /** Consume the event into the partial match. */
  TAKE,
  /** Skip the event, staying (or moving) without consuming it. */
  IGNORE,
  /** Move to the target without consuming, then evaluate the target's transitions. */
  PROCEED
}
