package io.beamcep.patterns.model;

/** How the target of an edge may follow its source, in Flink CEP's terms. */
public enum EdgeType {
  /** {@code next()}: the very next event must match. */
  STRICT,
  /** {@code followedBy()}: non-matching events in between are skipped. */
  SKIP_TILL_NEXT,
  /** {@code followedByAny()}: every later matching event starts its own branch. */
  SKIP_TILL_ANY,
  /** {@code notNext()}: the very next event must not match. */
  NOT_NEXT,
  /** {@code notFollowedBy()}: no matching event may occur before the next step (or window end). */
  NOT_FOLLOW
}
