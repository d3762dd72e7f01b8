package io.beamcep.patterns.model;

/** The reference's quantifier properties; they combine (e.g. LOOPING + OPTIONAL + GREEDY). */
public enum QuantifierProperty {
  SINGLE,
  LOOPING,
  TIMES,
  OPTIONAL,
  GREEDY
}
