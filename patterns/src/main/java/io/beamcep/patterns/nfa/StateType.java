package io.beamcep.patterns.nfa;

/** Flink CEP's state kinds; PENDING waits for a trailing notFollowedBy window to close. */
public enum StateType {
  START,
  NORMAL,
  FINAL,
  STOP,
  PENDING
}
