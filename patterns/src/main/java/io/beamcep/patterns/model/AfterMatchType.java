package io.beamcep.patterns.model;

/** Flink CEP's after-match skip strategies. */
public enum AfterMatchType {
  NO_SKIP,
  SKIP_TO_NEXT,
  SKIP_PAST_LAST_EVENT,
  SKIP_TO_FIRST,
  SKIP_TO_LAST
}
