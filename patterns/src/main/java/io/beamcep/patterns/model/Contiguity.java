package io.beamcep.patterns.model;

/** Contiguity between the repetitions of one looping node (the reference's consumingStrategy). */
public enum Contiguity {
  /** {@code consecutive()}: repetitions must be adjacent events. */
  STRICT,
  /** The default: non-matching events between repetitions are skipped. */
  SKIP_TILL_NEXT,
  /** {@code allowCombinations()}: every combination of matching events is tried. */
  SKIP_TILL_ANY
}
