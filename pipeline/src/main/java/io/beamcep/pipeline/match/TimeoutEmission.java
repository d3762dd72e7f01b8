package io.beamcep.pipeline.match;

/** Which rules report partial matches whose window closed. */
public enum TimeoutEmission {
  /** No timeout alerts at all. */
  NONE,
  /** Every rule's timeouts. */
  ALL,
  /** The rules whose function column names a function that emits timeouts. */
  PER_RULE
}
